"""Test data for the hulpwijzer pages: small HSDS 3.0 services, imported like real data.

:func:`hsds_service` builds one nested HSDS service object in the shape of the shared
dataset (``../shared/data/sociale-kaart-regio-amersfoort.json``): referral and waiting
time as attributes, service areas per gemeente, phones, schedules, a location with an
address. :func:`import_services` stores such objects through the HSDS importer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from dichtbij.catalogue.hsds.importer import catalogue_import
from dichtbij.catalogue.hsds.validation import schemas_available
from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search import search_index_update

NAMESPACE = uuid.UUID("5b0a4f1e-7d1c-4a43-9b8e-6f3c2d1e0a99")

GEMEENTEN = {
    "GM0307": "Amersfoort",
    "GM0308": "Baarn",
    "GM0313": "Bunschoten",
    "GM0317": "Eemnes",
    "GM0327": "Leusden",
    "GM0342": "Soest",
    "GM0351": "Woudenberg",
}

TERM_NAMES = {
    "thema:pesten": "Pesten",
    "thema:opvoeden": "Opvoeden",
    "thema:crisis": "Crisis",
    "thema:huiselijk-geweld-veiligheid": "Huiselijk geweld en veiligheid",
    "thema:emoties-somberheid": "Emoties en somberheid",
    "thema:vrije-tijd-sport": "Vrije tijd en sport",
    "soort:groepsactiviteit": "Groepsactiviteit",
    "soort:cursus-training": "Cursus of training",
    "soort:informatie-advies": "Informatie en advies",
    "soort:ambulante-specialistische-hulp": "Ambulante specialistische jeugdhulp",
    "soort:crisis": "Crisishulp",
    "verwijzing:nodig": "Verwijzing nodig",
    "verwijzing:niet-nodig": "Geen verwijzing nodig",
    "kenmerk:wachttijd-weken": "Wachttijd in weken",
    "doelgroep:kind-jongere": "Kind of jongere zelf",
    "doelgroep:ouders": "Ouders en opvoeders",
}

_TAXONOMIES = {
    "thema": "Hulpvraag-thema",
    "soort": "Soort hulp",
    "verwijzing": "Verwijzing",
    "kenmerk": "Kenmerk",
    "doelgroep": "Doelgroep",
}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _term(code: str) -> dict[str, Any]:
    taxonomy = code.split(":", 1)[0]
    return {
        "id": _id("taxonomy_term", code),
        "code": code,
        "name": TERM_NAMES.get(code, code.split(":", 1)[1].replace("-", " ").capitalize()),
        "description": f"Term {code}",
        "taxonomy": _TAXONOMIES.get(taxonomy, taxonomy),
        "taxonomy_id": _id("taxonomy", taxonomy),
        "language": "nl",
    }


def _attribute(service_id: str, code: str, link_type: str, value: str = "") -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "id": _id("attribute", service_id, code),
        "link_id": service_id,
        "taxonomy_term_id": _id("taxonomy_term", code),
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term": _term(code),
    }
    if value:
        attribute["value"] = value
    return attribute


def hsds_service(
    key: str,
    name: str,
    *,
    description: str = "",
    organization: str = "Welzijn Eemland",
    gemeenten: Sequence[str] = ("GM0342",),
    themes: Sequence[str] = ("thema:pesten",),
    kind: str = "soort:groepsactiviteit",
    referrers: Sequence[str] = (),
    waiting_weeks: int = 0,
    minimum_age: int | None = None,
    maximum_age: int | None = None,
    phones: Sequence[tuple[str, str]] = (("035-5550101", ""),),
    schedules: Sequence[dict[str, Any]] = (),
    languages: Sequence[str] = ("Nederlands",),
    address: tuple[str, str, str] | None = ("Steenhoffstraat 46", "3764 BM", "Soest"),
    status: str = "active",
    alert: str = "",
    assured_date: str | None = "2026-09-01",
    application_process: str = "Aanmelden kan via de website of telefonisch.",
    eligibility_description: str = "Voor kinderen en ouders.",
    fees_description: str = "Gratis.",
    amount: float = 0.0,
) -> dict[str, Any]:
    """One nested HSDS 3.0 service, as the shared dataset writes it."""
    service_id = _id("service", key)
    organization_id = _id("organization", organization)
    attributes = [_attribute(service_id, code, "thema") for code in themes]
    attributes.append(_attribute(service_id, kind, "soort_hulp"))
    attributes.append(
        _attribute(
            service_id,
            "verwijzing:nodig" if referrers else "verwijzing:niet-nodig",
            "verwijzing",
            ",".join(referrers),
        )
    )
    attributes.append(
        _attribute(service_id, "kenmerk:wachttijd-weken", "wachttijd", str(waiting_weeks))
    )
    attributes.append(_attribute(service_id, "doelgroep:kind-jongere", "doelgroep"))
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization_id,
        "name": name,
        "description": description or f"{name}: hulp dichtbij huis voor kinderen en ouders.",
        "url": f"https://www.{key}.example.nl",
        "email": f"info@{key}.example.nl",
        "status": status,
        "application_process": application_process,
        "fees_description": fees_description,
        "eligibility_description": eligibility_description,
        "last_modified": "2026-09-01T10:00:00.000Z",
        "phones": [
            {
                "id": _id("phone", service_id, number),
                "service_id": service_id,
                "number": number,
                "type": "voice",
                **({"description": note} if note else {}),
            }
            for number, note in phones
        ],
        "schedules": [
            {"id": _id("schedule", service_id, str(i)), "service_id": service_id, **schedule}
            for i, schedule in enumerate(schedules)
        ],
        "service_areas": [
            {
                "id": _id("service_area", service_id, code),
                "service_id": service_id,
                "name": GEMEENTEN[code],
                "description": f"Gemeente {GEMEENTEN[code]} (CBS {code})",
            }
            for code in gemeenten
        ],
        "languages": [
            {"id": _id("language", service_id, lang), "service_id": service_id, "name": lang}
            for lang in languages
        ],
        "organization": {
            "id": organization_id,
            "name": organization,
            "description": f"{organization} helpt gezinnen in de regio.",
            "email": "info@organisatie.example.nl",
            "website": "https://www.organisatie.example.nl",
        },
        "cost_options": [
            {
                "id": _id("cost", service_id),
                "service_id": service_id,
                "option": "Standaard",
                "currency": "EUR",
                "amount": amount,
            }
        ],
        "attributes": attributes,
    }
    if assured_date:
        service["assured_date"] = assured_date
        service["assurer_email"] = "redactie@example.nl"
    if minimum_age is not None:
        service["minimum_age"] = minimum_age
    if maximum_age is not None:
        service["maximum_age"] = maximum_age
    if alert:
        service["alert"] = alert
    if address is not None:
        location_id = _id("location", service_id)
        street, postcode, city = address
        service["service_at_locations"] = [
            {
                "id": _id("service_at_location", service_id),
                "service_id": service_id,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": organization_id,
                    "name": f"Locatie {name}",
                    "transportation": "Bus 70, halte Centrum.",
                    "addresses": [
                        {
                            "id": _id("address", location_id),
                            "location_id": location_id,
                            "address_1": street,
                            "city": city,
                            "state_province": "Utrecht",
                            "postal_code": postcode,
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": _id("accessibility", location_id),
                            "location_id": location_id,
                            "description": "Rolstoeltoegankelijk.",
                        }
                    ],
                },
            }
        ]
    return service


def weekly(byday: str, opens: str, closes: str, **extra: Any) -> dict[str, Any]:
    """An HSDS schedule in the shared dataset's style."""
    return {
        "freq": extra.pop("freq", "WEEKLY"),
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        "timezone": 1,
        "wkst": "MO",
        "valid_from": "2026-01-01",
        "valid_to": "2027-12-31",
        **extra,
    }


