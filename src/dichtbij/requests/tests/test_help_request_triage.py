"""Asking the triage advice: facts from the request, rules from the region, offers from the
sociale kaart, stored with event and audit row."""

from __future__ import annotations

from datetime import date

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_region
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.services import involvement_add
from dichtbij.families.tests.factories import make_gp, make_household, make_worker
from dichtbij.regions.models import District
from dichtbij.regions.selectors import region_triage
from dichtbij.requests.constants import (
    Answer,
    EventType,
    HelpRequestStatus,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.errors import (
    HelpRequestActionNotAllowed,
    HelpRequestNotAssessed,
    HelpRequestStatusConflict,
)
from dichtbij.requests.models import TriageAdvice
from dichtbij.requests.services import (
    SAFETY_SIGNAL_REASON,
    help_request_assess,
    help_request_triage,
)
from dichtbij.requests.tests.factories import load_catalogue, make_help_request
from dichtbij.requests.triage import triage_rules_hash


@pytest.fixture
def household(region, worker, catalogue):
    """A household in Amersfoort with two children (13 and 14 in 2026)."""
    return make_household(region=region, actor=worker, children=2)


def _names(advice: TriageAdvice) -> list[str]:
    return [str(offer["name"]) for offer in advice.offers]


def test_unsafe_at_home_is_acute_with_spoed_and_crisis_offers(worker, household) -> None:
    help_request = make_help_request(
        household=household,
        unsafe_at_home=Answer.YES,
        severity=Severity.MILD,
        ordinary_help_enough=Answer.YES,
        themes=["thema:pesten"],
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert (advice.outcome, advice.urgency) == (TriageOutcome.ACUTE, Urgency.URGENT)
    assert advice.rule_code == "onveilig_thuis"
    names = _names(advice)
    assert "Crisisdienst jeugd en gezin (24/7)" in names
    organisations = [offer["organisation"] for offer in advice.offers]
    assert "Veilig Thuis" in organisations
    assert "112" in " ".join(reason["text"] for reason in advice.reasons)


def test_safety_does_not_wait_for_an_assessment(worker, household) -> None:
    help_request = make_help_request(household=household, assessed=False, risk_of_harm=Answer.YES)
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert (advice.outcome, advice.urgency) == (TriageOutcome.ACUTE, Urgency.URGENT)


def test_without_assessment_and_safety_concern_there_is_no_advice(worker, household) -> None:
    help_request = make_help_request(household=household, assessed=False)
    with pytest.raises(HelpRequestNotAssessed):
        help_request_triage(actor=worker, help_request=help_request)
    assert not TriageAdvice.objects.exists()


def test_ordinary_help_offers_fit_the_childs_age_and_gemeente_without_referral(
    worker, household
) -> None:
    help_request = make_help_request(
        household=household,
        children=[household.children.get(birth_date__year=2012)],
        question="Mijn puber en ik maken steeds ruzie over gamen.",
        themes=["thema:opvoeden"],
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert (advice.outcome, advice.rule_code) == (TriageOutcome.ORDINARY_HELP, "gewone_hulp")
    names = _names(advice)
    assert "Cursus opvoeden met pubers" in names  # 11-17, in Amersfoort
    assert "Sociaal Team Soest: jeugd en gezin" not in names  # another gemeente
    assert all(offer["referral_required"] is False for offer in advice.offers)
    course = next(o for o in advice.offers if o["name"] == "Cursus opvoeden met pubers")
    assert "Opvoeden" in str(course["why"])
    assert course["theme"] == "thema:opvoeden"


def test_the_advice_is_stored_with_reasons_facts_rules_and_history(worker, household) -> None:
    help_request = make_help_request(
        household=household, severity=Severity.SEVERE, ordinary_help_enough=Answer.NO
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert (advice.outcome, advice.urgency) == (TriageOutcome.SPECIALIST_HELP, Urgency.HIGH)
    assert [reason["code"] for reason in advice.reasons] == [
        "ernstig",
        "uitkomst:specialist_help",
    ]
    assert "MetMaya" in advice.reasons[1]["text"]
    assert advice.facts["severity"] == Severity.SEVERE
    assert advice.facts["registrant_may_refer"] is True
    triage = region_triage(region=household.region)
    assert advice.rules_version == triage.version
    assert advice.rules_hash == triage_rules_hash(triage)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.urgency) == (HelpRequestStatus.ADVISED, Urgency.HIGH)
    event = help_request.events.get(type=EventType.TRIAGE_ADVISED)
    assert event.parameters["rule_code"] == "ernstig"
    status = help_request.events.filter(type=EventType.STATUS_CHANGED).last()
    assert status is not None
    assert status.parameters == {"from": "assessed", "to": "advised"}
    assert AuditEvent.objects.filter(
        object_type="triage_advice", action=Action.CREATE, subject_id=str(household.public_id)
    ).exists()


def test_words_signalling_danger_add_a_reason_to_a_lighter_advice(worker, household) -> None:
    help_request = make_help_request(
        household=household,
        question="Mijn vader slaat me als hij gedronken heeft.",
        themes=["thema:opvoeden"],
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert advice.outcome == TriageOutcome.ORDINARY_HELP  # the screen said: safe
    assert SAFETY_SIGNAL_REASON in [reason["code"] for reason in advice.reasons]


def test_a_new_advice_after_a_new_assessment_is_the_latest(worker, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    help_request_assess(
        actor=worker,
        help_request=help_request,
        severity=Severity.MODERATE,
        ordinary_help_enough=Answer.YES,
    )
    help_request_triage(actor=worker, help_request=help_request)
    advices = list(help_request.triage_advices.order_by("id"))
    assert [advice.rule_code for advice in advices] == ["gewone_hulp", "matig"]


def test_a_gp_cannot_ask_the_advice(region, worker, household) -> None:
    gp = make_gp(region=region)
    help_request = make_help_request(household=household)
    with pytest.raises(HelpRequestActionNotAllowed):
        help_request_triage(actor=gp, help_request=help_request)


def test_an_uninvolved_worker_cannot_ask_the_advice(region, household) -> None:
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    help_request = make_help_request(household=household)
    with pytest.raises(HouseholdNotFound):
        help_request_triage(actor=stranger, help_request=help_request)


def test_no_advice_after_the_decision(worker, household) -> None:
    help_request = make_help_request(household=household, decided=True)
    with pytest.raises(HelpRequestStatusConflict):
        help_request_triage(actor=worker, help_request=help_request)


@pytest.mark.django_db
def test_kennemerland_a_jeugdarts_request_says_the_cjg_must_refer(user_factory) -> None:
    region = make_region("kennemerland")
    load_catalogue("kennemerland")
    cjg = make_worker(region=region, organisation="CJG Kennemerland")
    household = make_household(region=region, actor=cjg, municipality_code="GM0392")
    jeugdarts = user_factory(
        region=region,
        role=Role.REFERRER,
        organisation="JGZ Kennemerland",
        kind=OrganisationKind.GP_PRACTICE,
        referrer_type="03",
    )
    involvement_add(
        actor=cjg,
        household=household,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
        user=jeugdarts,
    )
    help_request = make_help_request(household=household, actor=jeugdarts, assessed=False)
    help_request_assess(
        actor=cjg,
        help_request=help_request,
        severity=Severity.SEVERE,
        ordinary_help_enough=Answer.NO,
    )
    advice = help_request_triage(actor=cjg, help_request=help_request)
    assert advice.rule_code == "ernstig_verwijzing_via_cjg"
    assert advice.facts["registrant_may_refer"] is False
    rule_text, region_text = (reason["text"] for reason in advice.reasons[:2])
    assert "de jeugdarts kan hier niet verwijzen" in rule_text
    assert "CJG Kennemerland beoordeelt de vraag" in rule_text
    assert 'verwijzer "Jeugdarts" niet verwijzen' in region_text
    assert "Gemeente, Huisarts, Gecertificeerde instelling" in region_text


@pytest.mark.django_db
def test_utrecht_names_the_consortium_team_of_the_wijk(user_factory) -> None:
    region = make_region("utrecht")
    load_catalogue("utrecht")
    worker = make_worker(region=region, organisation="Buurtteams Utrecht")
    household = make_household(
        region=region,
        actor=worker,
        municipality_code="GM0344",
        district=District.objects.get(municipality__code="GM0344", name="Overvecht"),
    )
    help_request = make_help_request(
        household=household, severity=Severity.SEVERE, ordinary_help_enough=Answer.NO
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert advice.outcome == TriageOutcome.SPECIALIST_HELP
    assert "Spoor030 Noord" in advice.reasons[1]["text"]
    assert "KOOS" not in advice.reasons[1]["text"]


def test_ages_are_counted_on_the_day_of_the_advice(worker, household, time_machine) -> None:
    time_machine.move_to(date(2030, 6, 1))
    help_request = make_help_request(
        household=household,
        children=[household.children.get(birth_date__year=2013)],
        themes=["thema:opvoeden"],
        question="Ruzie over gamen.",
    )
    advice = help_request_triage(actor=worker, help_request=help_request)
    assert "Cursus opvoeden met pubers" in _names(advice)  # 17 in 2030: still 11-17
