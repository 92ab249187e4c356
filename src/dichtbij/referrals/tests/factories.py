"""Referrals for tests, built through the services, as the application builds them.

``make_team(region)`` gives an active specialist team of the region (its network synced
from the region file) with a coordinator (``team_coordinator(team)``) and, if asked, a
specialist. ``make_referral(region=region, status="accepted")`` walks a fresh referral
(household, help request, plan, consent for purpose referral) through the services up to
``status``; ``referral_in(status, referral=..., team=...)`` moves an existing draft.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.accounts.services import membership_add
from dichtbij.accounts.tests.factories import make_user
from dichtbij.families.constants import ConsentPurpose, SharedItem
from dichtbij.families.models import Consent, Household
from dichtbij.families.tests.factories import make_consent, make_household
from dichtbij.network.models import Provider, SpecialistTeam
from dichtbij.network.services import network_sync_from_region, team_professional_add
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.tests.factories import make_plan_version
from dichtbij.referrals.constants import EndReason, GoalResult, ReferralStatus, RejectReason
from dichtbij.referrals.models import Referral
from dichtbij.referrals.services import (
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_create,
    referral_fail,
    referral_hold,
    referral_receive,
    referral_reject,
    referral_send,
    referral_start,
)
from dichtbij.regions.models import Region
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.tests.factories import make_help_request

_counter = itertools.count(1)

#: Default gemeente per region for test households (one each region's teams cover).
MUNICIPALITY = {
    "amersfoort": "GM0307",
    "utrecht": "GM0344",
    "amsterdam": "GM0363",
    "kennemerland": "GM0392",
}


def sync_network(region: Region) -> None:
    """The region's providers, consortia, teams and expertise, from its file (once)."""
    if not SpecialistTeam.objects.filter(region=region).exists():
        network_sync_from_region(region=region)


def make_team(
    region: Region,
    *,
    index: int = 0,
    max_caseload: int | None = None,
    lead_capable: bool | None = None,
) -> SpecialistTeam:
    """The ``index``-th active team of the region (file order) with a coordinator.

    ``max_caseload`` overrides its ceiling (raw update: a test knob, not a use case);
    ``lead_capable=True`` picks among teams whose provider may be hoofdaannemer.
    """
    sync_network(region)
    teams = SpecialistTeam.objects.filter(region=region, active=True).order_by("position", "id")
    if lead_capable:
        teams = teams.filter(provider__can_be_lead_provider=True)
    team = list(teams)[index]
    if max_caseload is not None:
        SpecialistTeam.objects.filter(pk=team.pk).update(max_caseload=max_caseload)
        team.refresh_from_db()
    if not team.professionals.filter(user__role=Role.TEAM_COORDINATOR).exists():
        add_team_member(team, role=Role.TEAM_COORDINATOR)
    return team


def add_team_member(
    team: SpecialistTeam, *, role: Role = Role.SPECIALIST, caseload_ceiling: int | None = None
) -> User:
    """A new specialist (or coordinator) working in ``team``."""
    user = make_user(
        region=team.region,
        role=role,
        organisation=None,
        username=f"team{team.pk}-{role.value}-{next(_counter)}",
        email=f"team{team.pk}.{next(_counter)}@example.nl",
    )
    team_professional_add(team=team, user=user, caseload_ceiling=caseload_ceiling)
    return user


