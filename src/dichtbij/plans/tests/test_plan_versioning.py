"""Every change of a plan makes a new version; earlier versions stay readable; goals
keep their ids across versions."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.audit.models import AuditEvent
from dichtbij.plans.errors import PlanAlreadyExists, PlanUnchanged, PlanVersionConflict
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.services import family_plan_create, family_plan_revise
from dichtbij.plans.tests.factories import plan_content


def _current_json(plan: Any) -> dict[str, Any]:
    version = PlanVersion.objects.get(plan=plan, number=plan.current_version_number)
    return dict(version.content)


def test_create_makes_version_one_with_goal_ids_and_audits(household: Any, worker: Any) -> None:
    version = family_plan_create(
        actor=worker, household=household, content=plan_content(household=household, goals=2)
    )

    plan = version.plan
    assert version.number == 1
    assert plan.current_version_number == 1
    assert plan.agreed_version_number is None
    assert all(goal.id for goal in version.plan_content.goals)
    assert plan.next_evaluation_on == version.plan_content.next_evaluation_on
    row = AuditEvent.objects.filter(object_type="family_plan").get()
    assert (row.subject_type, row.subject_id) == ("household", str(household.public_id))
    assert "Doel" not in row.reason


def test_a_household_has_one_plan(plan: Any, household: Any, worker: Any) -> None:
    with pytest.raises(PlanAlreadyExists):
        family_plan_create(
            actor=worker, household=household, content=plan_content(household=household)
        )


def test_each_revision_is_a_new_version_and_earlier_ones_stay_as_they_were(
    plan: Any, worker: Any
) -> None:
    first = _current_json(plan)
    changed = {**first, "goals": [{**first["goals"][0], "text": "Samen eten op zondag"}]}

    second = family_plan_revise(
        actor=worker, plan=plan, content=changed, change_note="Eén doel, in andere woorden"
    )

    plan.refresh_from_db()
    assert second.number == 2
    assert plan.current_version_number == 2
    assert PlanVersion.objects.get(plan=plan, number=1).content == first
    assert second.plan_content.goals[0].text == "Samen eten op zondag"
    assert second.change_note == "Eén doel, in andere woorden"


def test_goal_ids_are_stable_and_new_goals_get_new_ids(plan: Any, worker: Any) -> None:
    first = _current_json(plan)
    kept_ids = [goal["id"] for goal in first["goals"]]
    new_goal = {key: value for key, value in first["goals"][0].items() if key != "id"}
    new_goal["text"] = "Een nieuw doel"

    version = family_plan_revise(
        actor=worker,
        plan=plan,
        content={**first, "goals": [*first["goals"], new_goal]},
        change_note="Doel erbij",
    )

    ids = [goal.id for goal in version.plan_content.goals]
    assert ids[:3] == kept_ids
    assert ids[3] not in kept_ids


def test_a_removed_goal_can_come_back_with_its_id(plan: Any, worker: Any) -> None:
    first = _current_json(plan)
    family_plan_revise(
        actor=worker, plan=plan, content={**first, "goals": first["goals"][:1]}, change_note="weg"
    )
    plan.refresh_from_db()

    third = family_plan_revise(actor=worker, plan=plan, content=first, change_note="terug")

    assert [g.id for g in third.plan_content.goals] == [g["id"] for g in first["goals"]]


def test_unchanged_content_is_refused(plan: Any, worker: Any) -> None:
    with pytest.raises(PlanUnchanged) as error:
        family_plan_revise(
            actor=worker, plan=plan, content=_current_json(plan), change_note="niets"
        )

    assert error.value.data["field"] == "content"
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_revision_from_an_outdated_version_is_refused(plan: Any, worker: Any) -> None:
    first = _current_json(plan)
    family_plan_revise(
        actor=worker,
        plan=plan,
        content={**first, "next_evaluation_on": None},
        change_note="geen datum",
        based_on=1,
    )
    plan.refresh_from_db()

    with pytest.raises(PlanVersionConflict):
        family_plan_revise(
            actor=worker,
            plan=plan,
            content={**first, "goals": first["goals"][:2]},
            change_note="ook iets",
            based_on=1,
        )
