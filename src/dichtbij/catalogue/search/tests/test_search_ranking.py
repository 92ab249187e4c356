"""The region's principle: help without referral first, unless the question is about
specialist help."""

from __future__ import annotations

from typing import Any

from dichtbij.catalogue.search.tests.helpers import names, search


def test_ordinary_question_ranks_help_without_referral_before_specialist_help(
    small_catalogue: Any, region: Any
) -> None:
    result = search("mijn zoon wordt gepest", region=region, gemeente="GM0342", age=10)

    referral = [hit.service.referral_required for hit in result.hits]
    assert "Behandeling bij trauma na pesten" in names(result)
    assert referral == sorted(referral), names(result)  # all False before any True
    assert not referral[0]


def test_specialist_question_may_rank_specialist_help_first(
    small_catalogue: Any, region: Any
) -> None:
    result = search(
        "behandeling door een psycholoog voor trauma na pesten", region=region, gemeente="GM0342"
    )

    assert names(result)[0] == "Behandeling bij trauma na pesten"


def test_temporarily_closed_services_show_and_are_marked(small_catalogue: Any, region: Any) -> None:
    result = search("zwemles voor mijn kind", region=region, gemeente="GM0307", age=8)

    hit = next(h for h in result.hits if h.service.name == "Zwemlessen voor kinderen")
    assert any(reason.kind == "closed" for reason in hit.reasons)


def test_outdated_and_defunct_services_are_not_found(
    small_catalogue: Any, region: Any, make_services: Any
) -> None:
    from dichtbij.catalogue.search.services import search_index_update

    voetbal = small_catalogue["voetbal"]
    voetbal.outdated = True
    voetbal.save(update_fields=["outdated"])
    search_index_update(services=[voetbal])
    from dichtbij.catalogue.tests.factories import hsds_service

    make_services(
        hsds_service(
            "oud",
            "Voetbalschool opgeheven",
            gemeenten=("GM0307",),
            status="defunct",
            themes=("thema:vrije-tijd-sport",),
        )
    )

    result = search("voetbal", region=region)

    assert "Voetbal in de wijk" not in names(result)
    assert "Voetbalschool opgeheven" not in names(result)


def test_empty_question_with_a_theme_lists_help_without_referral_first(
    small_catalogue: Any, region: Any
) -> None:
    result = search(region=region, gemeente="GM0342", theme="thema:pesten")

    assert [h.service.referral_required for h in result.hits] == [False, False, True]
    assert not result.out_of_scope
