"""Importing the shared regio Amersfoort catalogue: counts, derived fields, idempotence."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from dichtbij.catalogue.hsds.constants import SHARED_NAMESPACE
from dichtbij.catalogue.hsds.importer import catalogue_import, catalogue_import_file
from dichtbij.catalogue.hsds.tests.helpers import mutated, row_counts, snapshot
from dichtbij.catalogue.models import (
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
)
from dichtbij.regions.models import Region


def shared_id(name: str) -> uuid.UUID:
    return uuid.uuid5(SHARED_NAMESPACE, name)


def test_imports_every_object_of_the_shared_catalogue(
    shared_path: Path, amersfoort: Region
) -> None:
    summary = catalogue_import_file(path=shared_path)

    assert summary.taxonomies.created == 5
    assert summary.taxonomy_terms.created == 51
    assert summary.organizations.created == 73
    assert summary.locations.created == 104
    assert summary.services.created == 220
    assert summary.service_at_locations.created == 296
    assert summary.regions == ["amersfoort"]
    assert Service.objects.filter(region=amersfoort).count() == 220
    assert Organization.objects.filter(region=amersfoort).count() == 73
    assert ServiceAtLocation.objects.count() == 296
    assert summary.changed_service_ids == set(Service.objects.values_list("id", flat=True))


def test_ids_are_the_hsds_ids(
    shared_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    assert set(Service.objects.values_list("id", flat=True)) == {
        uuid.UUID(service["id"]) for service in shared_data["services"]
    }


def test_referral_and_waiting_time_come_from_the_attributes(
    shared_path: Path, amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    spoed = Service.objects.get(name="Spoedhulp Jeugd aan huis")
    assert spoed.referral_required is True
    assert spoed.referrers == ["huisarts", "gecertificeerde-instelling", "wijkteam-gemeente"]
    assert spoed.waiting_weeks == 0
    assert Service.objects.filter(referral_required=True).count() == 38
    assert Service.objects.filter(referral_required=False, referrers=[]).count() == 182
    assert not Service.objects.filter(waiting_weeks__isnull=True).exists()


def test_help_of_the_kind_school_support_is_at_school(
    shared_path: Path, amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    at_school = Service.objects.filter(at_school=True)
    assert at_school.count() == 10
    assert set(
        ServiceAttribute.objects.filter(
            service__in=at_school, taxonomy_term__code__startswith="soort:"
        ).values_list("taxonomy_term__code", flat=True)
    ) == {"soort:school-ondersteuning"}


def test_service_areas_become_gemeenten_and_their_wijken(
    shared_path: Path, amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    area = ServiceArea.objects.filter(extent="Kruiskamp, Koppel, Schothorst en Zielhorst").first()
    assert area is not None
    assert area.municipality.code == "GM0307"
    assert set(area.districts.values_list("name", flat=True)) == {
        "Kruiskamp",
        "Koppel",
        "Schothorst",
        "Zielhorst",
    }
    regional = Service.objects.get(name="Spoedhulp Jeugd aan huis")
    assert regional.service_areas.count() == 7


def test_nested_detail_is_kept_for_the_pages(shared_path: Path, amersfoort: Region) -> None:
    catalogue_import_file(path=shared_path)

    spoed = Service.objects.get(name="Spoedhulp Jeugd aan huis")
    assert spoed.hsds_extra["phones"][0]["number"] == "033-5550100"
    assert spoed.hsds_extra["schedules"][0]["opens_at"] == "00:00"
    location = ServiceAtLocation.objects.select_related("location").first()
    assert location is not None


def test_a_second_import_rewrites_nothing(shared_path: Path, amersfoort: Region) -> None:
    catalogue_import_file(path=shared_path)
    before = snapshot()

    summary = catalogue_import_file(path=shared_path)

    assert snapshot() == before
    assert not summary.changed
    assert summary.services.unchanged == 220
    assert summary.attributes.unchanged == ServiceAttribute.objects.count()
    assert summary.changed_service_ids == set()


def test_a_changed_service_is_updated_in_place(
    shared_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)
    counts = row_counts()
    data = mutated(shared_data)
    service = data["services"][0]
    service["name"] = "Spoedhulp Jeugd thuis"
    service["last_modified"] = "2026-11-23T08:00:00Z"
    service["attributes"] = [a for a in service["attributes"] if a["link_type"] != "wachttijd"]

    summary = catalogue_import(data=data)

    assert row_counts() == {**counts, "ServiceAttribute": counts["ServiceAttribute"] - 1}
    assert summary.services.updated == 1
    assert summary.services.unchanged == 219
    assert summary.attributes.deleted == 1
    changed = Service.objects.get(id=service["id"])
    assert changed.name == "Spoedhulp Jeugd thuis"
    assert changed.waiting_weeks is None
    assert changed.last_modified.isoformat() == "2026-11-23T08:00:00+00:00"
    assert summary.changed_service_ids == {changed.id}


def test_a_service_without_last_modified_gets_the_time_of_its_change(
    shared_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    data = mutated(shared_data)
    for service in data["services"]:
        del service["last_modified"]
    catalogue_import(data=data)
    stamped = dict(Service.objects.values_list("id", "last_modified"))

    catalogue_import(data=data)
    assert dict(Service.objects.values_list("id", "last_modified")) == stamped

    data["services"][3]["description"] += " Ook in de vakanties."
    catalogue_import(data=data)
    after = dict(Service.objects.values_list("id", "last_modified"))
    changed_id = uuid.UUID(data["services"][3]["id"])
    assert after[changed_id] > stamped[changed_id]
    assert {k: v for k, v in after.items() if k != changed_id} == {
        k: v for k, v in stamped.items() if k != changed_id
    }


def test_import_keeps_what_catalogue_management_marked(
    shared_path: Path, amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)
    Service.objects.filter(name="Spoedhulp Jeugd aan huis").update(outdated=True)

    catalogue_import_file(path=shared_path)

    assert Service.objects.get(name="Spoedhulp Jeugd aan huis").outdated is True


def test_organisations_without_services_get_the_region_of_the_input(
    shared_path: Path, amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)

    parent = Organization.objects.get(id=shared_id("organization/metmaya"))
    assert parent.region == amersfoort
    assert Organization.objects.filter(parent=parent).count() == 10


def test_a_service_loses_a_location_and_gains_a_gemeente(
    shared_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    catalogue_import_file(path=shared_path)
    data = mutated(shared_data)
    service = next(s for s in data["services"] if len(s.get("service_at_locations", [])) > 1)
    dropped = service["service_at_locations"].pop()
    data["service_at_locations"] = [
        sal for sal in data["service_at_locations"] if sal["id"] != dropped["id"]
    ]
    local = next(s for s in data["services"] if len(s["service_areas"]) == 1)
    gemeente = "Eemnes" if local["service_areas"][0]["name"] != "Eemnes" else "Baarn"
    local["service_areas"].append(
        {
            "id": str(uuid.uuid4()),
            "service_id": local["id"],
            "name": gemeente,
            "description": f"Gemeente {gemeente}",
        }
    )

    summary = catalogue_import(data=data)

    assert summary.service_at_locations.deleted == 1
    assert summary.service_areas.created == 1
    assert not ServiceAtLocation.objects.filter(id=dropped["id"]).exists()
    assert set(
        Service.objects.get(id=local["id"]).service_areas.values_list(
            "municipality__name", flat=True
        )
    ) == {local["service_areas"][0]["name"], gemeente}
    assert summary.changed_service_ids == {uuid.UUID(service["id"]), uuid.UUID(local["id"])}
