"""Fixtures for the regions tests."""

from pathlib import Path

import pytest

from dichtbij.regions.tests.region_files import WriteRegion


@pytest.fixture
def write_region(tmp_path: Path) -> WriteRegion:
    """Write a region file into ``tmp_path`` and return its path."""

    def write(file_name: str, text: str, directory: Path | None = None) -> Path:
        folder = directory or tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / file_name
        path.write_text(text, encoding="utf-8")
        return path

    return write
