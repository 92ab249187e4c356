"""Bad input: every problem is reported in Dutch with object and path; nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dichtbij.catalogue.hsds import importer
from dichtbij.catalogue.hsds.errors import CatalogueImportError, HsdsSchemasMissing
from dichtbij.catalogue.hsds.importer import catalogue_import, catalogue_import_file
from dichtbij.catalogue.hsds.tests.helpers import mutated, plain_service, row_counts, uid
from dichtbij.regions.models import Region

EMPTY = {
    "Taxonomy": 0,
    "TaxonomyTerm": 0,
    "Organization": 0,
    "Location": 0,
    "Service": 0,
    "ServiceArea_districts": 0,
    "ServiceArea": 0,
    "ServiceAtLocation": 0,
    "ServiceAttribute": 0,
}


def problems_of(**kwargs: Any) -> list[str]:
    with pytest.raises(CatalogueImportError) as caught:
        if "path" in kwargs:
            catalogue_import_file(**kwargs)
        else:
            catalogue_import(**kwargs)
    assert row_counts() == EMPTY, "something was stored"
    return [str(problem) for problem in caught.value.problems]


def test_invalid_json_names_line_and_column(
    tmp_path: Path, shared_data: dict[str, Any], amersfoort: Region
) -> None:
    text = json.dumps(shared_data, indent=1)
    marker = '"status": "active",'
    cut = text.index(marker, text.index('"services"') + 10_000) + len(marker)
    path = tmp_path / "kapot.json"
    path.write_text(text[:cut] + "," + text[cut:], encoding="utf-8")

    problems = problems_of(path=path)

    line = text[:cut].count("\n") + 1
    column = cut - text[:cut].rfind("\n")  # the inserted comma
    assert problems == [
        f"(bestand): ongeldige JSON op regel {line}, kolom {column}: naam tussen dubbele "
        "aanhalingstekens verwacht"
    ]


def test_invalid_json_after_written_batches_stores_nothing(
    tmp_path: Path, shared_data: dict[str, Any], amersfoort: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)  # batches are written while reading
    text = json.dumps(shared_data)
    path = tmp_path / "afgebroken.json"
    path.write_text(text[: len(text) - 5000], encoding="utf-8")

    problems = problems_of(path=path)

    assert len(problems) == 1
    assert "ongeldige JSON" in problems[0]


def test_a_file_that_is_not_there(tmp_path: Path, amersfoort: Region, schemas: None) -> None:
    problems = problems_of(path=tmp_path / "weg.json")
    assert problems[0].startswith("(bestand): kan het bestand niet lezen")


def test_schema_errors_name_the_object_id_and_path(
    shared_data: dict[str, Any], amersfoort: Region
) -> None:
    data = mutated(shared_data)
    service = data["services"][12]
    service["status"] = "open"
    service["phones"][0]["id"] = "geen-uuid"
    del service["name"]
    data["organizations"][3]["email"] = 42

    problems = problems_of(data=data)

    sid = service["id"]
    oid = data["organizations"][3]["id"]
    assert f"organizations[3] (id {oid}): /email: 42 is geen tekst" in problems
    assert f"services[12] (id {sid}): /name: verplicht veld ontbreekt" in problems
    assert f'services[12] (id {sid}): /phones/0/id: "geen-uuid" is geen geldig(e) UUID' in problems
    assert any(
        p.startswith(f'services[12] (id {sid}): /status: "open" is geen toegestane waarde')
        for p in problems
    )


def test_our_own_rules_name_the_path(shared_data: dict[str, Any], amersfoort: Region) -> None:
    data = mutated(shared_data)
    service = data["services"][12]
    service["minimum_age"] = -1
    service["attributes"][-1]["value"] = "drie"  # the waiting time
    sid = service["id"]

    problems = problems_of(data=data)

    assert f"services[12] (id {sid}): /minimum_age: -1 is kleiner dan het minimum 0" in problems
    last = len(service["attributes"]) - 1
    assert (
        f'services[12] (id {sid}): /attributes/{last}/value: "drie" is geen wachttijd in hele '
        "weken (0 tot en met 104)"
    ) in problems


def _everywhere(data: Any, pk: str, key: str, value: str) -> None:
    """Set ``key`` on every copy of the object ``pk`` (top level and nested)."""
    if isinstance(data, dict):
        if data.get("id") == pk:
            data[key] = value
        for item in data.values():
            _everywhere(item, pk, key, value)
    elif isinstance(data, list):
        for item in data:
            _everywhere(item, pk, key, value)


def test_dangling_references(shared_data: dict[str, Any], amersfoort: Region) -> None:
    data = mutated(shared_data)
    missing = uid("organization", "missing")
    missing_parent = uid("organization", "missing parent")
    missing_term = uid("term", "missing")
    data["services"][0]["organization_id"] = missing
    del data["services"][0]["organization"]
    data["services"][1]["attributes"][0]["taxonomy_term_id"] = missing_term
    del data["services"][1]["attributes"][0]["taxonomy_term"]
    _everywhere(data, data["organizations"][5]["id"], "parent_organization_id", missing_parent)

    problems = problems_of(data=data)

    s0, s1 = data["services"][0]["id"], data["services"][1]["id"]
    o5 = data["organizations"][5]["id"]
    assert problems == [
        f"organizations[5] (id {o5}): /parent_organization_id: organisatie {missing_parent} "
        "bestaat niet (niet in de invoer en niet in de sociale kaart)",
        f"services[0] (id {s0}): /organization_id: organisatie {missing} bestaat niet "
        "(niet in de invoer en niet in de sociale kaart)",
        f"services[1] (id {s1}): /attributes/0/taxonomy_term_id: taxonomieterm {missing_term} "
        "bestaat niet (niet in de invoer en niet in de sociale kaart)",
    ]


def test_every_referrer_of_a_missing_id_is_named(amersfoort: Region, schemas: None) -> None:
    missing = uid("organization", "missing")
    services = []
    for number in range(12):
        service = plain_service(f"s{number}")
        del service["organization"]
        service["organization_id"] = missing
        services.append(service)

    problems = problems_of(data=services)

    assert len([p for p in problems if f"organisatie {missing} bestaat niet" in p]) == 10
    assert problems[-1].endswith(f"en nog 2 verwijzingen naar organisatie {missing}")


def test_a_service_for_an_unknown_gemeente(amersfoort: Region, schemas: None) -> None:
    service = plain_service(gemeente="Gotham", description="Een stad die niet bestaat")

    problems = problems_of(data=service)

    assert problems == [
        f'(dienst) (id {service["id"]}): /service_areas/0: onbekende gemeente "Gotham": niet '
        "gevonden in de geladen regio's (noem de CBS-code in description, bijvoorbeeld (CBS "
        "GM0307))"
    ]


def test_an_unknown_cbs_code(amersfoort: Region, schemas: None) -> None:
    service = plain_service(gemeente="Soest", description="Gemeente Soest (CBS GM9999)")
    problems = problems_of(data=service)
    assert problems[0].endswith(
        "/service_areas/0: onbekende gemeente GM9999: die CBS-code hoort bij geen geladen regio"
    )


def test_a_service_in_two_regions(amersfoort: Region, utrecht: Region, schemas: None) -> None:
    service = plain_service()
    service["service_areas"].append(
        {
            "id": uid("area", "utrecht"),
            "name": "Utrecht",
            "description": "Gemeente Utrecht (CBS GM0344)",
        }
    )

    problems = problems_of(data=[service])

    assert problems == [
        f"[0] (id {service['id']}): /service_areas: de gemeenten liggen in verschillende "
        "regio's (Regio Amersfoort: Soest; Utrecht: Utrecht); een dienst hoort bij één regio"
    ]


def test_a_service_outside_the_given_region(
    amersfoort: Region, utrecht: Region, schemas: None
) -> None:
    problems = problems_of(data=plain_service(), region=utrecht)
    assert problems[0].endswith(
        "/service_areas/0: gemeente Soest (GM0342) hoort niet bij regio Utrecht"
    )


def test_a_gemeente_name_outside_the_given_region_is_unknown(
    amersfoort: Region, utrecht: Region, schemas: None
) -> None:
    service = plain_service(gemeente="Soest", description="")
    problems = problems_of(data=service, region=utrecht)
    assert 'onbekende gemeente "Soest": niet gevonden in Utrecht' in problems[0]


def test_a_service_without_area_or_organisation(amersfoort: Region, schemas: None) -> None:
    service = plain_service()
    del service["service_areas"]
    del service["organization"]

    problems = problems_of(data=service)

    where = f"(dienst) (id {service['id']})"
    assert (
        f"{where}: /organization_id: de dienst heeft geen organisatie: geef organization_id "
        "of organization" in problems
    )
    assert any(
        p.startswith(f"{where}: /service_areas: de dienst heeft geen werkgebied") for p in problems
    )


def test_copies_of_one_id_must_agree(shared_data: dict[str, Any], amersfoort: Region) -> None:
    data = mutated(shared_data)
    data["services"][0]["organization"]["name"] = "MetMaya (oud)"

    problems = problems_of(data=data)

    oid = data["services"][0]["organization"]["id"]
    assert any(
        f"organisatie {oid} staat ook in organizations[" in p and "(verschil in: name)" in p
        for p in problems
    )


def test_one_service_twice(amersfoort: Region, schemas: None) -> None:
    service = plain_service()
    problems = problems_of(data=[service, mutated(service)])
    assert any(f"dienst {service['id']} staat ook in [0]" in p for p in problems)


def test_wrong_shapes(amersfoort: Region, schemas: None) -> None:
    assert problems_of(data={"services": {"id": "x"}}) == ["services: moet een lijst zijn"]
    assert problems_of(data={"services": [], "pagina": 1})[0].startswith(
        "pagina: onbekend onderdeel"
    )
    assert problems_of(data={"services": [42]}) == ["services[0]: moet een JSON-object zijn"]


def test_every_problem_is_reported_at_once(shared_data: dict[str, Any], amersfoort: Region) -> None:
    data = mutated(shared_data)
    for index in (3, 50, 200):
        data["services"][index]["status"] = "weg"

    problems = problems_of(data=data)

    assert len([p for p in problems if "/status:" in p]) == 3


def test_the_summary_names_the_file_and_the_count(
    tmp_path: Path, amersfoort: Region, schemas: None
) -> None:
    path = tmp_path / "leeg.json"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CatalogueImportError) as caught:
        catalogue_import_file(path=path)
    assert caught.value.summary == (
        "Sociale kaart niet geïmporteerd: 1 probleem in leeg.json; er is niets opgeslagen."
    )
    assert str(caught.value).splitlines()[1] == "(bestand): het bestand is leeg"


def test_without_the_schemas_only_trusted_data_is_imported(
    tmp_path: Path, settings: Any, amersfoort: Region
) -> None:
    settings.SHARED_DATA_DIR = tmp_path
    with pytest.raises(HsdsSchemasMissing, match="niet gevonden in"):
        catalogue_import(data=plain_service())
    assert row_counts() == EMPTY
