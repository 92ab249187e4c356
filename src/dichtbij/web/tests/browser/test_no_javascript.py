"""Everything works without JavaScript: the pages are plain HTML forms and links."""

from __future__ import annotations

from playwright.sync_api import expect

from dichtbij.accounts.constants import Role


def test_without_javascript_a_user_can_log_in_and_see_the_home_page(
    new_context, make_user, login
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    user = make_user(Role.FAMILY)
    login(page, user.username)
    expect(page).to_have_url("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Sam")
    expect(page.locator("header .dichtbij-whoami")).to_contain_text(str(Role.FAMILY.label))

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url("/account/inloggen/")
    expect(page.locator(".dichtbij-whoami")).to_have_count(0)
