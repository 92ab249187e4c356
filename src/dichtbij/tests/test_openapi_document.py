"""The committed OpenAPI document (docs/openapi.yaml) is the API as the code serves it.

When this fails after an intended API change, regenerate it with `make openapi` and
commit the new document with the change, so that reviewers see the contract move.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def test_committed_openapi_document_matches_the_code(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate")
    assert generated.read_text() == COMMITTED.read_text(), (
        "docs/openapi.yaml is out of date: run `make openapi` and commit it."
    )


def test_every_operation_is_under_a_versioned_or_standard_path() -> None:
    """Our own API is versioned (/api/v1/); the HSDS API follows the HSDS 3.0 standard."""
    paths = [line for line in COMMITTED.read_text().splitlines() if line.startswith("  /")]
    assert paths, "no paths found"
    assert all(line.startswith(("  /api/v1/", "  /api/hsds/")) for line in paths), paths
