"""The language button in the header switches the site to English and back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.web.tests.browser.axe import assert_no_axe_violations


def test_language_button_switches_to_english_and_back(page: Page) -> None:
    page.goto("/account/inloggen/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url("/account/inloggen/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_language_switch_keeps_a_logged_in_user_on_the_same_page(
    page: Page, make_user, login
) -> None:
    user = make_user(Role.TEAM_COORDINATOR)
    login(page, user.username)
    page.goto("/account/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url("/account/")
    assert_no_axe_violations(page)
