"""The help-requests API under /api/v1/help-requests, with Bearer-token authentication:
register, read, assess, advise, decide, close; refusals as problem+json, need to know and
an audit row for every read of personal data."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.authtoken.models import Token

from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.requests.constants import (
    EventType,
    HelpRequestStatus,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.models import HelpRequest, TriageAdvice, TriageDecision
from dichtbij.requests.tests.factories import make_help_request

PROBLEM = "application/problem+json"


def _auth(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {Token.objects.create(user=user).key}"}


def _caller(client, user):
    headers = _auth(user)

    def call(method: str, path: str, data=None, **extra):
        kwargs = {**headers, **extra}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(client, method)(f"/api/v1/{path}", **kwargs)

    return call


@pytest.fixture
def api(client, worker):
    return _caller(client, worker)


def _new_request(household, **overrides):
    data = {
        "household": str(household.public_id),
        "children": [str(child.public_id) for child in household.children.all()],
        "question": "Onze zoon wordt gepest en wil niet meer naar school.",
        "asker": "ouder",
        "themes": ["thema:pesten"],
        "duration": "een_tot_zes_maanden",
        "unsafe_at_home": "nee",
        "risk_of_harm": "nee",
        "severity": "licht",
        "ordinary_help_enough": "ja",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _reads(object_type: str, help_request=None, **filters):
    rows = AuditEvent.objects.filter(
        action=Action.READ, object_type=object_type, channel="api", **filters
    )
    if help_request is not None:
        rows = rows.filter(object_id=str(help_request.public_id))
    return rows


def _invalid_names(response) -> list[str]:
    return [param["name"] for param in response.json()["invalid-params"]]


# --- register and read --------------------------------------------------------------------


def test_unauthenticated_calls_are_refused_as_problem_json(client, db) -> None:
    response = client.get("/api/v1/help-requests")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


def test_register_then_list_and_read_a_request(api, worker, household) -> None:
    created = api("post", "help-requests", _new_request(household))
    assert created.status_code == 201, created.content
    body = created.json()
    help_request = HelpRequest.objects.get()
    assert body["id"] == str(help_request.public_id)
    assert body["household"] == str(household.public_id)
    assert {child["id"] for child in body["children"]} == {
        str(child.public_id) for child in household.children.all()
    }
    assert body["themes"] == ["thema:pesten"]
    assert body["status"] == HelpRequestStatus.ASSESSED
    assert body["severity"] == "licht"
    assert body["registered_by"] == worker.pk
    assert body["outcome"] == ""

    listed = api("get", "help-requests")
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["results"]] == [body["id"]]
    detail = api("get", f"help-requests/{body['id']}")
    assert detail.status_code == 200
    assert detail.json()["question"] == "Onze zoon wordt gepest en wil niet meer naar school."
    # one read row for the list and one for the detail, naming the household as subject
    reads = _reads("help_request", help_request)
    assert reads.count() == 2
    assert {row.subject_id for row in reads} == {str(household.public_id)}
    assert all(help_request.question not in row.reason for row in reads)


def test_the_list_can_be_narrowed_to_one_household(api, region, worker, household) -> None:
    mine = make_help_request(household=household)
    other = make_household(region=region, actor=worker, children=1)
    make_help_request(household=other)
    listed = api("get", f"help-requests?household={household.public_id}")
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["results"]] == [str(mine.public_id)]


def test_an_empty_list_is_audited_too(api, worker, household) -> None:
    listed = api("get", "help-requests")
    assert listed.status_code == 200
    assert listed.json()["results"] == []
    assert AuditEvent.objects.filter(actor=worker, action=Action.READ, channel="api").exists()


def test_a_missing_question_is_400_naming_the_field_and_nothing_is_saved(api, household) -> None:
    data = _new_request(household)
    del data["question"]
    response = api("post", "help-requests", data)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "invalid"
    assert _invalid_names(response) == ["question"]
    assert not HelpRequest.objects.exists()


def test_a_blank_question_and_no_children_are_400_naming_both_fields(api, household) -> None:
    response = api("post", "help-requests", _new_request(household, question="  ", children=[]))
    assert response.status_code == 400
    assert set(_invalid_names(response)) == {"question", "children"}
    assert not HelpRequest.objects.exists()


def test_a_value_outside_its_code_list_is_400_naming_the_field(api, household) -> None:
    response = api("post", "help-requests", _new_request(household, unsafe_at_home="misschien"))
    assert response.status_code == 400
    assert _invalid_names(response) == ["unsafe_at_home"]
    assert not HelpRequest.objects.exists()


def test_an_unknown_theme_is_400_naming_the_field(api, household) -> None:
    data = _new_request(household, themes=["thema:pesten", "thema:ruimtevaart"])
    response = api("post", "help-requests", data)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "unknown_theme"
    assert body["data"]["field"] == "themes"
    assert "thema:ruimtevaart" in body["detail"]
    assert not HelpRequest.objects.exists()


def test_a_child_of_another_household_is_400_naming_children(
    api, region, worker, household
) -> None:
    other = make_household(region=region, actor=worker, children=1)
    data = _new_request(household, children=[str(other.children.get().public_id)])
    response = api("post", "help-requests", data)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "child_not_in_household"
    assert body["data"]["field"] == "children"
    assert not HelpRequest.objects.exists()


def test_an_uninvolved_worker_gets_404_everywhere(client, region, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    call = _caller(client, stranger)
    base = f"help-requests/{help_request.public_id}"
    for path in (base, f"{base}/events", f"{base}/triage-advice", f"{base}/triage-decision"):
        response = call("get", path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == PROBLEM
    assert call("get", "help-requests").json()["results"] == []
    decided = call("post", f"{base}/triage-decision", {"outcome": "acute", "urgency": "spoed"})
    assert decided.status_code == 404
    closed = call("post", f"{base}/closure", {"reason": "duplicate"})
    assert closed.status_code == 404
    registered = call("post", "help-requests", _new_request(household))
    assert registered.status_code == 404
    assert HelpRequest.objects.count() == 1
    assert not TriageDecision.objects.exists()
    assert not AuditEvent.objects.filter(
        actor=stranger, subject_id=str(household.public_id)
    ).exists()


def test_a_missing_request_is_404_like_a_forbidden_one(api, household) -> None:
    response = api("get", f"help-requests/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json()["code"] == "help_request_not_found"


# --- history and assessment ---------------------------------------------------------------


def test_the_events_are_the_history_oldest_first_and_the_read_is_audited(
    api, worker, household
) -> None:
    help_request = make_help_request(household=household, advised=True)
    response = api("get", f"help-requests/{help_request.public_id}/events")
    assert response.status_code == 200
    types = [event["type"] for event in response.json()]
    assert types[0] == EventType.HELP_REQUEST_REGISTERED
    assert EventType.TRIAGE_ADVISED in types
    assert types.index(EventType.HELP_REQUEST_REGISTERED) < types.index(EventType.TRIAGE_ADVISED)
    assert all(event["actor"] == worker.pk for event in response.json())
    assert _reads("help_request_events", help_request, actor=worker).count() == 1


def test_assessing_a_registered_request(api, household) -> None:
    help_request = make_help_request(household=household, assessed=False)
    response = api(
        "post",
        f"help-requests/{help_request.public_id}/assessment",
        {"severity": "matig", "ordinary_help_enough": "nee", "lowest_score": 2, "note": "Zorgen."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["severity"], body["ordinary_help_enough"], body["lowest_score"]) == (
        "matig",
        "nee",
        2,
    )
    assert body["status"] == HelpRequestStatus.ASSESSED
    assert body["assessment_note"] == "Zorgen."
    help_request.refresh_from_db()
    assert help_request.is_assessed


def test_an_assessment_with_a_score_out_of_range_is_400_naming_the_field(api, household) -> None:
    help_request = make_help_request(household=household, assessed=False)
    response = api(
        "post",
        f"help-requests/{help_request.public_id}/assessment",
        {"severity": "matig", "ordinary_help_enough": "nee", "lowest_score": 7},
    )
    assert response.status_code == 400
    assert _invalid_names(response) == ["lowest_score"]
    help_request.refresh_from_db()
    assert not help_request.is_assessed


# --- triage advice and decision -----------------------------------------------------------


def test_the_triage_advice_has_outcome_urgency_reasons_and_offers(
    api, worker, catalogue, household
) -> None:
    help_request = make_help_request(household=household, themes=["thema:pesten"])
    path = f"help-requests/{help_request.public_id}/triage-advice"
    missing = api("get", path)
    assert missing.status_code == 404
    assert missing.json()["code"] == "triage_advice_not_found"

    created = api("post", path)
    assert created.status_code == 201, created.content
    advice = created.json()
    assert advice["help_request"] == str(help_request.public_id)
    assert advice["outcome"] == TriageOutcome.ORDINARY_HELP
    assert advice["urgency"] in Urgency.values
    assert advice["reasons"]
    assert all(reason["code"] and reason["text"] for reason in advice["reasons"])
    assert advice["offers"]
    for offer in advice["offers"]:
        assert set(offer) >= {"service_id", "name", "organisation", "why", "referral_required"}
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="triage_advice", object_id=str(help_request.public_id)
    ).exists()

    read = api("get", path)
    assert read.status_code == 200
    assert read.json()["id"] == advice["id"]
    assert read.json()["reasons"] == advice["reasons"]
    assert _reads("triage_advice", help_request, actor=worker).count() == 1


def test_an_unsafe_home_is_advised_acute_without_an_assessment(api, catalogue, household) -> None:
    help_request = make_help_request(household=household, assessed=False, unsafe_at_home="ja")
    response = api("post", f"help-requests/{help_request.public_id}/triage-advice")
    assert response.status_code == 201
    advice = response.json()
    assert (advice["outcome"], advice["urgency"]) == (TriageOutcome.ACUTE, Urgency.URGENT)
    assert "112" in " ".join(reason["text"] for reason in advice["reasons"])
    assert "Veilig Thuis" in [offer["organisation"] for offer in advice["offers"]]


def test_advice_without_assessment_or_safety_concern_is_409(api, household) -> None:
    help_request = make_help_request(household=household, assessed=False)
    response = api("post", f"help-requests/{help_request.public_id}/triage-advice")
    assert response.status_code == 409
    assert response.json()["code"] == "help_request_not_assessed"
    assert not TriageAdvice.objects.exists()


def test_following_the_advice_is_a_decision_that_can_be_read(api, worker, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    advice = TriageAdvice.objects.get()
    path = f"help-requests/{help_request.public_id}/triage-decision"
    assert api("get", path).json()["code"] == "triage_decision_not_found"
    response = api("post", path, {"outcome": advice.outcome, "urgency": advice.urgency})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["followed_advice"] is True
    assert body["override_reason"] == ""
    assert body["advice"] == advice.pk
    assert body["decided_by"] == worker.pk
    read = api("get", path)
    assert read.status_code == 200
    assert read.json()["id"] == body["id"]
    assert _reads("triage_decision", help_request, actor=worker).count() == 1
    again = api("post", path, {"outcome": advice.outcome, "urgency": advice.urgency})
    assert again.status_code == 409
    assert TriageDecision.objects.count() == 1


def test_an_override_requires_a_reason_and_keeps_it(api, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    advice = TriageAdvice.objects.get()
    assert advice.outcome != TriageOutcome.LOCAL_TEAM_SUPPORT
    path = f"help-requests/{help_request.public_id}/triage-decision"
    choice = {"outcome": TriageOutcome.LOCAL_TEAM_SUPPORT, "urgency": Urgency.HIGH}

    refused = api("post", path, {**choice, "reason": " "})
    assert refused.status_code == 400
    assert refused["Content-Type"] == PROBLEM
    assert refused.json()["code"] == "override_reason_required"
    assert refused.json()["data"]["field"] == "reason"
    assert not TriageDecision.objects.exists()

    reason = "Het gezin kent het wijkteam al en wil daar verder."
    response = api("post", path, {**choice, "reason": reason})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["followed_advice"] is False
    assert body["override_reason"] == reason
    assert (body["advised_outcome"], body["advised_urgency"]) == (advice.outcome, advice.urgency)
    assert (body["outcome"], body["urgency"]) == (TriageOutcome.LOCAL_TEAM_SUPPORT, Urgency.HIGH)
    decision = TriageDecision.objects.get()
    assert decision.followed_advice is False
    assert decision.override_reason == reason


def test_a_decision_before_any_advice_is_409(api, household) -> None:
    help_request = make_help_request(household=household)
    response = api(
        "post",
        f"help-requests/{help_request.public_id}/triage-decision",
        {"outcome": "ordinary_help", "urgency": "normaal"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "triage_advice_missing"


def test_a_decision_with_an_unknown_outcome_is_400_naming_the_field(api, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    response = api(
        "post",
        f"help-requests/{help_request.public_id}/triage-decision",
        {"outcome": "naar_de_maan", "urgency": "normaal"},
    )
    assert response.status_code == 400
    assert _invalid_names(response) == ["outcome"]


# --- closure ------------------------------------------------------------------------------


def test_closing_a_request_with_a_reason(api, household) -> None:
    help_request = make_help_request(household=household, decided=True)
    path = f"help-requests/{help_request.public_id}/closure"
    response = api("post", path, {"reason": "help_arranged", "note": "Gestart."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == HelpRequestStatus.CLOSED
    assert body["close_reason"] == "help_arranged"
    assert body["closed_at"]
    again = api("post", path, {"reason": "help_arranged"})
    assert again.status_code == 409
    assert again.json()["code"] == "help_request_status_conflict"


def test_closing_without_a_reason_is_400_naming_the_field(api, household) -> None:
    help_request = make_help_request(household=household)
    response = api("post", f"help-requests/{help_request.public_id}/closure", {"note": "Klaar"})
    assert response.status_code == 400
    assert _invalid_names(response) == ["reason"]
    help_request.refresh_from_db()
    assert help_request.status != HelpRequestStatus.CLOSED
