"""Referrals to specialist help, their history, flags, trajectories and notifications.

A :class:`Referral` comes from a help request: a referrer of a type the region allows asks
a specialist team (or, in the lead-provider model, a provider) to help one child of a
household with a question and goals of the family plan. Its status follows the table in
:mod:`dichtbij.referrals.constants`; every transition is a :class:`ReferralEvent` in an
append-only history. Capacity is never a counter: a team's load is its live referrals.

In the lead-provider model (Amsterdam) the accepting provider becomes hoofdaannemer of a
:class:`Trajectory` (one open :class:`TrajectoryLead` at a time) and may add
:class:`Subcontract` parts of other providers while staying responsible.

Timers raise a :class:`ReferralFlag` once per referral and kind. Status changes give
in-app :class:`Notification` rows and an e-mail in the :class:`OutgoingMail` outbox,
delivered by the worker (``dichtbij worker``).

Writes go through :mod:`dichtbij.referrals.services`; the models hold data and invariants.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.models import Organisation
from dichtbij.families.constants import LegalGround
from dichtbij.families.models import Child, Consent, DataShare, Household
from dichtbij.network.models import Expertise, Provider, SpecialistTeam
from dichtbij.plans.constants import GoalResult
from dichtbij.referrals.constants import (
    EndReason,
    EventType,
    FlagKind,
    NotificationKind,
    ReferralStatus,
    RejectReason,
    Urgency,
    urgency_priority,
)
from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.models import Region
from dichtbij.requests.models import HelpRequest
from dichtbij.utils.append_only import AppendOnlyModel


def _in(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    condition = Q(**{f"{field}__in": choices.values})
    return condition | Q(**{field: ""}) if blank else condition


def _urgency_priority_agrees() -> Q:
    condition = Q()
    for urgency in Urgency:
        condition |= Q(urgency=urgency.value, priority=urgency_priority(urgency))
    return condition


class Referral(models.Model):
    """A referral of one child to specialist help."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("gezin")
    )
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("jeugdige")
    )
    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("hulpvraag"),
    )

    # Who refers, as what, from where (snapshots at creation).
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals_made",
        verbose_name=_("verwijzer"),
    )
    referrer_type = models.CharField(
        _("verwijzertype"),
        max_length=2,
        choices=ReferrerType.choices,
        help_text=_("Als wie de verwijzer verwees (iJw COD327), vastgelegd bij het opstellen."),
    )
    referrer_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie van de verwijzer"),
    )

    # What is asked.
    question = models.TextField(_("vraag"), help_text=_("De hulpvraag voor het team."))
    goals = models.JSONField(
        _("doelen"),
        default=list,
        blank=True,
        help_text=_("Doelen uit het gezinsplan: lijst van {id, text, domain} (momentopname)."),
    )
    plan_version = models.PositiveIntegerField(
        _("versie van het gezinsplan"), null=True, blank=True
    )
    expertise = models.ManyToManyField(
        Expertise, related_name="referrals", blank=True, verbose_name=_("nodige expertise")
    )
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    #: Sort key of ``urgency`` (0 spoed, 1 hoog, 2 normaal) so the waiting list can use an index.
    priority = models.PositiveSmallIntegerField(_("prioriteit"), editable=False)

    # On what sharing rests: the family's consent (purpose referral) or a legal ground.
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("toestemming"),
    )
    legal_ground = models.CharField(
        _("wettelijke grond"), max_length=30, choices=LegalGround.choices, blank=True
    )
    legal_ground_explanation = models.TextField(_("toelichting wettelijke grond"), blank=True)
    share = models.ForeignKey(
        DataShare,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        help_text=_("Het delen met het team bij het versturen."),
    )

    # Where it stands and who has it.
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    team = models.ForeignKey(
        SpecialistTeam,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("team"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("aanbieder"),
        help_text=_("Alleen in het model met een hoofdaannemer: de gekozen aanbieder."),
    )
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_(
            "De organisatie van het gekozen team of de aanbieder, vanaf het versturen: "
            "haar medewerkers zien de verwijzing."
        ),
    )
    assigned_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_assigned",
        verbose_name=_("hulpverlener"),
    )
    expected_start = models.DateField(_("verwachte start"), null=True, blank=True)

    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    started_on = models.DateField(_("hulp gestart op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    reject_reason = models.CharField(
        _("reden afwijzing"), max_length=30, choices=RejectReason.choices, blank=True
    )
    end_reason = models.CharField(
        _("reden beëindiging"),
        max_length=2,
        choices=EndReason.choices,
        blank=True,
        help_text=_("iJw JZ588."),
    )
    status_note = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("De laatste toelichting bij afwijzen, annuleren of mislukken."),
    )

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_in("status", ReferralStatus), name="referral_status_valid"
            ),
            models.CheckConstraint(
                condition=_in("urgency", Urgency), name="referral_urgency_valid"
            ),
            models.CheckConstraint(
                condition=_urgency_priority_agrees(), name="referral_priority_matches_urgency"
            ),
            models.CheckConstraint(
                condition=_in("referrer_type", ReferrerType), name="referral_referrer_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("end_reason", EndReason, blank=True),
                name="referral_end_reason_valid",
            ),
            models.CheckConstraint(
                condition=_in("reject_reason", RejectReason, blank=True),
                name="referral_reject_reason_valid",
            ),
            models.CheckConstraint(
                condition=_in("legal_ground", LegalGround, blank=True),
                name="referral_legal_ground_valid",
            ),
            models.CheckConstraint(condition=~Q(question=""), name="referral_question_required"),
            # Sharing rests on exactly one basis: consent, or a legal ground explained.
            models.CheckConstraint(
                condition=Q(consent__isnull=False, legal_ground="")
                | Q(consent__isnull=True) & ~Q(legal_ground="") & ~Q(legal_ground_explanation=""),
                name="referral_one_basis",
            ),
            # Never both a team and a provider; once sent, exactly one of them.
            models.CheckConstraint(
                condition=Q(team__isnull=True) | Q(provider__isnull=True),
                name="referral_not_team_and_provider",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True)
                | (Q(team__isnull=False) | Q(provider__isnull=False))
                & Q(recipient_organisation__isnull=False),
                name="referral_sent_to_team_or_provider",
            ),
            # A draft is not sent; every status after it but a cancelled draft is.
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DRAFT) | Q(sent_at__isnull=True),
                name="referral_draft_not_sent",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ReferralStatus.DRAFT, ReferralStatus.CANCELLED])
                | Q(sent_at__isnull=False),
                name="referral_sent_at_when_sent",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.REJECTED)
                | ~Q(reject_reason="") & ~Q(status_note=""),
                name="referral_rejected_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.COMPLETED) | ~Q(end_reason=""),
                name="referral_completed_with_end_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ReferralStatus.CANCELLED, ReferralStatus.FAILED])
                | ~Q(status_note=""),
                name="referral_ended_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        ReferralStatus.ACCEPTED,
                        ReferralStatus.IN_PROGRESS,
                        ReferralStatus.ON_HOLD,
                        ReferralStatus.COMPLETED,
                    ]
                )
                | Q(accepted_at__isnull=False),
                name="referral_accepted_at_when_accepted",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        ReferralStatus.IN_PROGRESS,
                        ReferralStatus.ON_HOLD,
                        ReferralStatus.COMPLETED,
                    ]
                )
                | Q(started_on__isnull=False),
                name="referral_started_on_when_started",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(sent_at__gte=F("created_at")),
                name="referral_sent_after_created",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("created_at")),
                name="referral_ended_after_created",
            ),
        ]
        indexes = [
            # The team's inbox: sent, undecided, most urgent and oldest first.
            models.Index(
                fields=["team", "priority", "sent_at", "id"],
                condition=Q(status__in=[ReferralStatus.REQUESTED, ReferralStatus.RECEIVED]),
                name="referral_team_inbox",
            ),
            # The waiting list: accepted, not started, most urgent and longest waiting first.
            models.Index(
                fields=["team", "priority", "sent_at", "id"],
                condition=Q(status=ReferralStatus.ACCEPTED),
                name="referral_team_waiting",
            ),
            # Load: live referrals per team (and professional).
            models.Index(fields=["team", "status"], name="referral_team_status"),
            models.Index(fields=["provider", "status"], name="referral_provider_status"),
            models.Index(fields=["recipient_organisation", "status"], name="referral_recipient"),
            models.Index(fields=["referrer", "created_at"], name="referral_referrer_time"),
            models.Index(fields=["household", "created_at"], name="referral_household_time"),
            models.Index(fields=["region", "status"], name="referral_region_status"),
        ]

    @override
    def __str__(self) -> str:
        return str(_("Verwijzing %(id)s") % {"id": str(self.public_id)[:8]})

    def audit_subject(self) -> tuple[str, str]:
        """The audit log refers to the household the referral belongs to."""
        return ("household", str(self.household.public_id))

    @property
    def goal_ids(self) -> list[str]:
        return [str(goal["id"]) for goal in self.goals]

    @property
    def recipient_name(self) -> str:
        """The chosen team or provider, or empty in a draft."""
        if self.team is not None:
            return self.team.name
        if self.provider is not None:
            return self.provider.name
        return ""


