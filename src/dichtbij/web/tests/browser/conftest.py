"""Fixtures of the browser tests: one headless Chromium per session, a fresh context per test.

* ``browser`` (session): Debian's Chromium, started once through Playwright; set
  ``DICHTBIJ_CHROMIUM`` to use another binary. Playwright's own browser download is
  never used.
* ``new_context`` (function): makes browser contexts (separate cookie jars) with any of
  Playwright's options, e.g. ``java_script_enabled=False``; all are closed after the test,
  which fails if a page reported a Content-Security-Policy violation.
* ``page`` (function): a page in a fresh Dutch context, ready for ``live_server``.
* ``region`` / ``make_user`` / ``login``: test data made through the services, and the
  login form driven like a person would.

Every test in this folder is marked ``browser`` (see ``pytest_collection_modifyitems``)
and runs against pytest-django's ``live_server``, which serves the static files through
Django's staticfiles finders, so the NL Design System CSS is really applied.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    sync_playwright,
)

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import User
from dichtbij.accounts.tests.factories import PASSWORD, make_region
from dichtbij.accounts.tests.factories import make_user as make_user_in
from dichtbij.regions.models import Region

# Playwright's sync API runs an event loop in this thread; Django would then refuse ORM
# calls from the test as "async unsafe". The test's ORM calls are plain synchronous ones.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("DICHTBIJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Playwright waits at most this long (ms) for a page or an element.
TIMEOUT_MS = 15_000

#: The organisation a user of each role works for.
ROLE_ORGANISATION: dict[Role, tuple[OrganisationKind, str]] = {
    Role.FAMILY: (OrganisationKind.CJG, ""),
    Role.LOCAL_TEAM_WORKER: (OrganisationKind.LOCAL_TEAM, "Buurtteam Centrum"),
    Role.REFERRER: (OrganisationKind.GP_PRACTICE, "Huisartsenpraktijk De Linde"),
    Role.SPECIALIST: (OrganisationKind.SPECIALIST_TEAM, "Specialistisch team Eemland"),
    Role.TEAM_COORDINATOR: (OrganisationKind.SPECIALIST_TEAM, "Specialistisch team Eemland"),
    Role.POLICY: (OrganisationKind.MUNICIPALITY, "Gemeente Amersfoort"),
    Role.FUNCTIONAL_ADMIN: (OrganisationKind.MUNICIPALITY, "Gemeente Amersfoort"),
    Role.PRIVACY_OFFICER: (OrganisationKind.MUNICIPALITY, "Gemeente Amersfoort"),
}

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder (and only those) ``browser``."""
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- Browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; install it or set DICHTBIJ_CHROMIUM.")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Callable[..., BrowserContext]]:
    """Make a browser context on the live server; closed at the end of the test.

    The site's Content-Security-Policy stays on (no ``bypass_csp``): a page that breaks it,
    e.g. with an inline style, fails the test.
    """
    contexts: list[BrowserContext] = []
    csp_errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            csp_errors.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def make(**options: Any) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "nl-NL")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", on_console)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if csp_errors:
        pytest.fail("The page broke its Content-Security-Policy:\n" + "\n".join(csp_errors))


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


# --- Data -----------------------------------------------------------------------------


@pytest.fixture
def region(transactional_db: None) -> Region:
    return make_region("amersfoort")


@pytest.fixture
def make_user(region: Region) -> Callable[..., User]:
    """A user of ``role`` in Regio Amersfoort, password :data:`PASSWORD`."""

    def make(role: Role, username: str | None = None, **extra: Any) -> User:
        kind, organisation = ROLE_ORGANISATION[role]
        return make_user_in(
            region=region,
            role=role,
            username=username or f"test-{role.value.replace('_', '-')}",
            organisation=organisation or None,
            kind=kind,
            first_name="Sam",
            last_name=f"de {role.value.replace('_', ' ').title()}",
            **extra,
        )

    return make


@pytest.fixture
def login() -> Callable[..., None]:
    """Fill in and send the login form, as a person would."""

    def do(page: Page, username: str, password: str = PASSWORD) -> None:
        page.goto("/account/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    return do
