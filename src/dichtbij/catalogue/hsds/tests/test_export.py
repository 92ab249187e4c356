"""Export: valid HSDS 3.0, the shared file's shape, and import(export(x)) changes nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from dichtbij.catalogue.hsds.exporter import catalogue_export, catalogue_export_write
from dichtbij.catalogue.hsds.importer import catalogue_import, catalogue_import_file
from dichtbij.catalogue.hsds.tests.helpers import load_own, plain_service, snapshot
from dichtbij.catalogue.hsds.validation import hsds_validator
from dichtbij.catalogue.models import Service
from dichtbij.regions.models import Region

KINDS = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "service_at_locations": "service_at_location",
}


def unordered(value: Any) -> Any:
    """``value`` with every list of HSDS objects sorted by id (their order carries no
    meaning, and the export orders them its own way)."""
    if isinstance(value, dict):
        return {key: unordered(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [unordered(item) for item in value]
        if all(isinstance(item, dict) and "id" in item for item in items):
            return sorted(items, key=lambda item: item["id"])
        return items
    return value


def assert_valid_hsds(data: dict[str, Any]) -> None:
    """Every object validates against the official schema of its kind."""
    validator = hsds_validator()
    for section, kind in KINDS.items():
        for index, obj in enumerate(data[section]):
            assert validator.errors(kind, obj) == [], f"{section}[{index}]"


def assert_references_resolve(data: dict[str, Any]) -> None:
    ids = {section: {obj["id"] for obj in data[section]} for section in KINDS}
    for service in data["services"]:
        assert service["organization_id"] in ids["organizations"]
        for attribute in service.get("attributes", []):
            assert attribute["taxonomy_term_id"] in ids["taxonomy_terms"]
        for sal in service.get("service_at_locations", []):
            assert sal["location_id"] in ids["locations"]
    for location in data["locations"]:
        assert location.get("organization_id") in ids["organizations"] | {None}
    for organization in data["organizations"]:
        assert organization.get("parent_organization_id") in ids["organizations"] | {None}
    for term in data["taxonomy_terms"]:
        assert term.get("taxonomy_id") in ids["taxonomies"] | {None}


def test_export_of_the_shared_catalogue_is_valid_and_equal_to_it(
    shared_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    exported = catalogue_export()

    assert_valid_hsds(exported)
    assert_references_resolve(exported)
    for section in KINDS:
        assert len(exported[section]) == len(shared_data[section]), section
    for section in ("taxonomies", "taxonomy_terms", "organizations", "locations"):
        assert {o["id"]: o for o in exported[section]} == {o["id"]: o for o in shared_data[section]}
    assert unordered(exported["services"]) == unordered(shared_data["services"])


def test_import_of_the_export_changes_nothing(shared_path: Path, amersfoort: Region) -> None:
    catalogue_import_file(path=shared_path)
    before = snapshot()

    summary = catalogue_import(data=catalogue_export())

    assert snapshot() == before
    assert not summary.changed


def test_round_trip_of_plain_services(amersfoort: Region, schemas: None) -> None:
    catalogue_import(data=[plain_service("een"), plain_service("twee", referral="huisarts")])
    before = snapshot()

    exported = catalogue_export()
    summary = catalogue_import(data=exported)

    assert_valid_hsds(exported)
    assert snapshot() == before
    assert not summary.changed


def test_round_trip_of_the_projects_own_catalogues(utrecht: Region, schemas: None) -> None:
    load_own("sociale-kaart-utrecht.json")
    before = snapshot()

    exported = catalogue_export(region=utrecht)
    summary = catalogue_import(data=exported)

    assert_valid_hsds(exported)
    assert_references_resolve(exported)
    assert snapshot() == before
    assert not summary.changed


def test_changed_columns_are_written_back_as_attributes(utrecht: Region, schemas: None) -> None:
    """Catalogue management edits columns; the export follows the columns."""
    load_own("sociale-kaart-utrecht.json")
    service = Service.objects.get(name="Chat met een jongerenwerker")
    service.referral_required = True
    service.referrers = ["huisarts"]
    service.waiting_weeks = 9
    service.at_school = True
    service.save(update_fields=["referral_required", "referrers", "waiting_weeks", "at_school"])

    exported = catalogue_export(region=utrecht)

    assert_valid_hsds(exported)
    written = next(s for s in exported["services"] if s["id"] == str(service.pk))
    facts = {a["taxonomy_term"]["code"]: a.get("value") for a in written["attributes"]}
    assert facts["verwijzing:nodig"] == "huisarts"
    assert "verwijzing:niet-nodig" not in facts
    assert facts["kenmerk:wachttijd-weken"] == "9"
    assert facts["kenmerk:op-school"] == "ja"

    catalogue_import(data=exported)
    reread = Service.objects.get(pk=service.pk)
    assert (reread.referral_required, reread.referrers, reread.waiting_weeks, reread.at_school) == (
        True,
        ["huisarts"],
        9,
        True,
    )
    assert unordered(catalogue_export(region=utrecht)["services"]) == unordered(
        exported["services"]
    )


def test_a_region_export_holds_that_region_only(
    amersfoort: Region, utrecht: Region, schemas: None
) -> None:
    load_own("sociale-kaart-utrecht.json")
    catalogue_import(data=plain_service())  # Soest, regio Amersfoort

    exported = catalogue_export(region=utrecht)

    assert {s["service_areas"][0]["name"] for s in exported["services"]} == {"Utrecht"}
    assert len(exported["services"]) == Service.objects.filter(region=utrecht).count()
    assert exported["meta"]["region"] == {"code": "utrecht", "name": "Utrecht"}
    assert exported["meta"]["counts"]["services"] == len(exported["services"])
    assert_references_resolve(exported)


def test_the_file_writer_writes_the_same_export(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")
    progress: list[tuple[int, int]] = []
    stream = io.StringIO()

    count = catalogue_export_write(stream=stream, progress=lambda d, t: progress.append((d, t)))

    written = json.loads(stream.getvalue())
    exported = catalogue_export()
    assert count == len(exported["services"]) == 23
    for section in KINDS:
        assert written[section] == exported[section]
    assert progress[-1] == (23, 23)