class ReferralEvent(AppendOnlyModel):
    """One thing that happened to a referral; never changed (append-only).

    A transition has ``from_status`` and ``to_status``; other events (a subcontract, a
    timer flag) leave them equal. ``reason`` is the reason a person gave (rejecting,
    cancelling); ``parameters`` holds codes and ids, never names.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(_("soort"), max_length=40, choices=EventType.choices)
    from_status = models.CharField(
        _("van"), max_length=20, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("naar"), max_length=20, choices=ReferralStatus.choices)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reden"), blank=True)
    parameters = models.JSONField(_("gegevens"), default=dict, blank=True)
    backfilled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("gebeurtenis van een verwijzing")
        verbose_name_plural = _("gebeurtenissen van verwijzingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_in("type", EventType), name="referralevent_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("from_status", ReferralStatus, blank=True)
                & _in("to_status", ReferralStatus),
                name="referralevent_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["referral", "created_at"], name="refevent_referral_time"),
            models.Index(fields=["region", "type", "created_at"], name="refevent_region_type_time"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.type} {self.from_status}->{self.to_status}"


class ReferralGoalResult(AppendOnlyModel):
    """The result of one goal of a completed referral (as at a plan evaluation)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="goal_results")
    goal_id = models.CharField(_("doel"), max_length=36)
    result = models.CharField(_("resultaat"), max_length=20, choices=GoalResult.choices)
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("resultaat van een doel van een verwijzing")
        verbose_name_plural = _("resultaten van doelen van verwijzingen")
        ordering = ["referral", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "goal_id"], name="referralgoalresult_unique_goal"
            ),
            models.CheckConstraint(
                condition=_in("result", GoalResult), name="referralgoalresult_result_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.goal_id}: {self.result}"


class ReferralFlag(models.Model):
    """A timer ran out for a referral: raised once per referral and kind.

    ``resolved_at`` is set when the referral leaves the status the timer waited in.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("soort"), max_length=20, choices=FlagKind.choices)
    due_on = models.DateField(_("uiterlijk op"), help_text=_("De laatste werkdag van de termijn."))
    raised_at = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    resolved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal bij een verwijzing")
        verbose_name_plural = _("signalen bij verwijzingen")
        ordering = ["raised_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "kind"], name="referralflag_unique_kind"),
            models.CheckConstraint(condition=_in("kind", FlagKind), name="referralflag_kind_valid"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.kind} ({self.referral_id})"


class Trajectory(models.Model):
    """The whole help after a referral in the lead-provider model (traject)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="trajectory")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("begonnen op"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="trajectory_end_after_start",
            ),
        ]

    @override
    def __str__(self) -> str:
        return str(_("Traject %(id)s") % {"id": str(self.public_id)[:8]})

    def audit_subject(self) -> tuple[str, str]:
        return ("household", str(self.referral.household.public_id))


