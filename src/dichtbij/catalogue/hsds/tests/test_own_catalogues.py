"""The project's own catalogues: valid HSDS 3.0, real gemeenten, crisis help, referral."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dichtbij.catalogue.hsds.constants import CATALOGUE_DATA_DIR, TAXONOMY_FILE
from dichtbij.catalogue.hsds.tests.helpers import load_own, own_file, snapshot
from dichtbij.catalogue.hsds.tests.test_export import KINDS
from dichtbij.catalogue.hsds.validation import hsds_validator
from dichtbij.catalogue.models import Service, TaxonomyTerm
from dichtbij.regions.models import Region

CATALOGUES = {
    "sociale-kaart-amersfoort-basis.json": "amersfoort",
    "sociale-kaart-utrecht.json": "utrecht",
    "sociale-kaart-amsterdam.json": "amsterdam",
    "sociale-kaart-kennemerland.json": "kennemerland",
}


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _codes(service: dict[str, Any], terms: dict[str, str]) -> list[str]:
    return [terms[a["taxonomy_term_id"]] for a in service["attributes"]]


@pytest.mark.parametrize("name", [*CATALOGUES, TAXONOMY_FILE.name])
def test_every_object_validates_against_the_official_schemas(name: str, schemas: None) -> None:
    data = _read(CATALOGUE_DATA_DIR / name)
    validator = hsds_validator()
    for section, kind in KINDS.items():
        for index, obj in enumerate(data.get(section, [])):
            assert validator.errors(kind, obj) == [], f"{name}: {section}[{index}]"


def test_the_taxonomy_has_the_shared_ids_and_codes(shared_data: dict[str, Any]) -> None:
    own = _read(TAXONOMY_FILE)
    mine = {t["code"]: t["id"] for t in own["taxonomy_terms"]}
    shared = {t["code"]: t["id"] for t in shared_data["taxonomy_terms"]}
    assert {code: mine[code] for code in shared} == shared
    assert set(mine) - set(shared) == {"kenmerk:op-school"}
    assert {t["id"] for t in own["taxonomies"]} == {t["id"] for t in shared_data["taxonomies"]}


@pytest.mark.parametrize(("name", "code"), CATALOGUES.items())
def test_a_catalogue_follows_the_shared_conventions(name: str, code: str, db: None) -> None:
    from dichtbij.accounts.tests.factories import make_region

    region = make_region(code)
    data = _read(own_file(name))
    terms = {t["id"]: t["code"] for t in _read(TAXONOMY_FILE)["taxonomy_terms"]}
    gemeenten = dict(region.municipalities.values_list("code", "name"))
    services = data["services"]

    assert 15 <= len(services) <= 25
    for service in services:
        codes = _codes(service, terms)
        assert 1 <= len([c for c in codes if c.startswith("thema:")]) <= 4, service["name"]
        assert len([c for c in codes if c.startswith("soort:")]) == 1, service["name"]
        assert len([c for c in codes if c.startswith("verwijzing:")]) == 1, service["name"]
        assert len([c for c in codes if c == "kenmerk:wachttijd-weken"]) == 1, service["name"]
        for area in service["service_areas"]:
            assert gemeenten[area["description"][-7:-1]] == area["name"]
    referral = [s for s in services if "verwijzing:nodig" in _codes(s, terms)]
    assert len(referral) >= 3
    crisis = [s for s in services if "soort:crisis" in _codes(s, terms)]
    assert crisis
    veilig_thuis = [s for s in services if s["phones"][0]["number"] == "0800-2000"]
    assert len(veilig_thuis) == 1
    assert veilig_thuis[0]["url"] == "https://www.veiligthuis.nl"
    served = {area["name"] for s in services for area in s["service_areas"]}
    assert served == set(gemeenten.values())
    names = [o["name"] for o in data["organizations"]]
    first_door = [o["name"] for o in region.config["first_door"]["organisations"]]
    assert set(first_door) <= set(names) or name.startswith("sociale-kaart-amersfoort")


@pytest.mark.parametrize(("name", "code"), CATALOGUES.items())
def test_a_catalogue_imports_without_the_schemas_and_twice_the_same(
    name: str, code: str, db: None, settings: Any, tmp_path: Path
) -> None:
    from dichtbij.accounts.tests.factories import make_region

    make_region(code)
    settings.SHARED_DATA_DIR = tmp_path  # the project's own files are trusted
    summary = load_own(name)
    before = snapshot()

    again = load_own(name)

    assert summary.regions == [code]
    assert summary.services.created == Service.objects.filter(region__code=code).count()
    assert snapshot() == before
    assert not again.changed


def test_at_school_from_the_kind_of_help_or_the_explicit_attribute(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    assert set(Service.objects.filter(at_school=True).values_list("name", flat=True)) == {
        "Schoolmaatschappelijk werk in het voortgezet onderwijs",
        "Faalangsttraining op school",
        "Jeugd-ggz op school (KOOS)",  # specialist help with kenmerk:op-school
    }
    assert TaxonomyTerm.objects.filter(code="kenmerk:op-school").exists()
