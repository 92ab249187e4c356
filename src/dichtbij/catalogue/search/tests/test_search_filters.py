"""Hard filters: region, gemeente, age, theme, kind of help, referral, waiting time."""

from __future__ import annotations

from typing import Any

from dichtbij.catalogue.search.tests.helpers import names, search


def test_gemeente_keeps_only_services_for_that_gemeente(small_catalogue: Any, region: Any) -> None:
    soest = names(search("sport voetbal zwemmen", region=region, gemeente="GM0342"))
    amersfoort = names(search("sport voetbal zwemmen", region=region, gemeente="GM0307"))

    assert "Voetbal in de wijk" not in soest
    assert "Voetbal in de wijk" in amersfoort


def test_age_must_fall_in_the_services_range(small_catalogue: Any, region: Any) -> None:
    assert "Weerbaarheidstraining Sterk Staan" in names(search("gepest", region=region, age=9))
    assert "Weerbaarheidstraining Sterk Staan" not in names(search("gepest", region=region, age=13))
    # No age range: for every age.
    assert "Schuldhulpverlening voor gezinnen" in names(search("schulden", region=region, age=17))


def test_without_referral_drops_specialist_help(small_catalogue: Any, region: Any) -> None:
    result = search("gepest", region=region, without_referral=True)

    assert result.hits
    assert not any(hit.service.referral_required for hit in result.hits)


def test_max_waiting_weeks_drops_longer_waits(small_catalogue: Any, region: Any) -> None:
    result = search("gepest", region=region, max_waiting_weeks=2)

    assert names(result) == ["Ouderavond: mijn kind wordt gepest"]


def test_theme_and_kind_filters(small_catalogue: Any, region: Any) -> None:
    themed = search("kind", region=region, theme="thema:geldzorgen-schulden")
    kind = search("gepest", region=region, kind="soort:cursus-training")

    assert names(themed) == ["Schuldhulpverlening voor gezinnen"]
    assert names(kind) == ["Weerbaarheidstraining Sterk Staan"]


def test_other_regions_services_are_not_found(
    small_catalogue: Any, region: Any, other_region: Any
) -> None:
    assert search("gepest", region=other_region).hits == []
    assert search("gepest", region=region).hits


def test_limit(small_catalogue: Any, region: Any) -> None:
    assert len(search("gepest", region=region, limit=1).hits) == 1
