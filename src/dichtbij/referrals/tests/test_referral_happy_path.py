"""The whole closed loop through the services: draft to completed, and what it leaves."""

from __future__ import annotations

import pytest

from dichtbij.families.constants import AccessLevel
from dichtbij.families.selectors import household_access_level_for
from dichtbij.referrals.constants import EventType, ReferralStatus
from dichtbij.referrals.models import ReferralEvent, ReferralGoalResult
from dichtbij.referrals.tests.factories import make_draft, make_team, referral_in, team_coordinator

pytestmark = pytest.mark.django_db


def test_a_referral_walks_from_draft_to_completed_with_an_event_per_step(region):
    team = make_team(region)
    referral = make_draft(region=region, team=team)
    assert referral.status == ReferralStatus.DRAFT
    referral_in(ReferralStatus.COMPLETED, referral=referral, team=team)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    types = list(ReferralEvent.objects.filter(referral=referral).values_list("type", flat=True))
    assert types == [
        EventType.REFERRAL_CREATED,
        EventType.REFERRAL_SENT,
        EventType.REFERRAL_RECEIVED,
        EventType.REFERRAL_ACCEPTED,
        EventType.REFERRAL_STARTED,
        EventType.REFERRAL_COMPLETED,
    ]
    assert ReferralGoalResult.objects.filter(referral=referral).count() == len(referral.goals)
    # The team's access rested on the referral and ended with it.
    coordinator = team_coordinator(team)
    assert household_access_level_for(viewer=coordinator, household=referral.household) in (
        None,
        AccessLevel.LIMITED,
    )
