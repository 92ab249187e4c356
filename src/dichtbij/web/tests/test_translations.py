"""Dutch by default, English through Django's i18n; the compiled catalogue is current."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def test_pages_are_dutch_by_default(client, db) -> None:
    page = client.get("/account/inloggen/").content.decode()
    assert '<html lang="nl"' in page
    assert "Gebruikersnaam" in page


def test_english_is_served_after_choosing_it(client, db) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    page = client.get("/account/inloggen/").content.decode()
    assert '<html lang="en"' in page
    assert "Username" in page
    assert "Gebruikersnaam" not in page


def test_every_english_message_is_translated() -> None:
    catalogue = (LOCALE / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]  # the first block is the header
    untranslated = [entry for entry in entries if entry.rstrip().endswith('msgstr ""')]
    assert untranslated == []
    assert "#, fuzzy" not in catalogue


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt is not None, "gettext's msgfmt is needed (make test installs it)"
    compiled = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603  # fixed local tool and paths
        [msgfmt, "--check", "-o", str(compiled), str(LOCALE / "django.po")], check=True
    )
    assert compiled.read_bytes() == (LOCALE / "django.mo").read_bytes(), (
        "django.mo is stale: run `make messages` and commit it"
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_language_has_its_own_name_in_the_switcher(client, db, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode()
    other = "English" if language == "nl" else "Nederlands"
    assert other in page


def test_a_browser_that_prefers_english_still_gets_dutch(client, db) -> None:
    page = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert '<html lang="nl"' in page.decode()
