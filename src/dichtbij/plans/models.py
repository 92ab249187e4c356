"""Family plans (gezinsplan / perspectiefplan): one per household, versioned.

A :class:`FamilyPlan` is the plan's identity and a few denormalised facts that the
caseload needs without reading JSON (current version, next evaluation date, regie, the
last version the family agreed to). Its history is append-only: every change is a new
:class:`PlanVersion` whose ``content`` is a validated :class:`~dichtbij.plans.schema.PlanContent`;
the family's agreement to a version is a :class:`PlanAgreement`; each evaluation moment is
a :class:`PlanEvaluation` with a result per goal (:class:`PlanEvaluationGoal`) and the
domain scores at that moment (:class:`PlanEvaluationScore`).

Writes go through :mod:`dichtbij.plans.services`; reads through :mod:`dichtbij.plans.selectors`.
"""

from __future__ import annotations

import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.families.models import Household
from dichtbij.plans.constants import AgreementMethod, GoalResult, PlanLead
from dichtbij.plans.schema import PlanContent, plan_content_validate
from dichtbij.regions.models import Region
from dichtbij.utils.append_only import AppendOnlyModel


class FamilyPlan(models.Model):
    """The one plan of a household. Its content lives in :class:`PlanVersion` rows."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="plan")
    # Denormalised from the household: the caseload filters plans by region first.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    current_version_number = models.PositiveIntegerField(_("huidige versie"), default=1)
    agreed_version_number = models.PositiveIntegerField(
        _("laatste versie met akkoord"),
        null=True,
        blank=True,
        help_text=_("De nieuwste versie waarmee het gezin akkoord ging."),
    )
    lead = models.CharField(
        _("regie"), max_length=20, choices=PlanLead.choices, default=PlanLead.FAMILY
    )
    lead_since = models.DateField(_("regie sinds"), null=True, blank=True)
    next_evaluation_on = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    last_evaluated_on = models.DateField(_("laatst geëvalueerd"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(lead__in=PlanLead.values), name="familyplan_lead_valid"
            ),
            models.CheckConstraint(
                condition=Q(current_version_number__gte=1), name="familyplan_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(agreed_version_number__isnull=True)
                | Q(
                    agreed_version_number__gte=1,
                    agreed_version_number__lte=F("current_version_number"),
                ),
                name="familyplan_agreed_version_exists",
            ),
        ]
        indexes = [
            models.Index(
                fields=["region", "next_evaluation_on"], name="familyplan_region_next_eval"
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.household} (versie {self.current_version_number})"

    @property
    def is_agreed(self) -> bool:
        """Whether the family agreed to the current version."""
        return self.agreed_version_number == self.current_version_number

    def audit_subject(self) -> tuple[str, str]:
        """The audit log refers to the household the plan is about."""
        return ("household", str(self.household.public_id))


class PlanVersion(AppendOnlyModel):
    """One version of a plan: written once, never changed."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    content = models.JSONField(
        _("inhoud"), help_text=_("Een PlanContent: scores, doelen, acties, regie.")
    )
    change_note = models.CharField(_("wat is er veranderd"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("versie van een gezinsplan")
        verbose_name_plural = _("versies van gezinsplannen")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="planversion_number_positive"),
        ]

    @override
    def __str__(self) -> str:
        return f"versie {self.number}"

    @cached_property
    def plan_content(self) -> PlanContent:
        """The stored content as a :class:`PlanContent` (not re-checked against the region)."""
        return plan_content_validate(self.content, domains=None)


class PlanAgreement(AppendOnlyModel):
    """The family agreed to one version of the plan: how, when and who."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="agreements")
    method = models.CharField(_("hoe"), max_length=20, choices=AgreementMethod.choices)
    agreed_on = models.DateField(_("akkoord op"))
    agreed_by = models.CharField(
        _("akkoord van"),
        max_length=300,
        help_text=_("Namen van de jeugdige en de ouders die akkoord gaven."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("akkoord op een gezinsplan")
        verbose_name_plural = _("akkoorden op gezinsplannen")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=AgreementMethod.values), name="planagreement_method_valid"
            ),
            models.CheckConstraint(
                condition=~Q(agreed_by=""), name="planagreement_agreed_by_required"
            ),
        ]


class PlanEvaluation(AppendOnlyModel):
    """An evaluation moment: results per goal of ``version``, scores and a note."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="evaluations")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("geëvalueerd op"))
    note = models.TextField(_("toelichting"), blank=True)
    next_evaluation_on = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluatie van een gezinsplan")
        verbose_name_plural = _("evaluaties van gezinsplannen")
        ordering = ["evaluated_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_evaluation_on__isnull=True)
                | Q(next_evaluation_on__gt=F("evaluated_on")),
                name="planevaluation_next_after_this",
            ),
        ]


class PlanEvaluationGoal(AppendOnlyModel):
    """The result of one goal at an evaluation."""

    evaluation = models.ForeignKey(
        PlanEvaluation, on_delete=models.CASCADE, related_name="goal_results"
    )
    goal_id = models.CharField(_("doel"), max_length=36)
    result = models.CharField(_("resultaat"), max_length=20, choices=GoalResult.choices)
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("resultaat van een doel")
        verbose_name_plural = _("resultaten van doelen")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "goal_id"], name="planevaluationgoal_unique_goal"
            ),
            models.CheckConstraint(
                condition=Q(result__in=GoalResult.values), name="planevaluationgoal_result_valid"
            ),
        ]


class PlanEvaluationScore(AppendOnlyModel):
    """The self-reliance score of one life domain at an evaluation (1–5)."""

    evaluation = models.ForeignKey(PlanEvaluation, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("leefdomein"), max_length=50)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score bij een evaluatie")
        verbose_name_plural = _("scores bij evaluaties")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "domain"], name="planevaluationscore_unique_domain"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="planevaluationscore_score_1_to_5"
            ),
        ]
