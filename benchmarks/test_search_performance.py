"""Search latency (issue 3, performance): p50 and p95 over 200 questions, server side.

With the shared regio Amersfoort catalogue (220 services) and with a synthetic one of
20,000 services made by varying it (``dichtbij.catalogue.hsds.synthetic``). The 200
questions are the judged development queries with varied gemeente and age. The time is
``catalogue_search`` itself: reading the question, ranking, fetching the hits and their
reasons (the index is loaded once before measuring; its load time is printed too).
Target: p95 <= 30 ms at 20,000 services on PostgreSQL.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from dichtbij.accounts.tests.factories import make_region
from dichtbij.catalogue.search.evaluation.runner import load_queries
from dichtbij.catalogue.search.index import forget_memory_index, memory_index
from dichtbij.catalogue.search.selectors import catalogue_search
from dichtbij.catalogue.search.types import SearchQuery
from dichtbij.regions.selectors import municipality_get

pytestmark = pytest.mark.django_db

SHARED = Path(settings.SHARED_DATA_DIR) / "sociale-kaart-regio-amersfoort.json"
QUESTIONS = 200
SYNTHETIC_SERVICES = 20_000
GEMEENTEN = ["GM0307", "GM0308", "GM0313", "GM0317", "GM0327", "GM0342", "GM0351", None]

#: p95 upper bounds in ms (the issue's target is 30 ms at 20,000 on PostgreSQL).
P95_BOUND = {("postgresql", "shared"): 30.0, ("postgresql", "synthetic"): 30.0,
             ("sqlite", "shared"): 30.0, ("sqlite", "synthetic"): 40.0}  # fmt: skip


def _questions(region) -> list[SearchQuery]:
    judged = [q for q in load_queries() if q.text]
    result = []
    for n in range(QUESTIONS):
        query = judged[n % len(judged)]
        round_ = n // len(judged)
        gemeente = query.gemeente if round_ == 0 else GEMEENTEN[(n + round_) % len(GEMEENTEN)]
        age = query.age if round_ == 0 else (None if n % 3 == 0 else (n * 7) % 19)
        result.append(
            SearchQuery(
                text=query.text,
                region=region,
                municipality=municipality_get(code=gemeente) if gemeente else None,
                age=age,
                theme=query.theme,
                kind=query.kind,
                without_referral=query.without_referral or n % 11 == 0,
                max_waiting_weeks=query.max_waiting_weeks,
                limit=10,
            )
        )
    return result


def _measure(label: str, region, timer) -> float:
    forget_memory_index()
    start = time.perf_counter()
    index = memory_index()
    load_ms = (time.perf_counter() - start) * 1000
    questions = _questions(region)
    for query in questions[:10]:  # warm caches and query plans, outside the measurement
        catalogue_search(query=query)
    samples = []
    for query in questions:
        start = time.perf_counter()
        catalogue_search(query=query)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    size = f"{index.size} services"
    timer.results.append((f"search {label}: index load", load_ms, size))
    timer.results.append((f"search {label}: p50 of {len(samples)} questions", p50, size))
    timer.results.append((f"search {label}: p95 of {len(samples)} questions", p95, size))
    return p95


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def test_search_latency_shared_catalogue(db: None, timer) -> None:
    if not SHARED.exists():
        pytest.skip(f"needs ../shared/data (DICHTBIJ_SHARED_DATA): {SHARED} is absent")
    from dichtbij.catalogue.hsds.importer import catalogue_import_file
    from dichtbij.catalogue.search.services import search_index_rebuild

    region = make_region("amersfoort")
    catalogue_import_file(path=SHARED, reindex=False)
    search_index_rebuild()
    _analyze()

    p95 = _measure("shared catalogue", region, timer)

    assert p95 <= P95_BOUND[(connection.vendor, "shared")]


def test_search_latency_20000_services(db: None, timer) -> None:
    if not SHARED.exists():
        pytest.skip(f"needs ../shared/data (DICHTBIJ_SHARED_DATA): {SHARED} is absent")
    from dichtbij.catalogue.hsds.importer import catalogue_import
    from dichtbij.catalogue.hsds.synthetic import synthetic_catalogue
    from dichtbij.catalogue.search.services import search_index_rebuild

    region = make_region("amersfoort")
    catalogue_import(
        data=synthetic_catalogue(services=SYNTHETIC_SERVICES),
        source_name="synthetic",
        reindex=False,
    )
    start = time.perf_counter()
    count = search_index_rebuild()
    timer.results.append(
        ("search index rebuild, 20,000 services", (time.perf_counter() - start) * 1000, f"{count}")
    )
    _analyze()

    p95 = _measure("20,000 services", region, timer)

    assert p95 <= P95_BOUND[(connection.vendor, "synthetic")]
