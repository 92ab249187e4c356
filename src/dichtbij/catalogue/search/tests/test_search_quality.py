"""The judged query set and the search's quality on the shared catalogue.

The full table (with the BM25 baseline) is printed by ``make bench``; these tests keep
the query set sound and the figures above their floor in ``make test`` too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dichtbij.catalogue.search.evaluation.runner import (
    allowed_by_filters,
    bm25_searcher,
    catalogue_searcher,
    crisis_service_ids,
    evaluate,
    load_queries,
    service_facts,
)
from dichtbij.catalogue.search.tests.helpers import search


def test_query_set_covers_the_kinds_of_question() -> None:
    queries = load_queries()
    kinds = Counter(query.category for query in queries)

    assert len(queries) >= 60
    assert len({query.id for query in queries}) == len(queries)
    assert sum(query.expect_safety for query in queries) >= 6
    assert sum(query.expect_out_of_scope for query in queries) >= 4
    for kind in ("colloquial", "jargon", "typo", "compound", "english", "specialist", "filter"):
        assert kinds[kind] >= 5, kind
    for query in queries:
        assert all(0 <= grade <= 3 for grade in query.relevance.values())
        assert query.expect_out_of_scope or any(g > 0 for g in query.relevance.values())


def test_every_judged_service_exists_and_passes_its_querys_filters(
    shared_catalogue: None, region: Any
) -> None:
    facts = service_facts(region=region)

    for query in load_queries():
        for service_id, grade in query.relevance.items():
            assert service_id in facts, (query.id, service_id)
            assert grade == 0 or allowed_by_filters(facts[service_id], query), (
                query.id,
                service_id,
            )


def test_quality_is_above_its_floor_and_far_above_bm25(shared_catalogue: None, region: Any) -> None:
    queries = load_queries()
    crisis = crisis_service_ids()

    ours = evaluate("ours", catalogue_searcher(region=region), queries, crisis_ids=crisis)
    baseline = evaluate("bm25", bm25_searcher(region=region), queries, crisis_ids=crisis)

    assert ours.overall.ndcg10 >= 0.78
    assert ours.overall.ndcg10 >= baseline.overall.ndcg10 + 0.35
    assert ours.safety_top3 == 1.0
    assert ours.out_of_scope_correct >= 0.8
    assert ours.false_out_of_scope == 0.0


def test_ordinary_questions_start_with_help_without_referral(
    shared_catalogue: None, region: Any
) -> None:
    for text in [
        "mijn zoon wordt gepest",
        "mijn dochter eet bijna niks meer en zit alleen op haar kamer",
        "mijn kind wil niet meer naar school",
        "thuiszitter",
        "somber en eenzaam",
    ]:
        result = search(text, region=region)
        referral = [hit.service.referral_required for hit in result.hits]
        assert referral and not referral[0], text


def test_specialist_questions_may_start_with_specialist_help(
    shared_catalogue: None, region: Any
) -> None:
    result = search("traumabehandeling met EMDR", region=region, age=12)

    assert result.hits[0].service.referral_required
