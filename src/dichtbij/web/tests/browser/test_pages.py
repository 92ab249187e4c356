"""The other pages of a logged-in user, and the public home page, are accessible."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.web.tests.browser.axe import assert_no_axe_violations


def test_public_home_page_has_no_axe_violations(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeugdhulp dichtbij")
    assert_no_axe_violations(page)


def test_profile_and_region_pages_have_no_axe_violations(page: Page, make_user, login) -> None:
    user = make_user(Role.REFERRER)
    login(page, user.username)
    assert_no_axe_violations(page)

    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.get_by_role("link", name="Mijn account").click()
    expect(page).to_have_url("/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.locator(".dichtbij-facts")).to_contain_text(user.username)
    assert_no_axe_violations(page)

    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.get_by_role("link", name="Mijn regio").click()
    expect(page).to_have_url("/regio/")
    expect(page.get_by_role("heading", level=1)).to_have_text(user.region.name)
    assert_no_axe_violations(page)


def test_logging_out_returns_to_the_login_page(page: Page, make_user, login) -> None:
    user = make_user(Role.SPECIALIST)
    login(page, user.username)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url("/account/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.locator(".dichtbij-whoami")).to_have_count(0)
    assert_no_axe_violations(page)


def test_pages_reflow_to_a_320_pixel_wide_screen(new_context, make_user, login) -> None:
    """WCAG 1.4.10: no horizontal scrolling of the page at 320 CSS pixels."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    # A demo account, so that the login page shows its table of demo accounts too.
    officer = make_user(Role.PRIVACY_OFFICER, is_demo=True)
    for path in ("/", "/account/inloggen/"):
        page.goto(path)
        _assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
    login(page, officer.username)
    for path in ("/", "/account/", "/regio/", "/privacy/auditlog/"):
        page.goto(path)
        _assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)


def _assert_no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width}px wide at a 320px viewport"


def test_two_factor_setup_page_has_no_axe_violations(page: Page, make_user, login) -> None:
    user = make_user(Role.LOCAL_TEAM_WORKER)
    login(page, user.username)
    page.goto("/account/")
    page.get_by_role("link", name="instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(
        page.get_by_role("img", name="QR-code om uw authenticator-app te koppelen")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Code uit uw authenticator-app").fill("12")
    page.get_by_role("button", name="Koppelen").click()
    expect(page.locator(".utrecht-form-field-error-message")).to_be_visible()
    assert_no_axe_violations(page)


def test_locked_out_page_has_no_axe_violations(page: Page, make_user, login, settings) -> None:
    user = make_user(Role.REFERRER)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(page, user.username, "niet het wachtwoord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account tijdelijk geblokkeerd")
    assert_no_axe_violations(page)
