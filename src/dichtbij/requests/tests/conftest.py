"""Fixtures of the requests tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dichtbij.catalogue.search.index import forget_memory_index
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.requests.tests.factories import load_catalogue, load_taxonomy


@pytest.fixture(autouse=True)
def _fresh_memory_index() -> Iterator[None]:
    """Each test starts without this process's cached search index (the database rolls
    back between tests, the cache would not)."""
    forget_memory_index()
    yield
    forget_memory_index()


@pytest.fixture
def taxonomy(db: None) -> None:
    """The sociale kaart's themes (``thema:...``), without services."""
    load_taxonomy()


@pytest.fixture
def catalogue(region: Any) -> None:
    """Regio Amersfoort's demo sociale kaart (and the taxonomy), as the demo loads it."""
    load_catalogue("amersfoort")


@pytest.fixture
def worker(region: Any) -> Any:
    """A worker of the Wijkteams Amersfoort (the first door of the gemeente Amersfoort)."""
    return make_worker(region=region)


@pytest.fixture
def household(region: Any, worker: Any, taxonomy: None) -> Any:
    """A household in Amersfoort with two children (13 and 14), registered by ``worker``."""
    return make_household(region=region, actor=worker, children=2)
