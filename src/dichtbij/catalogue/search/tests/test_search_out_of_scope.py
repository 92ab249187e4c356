"""Questions the sociale kaart has nothing for point to the local team, with no hits."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.catalogue.search.tests.helpers import search


@pytest.mark.parametrize(
    "text",
    [
        "parkeervergunning aanvragen",
        "paspoort verlengen voor mijn dochter",
        "wanneer wordt het grofvuil opgehaald",
        "how do I renew my driving licence",
        "xyzzy qwertyuiop",
    ],
)
def test_out_of_scope_question_has_no_hits_and_names_the_first_door(
    small_catalogue: Any, region: Any, text: str
) -> None:
    result = search(text, region=region, gemeente="GM0342")

    assert result.out_of_scope
    assert result.hits == []
    assert result.safety is None
    assert "Niets gevonden" in result.local_team_hint
    assert "Sociaal Team Soest" in result.local_team_hint


def test_out_of_scope_without_gemeente_names_the_regions_first_door(
    small_catalogue: Any, region: Any
) -> None:
    result = search("parkeervergunning", region=region)

    assert result.out_of_scope
    assert "lokaal (wijk)team" in result.local_team_hint


def test_out_of_scope_without_region_points_to_the_local_team(small_catalogue: Any) -> None:
    result = search("parkeervergunning")

    assert "lokale team" in result.local_team_hint


def test_a_youth_question_is_not_out_of_scope(small_catalogue: Any, region: Any) -> None:
    result = search("mijn kind wordt gepest", region=region, gemeente="GM0342")

    assert not result.out_of_scope
    assert result.local_team_hint == ""
    assert result.hits


def test_nothing_left_after_filters_is_reported_with_the_hint(
    small_catalogue: Any, region: Any
) -> None:
    result = search("gepest", region=region, gemeente="GM0342", age=2, theme="thema:pesten")

    assert result.hits == []
    assert result.out_of_scope
    assert "Sociaal Team Soest" in result.local_team_hint
