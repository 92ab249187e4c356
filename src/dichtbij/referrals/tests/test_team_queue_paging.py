"""A team's inbox and waiting list page in queue order: on the page each list has its own
cursor, in the API one cursor per answer; every page records exactly the referrals it
shows. (The page sizes are made small here; in use 25 a list on the page, 50 in the API.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from dichtbij.audit.models import AuditEvent
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.paging import QueuePagination, ScreenQueuePagination
from dichtbij.referrals.tests.factories import make_referral, make_team, team_coordinator

pytestmark = pytest.mark.django_db

URGENCIES = ["normaal", "spoed", "hoog", "normaal", "hoog"]


@pytest.fixture
def queue(region, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(QueuePagination, "page_size", 2)
    monkeypatch.setattr(ScreenQueuePagination, "page_size", 2)
    team = make_team(region)
    waiting = [
        make_referral(region=region, team=team, status=ReferralStatus.ACCEPTED, urgency=urgency)
        for urgency in URGENCIES
    ]
    new = [make_referral(region=region, team=team, status=ReferralStatus.REQUESTED)]
    new += [make_referral(region=region, team=team, status=ReferralStatus.RECEIVED)]
    new += [make_referral(region=region, team=team, status=ReferralStatus.REQUESTED)]
    in_order = sorted(waiting, key=lambda r: (r.priority, r.sent_at, r.pk))
    return {
        "team": team,
        "coordinator": team_coordinator(team),
        "waiting": [str(r.public_id) for r in in_order],
        "new": [str(r.public_id) for r in sorted(new, key=lambda r: (r.priority, r.sent_at))],
    }


def _ids(html: str, heading_id: str) -> list[str]:
    section = html.split(f'aria-labelledby="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'href="/verwijzingen/([0-9a-f-]{36})/"', section)


def _link(html: str, heading_id: str, rel: str) -> str | None:
    section = html.split(f'aria-labelledby="{heading_id}"', 1)[1].split("</section>", 1)[0]
    found = re.search(rf'href="([^"]+)" rel="{rel}"', section)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_waiting_list_pages_in_queue_order_and_keeps_the_inbox_where_it_was(
    client: Client, queue: dict[str, Any]
) -> None:
    client.force_login(queue["coordinator"])
    url = reverse("referrals:team", args=[queue["team"].pk])

    first = client.get(url).content.decode()
    assert _ids(first, "wachtlijst-kop") == queue["waiting"][:2]
    assert _ids(first, "inbox-kop") == queue["new"][:2]
    # Each list says how long the whole queue is, not just the page.
    assert "3 verwijzingen wachten op ontvangst of besluit" in first
    assert "Er staan 5 verwijzingen op." in first

    # Page the inbox on, then the waiting list twice: the inbox stays on its second page.
    inbox_next = _link(first, "inbox-kop", "next")
    assert inbox_next is not None
    second = client.get(inbox_next).content.decode()
    assert _ids(second, "inbox-kop") == queue["new"][2:]
    assert _link(second, "inbox-kop", "next") is None
    assert _ids(second, "wachtlijst-kop") == queue["waiting"][:2]

    seen = _ids(second, "wachtlijst-kop")
    page = second
    while (following := _link(page, "wachtlijst-kop", "next")) is not None:
        page = client.get(following).content.decode()
        assert _ids(page, "inbox-kop") == queue["new"][2:]
        seen += _ids(page, "wachtlijst-kop")
    assert seen == queue["waiting"]
    assert "Naar het begin" in page


def test_each_page_records_the_referrals_it_shows(client: Client, queue: dict[str, Any]) -> None:
    client.force_login(queue["coordinator"])
    url = reverse("referrals:team", args=[queue["team"].pk])
    before = AuditEvent.objects.count()

    client.get(url)

    shown = set(queue["waiting"][:2] + queue["new"][:2])
    recorded = AuditEvent.objects.order_by("id")[before:]
    assert {event.object_id for event in recorded} == shown


def test_a_cursor_that_cannot_be_read_shows_the_first_page(
    client: Client, queue: dict[str, Any]
) -> None:
    client.force_login(queue["coordinator"])
    url = reverse("referrals:team", args=[queue["team"].pk])

    response = client.get(url, {"wachtlijst": "niet-een-cursor"})

    assert response.status_code == 200
    assert _ids(response.content.decode(), "wachtlijst-kop") == queue["waiting"][:2]


def test_the_api_pages_the_waiting_list_in_queue_order(
    client: Client, queue: dict[str, Any]
) -> None:
    token = Token.objects.create(user=queue["coordinator"]).key
    url: str | None = f"/api/v1/specialist-teams/{queue['team'].pk}/waiting-list?page_size=3"
    seen: list[str] = []
    while url is not None:
        answer = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()
        assert len(answer["results"]) <= 3
        seen += [row["id"] for row in answer["results"]]
        url = answer["next"]
    assert seen == queue["waiting"]


def test_the_api_refuses_a_cursor_it_cannot_read(client: Client, queue: dict[str, Any]) -> None:
    token = Token.objects.create(user=queue["coordinator"]).key

    response = client.get(
        f"/api/v1/specialist-teams/{queue['team'].pk}/inbox?cursor=kapot",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 404
    assert response.json()["detail"] == "Ongeldige cursor."
