"""Questions that signal acute danger show the crisis lines and Veilig Thuis first."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.catalogue.search.tests.helpers import names, search

CRISIS = {"Crisislijn Jeugd en Gezin", "Advies en melding bij huiselijk geweld"}


@pytest.mark.parametrize(
    "text",
    [
        "hij slaat ons",
        "mijn man slaat mij en de kinderen",
        "ik denk dat de buurjongen mishandeld wordt",
        "mijn zoon is thuis niet veilig",
        "my husband hits our children",
    ],
)
def test_violence_shows_veilig_thuis_and_crisis_line_first(
    small_catalogue: Any, region: Any, text: str
) -> None:
    result = search(text, region=region)

    assert result.safety is not None
    assert set(names(result)[:2]) == CRISIS
    assert "112" in result.safety.message
    assert "0800-2000" in result.safety.message
    assert {s.name for s in result.safety.crisis_services} == CRISIS
    assert not result.out_of_scope


@pytest.mark.parametrize(
    "text", ["ik wil niet meer leven", "mijn dochter snijdt zichzelf", "I want to kill myself"]
)
def test_suicidal_thoughts_show_113_and_the_crisis_line_first(
    small_catalogue: Any, region: Any, text: str
) -> None:
    result = search(text, region=region, age=16)

    assert result.safety is not None
    assert "113" in result.safety.message and "0800-0113" in result.safety.message
    assert "112" in result.safety.message
    assert names(result)[0] in CRISIS
    assert result.hits[0].reasons[0].kind == "crisis"


def test_crisis_services_show_even_when_filters_would_hide_them(
    small_catalogue: Any, region: Any
) -> None:
    # Veilig Thuis has no age range, the crisis line stops at 23: a parent of 40 asking.
    result = search("hij slaat ons", region=region, gemeente="GM0342", age=30, theme="thema:pesten")

    assert set(names(result)) >= CRISIS


def test_slamming_doors_is_not_danger(small_catalogue: Any, region: Any) -> None:
    result = search("mijn zoon van 9 heeft driftbuien en slaat met deuren", region=region)

    assert result.safety is None
