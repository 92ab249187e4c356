"""Capacity holds under concurrency: two coordinators accept the team's last free place at
the same moment, in real concurrent transactions on PostgreSQL; exactly one succeeds."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.errors import TeamFull
from dichtbij.referrals.models import Referral
from dichtbij.referrals.services import referral_accept
from dichtbij.referrals.tests.factories import (
    add_team_member,
    make_referral,
    make_team,
    team_coordinator,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_coordinators_accepting_the_last_place_at_once_one_wins_one_is_refused(
    region,
) -> None:
    team = make_team(region, max_caseload=1)
    first = make_referral(region=region, team=team, status=ReferralStatus.RECEIVED)
    second = make_referral(region=region, team=team, status=ReferralStatus.RECEIVED)
    coordinators = [team_coordinator(team), add_team_member(team, role=Role.TEAM_COORDINATOR)]
    barrier = threading.Barrier(2)
    outcomes: dict[int, Any] = {}

    def accept(index: int, referral: Referral) -> None:
        try:
            barrier.wait(timeout=10)
            referral_accept(
                actor=coordinators[index],
                referral=referral,
                expected_start=timezone.localdate(),
            )
            outcomes[index] = "accepted"
        except Exception as exc:  # noqa: BLE001  # the test reports what happened
            outcomes[index] = exc
        finally:
            connection.close()  # each thread has its own connection

    threads = [
        threading.Thread(target=accept, args=(n, referral))
        for n, referral in enumerate([first, second])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(map(str, outcomes.values())).count("accepted") == 1, outcomes
    refused = [o for o in outcomes.values() if o != "accepted"]
    assert len(refused) == 1 and isinstance(refused[0], TeamFull), outcomes
    statuses = sorted(
        Referral.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == sorted([ReferralStatus.ACCEPTED, ReferralStatus.RECEIVED])
