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


def test_the_catalogue_holds_exactly_the_strings_the_code_uses(
    tmp_path: Path, settings, monkeypatch
) -> None:
    """The messages `make messages` would find are the ones in the catalogue: a new Dutch
    string in the code is there (and so translated, above), and none the code dropped.
    Where a string stands (the ``#:`` lines) and the entries' order may differ."""
    from django.core.management import call_command

    # A copy of the package without its catalogue: makemessages writes to the locale
    # directory that lies above the files it reads, so it must not see the real one.
    package = tmp_path / "dichtbij"
    shutil.copytree(
        LOCALE.parents[2], package, ignore=shutil.ignore_patterns("locale", "__pycache__")
    )
    (package / "locale" / "en").mkdir(parents=True)
    settings.LOCALE_PATHS = [package / "locale"]
    monkeypatch.chdir(package)  # as `make messages` runs from src/dichtbij
    call_command(
        "makemessages", locale=["en"], no_obsolete=True, ignore_patterns=["*/tests/*"], verbosity=0
    )

    locale = package / "locale" / "en" / "LC_MESSAGES"
    found, committed = _messages(locale / "django.po"), _messages(LOCALE / "django.po")
    assert (sorted(found - committed), sorted(committed - found)) == ([], []), (
        "new strings (left) or dropped ones (right): run `make messages`, translate, commit"
    )


def _messages(po: Path) -> set[tuple[str, ...]]:
    """(msgctxt, msgid, msgid_plural) of every entry but the header."""
    keys = ("msgctxt", "msgid", "msgid_plural")
    messages = set()
    for entry in po.read_text().split("\n\n"):
        parts: dict[str, str] = {}
        current = None
        for line in entry.splitlines():
            keyword, _, rest = line.partition(" ")
            if keyword in keys:
                current = keyword
                parts[keyword] = rest.strip('"')
            elif line.startswith('"') and current is not None:
                parts[current] += line.strip('"')
            elif keyword.startswith("msgstr"):
                current = None
        if parts.get("msgid"):
            messages.add(tuple(parts.get(key, "") for key in keys))
    return messages
