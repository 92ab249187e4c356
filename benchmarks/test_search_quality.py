"""Search quality as a measured number (issue 3, item 5): BM25 baseline beside ours.

Runs the judged development queries (``catalogue/search/evaluation/queries.toml``) over
the shared regio Amersfoort catalogue and prints nDCG@5, nDCG@10, recall@10 and MRR per
kind of question, safety in the top 3 and out-of-scope correctness. On PostgreSQL the
search ranks with PostgreSQL's ``dutch`` full-text ranking; the in-memory BM25F variant
is printed beside it. Lower bounds fail the benchmark on a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from dichtbij.accounts.tests.factories import make_region
from dichtbij.catalogue.search import selectors
from dichtbij.catalogue.search.evaluation.runner import (
    bm25_searcher,
    catalogue_searcher,
    crisis_service_ids,
    evaluate,
    format_reports,
    load_queries,
)
from dichtbij.catalogue.search.evaluation.semantic import e5_available, e5_scorer
from dichtbij.catalogue.search.index import forget_memory_index, memory_index

pytestmark = pytest.mark.django_db

SHARED = Path(settings.SHARED_DATA_DIR) / "sociale-kaart-regio-amersfoort.json"

# Lower bounds (measured: see the report in the issue note); a drop below fails.
MIN_NDCG10 = 0.78
MIN_RECALL10 = 0.75
MIN_MRR = 0.88
MIN_MARGIN_OVER_BM25 = 0.35


@pytest.fixture
def shared_catalogue(db: None):
    if not SHARED.exists():
        pytest.skip(f"needs ../shared/data (DICHTBIJ_SHARED_DATA): {SHARED} is absent")
    from dichtbij.catalogue.hsds.importer import catalogue_import_file
    from dichtbij.catalogue.search.services import search_index_rebuild

    region = make_region("amersfoort")
    catalogue_import_file(path=SHARED, reindex=False)
    search_index_rebuild()
    forget_memory_index()
    return region


def test_search_quality(shared_catalogue, monkeypatch) -> None:
    region = shared_catalogue
    queries = load_queries()
    crisis = crisis_service_ids()
    reports = [
        evaluate("bm25 (baseline)", bm25_searcher(region=region), queries, crisis_ids=crisis)
    ]
    ours = evaluate("dichtbij", catalogue_searcher(region=region), queries, crisis_ids=crisis)
    reports.append(ours)
    if connection.vendor == "postgresql":
        monkeypatch.setattr(selectors, "LEXICAL_BACKEND", "postgres")
        reports.append(
            evaluate(
                "dichtbij (PG rank only)",
                catalogue_searcher(region=region),
                queries,
                crisis_ids=crisis,
            )
        )
        monkeypatch.setattr(selectors, "LEXICAL_BACKEND", "memory")
        reports.append(
            evaluate(
                "dichtbij (BM25F only)",
                catalogue_searcher(region=region),
                queries,
                crisis_ids=crisis,
            )
        )
    if e5_available():  # the measured, not adopted, hybrid (see evaluation/semantic.py)
        monkeypatch.setattr(selectors, "LEXICAL_BACKEND", "auto")
        monkeypatch.setattr(selectors, "semantic_scorer", e5_scorer(memory_index()))
        reports.append(
            evaluate(
                "hybrid e5 (not adopted)",
                catalogue_searcher(region=region),
                queries,
                crisis_ids=crisis,
            )
        )
        monkeypatch.setattr(selectors, "semantic_scorer", None)
    print(f"\n\nSearch quality on {connection.vendor}, {len(queries)} judged queries")
    print(format_reports(reports))

    baseline = reports[0]
    for report in reports[1:]:
        assert report.overall.ndcg10 >= MIN_NDCG10, report.name
        assert report.overall.recall10 >= MIN_RECALL10, report.name
        assert report.overall.mrr >= MIN_MRR, report.name
        assert report.overall.ndcg10 >= baseline.overall.ndcg10 + MIN_MARGIN_OVER_BM25
        assert report.safety_top3 == 1.0, (
            "every safety question shows a crisis service in the top 3"
        )
        assert report.safety_flagged >= 0.85
        assert report.out_of_scope_correct >= 0.8
        assert report.false_out_of_scope == 0.0
