"""The referrals API: a referral and its history, a team's inbox and waiting list, with
the pages' need to know and audit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.models import AuditEvent
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.tests.factories import make_referral, make_team, team_coordinator

pytestmark = pytest.mark.django_db


def _get(client: Client, user: Any, path: str) -> Any:
    token = Token.objects.get_or_create(user=user)[0].key
    return client.get(f"/api/v1/{path}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_referrer_reads_the_referral_and_its_history(client: Client, region) -> None:
    referral = make_referral(region=region, status=ReferralStatus.ACCEPTED)

    detail = _get(client, referral.referrer, f"referrals/{referral.public_id}")
    events = _get(client, referral.referrer, f"referrals/{referral.public_id}/events")

    assert detail.status_code == 200
    assert detail.json()["status"] == "accepted"
    assert detail.json()["expected_start"] is not None
    assert [e["to_status"] for e in events.json()] == [
        "draft",
        "requested",
        "received",
        "accepted",
    ]
    assert AuditEvent.objects.filter(
        object_id=str(referral.public_id), reason="Verwijzing (API)"
    ).exists()


def test_someone_not_involved_gets_404_as_for_a_missing_referral(client: Client, region) -> None:
    referral = make_referral(region=region, status=ReferralStatus.REQUESTED)
    stranger = make_user(region=region, role=Role.LOCAL_TEAM_WORKER)

    response = _get(client, stranger, f"referrals/{referral.public_id}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_team_reads_its_inbox_and_waiting_list_others_get_404(client: Client, region) -> None:
    team = make_team(region)
    new = make_referral(region=region, team=team, status=ReferralStatus.REQUESTED)
    waiting = make_referral(region=region, team=team, status=ReferralStatus.ACCEPTED)
    coordinator = team_coordinator(team)

    inbox = _get(client, coordinator, f"specialist-teams/{team.pk}/inbox").json()["results"]
    waiting_list = _get(client, coordinator, f"specialist-teams/{team.pk}/waiting-list").json()[
        "results"
    ]
    stranger = make_user(region=region, role=Role.TEAM_COORDINATOR)

    assert [r["id"] for r in inbox] == [str(new.public_id)]
    assert [r["id"] for r in waiting_list] == [str(waiting.public_id)]
    assert _get(client, stranger, f"specialist-teams/{team.pk}/inbox").status_code == 404


@pytest.mark.parametrize("path", ["inbox", "waiting-list"])
def test_a_team_list_costs_the_same_queries_for_one_row_as_for_many(
    client: Client, region, path: str
) -> None:
    team = make_team(region)
    status = ReferralStatus.REQUESTED if path == "inbox" else ReferralStatus.ACCEPTED
    coordinator = team_coordinator(team)
    make_referral(region=region, team=team, status=status)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                _get(client, coordinator, f"specialist-teams/{team.pk}/{path}").status_code == 200
            )
        return len(captured.captured_queries)

    queries()  # the first call also makes the token
    one = queries()
    for _ in range(3):
        make_referral(region=region, team=team, status=status)
    assert queries() == one
