"""The hulpwijzer in a real browser: search from the home page, filter, open a service.

The main flow runs on the shared sociale kaart of Regio Amersfoort (skipped, saying why,
when ``../shared/data`` is absent), on a desktop and on a 390 px wide phone, with axe on
every page. Management and the professionals' variant use a few services of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import BrowserContext, Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.catalogue.hsds.importer import catalogue_import_file
from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search import search_index_rebuild
from dichtbij.catalogue.tests.factories import default_catalogue
from dichtbij.regions.models import Region
from dichtbij.web.tests.browser.axe import assert_no_axe_violations

SHARED_FILE = "sociale-kaart-regio-amersfoort.json"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def shared_catalogue(region: Region) -> None:
    """The shared sociale kaart of Regio Amersfoort, imported like ``make demo`` does."""
    path = settings.SHARED_DATA_DIR / SHARED_FILE
    if not path.exists():
        pytest.skip(f"needs ../shared/data (DICHTBIJ_SHARED_DATA): {path} is absent")
    catalogue_import_file(path=path)
    search_index_rebuild()


@pytest.fixture
def small_catalogue(region: Region) -> list[Service]:
    return default_catalogue()


def _assert_fits(page: Page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide at a {width}px viewport"


def _check(page: Page, width: int) -> None:
    _assert_fits(page, width)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_from_the_home_page_filter_and_open_a_service(
    new_context: Callable[..., BrowserContext], shared_catalogue: None, viewport: dict[str, int]
) -> None:
    page = new_context(viewport=viewport).new_page()
    width = viewport["width"]
    page.goto("/")
    _check(page, width)

    page.get_by_label("Waar zoekt u hulp bij?").fill("mijn zoon wordt gepest")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url("/hulpwijzer/?q=mijn+zoon+wordt+gepest")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    results = page.locator(".dichtbij-result")
    expect(results.first).to_be_visible()
    expect(results.first.locator(".dichtbij-badge").first).to_be_visible()
    _check(page, width)

    # Filter: gemeente Soest, only help without referral.
    search = page.get_by_role("search", name="Hulp zoeken")
    search.get_by_label("Gemeente").select_option(label="Soest")
    search.get_by_label("Alleen hulp zonder verwijzing").check()
    search.get_by_role("button", name="Zoeken").click()
    # A GET form: every field is in the address, the empty ones too.
    expect(page).to_have_url(
        re.compile(r"\?q=mijn\+zoon\+wordt\+gepest&gemeente=GM0342&zonder_verwijzing=on&")
    )
    expect(results.first).to_be_visible()
    assert results.count() >= 3
    expect(page.locator(".dichtbij-badge--referral")).to_have_count(0)
    assert results.locator(".dichtbij-badge--free").count() == results.count()
    expect(page.get_by_label("Alleen hulp zonder verwijzing")).to_be_checked()
    _check(page, width)

    # The other filters fold open, and are accessible when open.
    page.get_by_text("Meer filters").click()
    expect(page.get_by_label("Leeftijd van het kind")).to_be_visible()
    _check(page, width)

    # Open the first result.
    first = results.first.get_by_role("link").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Contact")).to_be_visible()
    expect(page.get_by_role("heading", name="Voor wie")).to_be_visible()
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    expect(page.get_by_text("Zonder verwijzing", exact=True).first).to_be_visible()
    _check(page, width)

    page.get_by_role("link", name="Terug naar de resultaten").click()
    expect(page).to_have_url(
        "/hulpwijzer/?q=mijn+zoon+wordt+gepest&gemeente=GM0342&zonder_verwijzing=on"
    )


def test_a_theme_and_more_results_without_typing(page: Page, shared_catalogue: None) -> None:
    page.goto("/hulpwijzer/")
    _check(page, 1280)

    page.get_by_role("link", name="Opvoeden", exact=True).click()
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    results = page.locator(".dichtbij-result")
    expect(results).to_have_count(10)
    page.get_by_role("link", name="Meer resultaten").click()
    expect(results).to_have_count(20)
    _check(page, 1280)


def test_a_question_about_danger_shows_the_crisis_lines_first(
    new_context: Callable[..., BrowserContext], shared_catalogue: None
) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto("/hulpwijzer/?q=mijn+vader+slaat+mij+en+ik+durf+niet+naar+huis")

    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Bel 112")
    expect(alert.locator('a[href^="tel:"]').first).to_be_visible()
    box = alert.bounding_box()
    search = page.get_by_role("search", name="Hulp zoeken").bounding_box()
    assert box is not None and search is not None and box["y"] < search["y"]
    _check(page, 390)


def test_the_hulpwijzer_works_without_javascript(
    new_context: Callable[..., BrowserContext], small_catalogue: list[Service]
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/hulpwijzer/")
    page.get_by_label("Waar zoekt u hulp bij?").fill("gepest")
    page.get_by_label("Gemeente").select_option(label="Soest")
    page.get_by_role("button", name="Zoeken").click()

    expect(page.get_by_role("link", name="Maatje op school")).to_be_visible()
    page.get_by_role("link", name="Maatje op school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maatje op school")


def test_a_local_team_worker_finds_referral_details(
    new_context: Callable[..., BrowserContext],
    small_catalogue: list[Service],
    make_user: Any,
    login: Any,
) -> None:
    page = new_context().new_page()
    user = make_user(Role.LOCAL_TEAM_WORKER)
    login(page, user.username)
    page.get_by_role("link", name="Sociale kaart").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart")
    _check(page, 1280)

    page.get_by_label("Hulpvraag of trefwoorden").fill("pesten")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Specialistische behandeling bij pesttrauma").click()
    expect(page.get_by_role("heading", name="Verwijzen")).to_be_visible()
    expect(page.get_by_text("Wijkteam of gemeente")).to_be_visible()
    expect(page.get_by_text("U kunt naar dit aanbod verwijzen.")).to_be_visible()
    _check(page, 1280)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_functioneel_beheer_marks_a_service_outdated(
    new_context: Callable[..., BrowserContext],
    small_catalogue: list[Service],
    make_user: Any,
    login: Any,
    viewport: dict[str, int],
) -> None:
    page = new_context(viewport=viewport).new_page()
    width = viewport["width"]
    admin = make_user(Role.FUNCTIONAL_ADMIN, email="beheer@example.nl")
    login(page, admin.username)
    page.get_by_role("link", name="Sociale kaart beheren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart beheren")
    _check(page, width)

    page.get_by_label("Alleen niet gecontroleerd in de afgelopen 12 maanden").check()
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("link", name="Voetbal in de wijk")).to_be_visible()
    expect(page.get_by_role("link", name="Maatje op school")).to_have_count(0)
    _check(page, width)

    page.get_by_role("link", name="Voetbal in de wijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voetbal in de wijk bewerken")
    _check(page, width)

    page.get_by_role("button", name="Markeer als verouderd").click()
    expect(page.get_by_role("status")).to_contain_text("is gemarkeerd als verouderd")
    expect(page.get_by_role("button", name="Niet meer verouderd")).to_be_visible()
    _check(page, width)

    # Edit: a wrong age range is explained, and nothing is saved.
    page.get_by_label("Vanaf leeftijd").fill("15")
    page.get_by_label("Tot en met leeftijd").fill("8")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Niet opgeslagen")
    # The summary links to the field, where the same message stands.
    summary.get_by_role("link", name="De maximumleeftijd moet gelijk zijn aan", exact=False).click()
    expect(page.get_by_label("Tot en met leeftijd")).to_be_focused()
    expect(page.locator(".utrecht-form-field-error-message")).to_contain_text(
        "De maximumleeftijd moet gelijk zijn aan"
    )
    _check(page, width)

    page.goto("/hulpwijzer/?q=voetbal&gemeente=GM0307")
    expect(page.get_by_role("link", name="Voetbal in de wijk")).to_have_count(0)
