"""The caseload's "evaluations due": one query whatever the number of plans, only plans
the viewer sees in full, soonest first."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.plans.selectors import family_plans_due_for_evaluation_for
from dichtbij.plans.tests.factories import make_plan


def _plans(region: Any, worker: Any, days: list[int]) -> list[Any]:
    today = timezone.localdate()
    return [
        make_plan(
            household=make_household(region=region, actor=worker, children=0, parent=False),
            actor=worker,
            goals=1,
            next_evaluation_on=today + timedelta(days=d),
        )
        for d in days
    ]


def test_due_plans_are_those_within_the_window_soonest_first(region: Any, worker: Any) -> None:
    plans = _plans(region, worker, [20, 3, 14, 1])
    other = make_worker(region=region, organisation="Ander wijkteam")
    _plans(region, other, [2])

    due = list(family_plans_due_for_evaluation_for(viewer=worker, within_days=14))

    assert due == [plans[3], plans[1], plans[2]]


def test_due_plans_take_one_query_for_few_or_many(region: Any, worker: Any) -> None:
    counts = []
    for extra in (1, 6):
        _plans(region, worker, [1] * extra)
        with CaptureQueriesContext(connection) as queries:
            rows = [
                (plan.household.name, plan.next_evaluation_on)
                for plan in family_plans_due_for_evaluation_for(viewer=worker)
            ]
        assert rows
        counts.append(len(queries))

    assert counts == [1, 1]
