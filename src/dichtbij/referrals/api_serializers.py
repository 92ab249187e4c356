"""Serializers of the referrals API: the shape of what goes in and comes out, nothing more.

Input serializers check types, code lists and that ids point at something; whether a
step may be taken (who, from which status, capacity, consent, dates) is for the
services, whose refusals name the same fields as these serializers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.families.constants import LegalGround
from dichtbij.network.models import Provider, SpecialistTeam
from dichtbij.referrals.constants import (
    EndReason,
    EventType,
    GoalResult,
    ReferralStatus,
    RejectReason,
    Urgency,
)
from dichtbij.referrals.matching import ContinuityLevel, Part, ScorePart, TeamMatch
from dichtbij.referrals.models import Referral, ReferralEvent, Subcontract, Trajectory
from dichtbij.regions.constants import ReferrerType
from dichtbij.utils.serializers import CodeChoiceField

# --- output ------------------------------------------------------------------------------


class ReferralGoalSerializer(serializers.Serializer[dict[str, str]]):
    id = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    domain = serializers.CharField(read_only=True)


class ReferralOutSerializer(serializers.Serializer[Referral]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    child = serializers.UUIDField(source="child.public_id", read_only=True)
    help_request = serializers.UUIDField(source="help_request.public_id", read_only=True)
    status = CodeChoiceField(choices=ReferralStatus.choices, read_only=True)
    urgency = CodeChoiceField(choices=Urgency.choices, read_only=True)
    referrer_type = serializers.CharField(
        read_only=True, help_text=_("iJw COD327-code van de verwijzer.")
    )
    team = serializers.IntegerField(source="team_id", read_only=True, allow_null=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True, allow_null=True)
    question = serializers.CharField(read_only=True)
    goals = ReferralGoalSerializer(
        many=True,
        read_only=True,
        help_text=_("De doelen uit het gezinsplan zoals ze bij het opstellen waren."),
    )
    plan_version = serializers.IntegerField(read_only=True, allow_null=True)
    expertise = serializers.SerializerMethodField()
    consent = serializers.UUIDField(source="consent.public_id", read_only=True, allow_null=True)
    legal_ground = serializers.CharField(
        read_only=True, help_text=_("Leeg als de verwijzing op toestemming rust.")
    )
    assigned_professional = serializers.IntegerField(
        source="assigned_professional_id", read_only=True, allow_null=True
    )
    created_at = serializers.DateTimeField(read_only=True)
    sent_at = serializers.DateTimeField(read_only=True, allow_null=True)
    received_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    accepted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expected_start = serializers.DateField(read_only=True, allow_null=True)
    started_on = serializers.DateField(read_only=True, allow_null=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reject_reason = serializers.CharField(read_only=True, help_text=_("Leeg tenzij afgewezen."))
    end_reason = serializers.CharField(
        read_only=True, help_text=_("iJw JZ588; leeg zolang de verwijzing loopt.")
    )
    status_note = serializers.CharField(
        read_only=True, help_text=_("De toelichting bij afwijzen, annuleren of mislukken.")
    )
    goal_results = serializers.SerializerMethodField(
        help_text=_("Resultaat per doel-id, na afronden; anders leeg.")
    )

    def get_expertise(self, referral: Referral) -> list[str]:
        return [item.code for item in referral.expertise.all()]

    @extend_schema_field(serializers.DictField(child=CodeChoiceField(choices=GoalResult.choices)))
    def get_goal_results(self, referral: Referral) -> dict[str, str]:
        return {row.goal_id: row.result for row in referral.goal_results.all()}


class ReferralEventOutSerializer(serializers.Serializer[ReferralEvent]):
    type = CodeChoiceField(choices=EventType.choices, read_only=True)
    from_status = serializers.CharField(read_only=True)
    to_status = CodeChoiceField(choices=ReferralStatus.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(read_only=True)


class ScorePartOutSerializer(serializers.Serializer[ScorePart]):
    part = CodeChoiceField(choices=[(p.value, p.value) for p in Part], read_only=True)
    # A field named "label" shadows Field.label in the stubs; DRF itself allows it.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    points = serializers.IntegerField(read_only=True)
    max_points = serializers.IntegerField(read_only=True)
    reason = serializers.CharField(read_only=True, help_text=_("Stabiele code van de reden."))
    explanation = serializers.CharField(
        read_only=True, help_text=_("De reden in gewoon Nederlands.")
    )


CONTINUITY_CHOICES = [(level.name.lower(), level.name.lower()) for level in ContinuityLevel]


class TeamMatchOutSerializer(serializers.Serializer[TeamMatch]):
    team = serializers.IntegerField(
        source="team_id",
        read_only=True,
        allow_null=True,
        help_text=_("Het team; leeg in het model met een hoofdaannemer."),
    )
    provider = serializers.IntegerField(
        source="provider_id",
        read_only=True,
        allow_null=True,
        help_text=_("De aanbieder die hoofdaannemer kan zijn (alleen in dat model)."),
    )
    name = serializers.CharField(read_only=True)
    score = serializers.IntegerField(read_only=True, help_text=_("0-100, de som van de delen."))
    continuity = serializers.SerializerMethodField(
        help_text=_(
            "Wie het gezin al kent; gaat vóór de score: own_professional, running_help, "
            "named_in_plan, earlier_team, none."
        )
    )
    parts = ScorePartOutSerializer(many=True, read_only=True)
    covered_expertise = serializers.ListField(child=serializers.CharField(), read_only=True)
    missing_expertise = serializers.ListField(child=serializers.CharField(), read_only=True)
    expected_wait_weeks = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Verwachte wachttijd in weken; leeg als het team geen plafond opgaf."),
    )
    free_places = serializers.IntegerField(read_only=True)
    known_professional_ids = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("Hulpverleners die het gezin kennen: een suggestie, nooit toegewezen."),
    )
    school_professional_ids = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("Vaste gezichten van het team op de school van het kind."),
    )
    team_ids = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("Bij een aanbieder: de teams die het kind bereiken."),
    )

    @extend_schema_field(CodeChoiceField(choices=CONTINUITY_CHOICES))
    def get_continuity(self, match: TeamMatch) -> str:
        return match.continuity.name.lower()


class SubcontractOutSerializer(serializers.Serializer[Subcontract]):
    id = serializers.IntegerField(read_only=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    description = serializers.CharField(read_only=True)
    added_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)


class TrajectoryOutSerializer(serializers.Serializer[Trajectory]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    referral = serializers.UUIDField(source="referral.public_id", read_only=True)
    started_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)
    lead_provider = serializers.SerializerMethodField(
        help_text=_("De hoofdaannemer nu; leeg als het traject is afgesloten.")
    )
    subcontracts = SubcontractOutSerializer(many=True, read_only=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_lead_provider(self, trajectory: Trajectory) -> int | None:
        return next(
            (lead.provider_id for lead in trajectory.leads.all() if lead.ended_at is None), None
        )


# --- input -------------------------------------------------------------------------------


class _RegionUserField(serializers.PrimaryKeyRelatedField[User]):
    """A user of the caller's region, by id: whether they work in the team is the
    service's question."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.filter(is_active=True), **kwargs)

    @override
    def get_queryset(self) -> QuerySet[User]:
        request = self.context.get("request")
        region_id: int | None = getattr(getattr(request, "user", None), "region_id", None)
        if region_id is None:
            return User.objects.none()
        return User.objects.filter(is_active=True, region_id=region_id)


