"""Benchmarks use the test settings and database set-up, but run only with `make bench`."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest


class Timer:
    """Runs a callable several times and keeps the median, for the report."""

    def __init__(self) -> None:
        self.results: list[tuple[str, float, str]] = []

    def median_ms(
        self, label: str, work: Callable[[], object], *, runs: int = 7, note: str = ""
    ) -> float:
        work()  # warm caches and query plans once, outside the measurement
        samples = []
        for _run in range(runs):
            start = time.perf_counter()
            work()
            samples.append((time.perf_counter() - start) * 1000)
        median = statistics.median(samples)
        self.results.append((label, median, note or f"median of {runs}"))
        return median

    def p50_p95(
        self, label: str, work: Callable[[], object], *, runs: int = 40, note: str = ""
    ) -> tuple[float, float]:
        """Run ``work`` ``runs`` times after one warm-up; record and return p50 and p95 (ms)."""
        work()
        samples = []
        for _run in range(runs):
            start = time.perf_counter()
            work()
            samples.append((time.perf_counter() - start) * 1000)
        cuts = statistics.quantiles(samples, n=20, method="inclusive")
        p50, p95 = statistics.median(samples), cuts[18]
        suffix = f", {note}" if note else ""
        self.results.append((f"{label} p50", p50, f"{runs} runs{suffix}"))
        self.results.append((f"{label} p95", p95, f"{runs} runs{suffix}"))
        return p50, p95


@pytest.fixture(scope="session")
def timer(request: pytest.FixtureRequest) -> Timer:
    timer = Timer()

    def report() -> None:
        from django.db import connection

        print(f"\n\nBenchmarks on {connection.vendor} ({connection.display_name})")
        for label, value, note in timer.results:
            print(f"  {label:<58} {value:10.1f} ms   ({note})")

    request.addfinalizer(report)
    return timer
