"""Loaded before collection, so that the report header can name what the run uses."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Name the database and browser the run really uses."""
    from django.conf import settings

    lines = [f"database: {settings.DATABASES['default']['ENGINE']}"]
    chromium = os.environ.get("DICHTBIJ_CHROMIUM", "/usr/bin/chromium")
    if Path(chromium).exists():
        version = subprocess.run(  # noqa: S603  # a fixed local binary
            [chromium, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
        lines.append(f"browser: {version} ({chromium})")
    return lines
