"""The request history, advice and decisions are append-only, also for raw SQL: the
database itself refuses UPDATE (SQLite here, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from dichtbij.requests.constants import TriageOutcome, Urgency
from dichtbij.requests.models import HelpRequestEvent, TriageAdvice, TriageDecision
from dichtbij.requests.services import triage_decide
from dichtbij.requests.tests.factories import make_help_request
from dichtbij.utils.append_only import HistoryIsAppendOnly


@pytest.fixture
def decided(worker, household):
    help_request = make_help_request(household=household, advised=True)
    triage_decide(
        actor=worker,
        help_request=help_request,
        outcome=TriageOutcome.LOCAL_TEAM_SUPPORT,
        urgency=Urgency.NORMAL,
        reason="Het gezin wil het lokale team erbij.",
    )
    return help_request


@pytest.mark.parametrize("model", [HelpRequestEvent, TriageAdvice, TriageDecision])
def test_the_database_refuses_an_update(decided, model) -> None:
    table = model._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608  # a fixed table name


@pytest.mark.parametrize("model", [HelpRequestEvent, TriageAdvice, TriageDecision])
def test_the_application_refuses_an_update(decided, model) -> None:
    with pytest.raises(HistoryIsAppendOnly):
        model.objects.all().update(id=1)
    row = model.objects.first()
    assert row is not None
    with pytest.raises(HistoryIsAppendOnly):
        row.save()


def test_every_status_change_is_in_the_history(decided) -> None:
    changes = [
        (event.parameters["from"], event.parameters["to"])
        for event in decided.events.filter(type="STATUS_CHANGED").order_by("id")
    ]
    assert changes == [("registered", "assessed"), ("assessed", "advised"), ("advised", "decided")]
