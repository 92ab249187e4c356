"""Every transition of the referral state machine: the legal ones succeed through their
service and write one event; every other one is refused and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from dichtbij.referrals import services
from dichtbij.referrals.constants import (
    TRANSITIONS,
    EndReason,
    GoalResult,
    ReferralStatus,
    RejectReason,
)
from dichtbij.referrals.errors import IllegalTransition, ReasonRequired
from dichtbij.referrals.models import Referral, ReferralEvent
from dichtbij.referrals.tests.factories import make_draft, make_team, referral_in, team_coordinator

pytestmark = pytest.mark.django_db
S = ReferralStatus


class _Undo(Exception):
    """Rolls a savepoint back after a legal step was checked."""


def _step(referral: Referral, target: S, *, team: Any) -> Referral:
    """Take the legal step to ``target`` through its service, as its actor would."""
    coordinator = team_coordinator(team)
    referrer = referral.referrer
    if target == S.REQUESTED:
        return services.referral_send(actor=referrer, referral=referral, team=team)
    if target == S.RECEIVED:
        return services.referral_receive(actor=coordinator, referral=referral)
    if target == S.ACCEPTED:
        return services.referral_accept(actor=coordinator, referral=referral)
    if target == S.REJECTED:
        return services.referral_reject(
            actor=coordinator, referral=referral, reason_code=RejectReason.EXPERTISE, reason="x"
        )
    if target == S.IN_PROGRESS and referral.status == S.ON_HOLD:
        return services.referral_resume(actor=coordinator, referral=referral)
    if target == S.IN_PROGRESS:
        return services.referral_start(
            actor=coordinator, referral=referral, started_on=timezone.localdate()
        )
    if target == S.ON_HOLD:
        return services.referral_hold(actor=coordinator, referral=referral, reason="Vakantie")
    if target == S.COMPLETED:
        return services.referral_complete(
            actor=coordinator,
            referral=referral,
            end_reason=EndReason.AS_PLANNED,
            goal_results=dict.fromkeys(referral.goal_ids, GoalResult.ACHIEVED.value),
        )
    if target == S.CANCELLED:
        return services.referral_cancel(actor=referrer, referral=referral, reason="Niet nodig")
    if target == S.FAILED:
        return services.referral_fail(actor=coordinator, referral=referral, reason="Onbereikbaar")
    raise AssertionError(target)


@pytest.fixture
def team(region):
    return make_team(region)


@pytest.mark.parametrize("source", list(S))
def test_from_each_status_exactly_the_legal_moves_succeed(region, team, source: S) -> None:
    referral = referral_in(source, referral=make_draft(region=region, team=team), team=team)
    assert referral.status == source
    events = ReferralEvent.objects.filter(referral=referral).count()

    for target in S:
        if target in TRANSITIONS[source]:
            try:
                with transaction.atomic():
                    moved = _step(Referral.objects.get(pk=referral.pk), target, team=team)
                    assert moved.status == target
                    new = ReferralEvent.objects.filter(referral=referral).order_by("-id")[0]
                    assert (new.from_status, new.to_status) == (source, target)
                    raise _Undo
            except _Undo:
                pass
        else:
            with pytest.raises(IllegalTransition):
                services.referral_transition(referral=referral, actor=None, new=target)
        current = Referral.objects.get(pk=referral.pk)
        assert current.status == source, (source, target)
        assert ReferralEvent.objects.filter(referral=referral).count() == events


def test_a_completed_referral_cannot_be_accepted(region, team) -> None:
    referral = referral_in(S.COMPLETED, referral=make_draft(region=region, team=team), team=team)

    with pytest.raises(IllegalTransition) as refused:
        services.referral_accept(actor=team_coordinator(team), referral=referral)

    assert refused.value.status == 409
    assert Referral.objects.get(pk=referral.pk).status == S.COMPLETED


def test_a_rejection_needs_a_reason(region, team) -> None:
    referral = referral_in(S.RECEIVED, referral=make_draft(region=region, team=team), team=team)

    with pytest.raises(ReasonRequired):
        services.referral_reject(
            actor=team_coordinator(team),
            referral=referral,
            reason_code=RejectReason.NO_CAPACITY,
            reason="  ",
        )

    assert Referral.objects.get(pk=referral.pk).status == S.RECEIVED
