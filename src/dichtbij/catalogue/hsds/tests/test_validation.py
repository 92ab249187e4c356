"""Schema checks: the compiled fast path agrees with jsonschema; messages are Dutch."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from dichtbij.catalogue.hsds.tests.helpers import own_file, plain_service
from dichtbij.catalogue.hsds.validation import SchemaError, hsds_validator

#: Values a mutation puts in place of another.
ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "geen-uuid",
    "{12345678-1234-1234-1234-123456789012}",
    "urn:uuid:12345678-1234-1234-1234-123456789012",
    "12345678123412341234123456789012",
    "a@b",
    "zonder apenstaartje",
    "weekly",
    [],
    {},
    [1],
    {"id": "x"},
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            paths.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths.extend(_paths(item, (*prefix, index)))
    return paths


def _mutate(obj: Any, rng: random.Random) -> Any:
    result = copy.deepcopy(obj)
    path = rng.choice(_paths(result)[1:])
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, dict) and rng.random() < 0.3:
        del parent[path[-1]]
    else:
        parent[path[-1]] = rng.choice(ODD_VALUES)
    return result


def _samples() -> dict[str, list[Any]]:
    with own_file("sociale-kaart-kennemerland.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    with own_file("taxonomie.json").open(encoding="utf-8") as handle:
        vocabulary = json.load(handle)
    service = plain_service()
    return {
        "service": [*data["services"][:6], service],
        "organization": [*data["organizations"][:3], service["organization"]],
        "location": [*data["locations"][:3], service["service_at_locations"][0]["location"]],
        "service_at_location": [service["service_at_locations"][0]],
        "taxonomy": vocabulary["taxonomies"][:2],
        "taxonomy_term": [
            *vocabulary["taxonomy_terms"][:3],
            service["attributes"][0]["taxonomy_term"],
        ],
    }


def test_the_fast_path_agrees_with_jsonschema(schemas: None) -> None:
    validator = hsds_validator()
    rng = random.Random(20261125)
    checked = 0
    for kind, samples in _samples().items():
        fast = validator._fast_check(kind)
        slow = validator._validator(kind)
        assert fast is not None, f"{kind}: the schema uses a keyword the fast path lacks"
        for sample in samples:
            assert fast(sample) and slow.is_valid(sample)
            for _ in range(150):
                mutated = _mutate(sample, rng)
                assert fast(mutated) == slow.is_valid(mutated), (kind, mutated)
                checked += 1
    assert checked > 3000


def test_errors_are_dutch_with_json_paths(schemas: None) -> None:
    service = plain_service()
    service["status"] = "dicht"
    service["minimum_age"] = "twaalf"
    service["organization"]["id"] = "org-1"
    del service["name"]

    errors = hsds_validator().errors("service", service)

    assert SchemaError("/name", "verplicht veld ontbreekt") in errors
    assert SchemaError("/minimum_age", '"twaalf" is geen getal') in errors
    assert SchemaError("/organization/id", '"org-1" is geen geldig(e) UUID') in errors
    assert (
        SchemaError(
            "/status",
            '"dicht" is geen toegestane waarde; kies uit: "active", "inactive", "defunct", '
            '"temporarily closed"',
        )
        in errors
    )


def test_a_valid_object_has_no_errors(schemas: None) -> None:
    assert hsds_validator().errors("service", plain_service()) == []


@pytest.mark.parametrize("kind", ["service", "organization", "location", "taxonomy"])
def test_not_an_object(kind: str, schemas: None) -> None:
    errors = hsds_validator().errors(kind, ["lijst"])
    assert errors == [SchemaError("", "een lijst is geen object")]
