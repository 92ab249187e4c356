"""Capacity holds under concurrency: two coordinators accept the last free place of a team
(or of a lead provider) at the same moment, in real concurrent transactions on
PostgreSQL; exactly one succeeds."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.accounts.tests.factories import make_region
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.errors import ProviderFull, TeamFull
from dichtbij.referrals.models import Referral
from dichtbij.referrals.services import referral_accept
from dichtbij.referrals.tests.factories import (
    add_team_member,
    make_referral,
    make_team,
    provider_coordinator,
    provider_with_places,
    received_by_provider,
    team_coordinator,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _accept_at_once(pairs: list[tuple[User, Referral]]) -> dict[int, Any]:
    """Each (coordinator, referral) accepts in its own thread and connection, released
    together; the outcome per pair: "accepted" or the exception raised."""
    barrier = threading.Barrier(len(pairs))
    outcomes: dict[int, Any] = {}

    def accept(index: int, coordinator: User, referral: Referral) -> None:
        try:
            barrier.wait(timeout=10)
            referral_accept(
                actor=coordinator, referral=referral, expected_start=timezone.localdate()
            )
            outcomes[index] = "accepted"
        except Exception as exc:  # noqa: BLE001  # the test reports what happened
            outcomes[index] = exc
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=accept, args=(n, *pair)) for n, pair in enumerate(pairs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _one_won(outcomes: dict[int, Any], refusal: type[Exception], referrals: list[Referral]) -> None:
    assert list(outcomes.values()).count("accepted") == 1, outcomes
    refused = [o for o in outcomes.values() if o != "accepted"]
    assert len(refused) == 1 and isinstance(refused[0], refusal), outcomes
    statuses = sorted(
        Referral.objects.filter(pk__in=[r.pk for r in referrals]).values_list("status", flat=True)
    )
    assert statuses == sorted([ReferralStatus.ACCEPTED, ReferralStatus.RECEIVED])


def test_two_coordinators_accepting_the_last_place_at_once_one_wins_one_is_refused(
    region,
) -> None:
    team = make_team(region, max_caseload=1)
    first = make_referral(region=region, team=team, status=ReferralStatus.RECEIVED)
    second = make_referral(region=region, team=team, status=ReferralStatus.RECEIVED)
    coordinators = [team_coordinator(team), add_team_member(team, role=Role.TEAM_COORDINATOR)]

    outcomes = _accept_at_once([(coordinators[0], first), (coordinators[1], second)])

    _one_won(outcomes, TeamFull, [first, second])


def test_two_accepts_of_a_lead_providers_last_place_at_once_one_wins() -> None:
    """Amsterdam: both referrals were sent to the provider itself; its place is shared."""
    amsterdam = make_region("amsterdam")
    provider = provider_with_places(amsterdam, 1)
    coordinators = [provider_coordinator(provider), provider_coordinator(provider)]
    referrals = [
        received_by_provider(region=amsterdam, provider=provider, coordinator=coordinator)
        for coordinator in coordinators
    ]

    outcomes = _accept_at_once(list(zip(coordinators, referrals, strict=True)))

    _one_won(outcomes, ProviderFull, referrals)
