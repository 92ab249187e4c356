"""The printable plan: title and language set, goals, actions and evaluations in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from dichtbij.plans import pdf
from dichtbij.plans.constants import AgreementMethod, GoalResult
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.pdf import family_plan_pdf
from dichtbij.plans.services import (
    GoalOutcome,
    family_plan_agree,
    family_plan_evaluate,
    family_plan_lead_take_over,
)
from dichtbij.plans.tests.pdf_text import pdf_text


def _version(plan: Any) -> PlanVersion:
    return PlanVersion.objects.select_related("plan__household", "plan__region").get(
        plan=plan, number=plan.current_version_number
    )


@pytest.mark.skipif(not pdf.FONT_PATH.is_file(), reason="fonts-dejavu-core is not installed")
def test_the_pdf_holds_the_plan_in_plain_dutch(plan: Any, worker: Any, household: Any) -> None:
    version = _version(plan)
    goals = version.plan_content.goals
    family_plan_agree(
        actor=worker,
        plan=plan,
        version=version,
        method=AgreementMethod.IN_CONVERSATION,
        agreed_on=timezone.localdate(),
        agreed_by="Sanne en Mark",
    )
    family_plan_evaluate(
        actor=worker,
        plan=plan,
        evaluated_on=timezone.localdate(),
        results=[GoalOutcome(goal_id=g.id or "", result=GoalResult.ACHIEVED) for g in goals],
        note="Het gaat beter – fijn!",
    )

    data = family_plan_pdf(version=_version(plan), compress=False)

    assert data.startswith(b"%PDF-")
    assert b"/Lang (nl-NL)" in data
    assert b"DejaVuSans" in data
    text = pdf_text(data)
    assert f"Gezinsplan van {household.name}" in text
    assert "Versie 1, gemaakt op" in text
    for goal in goals:
        assert goal.text in text
        assert goal.achieved_means in text
        assert goal.actions[0].what in text
    assert "Sanne en Mark gingen akkoord op" in text
    assert "Het gezin heeft de regie." in text
    assert "Veiligheid: 1 van 5. Er is nu een groot probleem." in text
    assert "Het gaat beter – fijn!" in text
    assert "Bereikt" in text


def test_without_dejavu_the_core_font_is_used(
    plan: Any, worker: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr(pdf, "FONT_PATH", tmp_path / "missing.ttf")
    family_plan_lead_take_over(
        actor=worker,
        plan=plan,
        reason="Moeder – even – in het ziekenhuis",
        since=timezone.localdate(),
    )
    plan.refresh_from_db()

    data = family_plan_pdf(version=_version(plan), compress=False)

    assert b"/BaseFont /Helvetica" in data
    text = pdf_text(data)
    assert "Versie 2" in text
    assert "Het lokale team heeft de regie sinds" in text
    assert "Moeder - even - in het ziekenhuis" in text
    assert "nog niet akkoord" in text
    for goal in _version(plan).plan_content.goals:
        assert goal.text in text


def test_an_old_version_says_a_newer_one_exists(plan: Any, worker: Any) -> None:
    family_plan_lead_take_over(actor=worker, plan=plan, reason="Crisis", since=timezone.localdate())
    plan.refresh_from_db()
    first = PlanVersion.objects.get(plan=plan, number=1)

    text = pdf_text(family_plan_pdf(version=first, compress=False))

    assert "dit is een oude versie. De nieuwste versie is versie 2." in text
    assert "Het gezin heeft de regie." in text


def test_the_compressed_pdf_is_smaller_and_says_its_title(plan: Any) -> None:
    version = _version(plan)
    compressed = family_plan_pdf(version=version)

    assert compressed.startswith(b"%PDF-")
    assert len(compressed) < len(family_plan_pdf(version=version, compress=False))
    assert b"/Title" in compressed
