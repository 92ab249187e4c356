"""Logging in: the form is accessible, a wrong password is explained, every role gets home."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.web.tests.browser.axe import assert_no_axe_violations

WRONG_LOGIN = "Deze combinatie van gebruikersnaam en wachtwoord is onbekend"


def test_stylesheets_are_served_to_the_browser(page: Page) -> None:
    css = {}
    page.on(
        "response",
        lambda response: (
            css.__setitem__(response.url.rsplit("/static/", 1)[-1], response)
            if "/static/" in response.url
            else None
        ),
    )
    page.goto("/account/inloggen/")
    for name in ("utrecht/index.css", "dichtbij/theme.css", "dichtbij/site.css"):
        assert name in css, f"{name} was not requested; got {sorted(css)}"
        assert css[name].status == 200, f"{name}: HTTP {css[name].status}"
        assert css[name].header_value("content-type").startswith("text/css")
    assert_no_axe_violations(page)


def test_login_page_has_no_axe_violations(page: Page) -> None:
    page.goto("/account/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_no_axe_violations(page)


def test_login_page_with_the_demo_accounts_table_has_no_axe_violations(
    page: Page, make_user
) -> None:
    for role in Role:
        make_user(role, username=f"demo-{role.value}", is_demo=True)
    page.goto("/account/inloggen/")
    table = page.get_by_role("region", name="Demo-accounts").get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(len(Role))
    assert_no_axe_violations(page)


def test_wrong_password_shows_the_dutch_error_message(page: Page, make_user, login) -> None:
    user = make_user(Role.LOCAL_TEAM_WORKER)
    login(page, user.username, "niet het wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text(WRONG_LOGIN)
    expect(page).to_have_url("/account/inloggen/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_lands_on_its_home_page_with_role_and_region_in_the_header(
    page: Page, make_user, login, role: Role
) -> None:
    user = make_user(role)
    login(page, user.username)
    expect(page).to_have_url("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Sam")
    whoami = page.locator("header .dichtbij-whoami")
    expect(whoami).to_contain_text(str(role.label))
    expect(whoami).to_contain_text(user.region.name)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_no_axe_violations(page)
