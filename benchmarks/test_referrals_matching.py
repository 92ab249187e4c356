"""Matching at region scale: rank the teams for 10,000 referrals against 200 teams.

The ranking is pure Python over :class:`TeamProfile` values (loaded once per region by
``team_profiles_for_region``), so this benchmark needs no database: it builds a synthetic
region of 40 gemeenten with 5 wijken and 8 schools each, 200 teams (whole gemeenten or a
few wijken, 3-7 of 15 expertises, vaste gezichten at schools, 6-14 professionals, loads
and waiting lists), and 10,000 referrals (wijk known for 60%, school for half, 1-3
expertises, language known for a fifth, continuity for a tenth). Target: at most 2 s in
total for all 10,000 rankings, explanations excluded (they are formatted when read); the
second measurement adds the Dutch explanations of every candidate for 1,000 referrals, as
the match page shows them (mostly the cost of Django's gettext).
"""

from __future__ import annotations

import random
from collections import defaultdict

from dichtbij.network.capacity import TeamLoad
from dichtbij.network.profiles import TeamProfile
from dichtbij.referrals.matching import (
    Continuity,
    ReferralFacts,
    TeamSet,
    rank_lead_providers,
    rank_teams,
)

TEAMS = 200
REFERRALS = 10_000
MUNICIPALITIES = 40
WIJKEN_PER_MUNICIPALITY = 5
SCHOOLS_PER_MUNICIPALITY = 8
EXPERTISE = [f"expertise_{n}" for n in range(15)]
LANGUAGES = ["en", "tr", "ar", "pl", "pap"]


def _region(rng: random.Random) -> tuple[list[TeamProfile], dict[int, TeamLoad], dict[int, int]]:
    teams = []
    loads: dict[int, TeamLoad] = {}
    waiting: dict[int, int] = {}
    for team_id in range(1, TEAMS + 1):
        home = rng.randrange(MUNICIPALITIES)
        if rng.random() < 0.6:
            municipalities = {home} | ({home + 1} if rng.random() < 0.4 else set())
            districts: dict[int, int] = {}
        else:
            municipalities = set()
            districts = {home * 10 + w: home for w in rng.sample(range(WIJKEN_PER_MUNICIPALITY), 3)}
        professionals = {team_id * 100 + n: rng.choice([8, 10, 12]) for n in range(6, 15)}
        schools = {home * 100 + s for s in rng.sample(range(SCHOOLS_PER_MUNICIPALITY), 2)}
        faces = {
            school: frozenset(rng.sample(sorted(professionals), 1))
            for school in rng.sample(sorted(schools), 1)
        }
        teams.append(
            TeamProfile(
                id=team_id,
                name=f"Gebiedsteam {team_id}",
                consortium_id=None,
                provider_id=team_id % 60 + 1,
                can_be_lead_provider=team_id % 60 < 40,
                expertise=frozenset(rng.sample(EXPERTISE, rng.randint(3, 7))),
                languages=("nl", *rng.sample(LANGUAGES, rng.randint(0, 2))),
                municipality_ids=frozenset(municipalities),
                district_ids=frozenset(districts),
                partial_municipality_ids=frozenset(districts.values()),
                school_ids=frozenset(schools),
                school_professionals=faces,
                caseload_per_professional=10,
                max_caseload=None if rng.random() < 0.5 else rng.randint(60, 160),
                professional_ceilings=professionals,
            )
        )
        load = rng.randint(20, 170)
        by_user: dict[int, int] = defaultdict(int)
        for _ in range(load):
            by_user[rng.choice(list(professionals))] += 1
        loads[team_id] = TeamLoad(total=load, by_user=dict(by_user))
        waiting[team_id] = rng.randint(0, 15)
    return teams, loads, waiting


def _referrals(rng: random.Random) -> list[tuple[ReferralFacts, Continuity]]:
    names = {code: code.replace("_", " ").title() for code in EXPERTISE}
    referrals = []
    for _ in range(REFERRALS):
        municipality = rng.randrange(MUNICIPALITIES)
        facts = ReferralFacts(
            municipality_id=municipality,
            district_id=(
                municipality * 10 + rng.randrange(WIJKEN_PER_MUNICIPALITY)
                if rng.random() < 0.6
                else None
            ),
            school_id=(
                municipality * 100 + rng.randrange(SCHOOLS_PER_MUNICIPALITY)
                if rng.random() < 0.5
                else None
            ),
            expertise=tuple(rng.sample(EXPERTISE, rng.randint(1, 3))),
            language=rng.choice(LANGUAGES) if rng.random() < 0.2 else None,
            municipality_name=f"Gemeente {municipality}",
            expertise_names=names,
        )
        continuity = (
            Continuity(
                running_team_ids=frozenset({rng.randint(1, TEAMS)}),
                professional_ids=frozenset({rng.randint(1, TEAMS) * 100 + 7}),
            )
            if rng.random() < 0.1
            else Continuity()
        )
        referrals.append((facts, continuity))
    return referrals


def test_rank_teams_for_10000_referrals_against_200_teams(timer) -> None:
    rng = random.Random(5)  # noqa: S311  # synthetic data, not security
    teams, loads, waiting = _region(rng)
    referrals = _referrals(rng)
    candidates = []

    def rank_all() -> None:
        team_set = TeamSet(teams)  # once per region, as match_teams' callers would
        candidates.clear()
        for facts, continuity in referrals:
            matches = rank_teams(
                facts=facts, teams=team_set, loads=loads, continuity=continuity, waiting=waiting
            )
            candidates.append(len(matches))

    median = timer.median_ms(
        f"rank_teams: {REFERRALS:,} referrals x {TEAMS} teams (total)", rank_all
    )
    average = sum(candidates) / len(candidates)
    print(f"\n  average candidates per referral: {average:.1f}, none: {candidates.count(0)}")
    assert average > 5, "the synthetic region should give each referral several candidates"
    assert median < 2_000, f"ranking took {median:.0f} ms for {REFERRALS:,} referrals"

    def rank_and_explain_1000() -> None:
        team_set = TeamSet(teams)
        for facts, continuity in referrals[:1000]:
            for match in rank_teams(
                facts=facts, teams=team_set, loads=loads, continuity=continuity, waiting=waiting
            ):
                for part in match.parts:
                    _ = part.label, part.explanation

    median = timer.median_ms(
        "rank_teams + Dutch explanations of every candidate: 1,000 referrals",
        rank_and_explain_1000,
        runs=3,
        note="median of 3; / 1,000 = the match page's ranking per referral",
    )
    assert median < 5_000


def test_rank_lead_providers_for_10000_referrals_against_200_teams(timer) -> None:
    rng = random.Random(6)  # noqa: S311  # synthetic data, not security
    teams, loads, waiting = _region(rng)
    referrals = _referrals(rng)
    names = {n: f"Aanbieder {n}" for n in range(1, 61)}

    def rank_all() -> None:
        team_set = TeamSet(teams)
        for facts, continuity in referrals:
            rank_lead_providers(
                facts=facts,
                teams=team_set,
                provider_names=names,
                loads=loads,
                continuity=continuity,
                waiting=waiting,
            )

    median = timer.median_ms(
        f"rank_lead_providers: {REFERRALS:,} referrals x {TEAMS} teams (total)", rank_all, runs=5
    )
    assert median < 4_000
