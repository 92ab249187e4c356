"""Timers in Dutch working days, on a frozen clock: a public holiday moves the deadline."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dichtbij.referrals.constants import FlagKind, NotificationKind, ReferralStatus
from dichtbij.referrals.models import Notification, ReferralFlag
from dichtbij.referrals.tests.factories import make_referral, make_team, team_coordinator
from dichtbij.referrals.timers import add_working_days, is_working_day, timers_run

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
#: Friday 23 April 2027; Koningsdag, Tuesday 27 April, is not a working day.
SENT = datetime(2027, 4, 23, 10, 0, tzinfo=AMS)


def test_koningsdag_and_the_weekend_are_not_working_days() -> None:
    assert not is_working_day(date(2027, 4, 27))  # Koningsdag
    assert not is_working_day(date(2027, 4, 24))  # Saturday
    assert is_working_day(date(2027, 4, 26))
    # Three working days after Friday 23 April: Monday 26, Wednesday 28, Thursday 29.
    assert add_working_days(date(2027, 4, 23), 3) == date(2027, 4, 29)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)  # Kerst


def test_a_referral_not_received_is_flagged_the_day_after_three_working_days(region) -> None:
    team = make_team(region)
    with time_machine.travel(SENT, tick=False):
        referral = make_referral(region=region, team=team, status=ReferralStatus.REQUESTED)

    # Thursday evening: the third working day (Koningsdag skipped) has not yet passed.
    with time_machine.travel(datetime(2027, 4, 29, 22, 0, tzinfo=AMS), tick=False):
        assert timers_run().total == 0
    assert not ReferralFlag.objects.filter(referral=referral).exists()

    # Friday 30 April: overdue, flagged once, to the coordinator and the referrer.
    with time_machine.travel(datetime(2027, 4, 30, 9, 0, tzinfo=AMS), tick=False):
        assert timers_run().raised[FlagKind.NOT_RECEIVED.value] == 1
        assert timers_run().total == 0
    flag = ReferralFlag.objects.get(referral=referral)
    assert (flag.kind, flag.due_on) == (FlagKind.NOT_RECEIVED, date(2027, 4, 29))
    told = set(
        Notification.objects.filter(
            referral=referral, kind=NotificationKind.TIMER_FLAG
        ).values_list("recipient_id", flat=True)
    )
    assert {team_coordinator(team).pk, referral.referrer_id} <= told


def test_a_received_referral_without_decision_is_flagged_after_five_working_days(
    region,
) -> None:
    with time_machine.travel(SENT, tick=False):
        referral = make_referral(region=region, status=ReferralStatus.RECEIVED)

    # Five working days after Friday 23 April, Koningsdag skipped: Monday 3 May.
    with time_machine.travel(datetime(2027, 5, 3, 20, 0, tzinfo=AMS), tick=False):
        assert timers_run().total == 0
    with time_machine.travel(datetime(2027, 5, 4, 8, 0, tzinfo=AMS), tick=False):
        summary = timers_run()
    assert summary.raised[FlagKind.NO_DECISION.value] == 1
    assert ReferralFlag.objects.get(referral=referral).due_on == date(2027, 5, 3)


def test_accepted_but_not_started_within_the_regions_norm_is_flagged(region) -> None:
    with time_machine.travel(SENT, tick=False):
        referral = make_referral(region=region, status=ReferralStatus.ACCEPTED)
    # Regio Amersfoort's norm: 20 working days. Koningsdag (27 April), Hemelvaart (6 May)
    # and Pinkstermaandag (17 May) do not count, so the term ends on Wednesday 26 May.
    due = add_working_days(date(2027, 4, 23), 20)
    assert due == date(2027, 5, 26)

    with time_machine.travel(datetime(2027, 5, 26, 20, 0, tzinfo=AMS), tick=False):
        assert timers_run().total == 0
    with time_machine.travel(datetime(2027, 5, 27, 8, 0, tzinfo=AMS), tick=False):
        assert timers_run().raised[FlagKind.NOT_STARTED.value] == 1
    assert ReferralFlag.objects.get(referral=referral).due_on == due
