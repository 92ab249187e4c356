"""Regie: the local team takes over with a reason and a date, and hands back later;
each is a new version of the plan."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from dichtbij.audit.models import AuditEvent
from dichtbij.plans.constants import PlanLead
from dichtbij.plans.errors import LeadChangeInvalid, PlanContentInvalid
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.services import (
    family_plan_lead_hand_back,
    family_plan_lead_take_over,
    family_plan_revise,
)


def test_take_over_and_hand_back_make_versions_with_reason_and_dates(
    plan: Any, worker: Any
) -> None:
    today = timezone.localdate()

    taken = family_plan_lead_take_over(
        actor=worker, plan=plan, reason="Moeder is opgenomen", since=today
    )
    plan.refresh_from_db()
    assert taken.number == 2
    assert plan.lead == PlanLead.LOCAL_TEAM
    assert plan.lead_since == today
    assert taken.plan_content.lead.reason == "Moeder is opgenomen"
    assert (
        taken.plan_content.goals == PlanVersion.objects.get(plan=plan, number=1).plan_content.goals
    )

    back = family_plan_lead_hand_back(actor=worker, plan=plan, since=today, note="Gaat weer")
    plan.refresh_from_db()
    assert back.number == 3
    assert plan.lead == PlanLead.FAMILY
    content = back.plan_content
    assert content.lead.holder == PlanLead.FAMILY
    assert [(p.reason, p.since, p.until, p.hand_back_note) for p in content.lead_history] == [
        ("Moeder is opgenomen", today, today, "Gaat weer")
    ]
    reasons = list(
        AuditEvent.objects.filter(object_type="family_plan").values_list("reason", flat=True)
    )
    assert any("Regie overgenomen" in r for r in reasons)
    assert any("Regie teruggegeven" in r for r in reasons)
    assert not any("Moeder" in r for r in reasons)


def test_take_over_needs_a_reason_and_a_date_not_in_the_future(plan: Any, worker: Any) -> None:
    today = timezone.localdate()
    with pytest.raises(LeadChangeInvalid) as no_reason:
        family_plan_lead_take_over(actor=worker, plan=plan, reason=" ", since=today)
    assert no_reason.value.data["field"] == "reason"

    with pytest.raises(LeadChangeInvalid) as future:
        family_plan_lead_take_over(
            actor=worker, plan=plan, reason="Crisis", since=today + timedelta(days=2)
        )
    assert future.value.data["field"] == "since"
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_regie_cannot_be_taken_twice_or_handed_back_when_the_family_has_it(
    plan: Any, worker: Any
) -> None:
    today = timezone.localdate()
    with pytest.raises(LeadChangeInvalid):
        family_plan_lead_hand_back(actor=worker, plan=plan, since=today)

    family_plan_lead_take_over(actor=worker, plan=plan, reason="Crisis", since=today)
    plan.refresh_from_db()
    with pytest.raises(LeadChangeInvalid):
        family_plan_lead_take_over(actor=worker, plan=plan, reason="Nog eens", since=today)


def test_a_revision_keeps_the_regie_and_cannot_change_it(plan: Any, worker: Any) -> None:
    today = timezone.localdate()
    family_plan_lead_take_over(actor=worker, plan=plan, reason="Crisis", since=today)
    plan.refresh_from_db()
    current = dict(PlanVersion.objects.get(plan=plan, number=2).content)
    without_lead = {k: v for k, v in current.items() if k not in ("lead", "lead_history")}
    without_lead["goals"] = without_lead["goals"][:1]

    kept = family_plan_revise(actor=worker, plan=plan, content=without_lead, change_note="korter")
    plan.refresh_from_db()
    assert kept.plan_content.lead.holder == PlanLead.LOCAL_TEAM

    changed = {**without_lead, "lead": {"holder": "gezin"}, "goals": current["goals"]}
    with pytest.raises(PlanContentInvalid) as error:
        family_plan_revise(actor=worker, plan=plan, content=changed, change_note="terug")
    assert [e.field for e in error.value.errors] == ["lead"]