def hsds_taxonomies() -> list[dict[str, Any]]:
    """The taxonomies the terms of :func:`hsds_service` belong to."""
    return [
        {
            "id": _id("taxonomy", prefix),
            "name": name,
            "description": f"Taxonomie {name} (test)",
            "version": "test",
        }
        for prefix, name in _TAXONOMIES.items()
    ]


def import_services(services: Iterable[dict[str, Any]]) -> list[Service]:
    """Store ``services`` through the HSDS importer (and index them for the search).

    The importer checks every object against the official HSDS schemas in
    ``../shared/data``; without them the calling test is skipped, saying why.
    """
    if not schemas_available():
        pytest.skip("needs ../shared/data (DICHTBIJ_SHARED_DATA): the HSDS 3.0 schemas")
    items = list(services)
    catalogue_import(data={"taxonomies": hsds_taxonomies(), "services": items}, source_name="test")
    by_id = {str(s.pk): s for s in Service.objects.filter(pk__in=[i["id"] for i in items])}
    stored = [by_id[item["id"]] for item in items]
    search_index_update(services=stored)
    return stored


def default_catalogue() -> list[Service]:
    """A few services in Soest and Amersfoort: help without referral, specialist help, crisis."""
    return import_services(
        [
            hsds_service(
                "weerbaar",
                "Weerbaarheidstraining Sterk Staan",
                description=(
                    "Een training voor kinderen die gepest worden: leer voor jezelf opkomen."
                ),
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:pesten",),
                kind="soort:cursus-training",
                minimum_age=8,
                maximum_age=12,
                waiting_weeks=2,
                schedules=[
                    weekly(
                        "TH",
                        "16:00",
                        "17:30",
                        dtstart="2027-01-14",
                        count=8,
                        description="Acht donderdagmiddagen.",
                    )
                ],
                languages=("Nederlands", "Engels"),
            ),
            hsds_service(
                "buddy",
                "Maatje op school",
                description=(
                    "Een vrijwillige maatje voor kinderen die gepest worden of zich alleen voelen."
                ),
                gemeenten=("GM0342",),
                themes=("thema:pesten", "thema:emoties-somberheid"),
                kind="soort:groepsactiviteit",
                minimum_age=6,
                maximum_age=16,
                waiting_weeks=0,
                schedules=[weekly("WE", "14:00", "16:00")],
            ),
            hsds_service(
                "specialist",
                "Specialistische behandeling bij pesttrauma",
                description="Behandeling voor kinderen met trauma na langdurig pesten.",
                organization="MetMaya team Soest",
                gemeenten=("GM0342",),
                themes=("thema:pesten", "thema:emoties-somberheid"),
                kind="soort:ambulante-specialistische-hulp",
                referrers=("wijkteam-gemeente", "huisarts", "jeugdarts"),
                waiting_weeks=6,
                minimum_age=4,
                maximum_age=18,
                application_process=(
                    "Alleen met een verwijzing van het wijkteam, de huisarts of de jeugdarts."
                ),
            ),
            hsds_service(
                "crisis",
                "Crisisdienst Jeugd",
                description="Bij acuut gevaar of een crisis thuis: dag en nacht bereikbaar.",
                organization="Crisisdienst Eemland",
                gemeenten=tuple(GEMEENTEN),
                themes=("thema:crisis", "thema:huiselijk-geweld-veiligheid"),
                kind="soort:crisis",
                phones=(("033-5550900", "Dag en nacht bereikbaar."),),
                schedules=[weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")],
                address=None,
            ),
            hsds_service(
                "voetbal",
                "Voetbal in de wijk",
                description="Elke week samen voetballen op het pleintje.",
                gemeenten=("GM0307",),
                themes=("thema:vrije-tijd-sport",),
                kind="soort:groepsactiviteit",
                minimum_age=6,
                maximum_age=14,
                assured_date="2024-01-15",
            ),
        ]
    )
