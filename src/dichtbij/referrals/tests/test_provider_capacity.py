"""In the lead-provider model a referral sent to a provider itself takes a place of the
provider: all its teams' ceilings together, against their live referrals and those sent
to the provider. A full provider refuses, and nothing changes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from dichtbij.accounts.tests.factories import make_region
from dichtbij.network.models import SpecialistTeam
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.errors import ProviderFull
from dichtbij.referrals.models import Trajectory
from dichtbij.referrals.services import referral_accept
from dichtbij.referrals.tests.factories import (
    make_referral,
    provider_coordinator,
    provider_with_places,
    received_by_provider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def amsterdam():
    return make_region("amsterdam")


def test_a_provider_accepts_while_a_place_is_free_and_refuses_when_none_is(amsterdam) -> None:
    provider = provider_with_places(amsterdam, 1)
    coordinator = provider_coordinator(provider)
    first = received_by_provider(region=amsterdam, provider=provider, coordinator=coordinator)
    second = received_by_provider(region=amsterdam, provider=provider, coordinator=coordinator)
    referral_accept(actor=coordinator, referral=first, expected_start=timezone.localdate())

    with pytest.raises(ProviderFull) as refused:
        referral_accept(actor=coordinator, referral=second, expected_start=timezone.localdate())

    assert refused.value.message.startswith(f"{provider.name} zit vol: 1 lopende verwijzingen")
    assert "plafond van 1 voor al zijn teams samen" in refused.value.message
    second.refresh_from_db()
    assert second.status == ReferralStatus.RECEIVED
    assert not Trajectory.objects.filter(referral=second).exists()


@pytest.mark.parametrize(
    ("status", "place_taken"),
    [
        (ReferralStatus.ACCEPTED, True),
        (ReferralStatus.IN_PROGRESS, True),
        (ReferralStatus.ON_HOLD, True),
        (ReferralStatus.COMPLETED, False),
        (ReferralStatus.REJECTED, False),
    ],
)
def test_live_help_at_one_of_its_teams_takes_a_place_of_the_provider_and_ended_help_not(
    amsterdam, status: ReferralStatus, place_taken: bool
) -> None:
    provider = provider_with_places(amsterdam, 1)
    team = SpecialistTeam.objects.filter(provider=provider, active=True).order_by("pk").first()
    make_referral(region=amsterdam, team=team, status=status)
    coordinator = provider_coordinator(provider)
    waiting = received_by_provider(region=amsterdam, provider=provider, coordinator=coordinator)

    if place_taken:
        with pytest.raises(ProviderFull):
            referral_accept(actor=coordinator, referral=waiting)
        return
    accepted = referral_accept(actor=coordinator, referral=waiting)
    assert accepted.status == ReferralStatus.ACCEPTED
    assert Trajectory.objects.get(referral=accepted).leads.get().provider == provider
