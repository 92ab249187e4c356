"""Evaluations: a result per goal of the current version, scores, the next date."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from dichtbij.families.tests.factories import make_household
from dichtbij.plans.constants import GoalResult
from dichtbij.plans.errors import EvaluationInvalid
from dichtbij.plans.models import PlanEvaluation, PlanVersion
from dichtbij.plans.services import GoalOutcome, family_plan_evaluate
from dichtbij.plans.tests.factories import make_plan


def _goal_ids(plan: Any) -> list[str]:
    version = PlanVersion.objects.get(plan=plan, number=plan.current_version_number)
    return [goal.id for goal in version.plan_content.goals if goal.id]


def _outcomes(plan: Any, result: GoalResult = GoalResult.PARTLY) -> list[GoalOutcome]:
    return [GoalOutcome(goal_id=goal_id, result=result) for goal_id in _goal_ids(plan)]


def test_evaluation_records_results_scores_and_the_next_date(plan: Any, worker: Any) -> None:
    today = timezone.localdate()
    ids = _goal_ids(plan)
    outcomes = [
        GoalOutcome(goal_id=ids[0], result=GoalResult.ACHIEVED, note="Lukt elke week"),
        GoalOutcome(goal_id=ids[1], result=GoalResult.NOT_ACHIEVED),
        GoalOutcome(goal_id=ids[2], result=GoalResult.NO_LONGER_RELEVANT),
    ]

    evaluation = family_plan_evaluate(
        actor=worker,
        plan=plan,
        evaluated_on=today,
        results=outcomes,
        scores={"veiligheid": 4, "wonen": 2},
        note="Goed gesprek",
        next_evaluation_on=today + timedelta(days=60),
    )

    plan.refresh_from_db()
    assert evaluation.version.number == 1
    assert {r.goal_id: r.result for r in evaluation.goal_results.all()} == {
        ids[0]: GoalResult.ACHIEVED,
        ids[1]: GoalResult.NOT_ACHIEVED,
        ids[2]: GoalResult.NO_LONGER_RELEVANT,
    }
    assert {s.domain: s.score for s in evaluation.scores.all()} == {"veiligheid": 4, "wonen": 2}
    assert plan.next_evaluation_on == today + timedelta(days=60)
    assert plan.last_evaluated_on == today


def test_an_evaluation_dated_before_the_plan_is_refused(region: Any, worker: Any) -> None:
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        household = make_household(region=region, actor=worker)
        plan = make_plan(household=household, actor=worker)
    plan.refresh_from_db()

    with pytest.raises(EvaluationInvalid) as error:
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=timezone.localdate() - timedelta(days=11),
            results=_outcomes(plan),
        )

    assert error.value.data["field"] == "evaluated_on"
    assert "vóór het plan" in error.value.message
    assert not PlanEvaluation.objects.exists()


@pytest.mark.parametrize(
    ("scores", "field"),
    [({"veiligheid": 6}, "scores.veiligheid"), ({"sterrenkunde": 3}, "scores.sterrenkunde")],
)
def test_bad_scores_are_refused(plan: Any, worker: Any, scores: dict[str, int], field: str) -> None:
    with pytest.raises(EvaluationInvalid) as error:
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=timezone.localdate(),
            results=_outcomes(plan),
            scores=scores,
        )

    assert error.value.data["field"] == field
    assert not PlanEvaluation.objects.exists()


def test_every_goal_needs_a_result_and_only_goals_of_the_current_version(
    plan: Any, worker: Any
) -> None:
    ids = _goal_ids(plan)
    with pytest.raises(EvaluationInvalid) as missing:
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=timezone.localdate(),
            results=[GoalOutcome(goal_id=ids[0], result=GoalResult.ACHIEVED)],
        )
    assert missing.value.data["field"] == f"results.{ids[1]}"

    with pytest.raises(EvaluationInvalid) as foreign:
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=timezone.localdate(),
            results=[*_outcomes(plan), GoalOutcome(goal_id="elders", result="achieved")],
        )
    assert foreign.value.data["field"] == "results.elders"


def test_future_dates_and_a_next_date_before_this_one_are_refused(plan: Any, worker: Any) -> None:
    today = timezone.localdate()
    with pytest.raises(EvaluationInvalid) as future:
        family_plan_evaluate(
            actor=worker, plan=plan, evaluated_on=today + timedelta(days=1), results=_outcomes(plan)
        )
    assert future.value.data["field"] == "evaluated_on"

    with pytest.raises(EvaluationInvalid) as next_before:
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=today,
            results=_outcomes(plan),
            next_evaluation_on=today,
        )
    assert next_before.value.data["field"] == "next_evaluation_on"
