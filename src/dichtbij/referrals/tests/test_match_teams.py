"""Matching one referral from the database: its facts, the region's teams, continuity."""

from __future__ import annotations

import pytest

from dichtbij.network.models import SpecialistTeam
from dichtbij.plans.constants import ActionOwner
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.services import family_plan_create, family_plan_revise
from dichtbij.plans.tests.factories import plan_content
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.matches import match_teams, referral_facts
from dichtbij.referrals.matching import ContinuityLevel, Part
from dichtbij.referrals.tests.factories import make_draft, make_team, referral_in, sync_network
from dichtbij.regions.models import Municipality

pytestmark = pytest.mark.django_db


def _team_not_working_in(region, gemeente: str) -> SpecialistTeam:
    """An active team of the region that does not work in ``gemeente`` at all."""
    sync_network(region)
    municipality = Municipality.objects.get(code=gemeente)
    teams = SpecialistTeam.objects.filter(region=region, active=True).order_by("position", "id")
    for index, team in enumerate(teams):
        if municipality not in team.municipalities.all() and not team.districts.filter(
            municipality=municipality
        ):
            return make_team(region, index=index)
    raise AssertionError(f"every team works in {gemeente}")


def test_the_teams_that_reach_the_child_are_ranked_with_every_part_explained(region) -> None:
    referral = make_draft(region=region)
    facts = referral_facts(referral=referral)

    matches = match_teams(referral=referral)

    assert facts.municipality_id == referral.household.municipality_id
    assert facts.expertise == tuple(referral.expertise.values_list("code", flat=True))
    assert matches, "Amersfoort has teams working in the gemeente Amersfoort"
    scores = [(m.continuity, m.score) for m in matches]
    assert scores == sorted(scores, key=lambda s: (-s[0], -s[1]))
    best = matches[0]
    for part in (Part.EXPERTISE, Part.AREA, Part.CAPACITY, Part.LANGUAGE):
        assert best.part(part).explanation, part
    assert best.free_places > 0


def test_a_team_with_running_help_for_the_family_ranks_first_even_outside_the_area(
    region,
) -> None:
    """Continuity: the family keeps its running help, as in Utrecht's 2020 transition."""
    elsewhere = _team_not_working_in(region, "GM0307")
    running = make_draft(region=region, team=elsewhere)
    referral_in(ReferralStatus.IN_PROGRESS, referral=running, team=elsewhere)
    household = running.household

    new = make_draft(region=region, team=make_team(region), household=household, with_plan=False)
    matches = match_teams(referral=new)

    assert matches[0].team_id == elsewhere.pk
    assert matches[0].continuity == ContinuityLevel.RUNNING_HELP
    assert matches[0].part(Part.CONTINUITY).explanation
    # Without that running help, the team would not be a candidate at all.
    others = match_teams(referral=make_draft(region=region))
    assert elsewhere.pk not in [m.team_id for m in others]


def test_a_team_whose_organisation_the_current_plan_names_ranks_as_known(region) -> None:
    """Continuity from the plan: only the current version counts, not one revised away."""
    named = make_team(region, index=1)
    draft = make_draft(region=region, with_plan=False)
    household = draft.household
    content = plan_content(household=household, goals=1)
    content["goals"][0]["actions"].append(
        {
            "owner": ActionOwner.SPECIALIST_TEAM.value,
            "organisation_id": named.organisation_id,
            "what": "Gezinsbehandeling bij dit team",
        }
    )
    plan = family_plan_create(actor=household.created_by, household=household, content=content).plan

    ranked = {m.team_id: m.continuity for m in match_teams(referral=draft)}
    assert ranked[named.pk] == ContinuityLevel.NAMED_IN_PLAN

    current = PlanVersion.objects.get(plan=plan, number=plan.current_version_number)
    revised = current.plan_content.model_dump(mode="json")
    revised["goals"][0]["actions"] = revised["goals"][0]["actions"][:1]
    family_plan_revise(
        actor=household.created_by, plan=plan, content=revised, change_note="Team eruit"
    )

    ranked = {m.team_id: m.continuity for m in match_teams(referral=draft)}
    assert ranked.get(named.pk, ContinuityLevel.NONE) == ContinuityLevel.NONE
