"""The family's agreement is recorded per version: how, when and by whom."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from dichtbij.audit.models import AuditEvent
from dichtbij.plans.constants import AgreementMethod
from dichtbij.plans.errors import AgreementInvalid
from dichtbij.plans.models import PlanAgreement, PlanVersion
from dichtbij.plans.services import family_plan_agree, family_plan_revise


def _agree(plan: Any, worker: Any, **kw: Any) -> PlanAgreement:
    values: dict[str, Any] = {
        "version": plan.current_version_number,
        "method": AgreementMethod.IN_CONVERSATION,
        "agreed_on": timezone.localdate(),
        "agreed_by": "Sanne en Mark",
    }
    values.update(kw)
    return family_plan_agree(actor=worker, plan=plan, **values)


def _revise(plan: Any, worker: Any) -> PlanVersion:
    current = dict(PlanVersion.objects.get(plan=plan, number=plan.current_version_number).content)
    current["goals"] = current["goals"][:-1]
    version = family_plan_revise(actor=worker, plan=plan, content=current, change_note="korter")
    plan.refresh_from_db()
    return version


def test_agreement_to_the_current_version_makes_the_plan_agreed(plan: Any, worker: Any) -> None:
    agreement = _agree(plan, worker, method=AgreementMethod.IN_WRITING)

    plan.refresh_from_db()
    assert plan.is_agreed
    assert agreement.version.number == 1
    assert agreement.method == AgreementMethod.IN_WRITING
    assert agreement.recorded_by == worker
    row = AuditEvent.objects.get(object_type="plan_agreement")
    assert "Sanne" not in row.reason


def test_a_new_version_is_not_agreed_until_the_family_agrees_to_it(plan: Any, worker: Any) -> None:
    _agree(plan, worker)
    _revise(plan, worker)

    assert plan.current_version_number == 2
    assert plan.agreed_version_number == 1
    assert not plan.is_agreed

    _agree(plan, worker, version=2)
    plan.refresh_from_db()
    assert plan.is_agreed


def test_agreeing_to_an_older_version_does_not_count_for_the_newest(plan: Any, worker: Any) -> None:
    _revise(plan, worker)
    _agree(plan, worker, version=1)

    plan.refresh_from_db()
    assert plan.agreed_version_number == 1
    assert not plan.is_agreed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"version": 7}, "version"),
        ({"method": "per duif"}, "method"),
        ({"agreed_by": "  "}, "agreed_by"),
        ({"agreed_on": timezone.localdate() + timedelta(days=1)}, "agreed_on"),
        ({"agreed_on": timezone.localdate() - timedelta(days=1)}, "agreed_on"),
    ],
)
def test_bad_agreements_are_refused_at_their_field(
    plan: Any, worker: Any, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(AgreementInvalid) as error:
        _agree(plan, worker, **change)

    assert error.value.data["field"] == field
    assert not PlanAgreement.objects.exists()
    plan.refresh_from_db()
    assert plan.agreed_version_number is None
