"""`dichtbij demo load` fills the sociale kaart of all four regions, safely repeatable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from dichtbij.catalogue.hsds.synthetic import shared_catalogue_path
from dichtbij.catalogue.hsds.validation import schemas_available
from dichtbij.catalogue.models import Service, TaxonomyTerm
from dichtbij.demo.services import demo_catalogues_load, demo_load


def _services_per_region() -> dict[str, int]:
    return {
        code: Service.objects.filter(region__code=code).count()
        for code in ("amersfoort", "utrecht", "amsterdam", "kennemerland")
    }


def test_loads_the_shared_catalogue_and_our_own(db: None) -> None:
    if not (shared_catalogue_path().is_file() and schemas_available()):
        pytest.skip("needs ../shared/data (DICHTBIJ_SHARED_DATA)")

    summary = demo_load(regions_dir=settings.REGIONS_DIR)

    assert _services_per_region() == {
        "amersfoort": 220,
        "utrecht": 23,
        "amsterdam": 20,
        "kennemerland": 20,
    }
    assert [s.source_name for s in summary.catalogues] == [
        "sociale-kaart-regio-amersfoort.json",
        "taxonomie.json",  # only Dichtbij's own term: the rest came with the shared file
        "sociale-kaart-utrecht.json",
        "sociale-kaart-amsterdam.json",
        "sociale-kaart-kennemerland.json",
    ]
    assert summary.catalogues[1].taxonomy_terms.created == 1
    assert TaxonomyTerm.objects.count() == 52


def test_without_the_shared_data_amersfoort_gets_the_small_catalogue(
    db: None, tmp_path: Path, settings: Any
) -> None:
    settings.SHARED_DATA_DIR = tmp_path

    summary = demo_load(regions_dir=settings.REGIONS_DIR)

    assert _services_per_region() == {
        "amersfoort": 15,
        "utrecht": 23,
        "amsterdam": 20,
        "kennemerland": 20,
    }
    assert summary.catalogues[0].source_name == "taxonomie.json"
    assert summary.catalogues[0].taxonomy_terms.created == 52
    assert Service.objects.filter(name__startswith="MetMaya", referral_required=True).count() == 3


def test_a_second_run_changes_no_catalogue_row(db: None) -> None:
    demo_load(regions_dir=settings.REGIONS_DIR)

    again = demo_catalogues_load()

    assert again
    assert not any(summary.changed for summary in again)
    assert "taxonomie.json" not in [summary.source_name for summary in again]


def test_search_finds_the_demo_catalogues(db: None) -> None:
    from dichtbij.catalogue.search import catalogue_search
    from dichtbij.catalogue.search.types import SearchQuery
    from dichtbij.regions.selectors import municipality_get

    demo_load(regions_dir=settings.REGIONS_DIR)
    haarlem = municipality_get(code="GM0392")
    assert haarlem is not None

    result = catalogue_search(
        query=SearchQuery(text="scheiding", region=haarlem.region, municipality=haarlem)
    )

    assert result.hits
    assert all(hit.service.region_id == haarlem.region_id for hit in result.hits)
