"""Synthetic catalogues: any size, deterministic, valid HSDS, importable."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from dichtbij.catalogue.hsds.errors import SharedCatalogueMissing
from dichtbij.catalogue.hsds.importer import catalogue_import
from dichtbij.catalogue.hsds.synthetic import synthetic_catalogue, synthetic_catalogue_write
from dichtbij.catalogue.hsds.tests.test_export import assert_references_resolve, assert_valid_hsds
from dichtbij.catalogue.models import Service
from dichtbij.regions.models import Region


def test_makes_the_asked_number_of_services(shared_path: Path) -> None:
    data = synthetic_catalogue(services=500, seed=2)

    assert len(data["services"]) == 500
    assert len({s["id"] for s in data["services"]}) == 500
    assert_valid_hsds(data)
    assert_references_resolve(data)


def test_is_deterministic_and_depends_on_the_seed(shared_path: Path) -> None:
    first = synthetic_catalogue(services=300, seed=5)
    assert synthetic_catalogue(services=300, seed=5) == first
    assert synthetic_catalogue(services=300, seed=6)["services"][250] != first["services"][250]


def test_varies_the_shared_services(shared_path: Path, shared_data: dict[str, Any]) -> None:
    data = synthetic_catalogue(services=660, seed=1)
    originals = {s["id"] for s in shared_data["services"]}

    assert not originals & {s["id"] for s in data["services"]}  # new ids
    names = [s["name"] for s in data["services"]]
    descriptions = [s["description"] for s in data["services"]]
    assert len(set(names)) > 500
    assert len(set(descriptions)) > 600
    gemeenten = {area["name"] for s in data["services"][220:] for area in s["service_areas"]}
    assert gemeenten == {
        "Amersfoort",
        "Baarn",
        "Bunschoten",
        "Eemnes",
        "Leusden",
        "Soest",
        "Woudenberg",
    }
    assert data["taxonomy_terms"] == shared_data["taxonomy_terms"]


def test_the_writer_writes_the_same_catalogue(shared_path: Path) -> None:
    stream = io.StringIO()
    synthetic_catalogue_write(stream=stream, services=250, seed=3)
    assert json.loads(stream.getvalue()) == synthetic_catalogue(services=250, seed=3)


def test_imports_into_regio_amersfoort(shared_path: Path, amersfoort: Region) -> None:
    summary = catalogue_import(data=synthetic_catalogue(services=400), reindex=False)

    assert summary.services.created == 400
    assert Service.objects.filter(region=amersfoort).count() == 400


def test_needs_the_shared_catalogue(tmp_path: Path, settings: Any) -> None:
    settings.SHARED_DATA_DIR = tmp_path
    with pytest.raises(SharedCatalogueMissing, match="ontbreekt"):
        synthetic_catalogue(services=10)
