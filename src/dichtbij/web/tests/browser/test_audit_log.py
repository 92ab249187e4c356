"""The privacy officer reads, filters and exports the audit log."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from dichtbij.accounts.constants import Role
from dichtbij.web.tests.browser.axe import assert_no_axe_violations


def test_privacy_officer_filters_the_audit_log_and_exports_it_as_csv(
    page: Page, make_user, login, tmp_path: Path
) -> None:
    officer = make_user(Role.PRIVACY_OFFICER)
    worker = make_user(Role.LOCAL_TEAM_WORKER)
    login(page, officer.username)
    expect(page).to_have_url("/")
    assert_no_axe_violations(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Auditlog").click()
    expect(page).to_have_url("/privacy/auditlog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Auditlog")
    assert_no_axe_violations(page)

    page.get_by_label("Gebruiker (gebruikersnaam)").fill(officer.username)
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(rf"/privacy/auditlog/\?.*username={officer.username}"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    users = rows.locator("td:nth-child(2)").all_inner_texts()
    assert users and set(users) == {officer.username}, users
    login_rows = rows.filter(has_text="Inloggen")
    expect(login_rows).to_have_count(1)
    assert worker.username not in page.locator("table").inner_text()
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporteren als CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("auditlog-")
    assert download.suggested_filename.endswith(".csv")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert "tijdstip;gebruiker" in lines[0], lines[0]
    assert len(lines) >= 2
    assert all(officer.username in line for line in lines[1:]), lines


def test_other_roles_do_not_see_the_audit_log(page: Page, make_user, login) -> None:
    user = make_user(Role.POLICY)
    login(page, user.username)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Auditlog")).to_have_count(0)
    response = page.goto("/privacy/auditlog/")
    assert response is not None and response.status == 404
