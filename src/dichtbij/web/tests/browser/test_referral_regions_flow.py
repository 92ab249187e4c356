"""Specialist help in two other demo regions, through the pages only, every page axe clean.

* Amsterdam-Amstelland/Zaanstreek-Waterland (lead-provider model): the local-team worker
  records the family's consent for Jeugdhulp Amstel, drafts a referral from the decided
  help request, sees the ranked lead providers with their reasons and chooses Jeugdhulp
  Amstel. The coordinator of one of its teams finds it in the team inbox, confirms and
  accepts with an expected start, sees Jeugdhulp Amstel as hoofdaannemer and adds a
  sub-contracted part. The worker sees all of it on the referral page.
* Zuid-Kennemerland/IJmond: a GP registers a family and a help request, records the
  family's consent for the referral, and refers to a ranked team; a jeugdarts, whom the
  region does not let refer, is told the rule instead of getting a form.

The tests call no services: the ORM is read only to check what the pages did.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from dichtbij.families.constants import ConsentPurpose, SharedItem
from dichtbij.families.models import Consent, Household
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.models import Referral
from dichtbij.requests.constants import TriageOutcome
from dichtbij.requests.models import HelpRequest
from dichtbij.web.tests.browser.axe import assert_no_axe_violations
from dichtbij.web.tests.browser.layout import assert_label_beside

DEMO_PASSWORD = "demo"  # noqa: S105  # the demo accounts' public password

LEAD_PROVIDER = "Jeugdhulp Amstel"
COORDINATOR_TEAM = "Jeugdhulp Amstel Zuid en Oost"
SUBCONTRACTOR = "Jong en Vrij Verslavingshulp"
KENNEMERLAND_TEAM = "Duin en Kust Haarlem"

Login = Callable[..., None]


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("demo", "load", stdout=StringIO())


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def status_of(page: Page) -> Locator:
    return page.locator(".dichtbij-status")


def open_consent_form(page: Page) -> None:
    """From the family page to the consent form."""
    page.get_by_role("link", name="Toestemming vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming vastleggen")
    assert_no_axe_violations(page)


def record_consent(page: Page, *, recipient: str, item: str, given_by: str) -> None:
    """On the consent form: the family's consent for a referral, given in a conversation."""
    page.get_by_label("Met wie mag het gedeeld worden?").select_option(label=recipient)
    page.get_by_label("Wat mag gedeeld worden?").select_option(label=item)
    page.get_by_label("Waarvoor?").select_option(label="Verwijzing naar specialistische hulp")
    page.get_by_label("Gegeven door").fill(given_by)
    page.get_by_label("In een gesprek").check()
    page.get_by_label("Geldig vanaf").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()


