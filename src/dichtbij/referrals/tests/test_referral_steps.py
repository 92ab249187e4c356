"""The steps a page offers are exactly the steps the services take: for every status,
every kind of person and every verb, ``referral_steps_for`` says yes precisely when
the service succeeds (and a refusal changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.referrals import services
from dichtbij.referrals.constants import EndReason, GoalResult, ReferralStatus, RejectReason
from dichtbij.referrals.errors import IllegalTransition
from dichtbij.referrals.models import Referral
from dichtbij.referrals.steps import Step, referral_steps_for
from dichtbij.referrals.tests.factories import (
    add_team_member,
    make_draft,
    make_team,
    referral_in,
    team_coordinator,
)
from dichtbij.utils.errors import DichtbijError

pytestmark = pytest.mark.django_db
S = ReferralStatus


class _Undo(Exception):
    """Rolls the savepoint back after a step was tried."""


def _take(verb: Step, referral: Referral, actor: Any, team: Any) -> None:
    calls: dict[str, Callable[[], object]] = {
        "send": lambda: services.referral_send(actor=actor, referral=referral, team=team),
        "receive": lambda: services.referral_receive(actor=actor, referral=referral),
        "accept": lambda: services.referral_accept(actor=actor, referral=referral),
        "reject": lambda: services.referral_reject(
            actor=actor, referral=referral, reason_code=RejectReason.OTHER, reason="Vol."
        ),
        "start": lambda: services.referral_start(
            actor=actor, referral=referral, started_on=timezone.localdate()
        ),
        "hold": lambda: services.referral_hold(actor=actor, referral=referral, reason="Ziek."),
        "resume": lambda: services.referral_resume(actor=actor, referral=referral),
        "complete": lambda: services.referral_complete(
            actor=actor,
            referral=referral,
            end_reason=EndReason.AS_PLANNED,
            goal_results=dict.fromkeys(referral.goal_ids, GoalResult.ACHIEVED.value),
        ),
        "cancel": lambda: services.referral_cancel(
            actor=actor, referral=referral, reason="Niet meer nodig."
        ),
        "fail": lambda: services.referral_fail(actor=actor, referral=referral, reason="Weg."),
    }
    calls[verb]()


def _succeeds(verb: Step, referral: Referral, actor: Any, team: Any) -> bool:
    try:
        with transaction.atomic():
            _take(verb, Referral.objects.get(pk=referral.pk), actor, team)
            raise _Undo
    except _Undo:
        return True
    except DichtbijError:
        return False


@pytest.mark.parametrize("status", list(S))
def test_what_is_offered_is_what_the_services_allow(region, status: S) -> None:
    team = make_team(region)
    referral = referral_in(status, referral=make_draft(region=region, team=team), team=team)
    people = {
        "verwijzer": referral.referrer,
        "coordinator": team_coordinator(team),
        "specialist": add_team_member(team, role=Role.SPECIALIST),
        "specialist van een ander team": add_team_member(make_team(region, index=1)),
        "buitenstaander": make_user(region=region, role=Role.LOCAL_TEAM_WORKER),
    }
    verbs: list[Step] = [
        "send",
        "receive",
        "accept",
        "reject",
        "start",
        "hold",
        "resume",
        "complete",
        "cancel",
        "fail",
    ]

    for who, person in people.items():
        offered = referral_steps_for(viewer=person, referral=referral)
        for verb in verbs:
            assert (verb in offered) == _succeeds(verb, referral, person, team), (status, who, verb)
    assert Referral.objects.get(pk=referral.pk).status == status


def test_paused_help_is_resumed_not_started_again(region) -> None:
    team = make_team(region)
    referral = referral_in(S.ON_HOLD, referral=make_draft(region=region, team=team), team=team)
    started_on = referral.started_on

    with pytest.raises(IllegalTransition) as refused:
        services.referral_start(actor=team_coordinator(team), referral=referral)

    assert refused.value.message.endswith('Dit kan alleen vanuit: "geaccepteerd".')
    assert Referral.objects.get(pk=referral.pk).started_on == started_on


def test_help_that_never_started_cannot_be_resumed(region) -> None:
    team = make_team(region)
    referral = referral_in(S.ACCEPTED, referral=make_draft(region=region, team=team), team=team)

    with pytest.raises(IllegalTransition):
        services.referral_resume(actor=team_coordinator(team), referral=referral)

    current = Referral.objects.get(pk=referral.pk)
    assert (current.status, current.started_on) == (S.ACCEPTED, None)
