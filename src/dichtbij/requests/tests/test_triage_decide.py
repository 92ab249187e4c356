"""Deciding after the advice: following it, or choosing otherwise with a reason, stored as
a fact that monitoring can count."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from dichtbij.requests.constants import (
    CloseReason,
    EventType,
    HelpRequestStatus,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.errors import (
    CloseReasonRequired,
    HelpRequestStatusConflict,
    OverrideReasonRequired,
    TriageAdviceMissing,
)
from dichtbij.requests.models import TriageDecision
from dichtbij.requests.services import help_request_close, triage_decide
from dichtbij.requests.tests.factories import make_help_request


@pytest.fixture
def advised(household):
    """A mild request, advised: ordinary help, normaal."""
    return make_help_request(household=household, advised=True)


def test_following_the_advice_is_stored_as_followed(worker, advised) -> None:
    decision = triage_decide(
        actor=worker,
        help_request=advised,
        outcome=TriageOutcome.ORDINARY_HELP,
        urgency=Urgency.NORMAL,
    )
    assert decision.followed_advice is True
    assert decision.override_reason == ""
    assert (decision.advised_outcome, decision.advised_urgency) == ("ordinary_help", "normaal")
    advised.refresh_from_db()
    assert advised.status == HelpRequestStatus.DECIDED
    assert (advised.outcome, advised.urgency) == (TriageOutcome.ORDINARY_HELP, Urgency.NORMAL)
    assert advised.events.filter(type=EventType.TRIAGE_DECIDED).count() == 1
    assert not advised.events.filter(type=EventType.TRIAGE_OVERRIDDEN).exists()


def test_choosing_otherwise_needs_a_reason_and_saves_nothing_without(worker, advised) -> None:
    with pytest.raises(OverrideReasonRequired) as refused:
        triage_decide(
            actor=worker,
            help_request=advised,
            outcome=TriageOutcome.LOCAL_TEAM_SUPPORT,
            urgency=Urgency.NORMAL,
            reason="  ",
        )
    assert refused.value.data["field"] == "reason"
    assert not TriageDecision.objects.exists()
    advised.refresh_from_db()
    assert advised.status == HelpRequestStatus.ADVISED


def test_choosing_otherwise_is_stored_structurally_with_the_reason(worker, advised) -> None:
    decision = triage_decide(
        actor=worker,
        help_request=advised,
        outcome=TriageOutcome.LOCAL_TEAM_SUPPORT,
        urgency=Urgency.HIGH,
        reason="Moeder vraagt zelf om begeleiding thuis; de school ziet het ook.",
    )
    assert decision.followed_advice is False
    assert decision.override_reason.startswith("Moeder vraagt")
    event = advised.events.get(type=EventType.TRIAGE_OVERRIDDEN)
    assert event.parameters["advised_outcome"] == "ordinary_help"
    assert event.parameters["outcome"] == "local_team_support"
    assert "Moeder" not in str(event.parameters)  # the reason stays on the decision
    advised.refresh_from_db()
    assert advised.urgency == Urgency.HIGH
    overridden = TriageDecision.objects.filter(followed_advice=False).count()
    assert overridden == 1


def test_a_different_urgency_alone_is_choosing_otherwise(worker, advised) -> None:
    with pytest.raises(OverrideReasonRequired):
        triage_decide(
            actor=worker,
            help_request=advised,
            outcome=TriageOutcome.ORDINARY_HELP,
            urgency=Urgency.HIGH,
        )


def test_the_database_refuses_an_override_without_reason(worker, advised) -> None:
    advice = advised.triage_advices.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageDecision.objects.create(
            help_request=advised,
            advice=advice,
            advised_outcome=advice.outcome,
            advised_urgency=advice.urgency,
            outcome=TriageOutcome.SPECIALIST_HELP,
            urgency=Urgency.HIGH,
            followed_advice=False,
            override_reason="",
            decided_by=worker,
        )


def test_the_database_refuses_followed_advice_that_differs_from_it(worker, advised) -> None:
    advice = advised.triage_advices.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageDecision.objects.create(
            help_request=advised,
            advice=advice,
            advised_outcome=advice.outcome,
            advised_urgency=advice.urgency,
            outcome=TriageOutcome.SPECIALIST_HELP,
            urgency=advice.urgency,
            followed_advice=True,
            override_reason="",
            decided_by=worker,
        )


def test_one_decision_per_request(worker, advised) -> None:
    triage_decide(
        actor=worker,
        help_request=advised,
        outcome=TriageOutcome.ORDINARY_HELP,
        urgency=Urgency.NORMAL,
    )
    with pytest.raises(HelpRequestStatusConflict):
        triage_decide(
            actor=worker,
            help_request=advised,
            outcome=TriageOutcome.SPECIALIST_HELP,
            urgency=Urgency.HIGH,
            reason="Toch anders.",
        )
    assert TriageDecision.objects.count() == 1


def test_no_decision_without_an_advice(worker, household) -> None:
    help_request = make_help_request(household=household)
    with pytest.raises(TriageAdviceMissing):
        triage_decide(
            actor=worker,
            help_request=help_request,
            outcome=TriageOutcome.ORDINARY_HELP,
            urgency=Urgency.NORMAL,
        )


def test_closing_records_the_reason_and_status(worker, advised) -> None:
    with pytest.raises(CloseReasonRequired):
        help_request_close(actor=worker, help_request=advised, reason="")
    help_request_close(actor=worker, help_request=advised, reason=CloseReason.DUPLICATE)
    advised.refresh_from_db()
    assert advised.status == HelpRequestStatus.CLOSED
    assert advised.closed_at is not None
    assert advised.events.filter(type=EventType.HELP_REQUEST_CLOSED).exists()
    with pytest.raises(HelpRequestStatusConflict):
        help_request_close(actor=worker, help_request=advised, reason=CloseReason.DUPLICATE)