def register_family(
    page: Page, *, name: str, child: tuple[str, str, str], parent: str, wijk: str
) -> None:
    """From the home page: a Haarlem family with its first child and a parent."""
    page.goto("/")
    page.get_by_role("link", name="Gezin aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin registreren")
    assert_no_axe_violations(page)
    page.get_by_label("Gemeente").select_option(label="Haarlem")
    page.get_by_label("Wijk").select_option(label=f"Haarlem – {wijk}")
    page.get_by_label("Naam van het gezin").fill(name)
    first_name, last_name, birth_date = child
    page.get_by_label("Voornaam").fill(first_name)
    page.get_by_label("Achternaam").fill(last_name)
    page.get_by_label("Geboortedatum").fill(birth_date)
    page.get_by_label("Naam", exact=True).fill(parent)
    page.get_by_label("Relatie tot het kind").fill("moeder")
    custody = page.get_by_role("group", name="Heeft deze ouder of verzorger gezag?")
    assert_label_beside(custody.get_by_label("Ja", exact=True))
    custody.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Gezin registreren").click()
    expect(page.get_by_text("Het gezin is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def register_help_request(page: Page, *, question: str, theme: str) -> None:
    """From the family page, as a referrer: the intake without the first door's assessment."""
    page.get_by_role("link", name="Hulpvraag registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpvraag aanmelden")
    assert_no_axe_violations(page)
    page.get_by_label("Wat is de hulpvraag?").fill(question)
    page.get_by_role("group", name="Wie stelt de vraag?").get_by_label("Ouder of verzorger").check()
    page.get_by_role("group", name="Waar gaat de vraag over?").get_by_label(
        theme, exact=True
    ).check()
    page.get_by_role("group", name="Hoe lang speelt het al?").get_by_label(
        "6 tot 12 maanden"
    ).check()
    page.get_by_role("group", name="Is iemand thuis niet veilig?").get_by_label(
        "Nee", exact=True
    ).check()
    page.get_by_role(
        "group", name="Is er een risico dat iemand zichzelf of een ander iets aandoet?"
    ).get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("De hulpvraag is aangemeld.")).to_be_visible()


def test_amsterdam_a_lead_provider_accepts_and_adds_a_subcontracted_part(
    demo: None, page: Page, login: Login
) -> None:
    # The demo decided Gezin De Wit's help request for specialist help.
    help_request = HelpRequest.objects.get(household__name="Gezin De Wit")
    assert help_request.household.region.code == "amsterdam"
    assert help_request.outcome == TriageOutcome.SPECIALIST_HELP
    login(page, "amsterdam.lokaalteam", DEMO_PASSWORD)

    # The family agrees to share its file with Jeugdhulp Amstel for a referral.
    page.goto("/mijn-gezinnen/")
    page.get_by_role("link", name="Gezin De Wit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Wit")
    assert_no_axe_violations(page)
    open_consent_form(page)
    record_consent(page, recipient=LEAD_PROVIDER, item="Het hele dossier", given_by="Ruben de Wit")

    # From the decided help request to the draft. The family page links to no help
    # request (nor to the history page that would), so the worker goes by its address.
    page.goto(f"/hulpvragen/{help_request.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpvraag van Gezin De Wit")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Verwijzen naar specialistische hulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing opstellen")
    assert_no_axe_violations(page)
    expect(page.get_by_label("Voor welk kind?")).to_have_value(
        str(help_request.household.children.get().public_id)
    )
    page.get_by_label("Wat is de vraag aan het specialistische team?").fill(
        "Fleur (autisme) loopt vast thuis en op school; de vader vraagt hulp voor het gezin."
    )
    page.get_by_role("group", name="Doelen uit het gezinsplan").get_by_label(
        "Fleur kan de hele week naar school."
    ).check()
    expertise = page.get_by_role("group", name="Welke expertise is nodig?")
    expertise.get_by_label("Gezinsbehandeling", exact=True).check()
    expertise.get_by_label("Opvoedondersteuning", exact=True).check()
    page.get_by_label("Toestemming van het gezin").select_option(
        label=f"{LEAD_PROVIDER}, Het hele dossier, tot wederopzegging"
    )
    page.get_by_role("button", name="Opslaan en teams bekijken").click()

    # The lead providers, ranked, each with its reasons; the worker chooses.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welke aanbieder past?")
    ranked = page.locator(".dichtbij-matches > li")
    expect(ranked.first).to_be_visible()
    assert ranked.count() >= 2
    chosen = ranked.filter(has=page.get_by_role("heading", name=LEAD_PROVIDER, exact=True))
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("Score")
    expect(chosen).to_contain_text("Expertise")
    assert_no_axe_violations(page)
    chosen.get_by_role("button", name=f"Verwijzen naar {LEAD_PROVIDER}", exact=True).click()
    expect(page.get_by_text("De verwijzing is verstuurd.")).to_be_visible()
    expect(status_of(page)).to_have_text("verstuurd")
    referral = Referral.objects.get(help_request=help_request)
    assert referral.provider is not None
    assert referral.provider.organisation.name == LEAD_PROVIDER
    assert referral.team is None

    # The coordinator of a team of Jeugdhulp Amstel finds it in the team's inbox.
    log_out(page)
    login(page, "amsterdam.coordinator", DEMO_PASSWORD)
    page.get_by_role("link", name="Inbox en wachtlijst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COORDINATOR_TEAM)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gezin De Wit, Fleur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing voor Fleur")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ontvangst bevestigen").click()
    expect(page.get_by_text("De verwijzing is als ontvangen gemarkeerd.")).to_be_visible()
    expect(status_of(page)).to_have_text("ontvangen")
    start = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Verwachte start van de hulp").fill(start.isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Accepteren", exact=True).click()
    expect(status_of(page)).to_have_text("geaccepteerd")

    # Jeugdhulp Amstel leads the trajectory and brings in a sub-contractor for a part.
    trajectory = page.get_by_role("region", name="Traject")
    expect(trajectory).to_contain_text(f"Hoofdaannemer: {LEAD_PROVIDER}.")
    subcontract = page.get_by_role("form", name="Onderaannemer toevoegen")
    assert_no_axe_violations(page)
    subcontract.get_by_label("Onderaannemer", exact=True).select_option(label=SUBCONTRACTOR)
    subcontract.get_by_label("Welk deel doet de onderaannemer?").fill(
        "Vaardigheidstraining voor Fleur in een jongerengroep, tien weken."
    )
    subcontract.get_by_role("button", name="Onderaannemer toevoegen").click()
    expect(page.get_by_text("De onderaannemer is toegevoegd aan het traject.")).to_be_visible()
    expect(page.locator(".dichtbij-subcontracts")).to_contain_text(SUBCONTRACTOR)
    assert_no_axe_violations(page)

    # The worker sees the status, the expected start, the lead and the sub-contractor.
    log_out(page)
    login(page, "amsterdam.lokaalteam", DEMO_PASSWORD)
    page.goto(f"/verwijzingen/{referral.public_id}/")
    expect(status_of(page)).to_have_text("geaccepteerd")
    expect(page.locator(".dichtbij-expected-start time")).to_have_attribute(
        "datetime", start.isoformat()
    )
    expect(page.locator(".dichtbij-facts")).to_contain_text(f"{LEAD_PROVIDER} (hoofdaannemer)")
    trajectory = page.get_by_role("region", name="Traject")
    expect(trajectory).to_contain_text(f"Hoofdaannemer: {LEAD_PROVIDER}.")
    parts = page.locator(".dichtbij-subcontracts > li")
    expect(parts).to_have_count(1)
    expect(parts.first).to_contain_text(
        f"{SUBCONTRACTOR}: Vaardigheidstraining voor Fleur in een jongerengroep, tien weken."
    )
    # The worker only looks: the team's steps and the sub-contract form are not offered.
    expect(page.get_by_role("button", name="Onderaannemer toevoegen")).to_have_count(0)
    expect(page.get_by_role("button", name="Hulp starten")).to_have_count(0)
    assert_no_axe_violations(page)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.expected_start == start
    stored = list(
        referral.trajectory.subcontracts.values_list("provider__organisation__name", flat=True)
    )
    assert stored == [SUBCONTRACTOR]


