"""Fixtures of the hulpwijzer tests."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.catalogue.models import Service
from dichtbij.catalogue.tests.factories import default_catalogue


@pytest.fixture
def catalogue(region: Any) -> list[Service]:
    """A few services in Regio Amersfoort, imported and indexed (see ``default_catalogue``)."""
    return default_catalogue()
