"""Bad plan input is refused with a Dutch message at the field, and nothing is saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from dichtbij.audit.models import AuditEvent
from dichtbij.families.models import Involvement
from dichtbij.plans.errors import PlanContentInvalid, PlanError
from dichtbij.plans.models import FamilyPlan, PlanVersion
from dichtbij.plans.services import family_plan_create, family_plan_revise
from dichtbij.plans.tests.factories import plan_content


def _refused(household: Any, worker: Any, content: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(PlanContentInvalid) as error:
        family_plan_create(actor=worker, household=household, content=content)
    assert not FamilyPlan.objects.exists()
    assert not PlanVersion.objects.exists()
    assert not AuditEvent.objects.filter(object_type="family_plan").exists()
    return {e.field: e.message for e in error.value.errors}


def test_a_plan_without_a_goal_is_refused(household: Any, worker: Any) -> None:
    errors = _refused(household, worker, {**plan_content(household=household), "goals": []})

    assert errors == {"goals": "Een plan heeft minstens één doel."}


def test_a_goal_without_a_domain_is_refused(household: Any, worker: Any) -> None:
    content = plan_content(household=household)
    del content["goals"][1]["domain"]

    assert _refused(household, worker, content) == {"goals.1.domain": "Dit veld is verplicht."}


def test_an_unknown_domain_is_refused(household: Any, worker: Any) -> None:
    content = plan_content(household=household)
    content["goals"][0]["domain"] = "sterrenkunde"

    errors = _refused(household, worker, content)

    assert errors == {"goals.0.domain": "Kies een leefdomein van deze regio."}


def test_a_score_outside_one_to_five_is_refused(household: Any, worker: Any) -> None:
    content = plan_content(household=household)
    content["domain_scores"][0]["score"] = 6
    content["domain_scores"][1]["score"] = 0

    errors = _refused(household, worker, content)

    assert errors == {
        "domain_scores.0.score": "Kies een score van 1 tot en met 5.",
        "domain_scores.1.score": "Kies een score van 1 tot en met 5.",
    }


def test_a_target_date_in_the_past_is_refused_for_a_new_goal(household: Any, worker: Any) -> None:
    content = plan_content(household=household)
    content["goals"][2]["target_date"] = (timezone.localdate() - timedelta(days=1)).isoformat()

    errors = _refused(household, worker, content)

    assert errors == {
        "goals.2.target_date": "De streefdatum van een nieuw doel ligt in het verleden."
    }


def test_empty_texts_and_missing_set_with_are_refused_at_their_fields(
    household: Any, worker: Any
) -> None:
    content = plan_content(household=household)
    content["goals"][0]["text"] = "   "
    content["goals"][0]["set_with"] = []
    content["goals"][0]["actions"][0]["owner"] = "buurman"

    errors = _refused(household, worker, content)

    assert errors == {
        "goals.0.text": "Vul dit veld in.",
        "goals.0.set_with": "Kies met wie het doel is opgesteld.",
        "goals.0.actions.0.owner": "Kies een van de mogelijkheden.",
    }


def test_an_organisation_outside_the_region_is_refused(
    household: Any, worker: Any, other_region: Any
) -> None:
    from dichtbij.accounts.constants import OrganisationKind
    from dichtbij.accounts.services import organisation_ensure

    elsewhere = organisation_ensure(
        region=other_region, kind=OrganisationKind.PROVIDER, name="Elders"
    )
    content = plan_content(household=household)
    content["goals"][0]["actions"][0]["organisation_id"] = elsewhere.pk

    errors = _refused(household, worker, content)

    assert errors == {
        "goals.0.actions.0.organisation_id": (
            "Deze organisatie is niet bekend in de regio van het gezin."
        )
    }
    assert not Involvement.objects.filter(organisation=elsewhere).exists()


def test_a_revision_without_change_note_or_with_a_foreign_goal_id_is_refused(
    plan: Any, worker: Any
) -> None:
    current = dict(PlanVersion.objects.get(plan=plan).content)
    with pytest.raises(PlanError) as missing_note:
        family_plan_revise(actor=worker, plan=plan, content=current, change_note=" ")
    assert missing_note.value.data["field"] == "change_note"

    current["goals"][0]["id"] = "8f14e45f-ceea-467f-a0e6-6e7a7f1d5b7e"
    with pytest.raises(PlanContentInvalid) as foreign:
        family_plan_revise(actor=worker, plan=plan, content=current, change_note="ander doel")
    assert {e.field for e in foreign.value.errors} == {"goals.0.id"}
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_a_past_target_date_of_a_kept_goal_does_not_block_a_revision(
    plan: Any, worker: Any
) -> None:
    # Goals made earlier keep their date; only new goals must aim ahead.
    current = dict(PlanVersion.objects.get(plan=plan).content)
    current["goals"][0]["target_date"] = (timezone.localdate() - timedelta(days=3)).isoformat()

    version = family_plan_revise(
        actor=worker, plan=plan, content=current, change_note="datum bijgesteld"
    )

    assert version.number == 2