class ReferralInSerializer(serializers.Serializer[dict[str, Any]]):
    help_request = serializers.UUIDField(help_text=_("Id van de hulpvraag waaruit u verwijst."))
    child = serializers.UUIDField(help_text=_("Id van het kind (van het gezin van de hulpvraag)."))
    question = serializers.CharField(
        max_length=5000, help_text=_("De vraag aan het specialistische team.")
    )
    goal_ids = serializers.ListField(
        child=serializers.CharField(max_length=36),
        required=False,
        default=list,
        help_text=_("Ids van doelen uit de huidige versie van het gezinsplan (mag leeg)."),
    )
    expertise_codes = serializers.ListField(
        child=serializers.CharField(max_length=50),
        help_text=_("Codes van de nodige expertise uit de lijst van de regio (minstens één)."),
    )
    urgency = CodeChoiceField(
        choices=Urgency.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Leeg: de urgentie van het triagebesluit."),
    )
    consent = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Toestemming van het gezin (doel: verwijzing); of legal_ground."),
    )
    legal_ground = CodeChoiceField(
        choices=LegalGround.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Verwijzen zonder toestemming op deze grond; dan is explanation verplicht."),
    )
    explanation = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    referrer_type = CodeChoiceField(
        choices=ReferrerType.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Als wie u verwijst (COD327); moet uw vastgelegde verwijzertype zijn."),
    )


class SendInSerializer(serializers.Serializer[dict[str, Any]]):
    team = serializers.PrimaryKeyRelatedField(
        queryset=SpecialistTeam.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Het gekozen team (uit /matches)."),
    )
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Provider.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Alleen in het model met een hoofdaannemer: de gekozen aanbieder."),
    )


class AcceptInSerializer(serializers.Serializer[dict[str, Any]]):
    expected_start = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("Niet in het verleden.")
    )
    professional = _RegionUserField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("De hulpverlener van het team (niet verplicht)."),
    )


class RejectInSerializer(serializers.Serializer[dict[str, Any]]):
    reason_code = CodeChoiceField(choices=RejectReason.choices)
    reason = serializers.CharField(max_length=2000, help_text=_("Toelichting voor de verwijzer."))


class StartInSerializer(serializers.Serializer[dict[str, Any]]):
    started_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Standaard vandaag; niet vóór de acceptatie en niet in de toekomst."),
    )
    professional = _RegionUserField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Wordt de hulpverlener (niet verplicht)."),
    )


class HoldInSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CompleteInSerializer(serializers.Serializer[dict[str, Any]]):
    end_reason = CodeChoiceField(
        choices=EndReason.choices, help_text=_("Reden beëindiging (iJw JZ588).")
    )
    goal_results = serializers.DictField(
        child=CodeChoiceField(choices=GoalResult.choices),
        help_text=_("Een resultaat per doel-id van de verwijzing, voor elk doel en alleen die."),
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class EndInSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=2000)
    end_reason = CodeChoiceField(
        choices=EndReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Reden beëindiging (iJw JZ588, niet verplicht)."),
    )


class SubcontractInSerializer(serializers.Serializer[dict[str, Any]]):
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Provider.objects.all(), help_text=_("De onderaannemer.")
    )
    description = serializers.CharField(
        max_length=2000, help_text=_("Welk deel de onderaannemer doet.")
    )


class MatchQuerySerializer(serializers.Serializer[dict[str, Any]]):
    limit = serializers.IntegerField(min_value=1, max_value=50, required=False, default=10)
