"""Fixtures of the HSDS tests: the shared catalogue (skipped with a reason when absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from dichtbij.accounts.tests.factories import make_region
from dichtbij.catalogue.hsds.validation import schemas_available
from dichtbij.regions.models import Region

SHARED_FILE = "sociale-kaart-regio-amersfoort.json"
NEEDS_SHARED = "needs ../shared/data (DICHTBIJ_SHARED_DATA)"


def shared_file() -> Path:
    return Path(settings.SHARED_DATA_DIR) / SHARED_FILE


@pytest.fixture
def shared_path() -> Path:
    """The shared regio Amersfoort catalogue; the test is skipped without it."""
    path = shared_file()
    if not path.is_file() or not schemas_available():
        pytest.skip(NEEDS_SHARED)
    return path


@pytest.fixture
def shared_data(shared_path: Path) -> dict[str, Any]:
    with shared_path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.fixture
def schemas() -> None:
    """The official HSDS schemas; the test is skipped without them."""
    if not schemas_available():
        pytest.skip(NEEDS_SHARED)


@pytest.fixture
def amersfoort(db: None) -> Region:
    return make_region("amersfoort")


@pytest.fixture
def utrecht(db: None) -> Region:
    return make_region("utrecht")
