"""Specialist help in the demo: a local-team worker of regio Amersfoort refers a family,
sees the ranked MetMaya teams with their reasons and chooses one; the team coordinator
accepts; the worker sees "geaccepteerd" and the expected start. Every page axe clean.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.models import Referral
from dichtbij.requests.models import HelpRequest
from dichtbij.web.tests.browser.axe import assert_no_axe_violations

DEMO_PASSWORD = "demo"  # noqa: S105  # the demo accounts' public password
TEAM = "MetMaya Amersfoort Noord"


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("demo", "load", stdout=StringIO())


def test_a_worker_refers_to_a_ranked_metmaya_team_and_sees_it_accepted(
    demo: None, page: Page, login
) -> None:
    help_request = HelpRequest.objects.get(household__name="Gezin Bakker")
    login(page, "amersfoort.wijkteam", DEMO_PASSWORD)

    # The family agrees to share its plan with MetMaya for a referral.
    page.goto("/mijn-gezinnen/")
    page.get_by_role("link", name="Gezin Bakker", exact=True).click()
    page.get_by_role("link", name="Toestemming vastleggen").click()
    page.get_by_label("Met wie mag het gedeeld worden?").select_option(label="MetMaya")
    page.get_by_label("Wat mag gedeeld worden?").select_option(label="Gezinsplan")
    page.get_by_label("Waarvoor?").select_option(label="Verwijzing naar specialistische hulp")
    page.get_by_label("Gegeven door").fill("Marieke Bakker")
    page.get_by_label("In een gesprek").check()
    page.get_by_label("Geldig vanaf").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()

    # From the help request, decided for specialist help, to the referral.
    page.goto(f"/hulpvragen/{help_request.public_id}/")
    page.get_by_role("link", name="Verwijzen naar specialistische hulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing opstellen")
    assert_no_axe_violations(page)
    page.get_by_label("Voor welk kind?").select_option(label="Daan Bakker")
    page.get_by_label("Wat is de vraag aan het specialistische team?").fill(
        "Daan is boos sinds de scheiding; de ouders willen hulp bij het gezin."
    )
    page.get_by_role("group", name="Welke expertise is nodig?").get_by_label(
        "Gezinsbehandeling", exact=False
    ).first.check()
    page.get_by_label("Toestemming van het gezin").select_option(index=1)
    page.get_by_role("button", name="Opslaan en teams bekijken").click()

    # Ranked teams, each with its reasons in plain Dutch; the worker chooses.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welk team past?")
    ranked = page.locator(".dichtbij-matches > li")
    expect(ranked.first).to_be_visible()
    assert ranked.count() >= 2
    chosen = ranked.filter(has=page.get_by_role("heading", name=TEAM))
    expect(chosen).to_contain_text("Expertise")
    expect(chosen).to_contain_text("Gebied en school")
    expect(chosen).to_contain_text("Plek en wachttijd")
    assert_no_axe_violations(page)
    chosen.get_by_role("button", name=f"Verwijzen naar {TEAM}").click()
    expect(page.locator(".dichtbij-status")).to_have_text("verstuurd")
    referral = Referral.objects.get(help_request=help_request)
    assert referral.team is not None and referral.team.name == TEAM

    # The coordinator finds it in the team's inbox, confirms and accepts with a start date.
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "amersfoort.coordinator", DEMO_PASSWORD)
    page.get_by_role("link", name="Inbox en wachtlijst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEAM)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gezin Bakker, Daan").click()
    page.get_by_role("button", name="Ontvangst bevestigen").click()
    start = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Verwachte start van de hulp").fill(start.isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Accepteren", exact=True).click()
    expect(page.locator(".dichtbij-status")).to_have_text("geaccepteerd")

    # The worker sees "geaccepteerd" and the expected start.
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "amersfoort.wijkteam", DEMO_PASSWORD)
    page.goto(f"/verwijzingen/{referral.public_id}/")
    expect(page.locator(".dichtbij-status")).to_have_text("geaccepteerd")
    expect(page.locator(".dichtbij-expected-start time")).to_have_attribute(
        "datetime", start.isoformat()
    )
    assert_no_axe_violations(page)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.expected_start == start
