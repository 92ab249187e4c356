"""The request pages under /hulpvragen/: intake with assessment and advice, the decision,
closing; refusals at the field with nothing saved, need to know and the audit log."""

from __future__ import annotations

import pytest

from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_worker
from dichtbij.requests.constants import (
    Answer,
    EventType,
    HelpRequestStatus,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.models import HelpRequest, HelpRequestEvent, TriageAdvice, TriageDecision
from dichtbij.requests.tests.factories import make_help_request


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def _intake(household) -> str:
    return f"/hulpvragen/nieuw/{household.public_id}/"


def _page(help_request) -> str:
    return f"/hulpvragen/{help_request.public_id}/"


def _intake_data(household, **overrides):
    data = {
        "question": "Onze dochter slaapt slecht en is vaak boos op school.",
        "asker": "ouder",
        "asker_name": "Anna de Vries",
        "children": [str(child.public_id) for child in household.children.all()],
        "themes": ["thema:pesten"],
        "duration": "zes_tot_twaalf_maanden",
        "tried_before": "Gesprekken met de mentor.",
        "unsafe_at_home": "nee",
        "risk_of_harm": "nee",
        "safety_note": "",
        "severity": "licht",
        "ordinary_help_enough": "ja",
        "lowest_score": "3",
        "assessment_note": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _refused_at(response, field: str) -> str:
    """The page of a refused form, with the error at ``field`` and linked from the summary."""
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "Niet opgeslagen: verbeter het volgende" in page
    assert f'href="#id_{field}' in page
    return page


# --- intake -----------------------------------------------------------------------------


def test_the_intake_form_shows_the_safety_screen_and_the_assessment(logged_in, household) -> None:
    response = logged_in.get(_intake(household))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hulpvraag aanmelden" in page
    assert "Veilig Thuis (0800-2000)" in page
    for label in (
        "Wat is de hulpvraag?",
        "Voor welke kinderen is de vraag?",
        "Is iemand thuis niet veilig?",
        "Hoe ernstig zijn de problemen?",
    ):
        assert label in page
    assert 'value="thema:pesten"' in page
    assert "Aanmelden en advies bekijken" in page


def test_registering_with_an_assessment_lands_on_the_request_with_the_advice(
    logged_in, worker, catalogue, household
) -> None:
    response = logged_in.post(_intake(household), _intake_data(household))
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _page(help_request)
    assert help_request.registered_by == worker
    assert help_request.question.startswith("Onze dochter slaapt slecht")
    assert set(help_request.children.all()) == set(household.children.all())
    assert help_request.themes == ["thema:pesten"]
    assert (help_request.severity, help_request.ordinary_help_enough) == (
        Severity.MILD,
        Answer.YES,
    )
    assert help_request.lowest_score == 3
    assert help_request.status == HelpRequestStatus.ADVISED
    advice = TriageAdvice.objects.get(help_request=help_request)
    assert advice.outcome == TriageOutcome.ORDINARY_HELP
    assert advice.reasons

    page = logged_in.get(response["Location"]).content.decode()
    assert "De hulpvraag is aangemeld." in page
    assert "Onze dochter slaapt slecht" in page
    assert "Waarom dit advies" in page
    assert str(TriageOutcome.ORDINARY_HELP.label) in page
    for reason in advice.reasons:
        assert str(reason["text"]) in page
    assert advice.offers
    assert str(advice.offers[0]["name"]) in page
    assert "Besluit vastleggen" in page  # the decision form follows the advice


def test_a_request_for_one_of_two_children_is_for_that_child_only(logged_in, household) -> None:
    youngest = household.children.order_by("-birth_date").first()
    data = _intake_data(household, children=[str(youngest.public_id)])
    response = logged_in.post(_intake(household), data)
    assert response.status_code == 302
    assert list(HelpRequest.objects.get().children.all()) == [youngest]


def test_without_an_assessment_the_request_waits_for_one(logged_in, household) -> None:
    data = _intake_data(household, severity="", ordinary_help_enough="", lowest_score="")
    response = logged_in.post(_intake(household), data)
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert help_request.status == HelpRequestStatus.REGISTERED
    assert not TriageAdvice.objects.exists()
    page = logged_in.get(_page(help_request)).content.decode()
    assert "Nog niet beoordeeld." in page
    assert "Beoordeling opslaan" in page


def test_a_missing_question_is_refused_at_the_field_and_nothing_is_saved(
    logged_in, household
) -> None:
    response = logged_in.post(_intake(household), _intake_data(household, question=""))
    page = _refused_at(response, "question")
    assert "Beschrijf de hulpvraag." in page
    assert not HelpRequest.objects.exists()
    assert not HelpRequestEvent.objects.exists()


def test_no_child_chosen_is_refused_at_the_checkbox_group(logged_in, household) -> None:
    response = logged_in.post(_intake(household), _intake_data(household, children=[]))
    page = _refused_at(response, "children")
    assert 'href="#id_children_0"' in page
    assert "Kies minstens één kind." in page
    assert not HelpRequest.objects.exists()


def test_an_unknown_theme_posted_is_refused_at_the_field(logged_in, household) -> None:
    data = _intake_data(household, themes=["thema:pesten", "thema:ruimtevaart"])
    response = logged_in.post(_intake(household), data)
    page = _refused_at(response, "themes")
    assert "thema:ruimtevaart" in page  # Django's "geen geldige keuze" names the value
    assert "geldige keuze" in page
    assert not HelpRequest.objects.exists()


def test_a_severity_without_ordinary_help_enough_is_refused_at_that_field(
    logged_in, household
) -> None:
    data = _intake_data(household, severity="matig", ordinary_help_enough="")
    response = logged_in.post(_intake(household), data)
    page = _refused_at(response, "ordinary_help_enough")
    assert "Kies of gewone hulp genoeg kan zijn." in page
    assert 'id="id_severity_error"' not in page
    assert not HelpRequest.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE, object_type="help_request").exists()


def test_unsafe_at_home_gives_an_acute_advice_naming_veilig_thuis_and_112(
    logged_in, catalogue, household
) -> None:
    data = _intake_data(
        household,
        unsafe_at_home="ja",
        safety_note="Vader is thuis agressief.",
        severity="",
        ordinary_help_enough="",
        lowest_score="",
    )
    response = logged_in.post(_intake(household), data)
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    advice = TriageAdvice.objects.get(help_request=help_request)
    assert (advice.outcome, advice.urgency) == (TriageOutcome.ACUTE, Urgency.URGENT)
    page = logged_in.get(_page(help_request)).content.decode()
    assert "utrecht-alert--error dichtbij-advice" in page
    assert str(TriageOutcome.ACUTE.label) in page
    assert "Veilig Thuis" in page
    assert "112" in " ".join(str(reason["text"]) for reason in advice.reasons)
    assert "112" in page.split("Waarom dit advies", 1)[1]


# --- decision -----------------------------------------------------------------------------


def test_following_the_advice_records_the_decision(logged_in, worker, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    advice = TriageAdvice.objects.get(help_request=help_request)
    response = logged_in.post(f"{_page(help_request)}besluit/", {"besluit-choice": "volgen"})
    assert response.status_code == 302
    assert response["Location"] == _page(help_request)
    decision = TriageDecision.objects.get(help_request=help_request)
    assert decision.followed_advice is True
    assert (decision.outcome, decision.urgency) == (advice.outcome, advice.urgency)
    assert decision.override_reason == ""
    assert decision.decided_by == worker
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.DECIDED
    assert HelpRequestEvent.objects.filter(
        help_request=help_request, type=EventType.TRIAGE_DECIDED
    ).exists()
    page = logged_in.get(_page(help_request)).content.decode()
    assert "Het besluit is vastgelegd." in page
    assert "Besluit vastleggen" not in page


def test_deciding_otherwise_without_a_reason_is_refused_at_the_reason(logged_in, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    response = logged_in.post(
        f"{_page(help_request)}besluit/",
        {
            "besluit-choice": "anders",
            "besluit-outcome": TriageOutcome.LOCAL_TEAM_SUPPORT,
            "besluit-urgency": Urgency.HIGH,
            "besluit-reason": "  ",
        },
    )
    page = _refused_at(response, "besluit-reason")
    assert "Schrijf op waarom" in page
    assert not TriageDecision.objects.exists()
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.ADVISED


def test_deciding_otherwise_without_an_outcome_is_refused_at_the_outcome(
    logged_in, household
) -> None:
    help_request = make_help_request(household=household, advised=True)
    response = logged_in.post(
        f"{_page(help_request)}besluit/",
        {"besluit-choice": "anders", "besluit-reason": "Het gezin wil liever het team."},
    )
    page = _refused_at(response, "besluit-outcome")
    assert "Kies de uitkomst die u besluit." in page
    assert not TriageDecision.objects.exists()


def test_deciding_otherwise_with_a_reason_is_stored_as_an_override(logged_in, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    advice = TriageAdvice.objects.get(help_request=help_request)
    assert advice.outcome != TriageOutcome.LOCAL_TEAM_SUPPORT
    response = logged_in.post(
        f"{_page(help_request)}besluit/",
        {
            "besluit-choice": "anders",
            "besluit-outcome": TriageOutcome.LOCAL_TEAM_SUPPORT,
            "besluit-urgency": Urgency.HIGH,
            "besluit-reason": "Het gezin kent het wijkteam al en wil daar verder.",
        },
    )
    assert response.status_code == 302
    decision = TriageDecision.objects.get(help_request=help_request)
    assert decision.followed_advice is False
    assert decision.override_reason == "Het gezin kent het wijkteam al en wil daar verder."
    assert (decision.outcome, decision.urgency) == (TriageOutcome.LOCAL_TEAM_SUPPORT, Urgency.HIGH)
    assert (decision.advised_outcome, decision.advised_urgency) == (
        advice.outcome,
        advice.urgency,
    )
    assert HelpRequestEvent.objects.filter(
        help_request=help_request, type=EventType.TRIAGE_OVERRIDDEN
    ).exists()
    page = logged_in.get(_page(help_request)).content.decode()
    assert "Reden om af te wijken" in page
    assert "Het gezin kent het wijkteam al en wil daar verder." in page


# --- need to know, audit, closing -----------------------------------------------------


def test_an_uninvolved_worker_gets_404_and_the_involved_workers_reads_are_audited(
    client, region, worker, household
) -> None:
    help_request = make_help_request(household=household, advised=True)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    client.force_login(stranger)
    assert client.get(_page(help_request)).status_code == 404
    assert client.get(_intake(household)).status_code == 404
    decided = client.post(f"{_page(help_request)}besluit/", {"besluit-choice": "volgen"})
    assert decided.status_code == 404
    assert not TriageDecision.objects.exists()
    assert not AuditEvent.objects.filter(actor=stranger, action=Action.READ).exists()

    client.force_login(worker)
    assert client.get(_page(help_request)).status_code == 200
    read = AuditEvent.objects.get(actor=worker, action=Action.READ, object_type="help_request")
    assert read.object_id == str(help_request.public_id)
    assert read.subject_id == str(household.public_id)
    assert read.channel == "web"
    assert read.reason == "Hulpvraag inzien"
    assert help_request.question not in read.reason


def test_pages_need_a_login(client, household) -> None:
    help_request = make_help_request(household=household)
    response = client.get(_page(help_request))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    assert not AuditEvent.objects.filter(action=Action.READ).exists()


def test_closing_with_a_reason_closes_the_request(logged_in, household) -> None:
    help_request = make_help_request(household=household, decided=True)
    response = logged_in.post(
        f"{_page(help_request)}afsluiten/",
        {"afsluiten-reason": "help_arranged", "afsluiten-note": "Gestart bij de cursus."},
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.CLOSED
    assert help_request.close_reason == "help_arranged"
    assert help_request.close_note == "Gestart bij de cursus."
    assert help_request.closed_at is not None
    assert HelpRequestEvent.objects.filter(
        help_request=help_request, type=EventType.HELP_REQUEST_CLOSED
    ).exists()
    page = logged_in.get(_page(help_request)).content.decode()
    assert "De hulpvraag is afgesloten." in page
    assert "Hulpvraag afsluiten" not in page


def test_closing_without_a_reason_is_refused_at_the_field(logged_in, household) -> None:
    help_request = make_help_request(household=household)
    response = logged_in.post(f"{_page(help_request)}afsluiten/", {"afsluiten-reason": ""})
    page = _refused_at(response, "afsluiten-reason")
    assert "Kies een reden." in page
    help_request.refresh_from_db()
    assert help_request.status != HelpRequestStatus.CLOSED
