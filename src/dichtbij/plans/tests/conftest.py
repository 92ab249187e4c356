"""Fixtures of the plans tests: a household in Amersfoort, its worker and a plan."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.plans.tests.factories import make_plan


@pytest.fixture
def worker(region: Any) -> Any:
    return make_worker(region=region)


@pytest.fixture
def household(region: Any, worker: Any) -> Any:
    return make_household(region=region, actor=worker)


@pytest.fixture
def plan(household: Any, worker: Any) -> Any:
    return make_plan(household=household, actor=worker)
