"""The plan page costs the same number of queries for a small and a large plan (the
benchmark opens a plan with 10 goals)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dichtbij.families.tests.factories import make_household
from dichtbij.plans.constants import AgreementMethod, GoalResult
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.services import (
    GoalOutcome,
    family_plan_agree,
    family_plan_evaluate,
    family_plan_lead_take_over,
)
from dichtbij.plans.tests.factories import make_plan


def _history(plan: Any, worker: Any, rounds: int) -> None:
    today = timezone.localdate()
    for _ in range(rounds):
        version = PlanVersion.objects.get(plan=plan, number=plan.current_version_number)
        family_plan_agree(
            actor=worker,
            plan=plan,
            version=version,
            method=AgreementMethod.IN_CONVERSATION,
            agreed_on=today,
            agreed_by="Sanne",
        )
        family_plan_evaluate(
            actor=worker,
            plan=plan,
            evaluated_on=today,
            results=[
                GoalOutcome(goal_id=g.id or "", result=GoalResult.PARTLY)
                for g in version.plan_content.goals
            ],
            scores={"veiligheid": 3, "wonen": 4},
        )
    family_plan_lead_take_over(actor=worker, plan=plan, reason="Crisis", since=today)


def _queries(client: Client, household: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:detail", kwargs={"household": household.public_id}))
    assert response.status_code == 200
    return len(queries)


def test_plan_page_queries_do_not_grow_with_goals_versions_or_evaluations(
    region: Any, worker: Any, client: Client
) -> None:
    client.force_login(worker)
    small = make_household(region=region, actor=worker)
    # One of everything on the small plan: a prefetch with nothing to fetch is skipped,
    # so the comparison is with a plan that has at least one evaluation.
    _history(make_plan(household=small, actor=worker, goals=1), worker, rounds=1)
    large = make_household(region=region, actor=worker)
    plan = make_plan(household=large, actor=worker, goals=10)
    _history(plan, worker, rounds=4)

    assert _queries(client, large) == _queries(client, small)
