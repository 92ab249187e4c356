"""Every hit says in plain Dutch why it matched."""

from __future__ import annotations

from typing import Any

from dichtbij.catalogue.search.tests.helpers import search


def test_reasons_name_theme_words_age_gemeente_and_no_referral(
    small_catalogue: Any, region: Any
) -> None:
    result = search("mijn zoon wordt gepest", region=region, gemeente="GM0342", age=9)

    hit = next(h for h in result.hits if h.service.name == "Weerbaarheidstraining Sterk Staan")
    reasons = {reason.kind: reason.text for reason in reversed(hit.reasons)}  # first of a kind
    assert reasons["theme"] == "Past bij het thema “Pesten”"
    assert "gepest" in reasons["words"]
    assert reasons["age"] == "Voor 8 tot en met 12 jaar: past bij 9 jaar"
    assert reasons["gemeente"] == "Voor inwoners van Soest"
    assert reasons["no_referral"] == "Geen verwijzing nodig"


def test_specialist_hit_has_no_no_referral_reason(small_catalogue: Any, region: Any) -> None:
    result = search("behandeling trauma na pesten", region=region)

    hit = next(h for h in result.hits if h.service.referral_required)
    assert "no_referral" not in {reason.kind for reason in hit.reasons}


def test_result_names_the_themes_it_understood(small_catalogue: Any, region: Any) -> None:
    result = search("hij wordt gepest", region=region)

    assert [term.code for term in result.themes][0] == "thema:pesten"