def test_kennemerland_a_gp_refers_and_a_jeugdarts_is_told_the_rule(
    demo: None, page: Page, login: Login
) -> None:
    # The GP registers the family and the help request in their own consultation.
    login(page, "kennemerland.huisarts", DEMO_PASSWORD)
    register_family(
        page,
        name="Gezin Koster",
        child=("Mila", "Koster", "2013-04-09"),
        parent="Eva Koster",
        wijk="Schalkwijk",
    )
    # The GP sees the file limited: the basics and what they registered themselves.
    expect(page.get_by_text("U ziet een beperkt dossier")).to_be_visible()
    assert_no_axe_violations(page)
    register_help_request(
        page,
        question="Mila is sinds de scheiding van haar ouders erg boos en slaapt slecht.",
        theme="Scheiding",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpvraag van Gezin Koster")
    assert_no_axe_violations(page)
    help_request = HelpRequest.objects.get(household__name="Gezin Koster")

    # In the consultation the mother agrees that the help request goes to the team.
    page.get_by_role("link", name="Terug naar Gezin Koster").click()
    open_consent_form(page)
    # A GP with limited access records consent for a referral only.
    purposes = page.get_by_label("Waarvoor?").locator("option")
    expect(purposes).to_have_text(["Verwijzing naar specialistische hulp"])
    record_consent(page, recipient=KENNEMERLAND_TEAM, item="Hulpvraag", given_by="Eva Koster")
    consent = Consent.objects.get(household=help_request.household)
    assert (consent.purpose, consent.item) == (ConsentPurpose.REFERRAL, SharedItem.HELP_REQUEST)

    # Back to the help request (by address: the family page links to none), then refer.
    page.goto(f"/hulpvragen/{help_request.public_id}/")
    page.get_by_role("link", name="Verwijzen naar specialistische hulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing opstellen")
    assert_no_axe_violations(page)
    # No family plan: the draft offers no plan goals.
    expect(page.get_by_role("group", name="Doelen uit het gezinsplan")).to_have_count(0)
    page.get_by_label("Wat is de vraag aan het specialistische team?").fill(
        "Veel boosheid en slecht slapen sinds de scheiding; graag gezinsbehandeling."
    )
    expertise = page.get_by_role("group", name="Welke expertise is nodig?")
    expertise.get_by_label("Gezinsbehandeling", exact=True).check()
    expertise.get_by_label("Scheidingsproblematiek", exact=True).check()
    page.get_by_label("Toestemming van het gezin").select_option(
        label=f"{KENNEMERLAND_TEAM}, Hulpvraag, tot wederopzegging"
    )
    page.get_by_role("button", name="Opslaan en teams bekijken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welk team past?")
    ranked = page.locator(".dichtbij-matches > li")
    expect(ranked.first).to_be_visible()
    chosen = ranked.filter(has=page.get_by_role("heading", name=KENNEMERLAND_TEAM, exact=True))
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("Expertise")
    expect(chosen).to_contain_text("Gebied en school")
    assert_no_axe_violations(page)
    chosen.get_by_role("button", name=f"Verwijzen naar {KENNEMERLAND_TEAM}", exact=True).click()
    expect(page.get_by_text("De verwijzing is verstuurd.")).to_be_visible()
    expect(status_of(page)).to_have_text("verstuurd")
    expect(page.locator(".dichtbij-facts")).to_contain_text("Huisarts")
    assert_no_axe_violations(page)
    referral = Referral.objects.get(help_request=help_request)
    assert referral.status == ReferralStatus.REQUESTED
    assert referral.team is not None and referral.team.name == KENNEMERLAND_TEAM
    assert (referral.referrer_type, referral.goals) == ("02", [])

    # The jeugdarts may register a family and a help request, but not refer here.
    log_out(page)
    login(page, "kennemerland.jeugdarts", DEMO_PASSWORD)
    register_family(
        page,
        name="Gezin Hoekstra",
        child=("Luuk", "Hoekstra", "2016-11-20"),
        parent="Sanne Hoekstra",
        wijk="Noord",
    )
    register_help_request(
        page,
        question="Luuk wordt gepest en wil niet meer naar school.",
        theme="Pesten",
    )
    with page.expect_response(lambda r: "/verwijzingen/nieuw/" in r.url) as refused:
        page.get_by_role("link", name="Verwijzen naar specialistische hulp").click()
    assert refused.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing opstellen")
    # The region's rule, in Dutch: a jeugdarts may not refer here, and who may.
    expect(page.get_by_role("alert")).to_have_text(
        'In Zuid-Kennemerland en IJmond mag verwijzer "Jeugdarts" niet verwijzen naar '
        "specialistische hulp; dat mogen hier: Gemeente, Huisarts, Gecertificeerde "
        "instelling, Medisch specialist, Rechter, officier van justitie, functionaris JJI."
    )
    expect(page.locator("form.dichtbij-form")).to_have_count(0)
    expect(page.get_by_role("button", name="Opslaan en teams bekijken")).to_have_count(0)
    assert_no_axe_violations(page)
    household = Household.objects.get(name="Gezin Hoekstra")
    assert not Referral.objects.filter(household=household).exists()
