"""``dichtbij worker --once``: one round of the background jobs, outside any request."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dichtbij.referrals.constants import FlagKind, ReferralStatus
from dichtbij.referrals.models import OutgoingMail, Referral, ReferralFlag
from dichtbij.referrals.tests.factories import make_referral

pytestmark = pytest.mark.django_db


def _sent_three_weeks_ago(region) -> Referral:
    """A referral sent three weeks ago and still not received: past 3 working days."""
    with time_machine.travel(timezone.now() - timedelta(days=21), tick=False):
        return make_referral(region=region, status=ReferralStatus.REQUESTED)


def test_one_round_flags_an_unreceived_referral_and_sends_the_mail_without_personal_data(
    region,
) -> None:
    referral = _sent_three_weeks_ago(region)
    OutgoingMail.objects.all().delete()  # only the mails of this round count
    mail.outbox.clear()
    out = StringIO()

    call_command("worker", "--once", stdout=out)

    assert ReferralFlag.objects.filter(referral=referral, kind=FlagKind.NOT_RECEIVED).exists()
    assert "signalen" in out.getvalue()
    queued = OutgoingMail.objects.filter(notification__referral=referral)
    assert queued.exists()
    assert not queued.filter(sent_at__isnull=True).exists()
    assert mail.outbox, "the coordinator and the referrer have addresses: mail goes out"
    assert len(mail.outbox) == queued.exclude(recipient__email="").count()
    for message in mail.outbox:
        assert referral.question not in message.body
        assert referral.household.name not in message.body
        assert referral.child.first_name not in message.body


def test_a_second_round_raises_no_flag_twice(region) -> None:
    referral = _sent_three_weeks_ago(region)

    call_command("worker", "--once", stdout=StringIO())
    call_command("worker", "--once", stdout=StringIO())

    assert ReferralFlag.objects.filter(referral=referral).count() == 1
