"""Test data for the HSDS tests: plain HSDS service objects, own catalogues, snapshots."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

from django.db.models import Model

from dichtbij.catalogue.hsds.constants import CATALOGUE_DATA_DIR, TAXONOMY_FILE
from dichtbij.catalogue.hsds.importer import ImportSummary, catalogue_import, catalogue_import_file
from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)

NAMESPACE = uuid.UUID("0b7f3f4e-2a1d-4c8e-9f00-7e57da7a0001")

MODELS: tuple[type[Model], ...] = (
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Location,
    Service,
    ServiceArea,
    ServiceArea.districts.through,
    ServiceAtLocation,
    ServiceAttribute,
)


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every catalogue table, every column (``last_modified`` too)."""
    return {
        model.__name__: sorted(
            model._default_manager.values(), key=lambda row: str(row.get("id") or row)
        )
        for model in MODELS
    }


def row_counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


def own_file(name: str) -> Path:
    return CATALOGUE_DATA_DIR / name


def load_vocabulary() -> ImportSummary:
    """The project's taxonomy (trusted: works without the shared schemas)."""
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        return catalogue_import(data=json.load(handle), source_name="taxonomie.json", trusted=True)


def load_own(name: str) -> ImportSummary:
    """One of the project's catalogues, after the vocabulary."""
    load_vocabulary()
    return catalogue_import_file(path=own_file(name), trusted=True)


def plain_service(
    key: str = "counselling",
    *,
    gemeente: str = "Soest",
    description: str = "Gemeente Soest (CBS GM0342)",
    organization: str = "Stichting Voorbeeld",
    referral: str | None = None,
    waiting: str | None = None,
) -> dict[str, Any]:
    """A service object in the style of the official HSDS 3.0 example ``service_full``:
    nested organization, location, taxonomy term with ``taxonomy_detail``; no wrapper."""
    service_id = uid("service", key)
    organization_id = uid("organization", organization)
    location_id = uid("location", key)
    attributes: list[dict[str, Any]] = [
        {
            "id": uid("attribute", key, "topic"),
            "link_type": "topic",
            "link_entity": "service",
            "taxonomy_term": {
                "id": uid("term", "counselling"),
                "code": "counselling",
                "name": "Gesprekshulp",
                "description": "Gesprekken met een professional.",
                "taxonomy": "Voorbeeldtaxonomie",
                "taxonomy_detail": {
                    "id": uid("taxonomy", "example"),
                    "name": "Voorbeeldtaxonomie",
                    "description": "Een taxonomie uit een ander systeem.",
                    "uri": "http://example.com/taxonomy",
                    "version": "1",
                },
                "language": "nl",
                "term_uri": "http://example.com/taxonomy/counselling",
            },
        }
    ]
    for code, name, value in (
        ("verwijzing:nodig" if referral else None, "Verwijzing nodig", referral),
        ("kenmerk:wachttijd-weken" if waiting is not None else None, "Wachttijd", waiting),
    ):
        if code is None:
            continue
        attributes.append(
            {
                "id": uid("attribute", key, code),
                "link_type": code.split(":")[0],
                "link_entity": "service",
                "value": value,
                "taxonomy_term": {
                    "id": uid("term", code),
                    "code": code,
                    "name": name,
                    "description": name,
                },
            }
        )
    return {
        "id": service_id,
        "name": f"Gesprekshulp voor jongeren ({key})",
        "alternate_name": "Praat erover",
        "description": "Gesprekken met een getrainde hulpverlener voor jongeren die vastlopen.",
        "url": "http://example.com/counselling",
        "email": "email@example.com",
        "status": "active",
        "interpretation_services": "Tolken op aanvraag.",
        "application_process": "Bel voor een afspraak.",
        "fees_description": "Gratis.",
        "wait_time": "Twee weken",
        "accreditations": "Erkend",
        "eligibility_description": "Jongeren van 12 jaar en ouder.",
        "minimum_age": 12,
        "maximum_age": 23,
        "assured_date": "2025-01-01",
        "assurer_email": "email@example.com",
        "alert": "Tijdelijk ook online.",
        "last_modified": "2025-03-15T10:30:45.123Z",
        "phones": [
            {
                "id": uid("phone", key),
                "number": "+31 35 5550000",
                "extension": 100,
                "type": "voice",
                "languages": [{"id": uid("language", key, "phone"), "name": "Nederlands"}],
            }
        ],
        "schedules": [
            {
                "id": uid("schedule", key),
                "freq": "WEEKLY",
                "byday": "TH,FR",
                "opens_at": "10:00",
                "closes_at": "18:00",
                "description": "Donderdag en vrijdag.",
            }
        ],
        "service_areas": [
            {
                "id": uid("service_area", key),
                "name": gemeente,
                "description": description,
                "extent": "Soesterberg",
                "extent_type": "text",
            }
        ],
        "service_at_locations": [
            {
                "id": uid("service_at_location", key),
                "description": "Op de locatie in het centrum.",
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Centrum",
                    "latitude": 52.17,
                    "longitude": 5.29,
                    "addresses": [
                        {
                            "id": uid("address", key),
                            "address_1": "Steenhoffstraat 1",
                            "city": "Soest",
                            "state_province": "Utrecht",
                            "postal_code": "3764 BH",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "languages": [{"id": uid("language", key), "name": "Nederlands", "code": "nl"}],
        "organization": {
            "id": organization_id,
            "name": organization,
            "description": "Een organisatie uit een ander systeem.",
            "website": "http://example.com",
            "tax_status": "ANBI",
            "funding": [{"id": uid("funding", organization), "source": "Gemeente"}],
        },
        "cost_options": [
            {"id": uid("cost", key), "option": "Standaard", "currency": "EUR", "amount": 0}
        ],
        "program": {
            "id": uid("program", key),
            "name": "Programma",
            "description": "Een programma.",
        },
        "required_documents": [{"id": uid("document", key), "document": "Geen"}],
        "attributes": attributes,
        "metadata": [
            {
                "id": uid("metadata", key),
                "resource_type": "service",
                "last_action_date": "2025-01-01",
                "last_action_type": "update",
                "field_name": "name",
                "previous_value": "Oud",
                "replacement_value": "Nieuw",
                "updated_by": "Redactie",
            }
        ],
    }


def mutated(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy to change in a test."""
    return copy.deepcopy(data)