def team_coordinator(team: SpecialistTeam) -> User:
    """The first coordinator of the team."""
    professional = (
        team.professionals.filter(user__role=Role.TEAM_COORDINATOR, active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if professional is None:
        return add_team_member(team, role=Role.TEAM_COORDINATOR)
    return professional.user


def lead_provider(region: Region, *, index: int = 0) -> Provider:
    """The ``index``-th provider of the region that may be hoofdaannemer."""
    sync_network(region)
    providers = Provider.objects.filter(region=region, active=True, can_be_lead_provider=True)
    return list(providers.order_by("organisation__name"))[index]


def referral_consent(
    *, household: Household, recipient_organisation: Any, actor: User | None = None
) -> Consent:
    """The family's consent to share the whole file with ``recipient_organisation`` for
    a referral."""
    return make_consent(
        household=household,
        recipient=recipient_organisation,
        actor=actor,
        item=SharedItem.WHOLE_FILE,
        purpose=ConsentPurpose.REFERRAL,
    )


def provider_coordinator(provider: Provider) -> User:
    """A team coordinator working for the lead provider's own organisation."""
    user = make_user(region=provider.region, role=Role.TEAM_COORDINATOR, organisation=None)
    membership_add(user=user, organisation=provider.organisation)
    return user


def provider_with_places(region: Region, places: int, *, index: int = 0) -> Provider:
    """The ``index``-th lead provider of the region with room for ``places`` in all: its
    first active team holds them, its other teams are made inactive (a ceiling cannot
    be 0)."""
    provider = lead_provider(region, index=index)
    teams = list(SpecialistTeam.objects.filter(provider=provider, active=True).order_by("pk"))
    assert teams, f"{provider.name} has no active team"
    SpecialistTeam.objects.filter(pk__in=[t.pk for t in teams[1:]]).update(active=False)
    SpecialistTeam.objects.filter(pk=teams[0].pk).update(max_caseload=places)
    return provider


def received_by_provider(
    *, region: Region, provider: Provider, coordinator: User | None = None
) -> Referral:
    """A referral sent to lead provider ``provider`` itself (not to one of its teams),
    with the family's consent naming it, and received by ``coordinator``."""
    team = SpecialistTeam.objects.filter(provider=provider, active=True).order_by("pk").first()
    assert team is not None
    referral = make_draft(region=region, team=team)
    referral_consent(household=referral.household, recipient_organisation=provider.organisation)
    assert referral.referrer is not None
    referral_send(actor=referral.referrer, referral=referral, provider=provider)
    referral_receive(actor=coordinator or provider_coordinator(provider), referral=referral)
    return referral


def expertise_codes(team: SpecialistTeam, n: int = 1) -> list[str]:
    return list(team.expertise.order_by("position").values_list("code", flat=True)[:n])


def make_draft(
    *,
    region: Region,
    team: SpecialistTeam | None = None,
    household: Household | None = None,
    actor: User | None = None,
    help_request: HelpRequest | None = None,
    with_plan: bool = True,
    goals: int = 2,
    consent: bool = True,
    **overrides: Any,
) -> Referral:
    """A draft referral by the household's worker (or ``actor``), for its first child,
    with the plan's first ``goals`` goals, the team's first expertise and a consent naming
    ``team``'s organisation."""
    team = team or make_team(region)
    household = household or make_household(
        region=region, municipality_code=MUNICIPALITY.get(region.code, "GM0307")
    )
    actor = actor or household.created_by
    assert actor is not None
    help_request = help_request or make_help_request(household=household, actor=actor)
    goal_ids: list[str] = []
    if with_plan and goals:
        version: PlanVersion = make_plan_version(household=household, goals=goals)
        goal_ids = [str(goal.id) for goal in version.plan_content.goals]
    values: dict[str, Any] = {
        "child": household.children.order_by("id").first(),
        "question": "Hulp bij angst en schoolweigering.",
        "goal_ids": goal_ids,
        "expertise_codes": expertise_codes(team),
        "urgency": "normaal",
    }
    if consent and "legal_ground" not in overrides:
        values["consent"] = referral_consent(
            household=household, recipient_organisation=team.organisation
        )
    values |= overrides
    return referral_create(actor=actor, help_request=help_request, **values)


def referral_in(
    status: ReferralStatus | str,
    *,
    referral: Referral,
    team: SpecialistTeam,
    referrer: User | None = None,
    coordinator: User | None = None,
) -> Referral:
    """Move a draft along the happy path (or its side exits) until ``status``."""
    target = ReferralStatus(status)
    referrer = referrer or referral.referrer
    coordinator = coordinator or team_coordinator(team)
    assert referrer is not None
    if target == ReferralStatus.DRAFT:
        return referral
    if target == ReferralStatus.CANCELLED:
        return referral_cancel(actor=referrer, referral=referral, reason="Niet meer nodig.")
    referral_send(actor=referrer, referral=referral, team=team)
    if target == ReferralStatus.REQUESTED:
        return referral
    referral_receive(actor=coordinator, referral=referral)
    if target == ReferralStatus.RECEIVED:
        return referral
    if target == ReferralStatus.REJECTED:
        return referral_reject(
            actor=coordinator,
            referral=referral,
            reason_code=RejectReason.EXPERTISE,
            reason="Past beter bij een ander team.",
        )
    referral_accept(actor=coordinator, referral=referral, expected_start=timezone.localdate())
    if target == ReferralStatus.ACCEPTED:
        return referral
    referral_start(actor=coordinator, referral=referral, started_on=_today())
    if target == ReferralStatus.IN_PROGRESS:
        return referral
    if target == ReferralStatus.ON_HOLD:
        return referral_hold(actor=coordinator, referral=referral, reason="Vakantie gezin.")
    if target == ReferralStatus.FAILED:
        return referral_fail(actor=coordinator, referral=referral, reason="Gezin niet bereikbaar.")
    if target == ReferralStatus.COMPLETED:
        return referral_complete(
            actor=coordinator,
            referral=referral,
            end_reason=EndReason.AS_PLANNED,
            goal_results=dict.fromkeys(referral.goal_ids, GoalResult.ACHIEVED.value),
        )
    raise ValueError(target)


def make_referral(
    *,
    region: Region,
    status: ReferralStatus | str = ReferralStatus.DRAFT,
    team: SpecialistTeam | None = None,
    **kw: Any,
) -> Referral:
    """A referral in ``status``, built through the services (see :func:`make_draft`)."""
    team = team or make_team(region)
    referral = make_draft(region=region, team=team, **kw)
    return referral_in(status, referral=referral, team=team)


def _today() -> date:
    return timezone.localdate()
