"""Help requests (hulpvragen), their history, triage advice and triage decisions.

A :class:`HelpRequest` is a question a family or professional brings to the first door,
for one or more children of one household: in the family's words, with a short safety
screen and, once a professional looked at it, an assessment. Triage turns request and
assessment into a :class:`TriageAdvice` by the region's rules; the professional then takes
a :class:`TriageDecision`, following the advice or choosing otherwise with a reason.

Every change is a :class:`HelpRequestEvent` in an append-only history; advice and
decisions are append-only too. Writes go through :mod:`dichtbij.requests.services`; the
models hold data and invariants (as database constraints).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.families.models import Child, Household
from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.models import Region
from dichtbij.requests.constants import (
    SCORE_MAX,
    SCORE_MIN,
    Answer,
    Asker,
    CloseReason,
    EventType,
    HelpRequestStatus,
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.utils.append_only import AppendOnlyModel


def _in(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    condition = Q(**{f"{field}__in": choices.values})
    return condition | Q(**{field: ""}) if blank else condition


class HelpRequest(models.Model):
    """A question for help, for one or more children of one household."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="help_requests", verbose_name=_("gezin")
    )
    # Denormalised from the household: audit subjects and region-wide lists use it.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField(
        Child, related_name="help_requests", verbose_name=_("kinderen")
    )

    # Registration: who, as what, and in whose words.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    registered_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    referrer_type = models.CharField(
        _("verwijzertype"),
        max_length=2,
        choices=ReferrerType.choices,
        blank=True,
        help_text=_(
            "Als wie de aanmelder op dat moment verwees (iJw COD327); het gezin zelf: 06. "
            "Leeg voor een professional zonder verwijzertype."
        ),
    )
    source = models.CharField(_("bron"), max_length=20, choices=RequestSource.choices)
    question = models.TextField(_("hulpvraag"), help_text=_("In de woorden van het gezin."))
    asker = models.CharField(_("wie vraagt"), max_length=20, choices=Asker.choices)
    asker_name = models.CharField(_("naam van wie vraagt"), max_length=200, blank=True)
    themes = models.JSONField(
        _("thema's"),
        default=list,
        blank=True,
        help_text=_("Codes van thema's uit de sociale kaart, bv. thema:pesten."),
    )
    duration = models.CharField(
        _("hoe lang speelt het al"), max_length=30, choices=ProblemDuration.choices
    )
    tried_before = models.TextField(_("wat is al geprobeerd"), blank=True)
    ordinary_help_tried = models.BooleanField(_("gewone hulp al geprobeerd"), default=False)

    # Safety screen.
    unsafe_at_home = models.CharField(
        _("is iemand thuis niet veilig"), max_length=10, choices=Answer.choices
    )
    risk_of_harm = models.CharField(
        _("risico op schade aan zichzelf of anderen"), max_length=10, choices=Answer.choices
    )
    safety_note = models.TextField(_("toelichting veiligheid"), blank=True)

    # Assessment by the professional (empty until assessed).
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices, blank=True)
    ordinary_help_enough = models.CharField(
        _("is gewone hulp genoeg"), max_length=10, choices=Answer.choices, blank=True
    )
    lowest_score = models.PositiveSmallIntegerField(
        _("laagste score zelfredzaamheid"),
        null=True,
        blank=True,
        help_text=_("1 acuut probleem … 5 volledig zelfredzaam, op het zwakste leefdomein."),
    )
    assessment_note = models.TextField(_("toelichting beoordeling"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    assessed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    # Where it stands.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.REGISTERED,
    )
    urgency = models.CharField(
        _("urgentie"),
        max_length=10,
        choices=Urgency.choices,
        blank=True,
        help_text=_("Uit het advies, daarna uit het besluit."),
    )
    outcome = models.CharField(
        _("besloten uitkomst"), max_length=30, choices=TriageOutcome.choices, blank=True
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    close_reason = models.CharField(
        _("reden afsluiten"), max_length=30, choices=CloseReason.choices, blank=True
    )
    close_note = models.TextField(_("toelichting afsluiten"), blank=True)

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="helprequest_question_required"),
            models.CheckConstraint(
                condition=_in("referrer_type", ReferrerType, blank=True),
                name="helprequest_referrer_type_valid",
            ),
            models.CheckConstraint(
                condition=_in("source", RequestSource), name="helprequest_source_valid"
            ),
            models.CheckConstraint(
                condition=~Q(source=RequestSource.FAMILY)
                | Q(referrer_type=ReferrerType.SELF_REFERRAL),
                name="helprequest_family_is_self_referral",
            ),
            models.CheckConstraint(condition=_in("asker", Asker), name="helprequest_asker_valid"),
            models.CheckConstraint(
                condition=_in("duration", ProblemDuration), name="helprequest_duration_valid"
            ),
            models.CheckConstraint(
                condition=_in("unsafe_at_home", Answer), name="helprequest_unsafe_valid"
            ),
            models.CheckConstraint(
                condition=_in("risk_of_harm", Answer), name="helprequest_risk_valid"
            ),
            models.CheckConstraint(
                condition=_in("severity", Severity, blank=True), name="helprequest_severity_valid"
            ),
            models.CheckConstraint(
                condition=_in("ordinary_help_enough", Answer, blank=True),
                name="helprequest_enough_valid",
            ),
            models.CheckConstraint(
                condition=Q(lowest_score__isnull=True)
                | Q(lowest_score__gte=SCORE_MIN, lowest_score__lte=SCORE_MAX),
                name="helprequest_score_in_range",
            ),
            # Assessed means: severity and "is ordinary help enough" given, with a time.
            models.CheckConstraint(
                condition=Q(severity="", ordinary_help_enough="", assessed_at__isnull=True)
                | (~Q(severity="") & ~Q(ordinary_help_enough="") & Q(assessed_at__isnull=False)),
                name="helprequest_assessment_complete",
            ),
            models.CheckConstraint(
                condition=_in("status", HelpRequestStatus), name="helprequest_status_valid"
            ),
            models.CheckConstraint(
                condition=_in("urgency", Urgency, blank=True), name="helprequest_urgency_valid"
            ),
            models.CheckConstraint(
                condition=_in("outcome", TriageOutcome, blank=True),
                name="helprequest_outcome_valid",
            ),
            models.CheckConstraint(
                condition=_in("close_reason", CloseReason, blank=True),
                name="helprequest_close_reason_valid",
            ),
            # Advised or decided: there is an urgency; decided: there is an outcome.
            models.CheckConstraint(
                condition=~Q(status__in=[HelpRequestStatus.ADVISED, HelpRequestStatus.DECIDED])
                | ~Q(urgency=""),
                name="helprequest_advised_has_urgency",
            ),
            models.CheckConstraint(
                condition=~Q(status=HelpRequestStatus.DECIDED) | ~Q(outcome=""),
                name="helprequest_decided_has_outcome",
            ),
            # Closed exactly when a close time and reason are recorded.
            models.CheckConstraint(
                condition=Q(status=HelpRequestStatus.CLOSED, closed_at__isnull=False)
                & ~Q(close_reason="")
                | ~Q(status=HelpRequestStatus.CLOSED) & Q(closed_at__isnull=True, close_reason=""),
                name="helprequest_closed_with_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["household", "registered_at"], name="helprequest_household"),
            models.Index(fields=["region", "status"], name="helprequest_region_status"),
            models.Index(fields=["registered_by", "household"], name="helprequest_registrant"),
        ]

    @override
    def __str__(self) -> str:
        return str(_("Hulpvraag %(id)s") % {"id": str(self.public_id)[:8]})

    def audit_subject(self) -> tuple[str, str]:
        """The audit log refers to the household the request belongs to."""
        return ("household", str(self.household.public_id))

    @property
    def is_assessed(self) -> bool:
        return self.assessed_at is not None

    @property
    def safety_concern(self) -> bool:
        """Someone is unsafe at home or at risk of harm, according to the safety screen."""
        return Answer.YES in (self.unsafe_at_home, self.risk_of_harm)


class HelpRequestEvent(AppendOnlyModel):
    """One thing that happened to a help request; never changed (append-only).

    ``parameters`` holds what the type needs (JSON: codes and ids, never names).
    ``backfilled`` marks rows a migration made rather than the action itself.
    """

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(_("soort"), max_length=40, choices=EventType.choices)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parameters = models.JSONField(_("gegevens"), default=dict, blank=True)
    backfilled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("gebeurtenis van een hulpvraag")
        verbose_name_plural = _("gebeurtenissen van hulpvragen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_in("type", EventType), name="helprequestevent_type_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["help_request", "created_at"], name="hrevent_request_time"),
            models.Index(fields=["region", "type", "created_at"], name="hrevent_region_type_time"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.type} @ {self.created_at:%Y-%m-%d %H:%M}"


class TriageAdvice(AppendOnlyModel):
    """What the region's triage rules advised for a request, and why; never changed.

    ``reasons`` is a list of ``{"code", "text"}`` (the matched rule first, then the
    region's text for the outcome); ``offers`` a snapshot of sociale-kaart services
    (``service_id``, ``name``, ``organisation``, ``why``, ``referral_required``);
    ``facts`` the facts the rules saw. ``rules_version`` and ``rules_hash`` name the rule
    set. A new advice (after a new assessment) does not replace an earlier one: the latest
    counts.
    """

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="triage_advices"
    )
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=TriageOutcome.choices)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    rule_code = models.CharField(_("regel"), max_length=50)
    reasons = models.JSONField(_("redenen"), default=list)
    offers = models.JSONField(_("aanbod"), default=list, blank=True)
    facts = models.JSONField(_("feiten"), default=dict)
    rules_version = models.CharField(_("versie van de regels"), max_length=50)
    rules_hash = models.CharField(_("hash van de regels"), max_length=64)

    class Meta:
        verbose_name = _("triage-advies")
        verbose_name_plural = _("triage-adviezen")
        ordering = ["created_at", "id"]
        get_latest_by = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_in("outcome", TriageOutcome), name="triageadvice_outcome_valid"
            ),
            models.CheckConstraint(
                condition=_in("urgency", Urgency), name="triageadvice_urgency_valid"
            ),
            models.CheckConstraint(condition=~Q(rule_code=""), name="triageadvice_rule_required"),
        ]
        indexes = [
            models.Index(fields=["help_request", "created_at"], name="triageadvice_request_time"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.outcome}/{self.urgency} ({self.rule_code})"


class TriageDecision(AppendOnlyModel):
    """What the professional decided after the advice; one per request, never changed.

    ``advised_outcome`` and ``advised_urgency`` copy the advice, so that the database
    holds ``followed_advice`` true exactly when the choice equals it, and a reason is
    required when it does not (how often advice is overridden is a monitoring figure).
    """

    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.CASCADE, related_name="triage_decision"
    )
    advice = models.ForeignKey(TriageAdvice, on_delete=models.PROTECT, related_name="decisions")
    advised_outcome = models.CharField(max_length=30, choices=TriageOutcome.choices)
    advised_urgency = models.CharField(max_length=10, choices=Urgency.choices)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=TriageOutcome.choices)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    followed_advice = models.BooleanField(_("advies gevolgd"))
    override_reason = models.TextField(_("reden om af te wijken"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("triagebesluit")
        verbose_name_plural = _("triagebesluiten")
        constraints = [
            models.CheckConstraint(
                condition=_in("outcome", TriageOutcome) & _in("advised_outcome", TriageOutcome),
                name="triagedecision_outcome_valid",
            ),
            models.CheckConstraint(
                condition=_in("urgency", Urgency) & _in("advised_urgency", Urgency),
                name="triagedecision_urgency_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    followed_advice=True,
                    outcome=F("advised_outcome"),
                    urgency=F("advised_urgency"),
                )
                | Q(followed_advice=False)
                & (~Q(outcome=F("advised_outcome")) | ~Q(urgency=F("advised_urgency"))),
                name="triagedecision_followed_matches_advice",
            ),
            models.CheckConstraint(
                condition=Q(followed_advice=True) | ~Q(override_reason=""),
                name="triagedecision_override_reason_required",
            ),
        ]
        indexes = [
            models.Index(fields=["followed_advice", "decided_at"], name="triagedecision_followed"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.outcome}/{self.urgency}"
