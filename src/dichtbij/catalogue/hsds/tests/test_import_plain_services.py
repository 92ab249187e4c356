"""Plain HSDS 3.0 service objects (no wrapper), like the official ``service_full`` example."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from dichtbij.catalogue.hsds.importer import catalogue_import, catalogue_import_file
from dichtbij.catalogue.hsds.tests.helpers import plain_service, snapshot, uid
from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from dichtbij.regions.models import Region


def test_one_service_object_brings_its_nested_objects(amersfoort: Region, schemas: None) -> None:
    service = plain_service()

    summary = catalogue_import(data=service)

    assert summary.services.created == 1
    assert summary.organizations.created == 1
    assert summary.locations.created == 1
    assert summary.service_at_locations.created == 1
    assert summary.taxonomies.created == 1  # from the term's taxonomy_detail
    assert summary.taxonomy_terms.created == 1
    stored = Service.objects.get(id=service["id"])
    assert stored.region == amersfoort
    assert stored.organization.name == "Stichting Voorbeeld"
    assert stored.organization.region == amersfoort
    assert stored.minimum_age == 12
    assert stored.alert == "Tijdelijk ook online."
    assert stored.last_modified.isoformat() == "2025-03-15T10:30:45.123000+00:00"
    term = TaxonomyTerm.objects.get(code="counselling")
    assert term.taxonomy == Taxonomy.objects.get(name="Voorbeeldtaxonomie")
    location = Location.objects.get()
    assert location.hsds_extra["addresses"][0]["city"] == "Soest"
    assert ServiceAtLocation.objects.get().location == location


def test_hsds_detail_without_a_column_is_kept(amersfoort: Region, schemas: None) -> None:
    service = plain_service()

    catalogue_import(data=service)

    stored = Service.objects.get(id=service["id"])
    for key in (
        "interpretation_services",
        "wait_time",
        "program",
        "required_documents",
        "metadata",
    ):
        assert stored.hsds_extra[key] == service[key]
    assert stored.organization.hsds_extra["funding"] == service["organization"]["funding"]


def test_plain_data_without_our_attributes_is_help_without_referral(
    amersfoort: Region, schemas: None
) -> None:
    catalogue_import(data=plain_service())

    stored = Service.objects.get()
    assert stored.referral_required is False
    assert stored.referrers == []
    assert stored.waiting_weeks is None  # the deprecated wait_time text is not read
    assert stored.at_school is False


def test_our_attributes_in_plain_data_are_read(amersfoort: Region, schemas: None) -> None:
    catalogue_import(data=plain_service(referral="huisarts, jeugdarts", waiting="6"))

    stored = Service.objects.get()
    assert stored.referral_required is True
    assert stored.referrers == ["huisarts", "jeugdarts"]
    assert stored.waiting_weeks == 6


def test_a_gemeente_by_name_and_its_wijk(amersfoort: Region, schemas: None) -> None:
    catalogue_import(data=plain_service(gemeente="gemeente Soest", description="Heel Soest"))

    area = Service.objects.get().service_areas.get()
    assert area.municipality.code == "GM0342"
    assert list(area.districts.values_list("name", flat=True)) == ["Soesterberg"]


def test_a_list_of_services_sharing_an_organisation(
    tmp_path: Path, amersfoort: Region, schemas: None
) -> None:
    services = [plain_service("een"), plain_service("twee"), plain_service("drie")]
    path = tmp_path / "diensten.json"
    path.write_text(json.dumps(services), encoding="utf-8")

    summary = catalogue_import_file(path=path)

    assert summary.services.created == 3
    assert Organization.objects.count() == 1
    assert Service.objects.filter(organization__name="Stichting Voorbeeld").count() == 3


def test_a_single_service_file_twice_changes_nothing(
    tmp_path: Path, amersfoort: Region, schemas: None
) -> None:
    path = tmp_path / "dienst.json"
    path.write_text(json.dumps(plain_service()), encoding="utf-8")
    catalogue_import_file(path=path)
    before = snapshot()

    summary = catalogue_import_file(path=path)

    assert snapshot() == before
    assert not summary.changed


def test_the_region_option_resolves_gemeente_names_there(
    amersfoort: Region, utrecht: Region, schemas: None
) -> None:
    service = plain_service(gemeente="Utrecht", description="")

    catalogue_import(data=service, region=utrecht)

    assert Service.objects.get().region == utrecht


def test_a_service_references_an_organisation_already_stored(
    amersfoort: Region, schemas: None
) -> None:
    catalogue_import(data=plain_service("een"))
    second = plain_service("twee")
    organization_id = second.pop("organization")["id"]
    second["organization_id"] = organization_id

    catalogue_import(data=second)

    assert Service.objects.get(id=second["id"]).organization_id == uuid.UUID(organization_id)


def test_an_organisation_with_only_nested_locations(amersfoort: Region, schemas: None) -> None:
    service = plain_service()
    location = service["service_at_locations"][0].pop("location")
    service["service_at_locations"][0]["location_id"] = location["id"]
    service["organization"]["locations"] = [location]

    catalogue_import(data=service)

    stored = Location.objects.get()
    assert str(stored.organization_id) == service["organization"]["id"]
    assert str(stored.id) == location["id"]
    assert uid("location", "counselling") == location["id"]
