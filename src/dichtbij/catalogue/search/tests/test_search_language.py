"""How people ask: typos, compounds, inflections, jargon, English, everyday words."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.catalogue.search.analysis import analyze
from dichtbij.catalogue.search.concepts import concept_map
from dichtbij.catalogue.search.tests.helpers import names, search
from dichtbij.catalogue.search.text import Vocabulary, normalize, stem, terms

VOCABULARY = Vocabulary(
    {
        "echt": 2,
        "schuld": 3,
        "schulden": 5,
        "hulpverlening": 2,
        "schuldhulpverlening": 1,
        "opvoeden": 9,
        "ondersteuning": 4,
        "scheiding": 6,
        "problemen": 7,
        "huiswerk": 3,
        "hulp": 20,
        "autisme": 4,
        "dyslexie": 2,
    }
)


def test_normalize_lowers_and_removes_accents_and_punctuation() -> None:
    assert normalize("Cliënt-ondersteuning, één!") == "client ondersteuning een"


def test_terms_drop_stop_words_and_stem_like_postgresql_dutch() -> None:
    assert terms("De kinderen worden gepest op school") == ["kinder", "gepest", "schol"]
    assert stem("gezondheid") == "gezond"  # the classic Dutch Snowball, as PostgreSQL
    assert stem("schulden") == stem("schuld")


def test_compounds_split_into_known_parts() -> None:
    assert VOCABULARY.split("schuldhulpverlening") == ("schuld", "hulpverlening")
    assert VOCABULARY.split("echtscheidingsproblemen")[-2:] == ("scheiding", "problemen")
    assert VOCABULARY.split("opvoedondersteuning") == ("opvoed", "ondersteuning")
    assert VOCABULARY.split("huiswerkhulp") == ("huiswerk", "hulp")
    assert VOCABULARY.split("ondersteuning") == ()


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("schuldhulpverleniing", "schuldhulpverlening"),
        ("autsime", "autisme"),  # two letters swapped
        ("dislexie", "dyslexie"),
        ("opvoedden", "opvoeden"),
    ],
)
def test_typos_are_corrected_to_catalogue_words(typo: str, word: str) -> None:
    assert VOCABULARY.correct(typo) == word


def test_short_or_far_words_are_not_corrected() -> None:
    assert VOCABULARY.correct("hulq") is None
    assert VOCABULARY.correct("parkeervergunning") is None


def test_analysis_reads_jargon_emotion_and_english() -> None:
    concepts = concept_map()

    def themes(text: str) -> set[str]:
        return set(analyze(text, vocabulary=VOCABULARY, concepts=concepts).themes)

    assert "thema:eetproblemen" in themes("mijn dochter eet bijna niks meer")
    assert "thema:school-verzuim" in themes("thuiszitter")
    assert "thema:lvb" in themes("jongere met LVB")
    assert "thema:jonge-mantelzorg" in themes("KOPP kind")
    assert "thema:pesten" in themes("my son is being bullied")
    assert "thema:geldzorgen-schulden" in themes("help with debt")
    assert analyze("PMT voor trauma", vocabulary=VOCABULARY, concepts=concepts).specialist
    assert not analyze(
        "mijn kind wordt gepest", vocabulary=VOCABULARY, concepts=concepts
    ).specialist


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schuldhulpverleniing", "Schuldhulpverlening voor gezinnen"),  # typo
        ("dislexie", "Dyslexiezorg"),  # typo
        ("pestproblemen op school", "Ouderavond: mijn kind wordt gepest"),  # compound
        ("kinderen die gepest werden", "Weerbaarheidstraining Sterk Staan"),  # inflection
        ("my daughter is being bullied", "Ouderavond: mijn kind wordt gepest"),  # English
        ("we can't pay our bills, debt", "Schuldhulpverlening voor gezinnen"),  # English
        ("de rekeningen stapelen zich op", "Schuldhulpverlening voor gezinnen"),  # everyday
    ],
)
def test_search_finds_what_people_mean(
    small_catalogue: Any, region: Any, text: str, expected: str
) -> None:
    result = search(text, region=region)

    assert expected in names(result)[:2], names(result)
