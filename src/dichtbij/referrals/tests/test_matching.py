"""The pure ranking: teams and lead providers for a referral, with reasons in Dutch.

These tests build :class:`TeamProfile` values by hand and never open the database
(pytest-django refuses queries in a test without the ``db`` fixture), which is the
promise that lets thousands of referrals be ranked in plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from dichtbij.network.capacity import TeamLoad, capacity_of
from dichtbij.network.profiles import TeamProfile
from dichtbij.referrals.matching import (
    AVERAGE_TRAJECTORY_WEEKS,
    Continuity,
    ContinuityLevel,
    Part,
    ReferralFacts,
    TeamSet,
    expected_wait_weeks,
    rank_lead_providers,
    rank_teams,
)

AMERSFOORT, SOEST, BAARN = 1, 2, 3
VATHORST, NIEUWLAND = 11, 12  # wijken of Amersfoort
SCHOOL = 100
NAMES = {"lvb": "LVB", "trauma": "Traumabehandeling", "ggz": "Jeugd-GGZ"}


def team(
    team_id: int,
    *,
    name: str = "",
    expertise: tuple[str, ...] = ("lvb", "trauma", "ggz"),
    municipalities: tuple[int, ...] = (AMERSFOORT,),
    districts: Mapping[int, int] | None = None,
    schools: tuple[int, ...] = (),
    faces: Mapping[int, frozenset[int]] | None = None,
    languages: tuple[str, ...] = ("nl",),
    professionals: Mapping[int, int] | None = None,
    max_caseload: int | None = 100,
    provider_id: int | None = None,
    lead: bool = False,
) -> TeamProfile:
    """A team profile; ``districts`` maps wijk id -> its gemeente id."""
    districts = districts or {}
    return TeamProfile(
        id=team_id,
        name=name or f"Team {team_id}",
        consortium_id=None if provider_id else 1,
        provider_id=provider_id,
        can_be_lead_provider=lead,
        expertise=frozenset(expertise),
        languages=languages,
        municipality_ids=frozenset(municipalities),
        district_ids=frozenset(districts),
        partial_municipality_ids=frozenset(districts.values()),
        school_ids=frozenset(schools),
        school_professionals=dict(faces or {}),
        caseload_per_professional=12,
        max_caseload=max_caseload,
        professional_ceilings=dict({900 + team_id: 12} if professionals is None else professionals),
    )


def facts(**changes: Any) -> ReferralFacts:
    values: dict[str, Any] = {
        "municipality_id": AMERSFOORT,
        "municipality_name": "Amersfoort",
        "expertise": ("lvb",),
        "expertise_names": NAMES,
    }
    values.update(changes)
    return ReferralFacts(**values)


def ids(matches: list[Any]) -> list[int | None]:
    return [match.team_id for match in matches]


# --- Continuity -----------------------------------------------------------------------


def test_a_professional_who_knows_the_family_ranks_first_above_a_better_score() -> None:
    strong = team(1, expertise=("lvb",))
    known = team(2, expertise=(), professionals={501: 12, 502: 12}, max_caseload=10)
    matches = rank_teams(
        facts=facts(),
        teams=[strong, known],
        loads={2: TeamLoad(total=10)},
        continuity=Continuity(professional_ids=frozenset({502})),
    )
    assert ids(matches) == [2, 1]
    assert matches[0].score < matches[1].score
    assert matches[0].continuity is ContinuityLevel.OWN_PROFESSIONAL
    assert matches[0].known_professional_ids == (502,)
    assert "kent" in matches[0].part(Part.CONTINUITY).explanation


def test_continuity_levels_rank_own_professional_running_help_plan_then_earlier() -> None:
    teams = [team(n) for n in range(1, 6)]
    continuity = Continuity(
        earlier_team_ids=frozenset({2}),
        plan_team_ids=frozenset({3}),
        running_team_ids=frozenset({4}),
        professional_ids=frozenset({905}),  # the professional of team 5
    )
    matches = rank_teams(facts=facts(), teams=teams, continuity=continuity)
    assert ids(matches) == [5, 4, 3, 2, 1]
    assert [m.continuity for m in matches] == sorted(ContinuityLevel, reverse=True)
    texts = [m.part(Part.CONTINUITY).explanation for m in matches]
    assert "loopt door" in texts[1]
    assert "gezinsplan" in texts[2]
    assert "eerder geholpen" in texts[3]


def test_a_family_moved_to_a_new_team_structure_keeps_its_own_hulpverlener() -> None:
    """Utrecht 2020: the old team is gone (inactive, so not a profile any more), the
    family's hulpverlener now works in a new team for another buurt; that team is offered
    first although it does not work where the family lives."""
    new_home_team = team(10, municipalities=(AMERSFOORT,))
    new_team_of_own_worker = team(11, municipalities=(SOEST,), professionals={777: 12})
    matches = rank_teams(
        facts=facts(),
        teams=[new_home_team, new_team_of_own_worker],
        continuity=Continuity(running_team_ids=frozenset({3}), professional_ids=frozenset({777})),
    )
    assert ids(matches) == [11, 10]
    assert matches[0].part(Part.AREA).points == 0
    assert "niet in de woonplaats" in matches[0].part(Part.AREA).explanation


def test_without_continuity_a_team_elsewhere_is_no_candidate() -> None:
    matches = rank_teams(facts=facts(), teams=[team(1), team(2, municipalities=(SOEST,))])
    assert ids(matches) == [1]


# --- Expertise ------------------------------------------------------------------------


def test_expertise_coverage_ranks_full_above_partial_above_none() -> None:
    teams = [
        team(1, expertise=("ggz",)),
        team(2, expertise=("lvb",)),
        team(3, expertise=("lvb", "trauma")),
    ]
    matches = rank_teams(facts=facts(expertise=("lvb", "trauma")), teams=teams)
    assert ids(matches) == [3, 2, 1]
    assert [m.part(Part.EXPERTISE).points for m in matches] == [40, 20, 0]
    assert matches[0].part(Part.EXPERTISE).explanation == (
        "Heeft alle gevraagde expertise: LVB, Traumabehandeling."
    )
    assert matches[1].missing_expertise == ("trauma",)
    assert matches[1].part(Part.EXPERTISE).explanation == (
        "Heeft 1 van de 2 gevraagde expertises: LVB. Ontbreekt: Traumabehandeling."
    )
    assert "geen van de gevraagde" in matches[2].part(Part.EXPERTISE).explanation


def test_no_expertise_asked_gives_every_team_the_full_expertise_points() -> None:
    matches = rank_teams(facts=facts(expertise=()), teams=[team(1, expertise=())])
    part = matches[0].part(Part.EXPERTISE)
    assert (part.points, part.max_points) == (40, 40)
    assert "geen bepaalde expertise" in part.explanation


# --- Area and school ------------------------------------------------------------------


def test_a_team_of_other_wijken_is_no_candidate_once_the_wijk_is_known() -> None:
    vathorst = team(1, municipalities=(), districts={VATHORST: AMERSFOORT})
    nieuwland = team(2, municipalities=(), districts={NIEUWLAND: AMERSFOORT})
    whole = team(3)
    in_vathorst = facts(district_id=VATHORST, district_name="Vathorst")
    assert sorted(ids(rank_teams(facts=in_vathorst, teams=[vathorst, nieuwland, whole]))) == [1, 3]
    # Without the wijk, teams for part of the gemeente count, as in network's covers_area.
    assert sorted(ids(rank_teams(facts=facts(), teams=[vathorst, nieuwland, whole]))) == [1, 2, 3]
    explanation = rank_teams(facts=in_vathorst, teams=[vathorst])[0].part(Part.AREA).explanation
    assert explanation == "Werkt in de woonplaats van het gezin: Vathorst (Amersfoort)."


def test_a_vast_gezicht_at_the_childs_school_makes_a_team_elsewhere_a_candidate() -> None:
    at_school_only = team(1, municipalities=(SOEST,), faces={SCHOOL: frozenset({42})})
    matches = rank_teams(
        facts=facts(school_id=SCHOOL, school_name="De Regenboog"), teams=[at_school_only]
    )
    assert ids(matches) == [1]
    assert matches[0].school_professional_ids == (42,)
    area = matches[0].part(Part.AREA)
    assert area.points == 6
    assert area.explanation == "Heeft een vast gezicht op De Regenboog."


def test_home_and_a_vast_gezicht_beat_home_and_school_beat_home_alone() -> None:
    teams = [
        team(1),
        team(2, schools=(SCHOOL,)),
        team(3, faces={SCHOOL: frozenset({42})}),
    ]
    matches = rank_teams(facts=facts(school_id=SCHOOL, school_name="De Regenboog"), teams=teams)
    assert ids(matches) == [3, 2, 1]
    assert [m.part(Part.AREA).points for m in matches] == [20, 18, 14]
    assert "Werkt niet op De Regenboog" in matches[2].part(Part.AREA).explanation


def test_without_a_school_working_at_home_gives_the_full_area_points() -> None:
    part = rank_teams(facts=facts(), teams=[team(1)])[0].part(Part.AREA)
    assert (part.points, part.max_points) == (20, 20)


# --- Capacity and waiting time --------------------------------------------------------


def test_expected_wait_is_zero_with_a_free_place_and_nobody_waiting() -> None:
    capacity = capacity_of(team_id=1, max_caseload=52, professional_ceilings={}, load=TeamLoad(10))
    assert expected_wait_weeks(capacity) == 0


def test_expected_wait_counts_the_waiting_list_and_the_places_over_the_ceiling() -> None:
    full = capacity_of(team_id=1, max_caseload=52, professional_ceilings={}, load=TeamLoad(53))
    # 52 places free up over 26 weeks: 2 a week; 2 over the ceiling + 4 waiting -> 3 weeks.
    assert AVERAGE_TRAJECTORY_WEEKS == 26
    assert expected_wait_weeks(full, waiting=4) == 3
    no_ceiling = capacity_of(team_id=1, max_caseload=None, professional_ceilings={})
    assert expected_wait_weeks(no_ceiling) is None


def test_a_team_with_room_ranks_above_a_full_one_and_says_why() -> None:
    matches = rank_teams(
        facts=facts(),
        teams=[team(1, max_caseload=20), team(2, max_caseload=20)],
        loads={1: TeamLoad(total=20), 2: TeamLoad(total=5)},
        waiting={1: 3},
    )
    assert ids(matches) == [2, 1]
    free, full = (m.part(Part.CAPACITY) for m in matches)
    assert free.points == 20 + round(5 * 15 / 20)
    assert free.explanation == (
        "Heeft 15 plekken vrij van 20. Kan naar verwachting meteen beginnen."
    )
    assert matches[1].expected_wait_weeks == 6  # 4 ahead, 20 places over 26 weeks
    assert full.explanation == (
        "Zit vol: 20 trajecten bij een plafond van 20. 3 verwijzingen wachten al op de start. "
        "Verwachte wachttijd: ongeveer 6 weken."
    )


def test_a_team_without_ceiling_gets_no_capacity_points_and_ranks_last() -> None:
    nothing = team(1, max_caseload=None, professionals={})
    matches = rank_teams(facts=facts(), teams=[nothing, team(2)])
    assert ids(matches) == [2, 1]
    assert matches[1].expected_wait_weeks is None
    assert "geen capaciteit" in matches[1].part(Part.CAPACITY).explanation


def test_the_team_set_ceiling_agrees_with_the_network_capacity_helper() -> None:
    profiles = [team(1, max_caseload=None, professionals={5: 10, 6: 8}), team(2, max_caseload=30)]
    team_set = TeamSet(profiles)
    load = TeamLoad(total=7, by_user={5: 4})
    for profile in profiles:
        assert team_set.capacity(profile.id, load).ceiling == profile.capacity(load).ceiling
        assert team_set.capacity(profile.id, load).free == profile.capacity(load).free


# --- Language -------------------------------------------------------------------------


def test_a_team_speaking_the_familys_language_ranks_higher() -> None:
    matches = rank_teams(
        facts=facts(language="tr"),
        teams=[team(1), team(2, languages=("nl", "tr"))],
    )
    assert ids(matches) == [2, 1]
    assert matches[0].part(Part.LANGUAGE).explanation == "Spreekt de taal van het gezin: Turks."
    assert matches[1].part(Part.LANGUAGE).points == 0
    assert "niet (Turks)" in matches[1].part(Part.LANGUAGE).explanation


def test_an_unknown_language_counts_as_dutch_and_says_so() -> None:
    part = rank_teams(facts=facts(), teams=[team(1)])[0].part(Part.LANGUAGE)
    assert part.points == part.max_points
    assert "niet bekend" in part.explanation


# --- Lead providers (Amsterdam model) -------------------------------------------------


def test_lead_provider_model_ranks_providers_that_may_be_hoofdaannemer_only() -> None:
    teams = [
        team(1, provider_id=10, lead=True, expertise=("lvb",)),
        team(2, provider_id=10, lead=True, expertise=("trauma",), municipalities=(BAARN,)),
        team(3, provider_id=20, lead=True, expertise=("ggz",)),
        team(4, provider_id=30, lead=False, expertise=("lvb", "trauma")),  # sub-contractor
    ]
    matches = rank_lead_providers(
        facts=facts(expertise=("lvb", "trauma")),
        teams=teams,
        provider_names={10: "Jeugdhulp Amstel", 20: "Kind en Brein", 30: "Jong en Vrij"},
    )
    assert [m.provider_id for m in matches] == [10, 20]
    best = matches[0]
    assert best.team_id is None
    assert best.name == "Jeugdhulp Amstel"
    assert best.team_ids == (1,)  # team 2 works elsewhere
    assert best.missing_expertise == ("trauma",)
    assert "onderaannemen" in best.part(Part.EXPERTISE).explanation


def test_lead_provider_capacity_sums_its_teams_and_trajectories_without_team() -> None:
    teams = [
        team(1, provider_id=10, lead=True, max_caseload=10),
        team(2, provider_id=10, lead=True, max_caseload=10),
    ]
    [match] = rank_lead_providers(
        facts=facts(),
        teams=teams,
        provider_names={10: "Jeugdhulp Amstel"},
        loads={1: TeamLoad(total=8)},
        provider_loads={10: TeamLoad(total=12)},
    )
    assert match.free_places == 0
    assert "Zit vol: 20 trajecten" in match.part(Part.CAPACITY).explanation


def test_a_provider_with_running_help_ranks_first_as_lead_provider() -> None:
    teams = [
        team(1, provider_id=10, lead=True, expertise=("lvb",)),
        team(2, provider_id=20, lead=True, expertise=(), municipalities=(SOEST,)),
    ]
    matches = rank_lead_providers(
        facts=facts(),
        teams=teams,
        provider_names={},
        continuity=Continuity(running_provider_ids=frozenset({20})),
    )
    assert [m.provider_id for m in matches] == [20, 10]
    assert "aanbieder helpt het gezin nu al" in matches[0].part(Part.CONTINUITY).explanation


# --- Shape ----------------------------------------------------------------------------


def test_every_match_has_the_five_parts_and_a_score_of_at_most_100() -> None:
    matches = rank_teams(
        facts=facts(expertise=("lvb", "ggz"), school_id=SCHOOL, language="ar"),
        teams=[team(n, faces={SCHOOL: frozenset({n})} if n % 2 else None) for n in range(1, 9)],
        loads={n: TeamLoad(total=n * 15) for n in range(1, 9)},
        waiting={n: n for n in range(1, 9)},
    )
    for match in matches:
        assert [p.part for p in match.parts] == list(Part)
        assert match.score == sum(p.points for p in match.parts) <= 100
        assert all(p.explanation and p.label for p in match.parts)


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_limit_keeps_the_best(limit: int) -> None:
    teams = [team(n, max_caseload=10 * n) for n in range(1, 6)]
    everything = rank_teams(facts=facts(), teams=teams)
    assert rank_teams(facts=facts(), teams=TeamSet(teams), limit=limit) == everything[:limit]
