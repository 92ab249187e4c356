"""The plan API through its URLs with real (Bearer token) authentication: the same rules,
refusals and auditing as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.services import household_share
from dichtbij.families.tests.factories import involve, make_consent, make_gp, make_worker
from dichtbij.plans.models import FamilyPlan, PlanVersion
from dichtbij.plans.tests.factories import plan_content


def api(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.create(user=user).key}")
    return client


def path(household: Any, rest: str = "") -> str:
    return f"/api/v1/households/{household.public_id}/plan{rest}"


def test_urls_are_the_documented_ones(household: Any) -> None:
    kw = {"id": household.public_id}
    assert reverse("api-household-plan", kwargs=kw) == path(household)
    assert reverse("api-household-plan-versions", kwargs=kw) == path(household, "/versions")
    assert reverse("api-household-plan-version", kwargs={**kw, "number": 3}) == path(
        household, "/versions/3"
    )
    assert reverse("api-household-plan-agreements", kwargs=kw) == path(household, "/agreements")
    assert reverse("api-household-plan-evaluations", kwargs=kw) == path(household, "/evaluations")
    assert reverse("api-household-plan-lead", kwargs=kw) == path(household, "/lead")


def test_a_plan_is_made_revised_agreed_evaluated_and_read_over_the_api(
    household: Any, worker: Any
) -> None:
    client = api(worker)
    today = timezone.localdate().isoformat()
    assert client.get(path(household)).status_code == 404

    created = client.post(
        path(household, "/versions"), {"content": plan_content(household=household)}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["number"] == 1
    goals = created.json()["content"]["goals"]
    assert all(goal["id"] for goal in goals)

    content = created.json()["content"]
    content["goals"][0]["text"] = "Beter slapen"
    revised = client.post(
        path(household, "/versions"),
        {"content": content, "change_note": "Doel 1 anders", "based_on_version": 1},
        format="json",
    )
    assert revised.status_code == 201, revised.json()
    assert revised.json()["number"] == 2
    assert [g["id"] for g in revised.json()["content"]["goals"]] == [g["id"] for g in goals]

    agreed = client.post(
        path(household, "/agreements"),
        {"version": 2, "method": "digital", "agreed_on": today, "agreed_by": "Sanne"},
        format="json",
    )
    assert agreed.status_code == 201
    evaluation = client.post(
        path(household, "/evaluations"),
        {
            "evaluated_on": today,
            "results": [{"goal_id": g["id"], "result": "achieved"} for g in goals],
            "scores": [{"domain": "veiligheid", "score": 5}],
        },
        format="json",
    )
    assert evaluation.status_code == 201, evaluation.json()
    assert evaluation.json()["scores"] == [{"domain": "veiligheid", "score": 5}]

    plan = client.get(path(household)).json()
    assert plan["current_version"] == 2
    assert plan["is_agreed"] is True
    assert plan["current"]["content"]["goals"][0]["text"] == "Beter slapen"
    assert plan["evaluations"][0]["results"][0]["result"] == "achieved"
    versions = client.get(path(household, "/versions")).json()
    assert [v["number"] for v in versions] == [2, 1]
    first = client.get(path(household, "/versions/1")).json()
    assert first["content"]["goals"][0]["text"] == "Doel 1 in onze eigen woorden"
    assert AuditEvent.objects.filter(
        channel="api", subject_id=str(household.public_id), object_type="family_plan"
    ).exists()


def test_content_mistakes_are_problem_json_with_every_field(household: Any, worker: Any) -> None:
    content = plan_content(household=household)
    content["goals"][0]["domain"] = "sterrenkunde"
    content["domain_scores"][0]["score"] = 9

    response = api(worker).post(path(household, "/versions"), {"content": content}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "plan_content_invalid"
    assert {p["name"]: p["reason"] for p in body["invalid-params"]} == {
        "content.domain_scores.0.score": "Kies een score van 1 tot en met 5.",
        "content.goals.0.domain": "Kies een leefdomein van deze regio.",
    }
    assert not FamilyPlan.objects.exists()


def test_a_plan_without_goals_and_unchanged_content_are_refused(
    household: Any, worker: Any, plan: Any
) -> None:
    client = api(worker)
    current = dict(PlanVersion.objects.get(plan=plan).content)

    empty = client.post(
        path(household, "/versions"),
        {"content": {**current, "goals": []}, "change_note": "leeg"},
        format="json",
    )
    same = client.post(
        path(household, "/versions"), {"content": current, "change_note": "zelfde"}, format="json"
    )

    assert empty.status_code == 400
    assert empty.json()["invalid-params"][0]["name"] == "content.goals"
    assert same.status_code == 400
    assert same.json()["code"] == "plan_unchanged"


def test_refusals_name_their_field(household: Any, worker: Any, plan: Any) -> None:
    client = api(worker)
    goal_ids = [g.id for g in PlanVersion.objects.get(plan=plan).plan_content.goals]
    before = plan.created_at.date().replace(year=plan.created_at.year - 1).isoformat()

    evaluation = client.post(
        path(household, "/evaluations"),
        {"evaluated_on": before, "results": [{"goal_id": i, "result": "partly"} for i in goal_ids]},
        format="json",
    )
    lead = client.post(
        path(household, "/lead"),
        {"holder": "lokaal_team", "since": timezone.localdate().isoformat()},
        format="json",
    )
    bad_score = client.post(
        path(household, "/evaluations"),
        {
            "evaluated_on": timezone.localdate().isoformat(),
            "results": [{"goal_id": i, "result": "partly"} for i in goal_ids],
            "scores": [{"domain": "wonen", "score": 0}],
        },
        format="json",
    )

    assert evaluation.status_code == 400
    assert evaluation.json()["code"] == "plan_evaluation_invalid"
    assert evaluation.json()["data"]["field"] == "evaluated_on"
    assert lead.status_code == 400
    assert lead.json()["data"]["field"] == "reason"
    assert bad_score.status_code == 400
    assert bad_score.json()["invalid-params"][0]["name"] == "scores.0.score"


def test_regie_over_the_api(household: Any, worker: Any, plan: Any) -> None:
    client = api(worker)
    today = timezone.localdate().isoformat()

    taken = client.post(
        path(household, "/lead"),
        {"holder": "lokaal_team", "since": today, "reason": "Crisis"},
        format="json",
    )
    back = client.post(
        path(household, "/lead"),
        {"holder": "gezin", "since": today, "note": "Gaat weer"},
        format="json",
    )

    assert taken.status_code == 201
    assert taken.json()["content"]["lead"] == {
        "holder": "lokaal_team",
        "reason": "Crisis",
        "since": today,
    }
    assert back.status_code == 201
    assert back.json()["content"]["lead_history"][0]["hand_back_note"] == "Gaat weer"
    assert client.get(path(household)).json()["lead"] == "gezin"


@pytest.mark.parametrize("rest", ["", "/versions", "/versions/1"])
def test_an_uninvolved_worker_gets_404_for_reads(
    plan: Any, household: Any, region: Any, rest: str
) -> None:
    stranger = make_worker(region=region, organisation="Ander wijkteam")

    response = api(stranger).get(path(household, rest))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_an_uninvolved_worker_gets_404_for_writes(plan: Any, household: Any, region: Any) -> None:
    client = api(make_worker(region=region, organisation="Ander wijkteam"))
    today = timezone.localdate().isoformat()

    for rest, body in [
        ("/versions", {"content": plan_content(household=household), "change_note": "x"}),
        ("/agreements", {"version": 1, "method": "digital", "agreed_on": today, "agreed_by": "X"}),
        ("/lead", {"holder": "lokaal_team", "since": today, "reason": "X"}),
    ]:
        assert client.post(path(household, rest), body, format="json").status_code == 404, rest
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_a_gp_reads_a_shared_plan_but_cannot_change_it(
    plan: Any, household: Any, region: Any, worker: Any
) -> None:
    gp = make_gp(region=region)
    involve(
        household=household,
        organisation=gp.primary_organisation,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
    )
    client = api(gp)
    assert client.get(path(household)).status_code == 404

    make_consent(household=household, recipient=gp.primary_organisation, actor=worker)
    household_share(
        actor=worker, household=household, recipient=gp.primary_organisation, item="plan"
    )

    assert client.get(path(household)).status_code == 200
    changed = client.post(
        path(household, "/versions"),
        {"content": plan_content(household=household, goals=1), "change_note": "x"},
        format="json",
    )
    assert changed.status_code == 404
