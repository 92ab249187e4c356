"""HSDS import at realistic and large volume: the shared catalogue and 20,000 services.

Targets (issue 3): the shared file (220 services) under 3 s; 20,000 synthetic services
(``dichtbij.catalogue.hsds.synthetic``, ~200 MB of JSON) under 60 s with bounded memory.
Imports run through ``catalogue_import_file`` as ``dichtbij catalogue import`` does: the
file streamed, every object checked against the official schemas, one transaction, and
the search index brought up to date. Each create run is rolled back, so that the next one
creates again. Memory is the peak of Python allocations (tracemalloc) during the import,
measured in a separate run (tracemalloc slows Python down).
"""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from dichtbij.accounts.tests.factories import make_region
from dichtbij.catalogue.hsds.importer import ImportSummary, catalogue_import_file
from dichtbij.catalogue.hsds.synthetic import synthetic_catalogue_write
from dichtbij.catalogue.hsds.validation import schemas_available

SHARED = Path(settings.SHARED_DATA_DIR) / "sociale-kaart-regio-amersfoort.json"
SYNTHETIC_SERVICES = 20_000
MEMORY_BOUND_MB = 500

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (SHARED.is_file() and schemas_available()),
        reason="needs ../shared/data (DICHTBIJ_SHARED_DATA)",
    ),
]


class _Rollback(Exception):
    pass


def _rolled_back(work: Callable[[], ImportSummary]) -> ImportSummary:
    """Run ``work`` and undo what it stored."""
    result: list[ImportSummary] = []
    try:
        with transaction.atomic():
            result.append(work())
            raise _Rollback
    except _Rollback:
        pass
    return result[0]


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


@pytest.fixture
def amersfoort(db: None) -> None:
    make_region("amersfoort")


def test_import_of_the_shared_catalogue(amersfoort: None, timer) -> None:
    created = timer.median_ms(
        "HSDS import: shared catalogue, 220 services (new)",
        lambda: _rolled_back(lambda: catalogue_import_file(path=SHARED)),
        runs=5,
    )
    catalogue_import_file(path=SHARED)
    unchanged = timer.median_ms(
        "HSDS import: shared catalogue again (unchanged)",
        lambda: catalogue_import_file(path=SHARED),
        runs=5,
    )
    assert created < 3_000
    assert unchanged < 3_000


def test_import_of_20000_synthetic_services(amersfoort: None, timer, tmp_path: Path) -> None:
    path = tmp_path / "synthetic.json"
    with path.open("w", encoding="utf-8") as handle:
        synthetic_catalogue_write(stream=handle, services=SYNTHETIC_SERVICES, seed=1)
    size_mb = path.stat().st_size / 1e6
    gc.collect()

    summaries: list[ImportSummary] = []
    seconds = _seconds(
        lambda: summaries.append(_rolled_back(lambda: catalogue_import_file(path=path)))
    )
    assert summaries[0].services.created == SYNTHETIC_SERVICES
    timer.results.append(
        (
            f"HSDS import: {SYNTHETIC_SERVICES:,} synthetic services (new, {size_mb:.0f} MB)",
            seconds * 1000,
            "one run, incl. search index",
        )
    )
    indexless = _seconds(
        lambda: _rolled_back(lambda: catalogue_import_file(path=path, reindex=False))
    )
    timer.results.append(
        (
            f"HSDS import: {SYNTHETIC_SERVICES:,} synthetic services (new, no search index)",
            indexless * 1000,
            "one run",
        )
    )

    gc.collect()
    tracemalloc.start()
    try:
        _rolled_back(lambda: catalogue_import_file(path=path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    peak_mb = peak / 2**20
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n  HSDS import of {SYNTHETIC_SERVICES:,} services ({size_mb:.0f} MB file): peak "
        f"Python memory {peak_mb:.0f} MB (tracemalloc, bound {MEMORY_BOUND_MB} MB); "
        f"process max RSS so far {rss_mb:.0f} MB"
    )

    catalogue_import_file(path=path)
    unchanged = _seconds(lambda: catalogue_import_file(path=path))
    timer.results.append(
        (
            f"HSDS import: {SYNTHETIC_SERVICES:,} synthetic services again (unchanged)",
            unchanged * 1000,
            "one run",
        )
    )

    assert seconds < 60, f"{seconds:.1f} s"
    assert peak_mb < MEMORY_BOUND_MB, f"{peak_mb:.0f} MB"
