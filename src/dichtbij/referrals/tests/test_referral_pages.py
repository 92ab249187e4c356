"""The referral pages: draft from a help request, choose a ranked team, the team accepts,
and the worker sees the status and the expected start."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_household
from dichtbij.plans.tests.factories import make_plan_version
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.models import Referral
from dichtbij.referrals.tests.factories import (
    expertise_codes,
    make_team,
    referral_consent,
    team_coordinator,
)
from dichtbij.requests.tests.factories import make_help_request

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def setting(region):
    team = make_team(region)
    household = make_household(region=region, municipality_code="GM0307")
    worker = household.created_by
    help_request = make_help_request(household=household, actor=worker)
    version = make_plan_version(household=household, goals=2)
    consent = referral_consent(household=household, recipient_organisation=team.organisation)
    return team, household, worker, help_request, version, consent


def _draft(client: Client, setting) -> Referral:
    team, household, worker, help_request, version, consent = setting
    client.force_login(worker)
    child = household.children.get()
    goal = version.plan_content.goals[0]
    response = client.post(
        reverse("referrals:create", args=[help_request.public_id]),
        {
            "child": str(child.public_id),
            "question": "Angst en schoolweigering; gewone hulp was niet genoeg.",
            "goals": [str(goal.id)],
            "expertise": expertise_codes(team),
            "urgency": "hoog",
            "consent": str(consent.pk),
        },
    )
    referral = Referral.objects.get(help_request=help_request)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:teams", args=[referral.public_id])
    return referral


def test_a_worker_drafts_chooses_a_ranked_team_and_sees_it_accepted_with_the_start(
    client: Client, setting
) -> None:
    team, household, worker, *_ = setting
    referral = _draft(client, setting)
    assert referral.status == ReferralStatus.DRAFT
    assert referral.urgency == "hoog"
    assert len(referral.goals) == 1

    teams_page = client.get(reverse("referrals:teams", args=[referral.public_id]))
    text = _text(teams_page)
    assert teams_page.status_code == 200
    assert team.organisation.name in text
    assert "Expertise" in text and "van 100" in text

    sent = client.post(
        reverse("referrals:teams", args=[referral.public_id]), {"team": str(team.pk)}
    )
    assert sent.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REQUESTED
    assert referral.team_id == team.pk

    # The coordinator sees it in the team's inbox, confirms it arrived and accepts.
    coordinator = team_coordinator(team)
    client.force_login(coordinator)
    inbox = client.get(reverse("referrals:team", args=[team.pk]))
    assert household.name in _text(inbox)
    url = reverse("referrals:detail", args=[referral.public_id])
    client.post(reverse("referrals:receive", args=[referral.public_id]))
    start = timezone.localdate() + timedelta(days=14)
    accepted = client.post(
        reverse("referrals:accept", args=[referral.public_id]),
        {"accept-expected_start": start.isoformat()},
    )
    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    waiting = _text(client.get(reverse("referrals:team", args=[team.pk])))
    assert "Wachtlijst" in waiting and household.name in waiting

    client.force_login(worker)
    response = client.get(url)
    assert "geaccepteerd" in _text(response)
    assert f'datetime="{start.isoformat()}"' in response.content.decode()
    # The team's steps are the team's: the worker is offered none of them.
    assert "Accepteren" not in _text(response)


def test_accepting_with_a_start_in_the_past_is_refused_at_the_field(
    client: Client, setting
) -> None:
    team, *_ = setting
    referral = _draft(client, setting)
    client.post(reverse("referrals:teams", args=[referral.public_id]), {"team": str(team.pk)})
    client.force_login(team_coordinator(team))
    client.post(reverse("referrals:receive", args=[referral.public_id]))

    response = client.post(
        reverse("referrals:accept", args=[referral.public_id]),
        {"accept-expected_start": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED


def test_a_draft_without_consent_or_legal_ground_is_refused_and_nothing_saved(
    client: Client, setting
) -> None:
    team, household, worker, help_request, *_ = setting
    client.force_login(worker)

    response = client.post(
        reverse("referrals:create", args=[help_request.public_id]),
        {
            "child": str(household.children.get().public_id),
            "question": "Vraag",
            "expertise": expertise_codes(team),
        },
    )

    assert response.status_code == 400
    assert "toestemming" in _text(response)
    assert not Referral.objects.filter(help_request=help_request).exists()


def test_the_team_sees_nothing_before_the_referral_reaches_it_and_others_never(
    client: Client, setting, region
) -> None:
    team, *_ = setting
    referral = _draft(client, setting)
    url = reverse("referrals:detail", args=[referral.public_id])

    client.force_login(team_coordinator(team))
    assert client.get(url).status_code == 404
    client.force_login(make_user(region=region, role=Role.LOCAL_TEAM_WORKER))
    assert client.get(url).status_code == 404


def test_showing_a_referral_is_audited(client: Client, setting) -> None:
    referral = _draft(client, setting)
    before = AuditEvent.objects.filter(object_id=str(referral.public_id)).count()

    client.get(reverse("referrals:detail", args=[referral.public_id]))

    assert AuditEvent.objects.filter(object_id=str(referral.public_id)).count() == before + 1


def test_my_team_leads_a_coordinator_to_the_teams_inbox_and_others_get_404(
    client: Client, setting, region
) -> None:
    team, *_ = setting
    client.force_login(team_coordinator(team))
    response = client.get(reverse("referrals:my_team"))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:team", args=[team.pk])

    client.force_login(make_user(region=region, role=Role.LOCAL_TEAM_WORKER))
    assert client.get(reverse("referrals:my_team")).status_code == 404