class TrajectoryLead(models.Model):
    """A provider responsible for a whole trajectory (hoofdaannemer), for a period."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="leads")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="leads")
    started_at = models.DateTimeField(_("vanaf"), default=timezone.now)
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("hoofdaannemer van een traject")
        verbose_name_plural = _("hoofdaannemers van trajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(ended_at__isnull=True),
                name="trajectorylead_one_open_lead",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="trajectorylead_end_after_start",
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.provider_id} @ {self.trajectory_id}"


class Subcontract(models.Model):
    """A part of a trajectory delivered by another provider (onderaannemer); the lead
    provider stays responsible."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="subcontracts"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="subcontracts", verbose_name=_("aanbieder")
    )
    description = models.TextField(_("welk deel"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("onderaanneming")
        verbose_name_plural = _("onderaannemingen")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""), name="subcontract_description_required"
            ),
            models.UniqueConstraint(
                fields=["trajectory", "provider"],
                condition=Q(ended_at__isnull=True),
                name="subcontract_one_open_per_provider",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("added_at")),
                name="subcontract_end_after_start",
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.provider_id} @ {self.trajectory_id}"


class Notification(models.Model):
    """An in-app message for a user about a referral. Shows no personal data by itself:
    the page shows the referral (with need to know) when the user opens it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_notifications"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReferralStatus.choices,
        blank=True,
        help_text=_("De status van de verwijzing op dat moment."),
    )
    flag_kind = models.CharField(_("signaal"), max_length=20, choices=FlagKind.choices, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_in("kind", NotificationKind), name="notification_kind_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recipient"),
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.kind} voor {self.recipient_id}"


class OutgoingMail(models.Model):
    """An e-mail waiting for the worker (outbox). Subject and body carry no personal
    data: only that something changed, and a link to log in."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="mail"
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                condition=Q(sent_at__isnull=True),
                name="outgoingmail_pending",
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"mail {self.pk} ({'verstuurd' if self.sent_at else 'wacht'})"
