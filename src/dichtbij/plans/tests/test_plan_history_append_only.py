"""Versions, agreements and evaluations are history: the database refuses UPDATE."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from dichtbij.plans.constants import AgreementMethod, GoalResult
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.services import GoalOutcome, family_plan_agree, family_plan_evaluate
from dichtbij.utils.append_only import HistoryIsAppendOnly


@pytest.fixture
def history(plan: Any, worker: Any) -> Any:
    version = PlanVersion.objects.get(plan=plan)
    family_plan_agree(
        actor=worker,
        plan=plan,
        version=version,
        method=AgreementMethod.DIGITAL,
        agreed_on=timezone.localdate(),
        agreed_by="Sanne",
    )
    family_plan_evaluate(
        actor=worker,
        plan=plan,
        evaluated_on=timezone.localdate(),
        results=[
            GoalOutcome(goal_id=goal.id or "", result=GoalResult.PARTLY)
            for goal in version.plan_content.goals
        ],
        scores={"veiligheid": 3},
    )
    return plan


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("plans_planversion", "change_note", "'anders'"),
        ("plans_planagreement", "agreed_by", "'iemand anders'"),
        ("plans_planevaluation", "note", "'anders'"),
        ("plans_planevaluationgoal", "result", "'achieved'"),
        ("plans_planevaluationscore", "score", "5"),
    ],
)
def test_the_database_refuses_update_of_history(
    history: Any, table: str, column: str, value: str
) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = {value}")  # noqa: S608


def test_the_application_refuses_to_change_a_version(history: Any) -> None:
    version = PlanVersion.objects.get(plan=history)
    version.change_note = "anders"
    with pytest.raises(HistoryIsAppendOnly):
        version.save()
    with pytest.raises(HistoryIsAppendOnly):
        PlanVersion.objects.filter(plan=history).update(change_note="anders")
