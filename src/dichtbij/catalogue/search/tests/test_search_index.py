"""The index follows the catalogue: rebuild after an import, update after an edit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search.index import index_version, memory_index
from dichtbij.catalogue.search.models import SearchDocument
from dichtbij.catalogue.search.services import search_index_rebuild, search_index_update
from dichtbij.catalogue.search.tests.helpers import names, search


def test_rebuild_indexes_every_service_and_changes_the_version(
    small_catalogue: Any, region: Any
) -> None:
    before = index_version()

    count = search_index_rebuild(region=region)

    assert count == Service.objects.filter(region=region).count()
    assert SearchDocument.objects.count() == count
    assert index_version() != before


def test_document_holds_analysed_fields(small_catalogue: Any) -> None:
    document = SearchDocument.objects.get(service=small_catalogue["weerbaar"])

    assert document.themes == "thema:pesten thema:sociale-vaardigheden"
    assert document.kinds == "soort:cursus-training"
    assert document.municipalities == "GM0342"
    assert "gepest" in document.body_terms.split()
    assert (document.minimum_age, document.maximum_age) == (8, 12)


def test_update_after_an_edit_is_seen_by_the_next_search(small_catalogue: Any, region: Any) -> None:
    service = small_catalogue["voetbal"]
    assert "Voetbal in de wijk" in names(search("voetbal", region=region))
    service.name = "Straatvoetbal Kruiskamp"
    service.save(update_fields=["name"])

    search_index_update(services=[service])

    assert "Straatvoetbal Kruiskamp" in names(search("straatvoetbal", region=region))


def test_memory_index_is_reused_until_the_version_changes(small_catalogue: Any) -> None:
    first = memory_index()
    assert memory_index() is first

    search_index_update(services=[small_catalogue["voetbal"]])

    assert memory_index() is not first


def test_search_before_any_index_finds_nothing(db: None, region: Any) -> None:
    result = search("gepest", region=region)

    assert result.hits == []


@pytest.mark.postgres
def test_postgresql_documents_have_a_dutch_tsvector(small_catalogue: Any) -> None:
    document = SearchDocument.objects.get(service=small_catalogue["schulden"])

    assert document.search_vector is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector @@ to_tsquery('dutch', 'schulden') "
            "FROM catalogue_search_searchdocument WHERE service_id = %s",
            [document.pk],
        )
        assert cursor.fetchone()[0] is True
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'searchdoc_vector_gin'")
        assert cursor.fetchone() is not None


@pytest.mark.postgres
def test_python_stemmer_matches_postgresql_dutch(db: None) -> None:
    from dichtbij.catalogue.search.text import stem

    words = [
        "opvoeden", "gepest", "kinderen", "schulden", "huiswerkbegeleiding", "jongerenwerkers",
        "gescheiden", "verwijzing", "zwangerschap", "gezondheid", "lichamelijke", "vriendinnen",
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute("SELECT ts_lexize('dutch_stem', %s)", [word])
            assert cursor.fetchone()[0] == [stem(word)], word


@pytest.mark.postgres
def test_postgresql_ranking_is_used_on_postgresql(
    small_catalogue: Any, region: Any, monkeypatch: Any
) -> None:
    from dichtbij.catalogue.search import postgres

    calls: list[object] = []
    original = postgres.postgres_lexical_scores

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr("dichtbij.catalogue.search.postgres.postgres_lexical_scores", spy)

    result = search("schulden", region=region)

    assert calls
    assert names(result)[0] == "Schuldhulpverlening voor gezinnen"


def test_a_search_costs_the_same_few_queries_at_any_limit(
    small_catalogue: Any, region: Any, django_assert_max_num_queries: Any
) -> None:
    from dichtbij.catalogue.search.selectors import catalogue_search
    from dichtbij.catalogue.search.types import SearchQuery
    from dichtbij.regions.selectors import municipality_get

    soest = municipality_get(code="GM0342")
    search("gepest", region=region)  # loads the in-memory index once

    # index version, the hits, the themes understood (+ PostgreSQL's ranking there)
    for limit in (1, 50):
        query = SearchQuery(text="mijn zoon wordt gepest", municipality=soest, limit=limit)
        with django_assert_max_num_queries(4):
            catalogue_search(query=query)
