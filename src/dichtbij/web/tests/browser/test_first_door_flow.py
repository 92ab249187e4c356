"""The first door in the demo, as a local-team worker of regio Amersfoort does it.

On the data ``dichtbij demo load`` makes (the demo worker, the demo families, the shared
sociale kaart), the worker takes in a help request for a demo family, sees the triage
advice with ordinary offers from the sociale kaart, follows it, makes a family plan with
a goal and an action, and records the family's agreement. Every page on the way is axe
clean.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from dichtbij.plans.models import FamilyPlan
from dichtbij.requests.constants import HelpRequestStatus, TriageOutcome
from dichtbij.requests.models import HelpRequest
from dichtbij.web.tests.browser.axe import assert_no_axe_violations
from dichtbij.web.tests.browser.layout import assert_label_beside

DEMO_PASSWORD = "demo"  # noqa: S105  # the demo accounts' public password


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("demo", "load", stdout=StringIO())


def test_a_worker_takes_in_a_request_sees_ordinary_offers_and_agrees_a_plan(
    demo: None, page: Page, login
) -> None:
    login(page, "amersfoort.wijkteam", DEMO_PASSWORD)

    # The caseload leads to the family's dossier.
    page.goto("/mijn-gezinnen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gezin Demir", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Demir")
    page.get_by_role("link", name="Hulpvraag registreren").click()

    # The intake: the question in the family's words, the safety screen, the assessment.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpvraag aanmelden")
    assert_no_axe_violations(page)
    # An empty required field does not look wrong before anyone typed in it.
    question, tried = (
        page.get_by_label("Wat is de hulpvraag?"),
        page.get_by_label("Wat is al geprobeerd?"),
    )
    assert question.evaluate("el => el.required") and not tried.evaluate("el => el.required")
    assert _border(question) == _border(tried)
    page.get_by_label("Wat is de hulpvraag?").fill(
        "Elif wordt op school gepest en durft niet meer naar buiten om te spelen."
    )
    page.get_by_role("group", name="Wie stelt de vraag?").get_by_label("Ouder of verzorger").check()
    bullying = page.get_by_role("group", name="Waar gaat de vraag over?").get_by_label(
        "Pesten", exact=True
    )
    assert_label_beside(bullying)
    bullying.check()
    page.get_by_role("group", name="Hoe lang speelt het al?").get_by_label(
        "1 tot 6 maanden"
    ).check()
    page.get_by_label("Wat is al geprobeerd?").fill("Gesprek met de leerkracht.")
    page.get_by_role("group", name="Is iemand thuis niet veilig?").get_by_label(
        "Nee", exact=True
    ).check()
    page.get_by_role(
        "group", name="Is er een risico dat iemand zichzelf of een ander iets aandoet?"
    ).get_by_label("Nee", exact=True).check()
    page.get_by_role("group", name="Hoe ernstig zijn de problemen?").get_by_label("Licht").check()
    page.get_by_role("group", name="Kan gewone hulp (zonder verwijzing) genoeg zijn?").get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_role("button", name="Aanmelden en advies bekijken").click()

    # The advice: ordinary help without referral, its reasons, offers from the sociale kaart.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpvraag van Gezin Demir")
    advice = page.locator(".dichtbij-advice")
    expect(advice).to_contain_text("Gewone hulp zonder verwijzing")
    expect(page.get_by_role("heading", name="Waarom dit advies")).to_be_visible()
    offers = page.locator(".dichtbij-offers > li")
    expect(offers.first).to_be_visible()
    assert offers.count() >= 1
    # Ordinary help means no referral: no offer carries the "verwijzing nodig" badge.
    expect(page.locator(".dichtbij-offers .dichtbij-badge--referral")).to_have_count(0)
    assert_no_axe_violations(page)
    request = HelpRequest.objects.get(
        household__name="Gezin Demir", question__startswith="Elif wordt op school gepest"
    )
    stored = request.triage_advices.get().offers
    # The page shows exactly the offers the advice stored, none needing a referral.
    expect(offers).to_have_count(len(stored))
    for item, offer in zip(offers.all(), stored, strict=True):
        expect(item).to_contain_text(str(offer["name"]))
        assert offer["referral_required"] is False

    page.get_by_role("group", name="Wat besluit u?").get_by_label("Ik volg het advies").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", name="Besluit")).to_be_visible()
    expect(page.locator("#besluit-kop + .dichtbij-facts")).to_contain_text(
        "Gewone hulp zonder verwijzing"
    )
    request.refresh_from_db()
    assert request.status == HelpRequestStatus.DECIDED
    assert request.outcome == TriageOutcome.ORDINARY_HELP

    # The family plan: scores, a goal in the family's words, an action, then agreement.
    page.get_by_role("link", name="Terug naar Gezin Demir").click()
    page.get_by_role("link", name="Gezinsplan bekijken").click()
    page.get_by_role("link", name="Plan maken").click()
    assert_no_axe_violations(page)
    page.get_by_label("Veiligheid", exact=True).select_option("4")
    page.get_by_label("Vrije tijd en sociaal netwerk").select_option("2")
    goal = page.get_by_role("group", name="Doel 1 (nieuw)")
    goal.get_by_label("Leefdomein").select_option(label="Vrije tijd en sociaal netwerk")
    goal.get_by_label("Doel, in de woorden van het gezin").fill(
        "Elif speelt weer buiten met vriendinnen."
    )
    goal.get_by_label("Wanneer is het doel bereikt?").fill(
        "Elif speelt twee keer per week buiten, zonder buikpijn."
    )
    goal.get_by_label("Streefdatum").fill("2027-06-01")
    action = goal.get_by_role("group", name="Actie 1")
    action.get_by_label("Wie").select_option(label="Welzijn")
    action.get_by_label("Wat").fill("Maatje van Welzijn Eemland gaat mee naar de speeltuin.")
    page.get_by_role("button", name="Plan opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin Demir")
    expect(page.get_by_text("Elif speelt weer buiten met vriendinnen.")).to_be_visible()
    expect(page.get_by_text("Nog niet akkoord").first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Akkoord van het gezin vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Hoe gaf het gezin akkoord?").select_option(label="In een gesprek")
    page.get_by_label("Wie gaven akkoord?").fill("Ayse Demir en Elif")
    page.get_by_role("button", name="Akkoord vastleggen").click()

    expect(page.get_by_text("Het gezin is akkoord met deze versie.")).to_be_visible()
    assert_no_axe_violations(page)
    plan = FamilyPlan.objects.get(household__name="Gezin Demir")
    assert plan.is_agreed
    goals = plan.versions.get(number=plan.current_version_number).plan_content.goals
    assert [g.text for g in goals] == ["Elif speelt weer buiten met vriendinnen."]
    assert goals[0].actions[0].what.startswith("Maatje van Welzijn Eemland")


def _border(field: Locator) -> str:
    return field.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.borderColor, s.borderWidth, s.backgroundColor].join(' '); }"
    )
