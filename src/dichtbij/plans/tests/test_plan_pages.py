"""The plan pages: view, editor, versions, agreement, evaluation, regie and PDF; Dutch,
audited, refused (404) for who may not see the plan."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.services import household_share
from dichtbij.families.tests.factories import involve, make_consent, make_gp, make_worker
from dichtbij.plans.constants import PlanLead
from dichtbij.plans.models import FamilyPlan, PlanAgreement, PlanEvaluation, PlanVersion


def url(household: Any, name: str = "detail", **kw: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"household": household.public_id, **kw})


@pytest.fixture
def client_for(client: Client) -> Any:
    def login(user: Any) -> Client:
        client.force_login(user)
        return client

    return login


def _audited(household: Any, action: Action = Action.READ) -> bool:
    return AuditEvent.objects.filter(
        subject_type="household", subject_id=str(household.public_id), action=action
    ).exists()


def test_urls_are_the_documented_ones(household: Any) -> None:
    base = f"/gezinsplannen/{household.public_id}/"
    assert url(household) == base
    assert url(household, "edit") == base + "bewerken/"
    assert url(household, "version", number=2) == base + "versies/2/"
    assert url(household, "agree") == base + "akkoord/"
    assert url(household, "evaluate") == base + "evaluatie/"
    assert url(household, "lead") == base + "regie/"
    assert url(household, "pdf") == base + "pdf/"


def test_without_a_plan_the_worker_is_invited_to_make_one(
    household: Any, worker: Any, client_for: Any
) -> None:
    response = client_for(worker).get(url(household))

    assert response.status_code == 200
    assert "Dit gezin heeft nog geen plan" in response.content.decode()
    assert url(household, "edit") in response.content.decode()
    assert _audited(household)


def _editor_post(household: Any, **fields: str) -> dict[str, str]:
    data = {
        "goals-TOTAL_FORMS": "2",
        "goals-INITIAL_FORMS": "2",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "40",
        "action_rows": "2",
        "score_veiligheid": "3",
        "score_wonen": "",
        "next_evaluation_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "goals-0-domain": "opvoeding",
        "goals-0-text": "Minder ruzie aan tafel",
        "goals-0-achieved_means": "We eten drie keer per week rustig samen",
        "goals-0-target_date": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "goals-0-set_with": ["child", "parents"],  # type: ignore[dict-item]
        "goals-0-action_0_owner": "family",
        "goals-0-action_0_what": "Samen een weekmenu maken",
        "goals-0-action_0_due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "goals-0-action_1_owner": "",
        "goals-0-action_1_what": "",
        "goals-1-domain": "",
        "goals-1-text": "",
        "goals-1-achieved_means": "",
        "goals-1-target_date": "",
    }
    data.update(fields)
    return data


def test_the_editor_makes_the_plan_and_shows_it(
    household: Any, worker: Any, client_for: Any
) -> None:
    client = client_for(worker)
    form = client.get(url(household, "edit"))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Veiligheid" in page and "Justitie" in page
    assert 'name="goals-2-text"' in page  # empty rows without JavaScript

    response = client.post(url(household, "edit"), _editor_post(household))

    assert response.status_code == 302
    plan = FamilyPlan.objects.get(household=household)
    content = PlanVersion.objects.get(plan=plan).plan_content
    assert [g.text for g in content.goals] == ["Minder ruzie aan tafel"]
    assert [a.what for a in content.goals[0].actions] == ["Samen een weekmenu maken"]
    assert [(s.domain, s.score) for s in content.domain_scores] == [("veiligheid", 3)]
    shown = client.get(url(household)).content.decode()
    assert "Minder ruzie aan tafel" in shown
    assert "Samen een weekmenu maken" in shown
    assert "Nog niet akkoord" in shown
    assert "Opvoeding en gezinsrelaties" in shown


def test_editor_errors_are_shown_at_the_field_with_a_summary_and_nothing_saved(
    household: Any, worker: Any, client_for: Any
) -> None:
    client = client_for(worker)
    past = (timezone.localdate() - timedelta(days=2)).isoformat()

    response = client.post(
        url(household, "edit"),
        _editor_post(household, **{"goals-0-domain": "", "goals-0-target_date": past}),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Niet opgeslagen: verbeter het volgende" in page
    assert 'href="#id_goals-0-domain"' in page
    assert 'id="id_goals-0-domain_error"' in page
    assert not FamilyPlan.objects.exists()

    fixed = client.post(
        url(household, "edit"),
        _editor_post(household, **{"goals-0-target_date": past}),
    )
    assert fixed.status_code == 400
    assert 'href="#id_goals-0-target_date"' in fixed.content.decode()
    assert "De streefdatum van een nieuw doel ligt in het verleden." in fixed.content.decode()
    assert not FamilyPlan.objects.exists()


def test_a_plan_without_goals_is_refused_in_the_editor(
    household: Any, worker: Any, client_for: Any
) -> None:
    data = _editor_post(household, **{"goals-0-text": "", "goals-0-achieved_means": ""})
    data.update({"goals-0-domain": "", "goals-0-target_date": "", "goals-0-action_0_what": ""})
    data["goals-0-action_0_owner"] = ""

    response = client_for(worker).post(url(household, "edit"), data)

    assert response.status_code == 400
    assert "Een plan heeft minstens één doel." in response.content.decode()


def test_revising_in_the_editor_makes_version_two_and_keeps_version_one(
    plan: Any, household: Any, worker: Any, client_for: Any
) -> None:
    client = client_for(worker)
    page = client.get(url(household, "edit"))
    form = page.context["goals"]
    data = {
        key: value
        for key, value in _initial_post(page.context["header"], form).items()
        if value is not None
    }
    data["goals-0-text"] = "Een beter geformuleerd doel"
    data["change_note"] = "Doel 1 herschreven met Sanne"

    response = client.post(url(household, "edit"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    plan.refresh_from_db()
    assert plan.current_version_number == 2
    old = client.get(url(household, "version", number=1)).content.decode()
    assert "Doel 1 in onze eigen woorden" in old
    assert "Dit is een eerdere versie" in old
    new = client.get(url(household)).content.decode()
    assert "Een beter geformuleerd doel" in new
    assert "Doel 1 herschreven met Sanne" in new


def _initial_post(header: Any, goals: Any) -> dict[str, Any]:
    """What a browser would post for the editor as shown (initial values)."""
    data: dict[str, Any] = {
        "goals-TOTAL_FORMS": str(goals.total_form_count()),
        "goals-INITIAL_FORMS": str(goals.initial_form_count()),
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "40",
    }
    for form in [header, *goals.forms]:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list):
                data[key] = value
            elif value is True:
                data[key] = "on"
            elif value in (None, False):
                continue
            elif hasattr(value, "isoformat"):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)
    data["action_rows"] = str(goals.forms[0].action_rows)
    return data


def test_agreement_evaluation_and_regie_through_their_pages(
    plan: Any, household: Any, worker: Any, client_for: Any
) -> None:
    client = client_for(worker)
    today = timezone.localdate().isoformat()
    assert client.get(url(household, "agree")).status_code == 200

    agreed = client.post(
        url(household, "agree"),
        {"version": "1", "method": "in_conversation", "agreed_on": today, "agreed_by": "Sanne"},
    )
    assert agreed.status_code == 302
    assert PlanAgreement.objects.filter(version__plan=plan).count() == 1

    goals = PlanVersion.objects.get(plan=plan).plan_content.goals
    evaluation_page = client.get(url(household, "evaluate"))
    assert goals[0].text in evaluation_page.content.decode()
    data = {f"result_{g.id}": "partly" for g in goals}
    data.update({"evaluated_on": today, "score_veiligheid": "4", "note": "Goed gesprek"})
    assert client.post(url(household, "evaluate"), data).status_code == 302
    assert PlanEvaluation.objects.filter(plan=plan).count() == 1

    taken = client.post(url(household, "lead"), {"reason": "Crisis thuis", "since": today})
    assert taken.status_code == 302
    plan.refresh_from_db()
    assert plan.lead == PlanLead.LOCAL_TEAM
    page = client.get(url(household)).content.decode()
    assert "Het lokale team heeft de regie sinds" in page
    assert "Crisis thuis" in page
    assert "Deels bereikt" in page
    assert "Nog niet akkoord" in page  # the regie change is version 2
    assert "Regie teruggeven" in client.get(url(household, "lead")).content.decode()


def test_form_errors_are_shown_at_the_field(
    plan: Any, household: Any, worker: Any, client_for: Any
) -> None:
    client = client_for(worker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    agreement = client.post(
        url(household, "agree"),
        {"version": "1", "method": "in_conversation", "agreed_on": tomorrow, "agreed_by": "S"},
    )
    goals = PlanVersion.objects.get(plan=plan).plan_content.goals
    evaluation = client.post(
        url(household, "evaluate"),
        {"evaluated_on": timezone.localdate().isoformat(), f"result_{goals[0].id}": "achieved"},
    )
    lead = client.post(url(household, "lead"), {"reason": "", "since": ""})

    assert agreement.status_code == 400
    assert 'id="id_agreed_on_error"' in agreement.content.decode()
    assert "Deze datum ligt in de toekomst." in agreement.content.decode()
    assert evaluation.status_code == 400
    assert f'href="#id_result_{goals[1].id}"' in evaluation.content.decode()
    assert lead.status_code == 400
    assert 'id="id_reason_error"' in lead.content.decode()


def test_the_pdf_is_an_audited_export(
    plan: Any, household: Any, worker: Any, client_for: Any
) -> None:
    response = client_for(worker).get(url(household, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "gezinsplan-versie-1.pdf" in response["Content-Disposition"]
    assert _audited(household, Action.EXPORT)


def test_who_may_not_see_the_plan_gets_404_on_every_page(
    plan: Any, household: Any, region: Any, client_for: Any
) -> None:
    stranger = make_worker(region=region, organisation="Ander wijkteam")
    client = client_for(stranger)
    for name, kw in [
        ("detail", {}),
        ("edit", {}),
        ("version", {"number": 1}),
        ("agree", {}),
        ("evaluate", {}),
        ("lead", {}),
        ("pdf", {}),
    ]:
        assert client.get(url(household, name, **kw)).status_code == 404, name


def test_a_gp_sees_a_shared_plan_read_only(
    plan: Any, household: Any, region: Any, worker: Any, client_for: Any
) -> None:
    gp = make_gp(region=region)
    involve(
        household=household,
        organisation=gp.primary_organisation,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
    )
    client = client_for(gp)
    assert client.get(url(household)).status_code == 404

    make_consent(household=household, recipient=gp.primary_organisation, actor=worker)
    household_share(
        actor=worker, household=household, recipient=gp.primary_organisation, item="plan"
    )

    page = client.get(url(household))
    assert page.status_code == 200
    assert "Plan wijzigen" not in page.content.decode()
    assert client.get(url(household, "edit")).status_code == 404
    assert client.get(url(household, "pdf")).status_code == 200


def test_pages_need_login(household: Any, client: Client) -> None:
    response = client.get(url(household))

    assert response.status_code == 302
    assert "/account/" in response["Location"]
