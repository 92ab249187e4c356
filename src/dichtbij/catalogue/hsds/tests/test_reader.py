"""The streaming reader gives what json.load gives, cut anywhere, and says where JSON breaks."""

from __future__ import annotations

import io
import json

import pytest

from dichtbij.catalogue.hsds.reader import (
    Entry,
    JsonStream,
    JsonSyntaxError,
    ShapeProblem,
    entries_from_data,
)
from dichtbij.catalogue.hsds.tests.helpers import own_file, plain_service


def read(text: str, chunk: int = 7) -> list[Entry | ShapeProblem]:
    return list(JsonStream(io.StringIO(text), chunk_size=chunk).entries())


@pytest.mark.parametrize("chunk", [1, 3, 64, 4096])
def test_a_wrapper_read_in_pieces_equals_the_parsed_data(chunk: int) -> None:
    text = own_file("sociale-kaart-utrecht.json").read_text("utf-8")
    data = json.loads(text)

    assert read(text, chunk) == list(entries_from_data(data))


def test_a_list_and_a_single_service() -> None:
    service = plain_service()
    assert read(json.dumps([service, service])) == [
        Entry("services", "[0]", service),
        Entry("services", "[1]", service),
    ]
    assert read(json.dumps(service)) == [Entry("services", "(dienst)", service)]


def test_numbers_and_literals_across_pieces() -> None:
    entries = read('[{"a": 123456789.125e2, "b": true, "c": null, "d": "é\\u00e9"}]', chunk=2)
    assert entries == [
        Entry("services", "[0]", {"a": 123456789.125e2, "b": True, "c": None, "d": "éé"})
    ]


def test_a_wrapper_with_unknown_and_wrongly_shaped_parts() -> None:
    entries = read('{"meta": {}, "services": {"id": 1}, "extra": [1]}')
    assert [e.label for e in entries if isinstance(e, ShapeProblem)] == ["services", "extra"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"services": [\n  {"id": 1}\n  {"id": 2}\n]}', "regel 3, kolom 3: komma verwacht"),
        ('[{"id": 1,}]', "regel 1, kolom 11: naam tussen dubbele aanhalingstekens verwacht"),
        ('[{"id": "a\nb"}]', "regel 1, kolom 11: ongeldig stuurteken in tekst"),
        ('[{"id": "ab', "regel 1, kolom 9: tekst zonder afsluitend aanhalingsteken"),
        ("[1] 2", "regel 1, kolom 5: extra tekens na het einde"),
        ("[tru]", "regel 1, kolom 2: waarde verwacht"),
    ],
)
def test_invalid_json_says_where(text: str, message: str) -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        read(text)
    assert caught.value.message == f"ongeldige JSON op {message}"


def test_an_empty_file() -> None:
    with pytest.raises(JsonSyntaxError, match="het bestand is leeg"):
        read("   ")


def test_other_json_is_the_wrong_shape() -> None:
    assert read('"tekst"') == [
        ShapeProblem(
            "(bestand)",
            "verwacht een JSON-object (een HSDS-dienst of de sociale-kaartomslag met "
            "services) of een lijst van HSDS-diensten",
        )
    ]
