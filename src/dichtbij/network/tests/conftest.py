"""Fixtures of the network tests: regions with their networks synced."""

from __future__ import annotations

import pytest

from dichtbij.network.tests.factories import synced_region
from dichtbij.regions.models import Region


@pytest.fixture
def amersfoort(db: None) -> Region:
    return synced_region("amersfoort")


@pytest.fixture
def utrecht(db: None) -> Region:
    return synced_region("utrecht")


@pytest.fixture
def amsterdam(db: None) -> Region:
    return synced_region("amsterdam")


@pytest.fixture
def kennemerland(db: None) -> Region:
    return synced_region("kennemerland")
