"""The families API through its URLs, with Bearer-token authentication."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.models import Child, DataShare, Household
from dichtbij.families.tests.factories import make_bsn, make_household, make_worker

PROBLEM = "application/problem+json"


def _auth(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {Token.objects.create(user=user).key}"}


@pytest.fixture
def worker(region):
    return make_worker(region=region)


@pytest.fixture
def api(client, worker):
    headers = _auth(worker)

    def call(method: str, path: str, data=None, **extra):
        kwargs = {**headers, **extra}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(client, method)(f"/api/v1/{path}", **kwargs)

    return call


@pytest.fixture
def team(region):
    return make_user(
        region=region,
        role=Role.SPECIALIST,
        organisation="Jeugdteam Eemland",
        kind=OrganisationKind.SPECIALIST_TEAM,
    ).organisations.get()


def test_unauthenticated_requests_are_refused_as_problem_json(client, db) -> None:
    response = client.get("/api/v1/households")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


def test_register_then_list_and_read_a_household(api, region) -> None:
    created = api("post", "households", {"municipality": "GM0307", "name": "Gezin Bakker"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["access_level"] == "full"
    listed = api("get", "households").json()
    assert [item["id"] for item in listed["results"]] == [body["id"]]
    detail = api("get", f"households/{body['id']}")
    assert detail.status_code == 200
    assert detail.json()["name"] == "Gezin Bakker"
    assert AuditEvent.objects.filter(
        action=Action.READ, subject_id=body["id"], channel="api"
    ).exists()


def test_an_unknown_wijk_is_refused_at_the_field(api) -> None:
    response = api(
        "post", "households", {"municipality": "GM0307", "name": "Gezin X", "district": "Nergens"}
    )
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "district"
    assert not Household.objects.exists()


def test_the_bsn_is_write_only_and_shown_masked(api, worker, region) -> None:
    household = make_household(region=region, actor=worker, children=0)
    bsn = make_bsn(8)
    response = api(
        "post",
        f"households/{household.public_id}/children",
        {"first_name": "Lina", "last_name": "Bakker", "birth_date": "2017-09-01", "bsn": bsn},
    )
    assert response.status_code == 201, response.content
    assert response.json()["bsn"] == f"******{bsn[-3:]}"
    detail = api("get", f"households/{household.public_id}").content.decode()
    assert bsn not in detail
    assert f"******{bsn[-3:]}" in detail


def test_an_invalid_bsn_is_a_problem_naming_the_field(api, worker, region) -> None:
    household = make_household(region=region, actor=worker, children=0)
    response = api(
        "post",
        f"households/{household.public_id}/children",
        {"first_name": "Lina", "last_name": "B", "birth_date": "2017-09-01", "bsn": "123456789"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "invalid_bsn"
    assert body["data"]["field"] == "bsn"
    assert not Child.objects.exists()


def test_a_duplicate_bsn_is_409_and_names_the_visible_household(api, worker, region) -> None:
    first = make_household(region=region, actor=worker, children=0)
    second = make_household(region=region, actor=worker, children=0)
    child = {"first_name": "A", "last_name": "B", "birth_date": "2017-09-01", "bsn": make_bsn(9)}
    assert api("post", f"households/{first.public_id}/children", child).status_code == 201
    refused = api(
        "post",
        f"households/{second.public_id}/children",
        {**child, "first_name": "C", "allow_duplicate": True},
    )
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "duplicate_child"
    assert body["data"]["existing_household"] == str(first.public_id)
    assert body["data"]["may_register_anyway"] is False


def test_an_uninvolved_worker_gets_404_until_breaking_the_glass(client, region) -> None:
    household = make_household(region=region)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    headers = _auth(stranger)
    path = f"/api/v1/households/{household.public_id}"
    assert client.get(path, **headers).status_code == 404
    empty = client.post(
        f"{path}/emergency-access", {"reason": ""}, content_type="application/json", **headers
    )
    assert empty.status_code == 400
    opened = client.post(
        f"{path}/emergency-access",
        {"reason": "Acute zorgen, crisisdienst"},
        content_type="application/json",
        **headers,
    )
    assert opened.status_code == 201
    assert client.get(path, **headers).status_code == 200
    assert AuditEvent.objects.filter(action=Action.BREAK_GLASS, channel="api").exists()


def test_a_worker_of_another_region_cannot_break_the_glass(client, region, other_region) -> None:
    household = make_household(region=region)
    elsewhere = make_worker(region=other_region, organisation="Buurtteam Utrecht")
    response = client.post(
        f"/api/v1/households/{household.public_id}/emergency-access",
        {"reason": "Nood"},
        content_type="application/json",
        **_auth(elsewhere),
    )
    assert response.status_code == 404


def test_consent_share_and_withdrawal(api, worker, region, team) -> None:
    household = make_household(region=region, actor=worker)
    base = f"households/{household.public_id}"
    refused = api("post", f"{base}/shares", {"recipient": team.pk, "item": "plan"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "consent_required"
    today = timezone.localdate()
    bad = api(
        "post",
        f"{base}/consents",
        {
            "recipient": team.pk,
            "purpose": "plan_sharing",
            "item": "plan",
            "given_by": "Moeder",
            "method": "in_writing",
            "valid_from": today.isoformat(),
            "valid_until": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 400
    assert bad.json()["invalid-params"][0]["name"] == "valid_until"
    consent = api(
        "post",
        f"{base}/consents",
        {
            "recipient": team.pk,
            "purpose": "plan_sharing",
            "item": "plan",
            "given_by": "Moeder",
            "method": "in_writing",
        },
    )
    assert consent.status_code == 201, consent.content
    consent_id = consent.json()["id"]
    assert [c["id"] for c in api("get", f"{base}/consents").json()] == [consent_id]
    shared = api("post", f"{base}/shares", {"recipient": team.pk, "item": "plan"})
    assert shared.status_code == 201
    assert shared.json()["consent"] == consent_id
    withdrawn = api("post", f"consents/{consent_id}/withdrawal")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn_at"]
    assert DataShare.objects.get().ended_at is not None
    assert api("post", f"consents/{consent_id}/withdrawal").status_code == 409
    again = api("post", f"{base}/shares", {"recipient": team.pk, "item": "plan"})
    assert again.json()["code"] == "consent_required"


def test_sharing_on_a_legal_ground_needs_an_explanation(api, worker, region, team) -> None:
    household = make_household(region=region, actor=worker)
    path = f"households/{household.public_id}/shares"
    data = {"recipient": team.pk, "item": "plan", "legal_ground": "safety"}
    refused = api("post", path, data)
    assert refused.status_code == 400
    assert refused.json()["data"]["field"] == "explanation"
    assert api("post", path, {**data, "explanation": "Meldcode"}).status_code == 201


def test_consents_of_a_household_seen_limited_are_not_found(client, region, team) -> None:
    from dichtbij.families.tests.factories import make_gp

    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    headers = _auth(gp)
    base = f"/api/v1/households/{household.public_id}"
    assert client.get(base, **headers).json()["access_level"] == "limited"
    assert client.get(base, **headers).json()["network"] == []
    assert client.get(f"{base}/consents", **headers).status_code == 404
