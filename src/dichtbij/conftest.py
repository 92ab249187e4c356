"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from dichtbij.accounts.tests.factories import make_region, make_user


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``postgres`` need PostgreSQL; on SQLite they are skipped, saying why."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL; `make test` does)")


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in Dutch: a request in an earlier test may have switched the
    thread's language (Django's middleware does not switch it back)."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture
def region(db: None) -> Any:
    return make_region("amersfoort", "Regio Amersfoort")


@pytest.fixture
def other_region(db: None) -> Any:
    return make_region("utrecht", "Utrecht")


@pytest.fixture
def user_factory(db: None) -> Callable[..., Any]:
    return make_user
