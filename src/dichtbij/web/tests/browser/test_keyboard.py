"""Keyboard users can skip the header and see where the focus is."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.web.tests.browser.axe import assert_no_axe_violations


def _focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => ({
            id: document.activeElement.id,
            cls: document.activeElement.className,
            text: document.activeElement.textContent.trim(),
        })"""
    )


def _check_skip_link(page: Page) -> None:
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert "utrecht-skip-link" in focused["cls"], f"first Tab stop is {focused}"
    assert focused["text"] == "Naar de inhoud"
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    assert_no_axe_violations(page)

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    assert page.url.endswith("#main")
    # The next Tab goes into the content, not back to the header.
    page.keyboard.press("Tab")
    in_main = page.evaluate(
        "() => document.querySelector('#main').contains(document.activeElement)"
    )
    assert in_main, f"Tab after the skip link went to {_focused(page)}"


def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(page: Page) -> None:
    page.goto("/")
    _check_skip_link(page)


def test_skip_link_comes_first_in_the_tab_order_of_the_login_page(page: Page) -> None:
    """The login page focuses the username field on load, so check the order itself."""
    page.goto("/account/inloggen/")
    first = page.evaluate(
        """() => {
            const selector = 'a[href], button, input, select, textarea, [tabindex]';
            const focusable = Array.from(document.querySelectorAll(selector)).filter(
                el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden');
            return focusable[0].className;
        }"""
    )
    assert "utrecht-skip-link" in first
    page.get_by_role("link", name="Naar de inhoud").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    assert_no_axe_violations(page)


def test_skip_link_also_comes_first_when_logged_in(page: Page, make_user, login) -> None:
    user = make_user(Role.LOCAL_TEAM_WORKER)
    login(page, user.username)
    expect(page).to_have_url("/")
    _check_skip_link(page)


def test_focused_links_and_buttons_show_a_visible_focus_style(page: Page) -> None:
    page.goto("/account/inloggen/")
    button = page.get_by_role("button", name="Inloggen")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    expect(button).to_be_focused()
    style = button.evaluate(
        """el => {
            const s = getComputedStyle(el);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    bg: s.backgroundColor};
        }"""
    )
    assert style["outline"] != "none" and style["width"] >= 2, style
    assert style["bg"] == "rgb(255, 217, 74)", style
