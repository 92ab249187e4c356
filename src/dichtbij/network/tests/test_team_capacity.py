"""Capacity: ceilings from the network, load handed in from live trajectories."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pytest

from dichtbij.network.capacity import NO_LOAD, LoadSource, TeamLoad
from dichtbij.network.models import SpecialistTeam
from dichtbij.network.selectors import team_capacities, team_capacity, team_profiles_for_region
from dichtbij.network.tests.factories import make_professional, team_named
from dichtbij.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_team_with_a_ceiling_has_free_places_until_it_is_full(amersfoort: Region) -> None:
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")  # max_caseload 80

    assert team_capacity(team=noord).free == 80
    assert team_capacity(team=noord, load=TeamLoad(total=79)).free == 1
    full = team_capacity(team=noord, load=TeamLoad(total=85))
    assert (full.free, full.is_full) == (0, True)
    assert full.occupancy == pytest.approx(85 / 80)


def test_without_a_team_ceiling_the_professionals_ceilings_add_up(amersfoort: Region) -> None:
    soest = team_named(amersfoort, "MetMaya Soest")
    SpecialistTeam.objects.filter(pk=soest.pk).update(max_caseload=None)
    soest.refresh_from_db()
    first = make_professional(soest)  # the team's 12
    second = make_professional(soest, caseload_ceiling=6)

    capacity = team_capacity(
        team=soest, load=TeamLoad(total=10, by_user={first.user_id: 9, second.user_id: 1})
    )

    assert (capacity.ceiling, capacity.load, capacity.free) == (18, 10, 8)
    assert {p.user_id: p.free for p in capacity.professionals} == {
        first.user_id: 3,
        second.user_id: 5,
    }


def test_capacities_of_many_teams_take_a_mapping_of_loads(amersfoort: Region) -> None:
    teams = list(SpecialistTeam.objects.filter(region=amersfoort))
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")

    def live_loads(*, team_ids: Collection[int]) -> Mapping[int, TeamLoad]:
        return {noord.pk: TeamLoad(total=30)} if noord.pk in team_ids else {}

    source: LoadSource = live_loads
    capacities = team_capacities(teams=teams, loads=source(team_ids=[t.pk for t in teams]))

    assert capacities[noord.pk].free == 50
    assert all(c.load == 0 for pk, c in capacities.items() if pk != noord.pk)


def test_a_profile_gives_the_same_capacity_as_the_selector(amersfoort: Region) -> None:
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")
    professional = make_professional(noord, caseload_ceiling=7)
    load = TeamLoad(total=12, by_user={professional.user_id: 4})

    profile = next(p for p in team_profiles_for_region(region=amersfoort) if p.id == noord.pk)

    assert profile.capacity(load) == team_capacity(team=noord, load=load)
    assert profile.has_member(professional.user_id)
    assert profile.capacity(NO_LOAD).free == 80
