"""Matching for one referral: gather its facts from the database, then rank.

:mod:`dichtbij.referrals.matching` ranks plain values and never queries. This module is
the other half: :func:`match_teams` reads, in a fixed number of queries, what ranking
needs for one referral (where the child lives and goes to school, the needed expertise,
the region's teams, their load and waiting lists, who already knows the family) and
calls the ranking the region's structure asks for. Nothing here assigns a team: the
referrer chooses.

Call it with a referral obtained through
:func:`~dichtbij.referrals.selectors.referral_get_for` (need to know is checked there).
"""

from __future__ import annotations

from collections import Counter

from dichtbij.network.models import Provider, SpecialistTeam
from dichtbij.network.selectors import team_profiles_for_region
from dichtbij.plans.selectors import plan_action_organisation_ids
from dichtbij.referrals.constants import LIVE_STATUSES, ReferralStatus
from dichtbij.referrals.matching import (
    Continuity,
    ReferralFacts,
    TeamMatch,
    TeamSet,
    rank_lead_providers,
    rank_teams,
)
from dichtbij.referrals.models import Referral
from dichtbij.referrals.selectors import provider_loads, team_loads
from dichtbij.regions.constants import SpecialistStructure
from dichtbij.regions.selectors import region_specialist_structure


def referral_facts(*, referral: Referral) -> ReferralFacts:
    """Where the child lives and goes to school, and the expertise the referral needs."""
    household = referral.household
    school = referral.child.school
    expertise = list(referral.expertise.order_by("position", "code").values_list("code", "name"))
    return ReferralFacts(
        municipality_id=household.municipality_id,
        district_id=household.district_id,
        school_id=school.pk if school is not None else None,
        expertise=tuple(code for code, _name in expertise),
        municipality_name=household.municipality.name,
        district_name=household.district.name if household.district is not None else "",
        school_name=school.name if school is not None else "",
        expertise_names=dict(expertise),
    )


def family_continuity(*, referral: Referral) -> Continuity:
    """Who already knows the family: teams, providers and professionals of its other
    referrals (running or earlier), and teams whose organisation its plan names."""
    others = (
        Referral.objects.filter(household_id=referral.household_id)
        .exclude(pk=referral.pk)
        .exclude(status=ReferralStatus.DRAFT)
        .values_list("status", "team_id", "provider_id", "assigned_professional_id")
    )
    running_teams: set[int] = set()
    earlier_teams: set[int] = set()
    running_providers: set[int] = set()
    earlier_providers: set[int] = set()
    professionals: set[int] = set()
    for status, team_id, provider_id, professional_id in others:
        live = status in LIVE_STATUSES
        if team_id is not None:
            (running_teams if live else earlier_teams).add(team_id)
        if provider_id is not None:
            (running_providers if live else earlier_providers).add(provider_id)
        if professional_id is not None:
            professionals.add(professional_id)
    return Continuity(
        running_team_ids=frozenset(running_teams),
        earlier_team_ids=frozenset(earlier_teams - running_teams),
        plan_team_ids=frozenset(_plan_team_ids(referral)),
        professional_ids=frozenset(professionals),
        running_provider_ids=frozenset(running_providers),
        earlier_provider_ids=frozenset(earlier_providers - running_providers),
    )


def _plan_team_ids(referral: Referral) -> set[int]:
    organisation_ids = plan_action_organisation_ids(household_id=referral.household_id)
    if not organisation_ids:
        return set()
    return set(
        SpecialistTeam.objects.filter(
            region_id=referral.region_id, organisation_id__in=organisation_ids
        ).values_list("pk", flat=True)
    )


def _waiting(team_ids: list[int]) -> dict[int, int]:
    """Accepted, not started, per team: the waiting list a new referral joins."""
    return dict(
        Counter(
            Referral.objects.filter(
                team_id__in=team_ids, status=ReferralStatus.ACCEPTED
            ).values_list("team_id", flat=True)
        )
    )


def match_teams(*, referral: Referral, limit: int | None = None) -> list[TeamMatch]:
    """The teams (or, in the lead-provider model, the providers) that can take
    ``referral``, best first, each with its score parts explained in Dutch."""
    profiles = team_profiles_for_region(region=referral.region)
    team_set = TeamSet.of(profiles)
    team_ids = [profile.id for profile in profiles]
    facts = referral_facts(referral=referral)
    continuity = family_continuity(referral=referral)
    loads = team_loads(team_ids=team_ids)
    waiting = _waiting(team_ids)
    structure = region_specialist_structure(region=referral.region)
    if structure == SpecialistStructure.LEAD_PROVIDER:
        names = {
            provider.pk: provider.name
            for provider in Provider.objects.filter(region=referral.region, active=True)
        }
        return rank_lead_providers(
            facts=facts,
            teams=team_set,
            provider_names=names,
            loads=loads,
            provider_loads=provider_loads(region_id=referral.region_id),
            continuity=continuity,
            waiting=waiting,
            limit=limit,
        )
    return rank_teams(
        facts=facts,
        teams=team_set,
        loads=loads,
        continuity=continuity,
        waiting=waiting,
        limit=limit,
    )
