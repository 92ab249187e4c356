"""The overview of referrals and notifications (``/verwijzingen/``): the referrer side
sees each status change of the referrals it follows, the receiving team a new referral;
each person only their own notifications; marking them read; what is shown is audited."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.models import AuditEvent
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.models import Notification
from dichtbij.referrals.services import referral_receive
from dichtbij.referrals.tests.factories import make_referral, make_team, team_coordinator

pytestmark = pytest.mark.django_db
OVERVIEW = "/verwijzingen/"


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def sent(region):
    team = make_team(region)
    return team, make_referral(region=region, team=team, status=ReferralStatus.REQUESTED)


def test_the_referrer_sees_the_status_change_and_the_referral_it_follows(
    client: Client, sent
) -> None:
    team, referral = sent
    referral_receive(actor=team_coordinator(team), referral=referral)
    client.force_login(referral.referrer)

    page = _text(client.get(OVERVIEW))

    assert "Status van een verwijzing gewijzigd (ontvangen)" in page
    assert "(1 ongelezen)" in page
    assert f"{referral.household.name}, {referral.child.first_name}" in page
    assert team.name in page
    assert AuditEvent.objects.filter(
        actor=referral.referrer, object_id=str(referral.public_id), action="read"
    ).exists()


def test_the_team_sees_the_new_referral_and_no_list_of_families(client: Client, sent) -> None:
    team, referral = sent
    client.force_login(team_coordinator(team))

    page = _text(client.get(OVERVIEW))

    assert "Nieuwe verwijzing voor uw team" in page
    assert "Naar de inbox en wachtlijst van uw team" in page
    assert referral.household.name not in page


def test_marking_read_touches_only_ones_own_notifications(client: Client, region, sent) -> None:
    team, referral = sent
    referral_receive(actor=team_coordinator(team), referral=referral)
    referrer = referral.referrer
    stranger = make_user(region=region, role=Role.LOCAL_TEAM_WORKER)
    client.force_login(stranger)
    assert "Geen meldingen." in _text(client.get(OVERVIEW))

    client.post(reverse("referrals:notifications_read"))
    assert Notification.objects.filter(recipient=referrer, read_at__isnull=True).exists()

    client.force_login(referrer)
    response = client.post(reverse("referrals:notifications_read"), follow=True)

    assert "1 melding als gelezen gemarkeerd." in _text(response)
    assert not Notification.objects.filter(recipient=referrer, read_at__isnull=True).exists()
    assert "ongelezen" not in _text(client.get(OVERVIEW))


def test_the_overview_needs_a_login(client: Client) -> None:
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"] or "login" in response["Location"]
