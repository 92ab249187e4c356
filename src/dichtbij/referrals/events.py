"""Writers of the referral history: one small function per kind of event.

Services call these inside their transaction; nothing else writes
:class:`~dichtbij.referrals.models.ReferralEvent`. ``parameters`` are codes and ids, never
names or free text about the family (monitoring reads them); ``reason`` is the reason a
professional gave for a step (rejecting, cancelling), shown in the referral's history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dichtbij.referrals.constants import TRANSITION_EVENT, EventType, FlagKind, ReferralStatus
from dichtbij.referrals.models import Referral, ReferralEvent

if TYPE_CHECKING:
    from dichtbij.accounts.models import User
    from dichtbij.referrals.models import Subcontract


def _event(
    *,
    referral: Referral,
    type: EventType,
    actor: User | None,
    from_status: str,
    to_status: str,
    reason: str = "",
    parameters: Mapping[str, object] | None = None,
) -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        region_id=referral.region_id,
        type=type,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        parameters=dict(parameters or {}),
    )


def referral_created_event(*, referral: Referral, actor: User | None) -> ReferralEvent:
    return _event(
        referral=referral,
        type=EventType.REFERRAL_CREATED,
        actor=actor,
        from_status="",
        to_status=referral.status,
        parameters={
            "help_request": str(referral.help_request.public_id),
            "child": str(referral.child.public_id),
            "referrer_type": referral.referrer_type,
            "urgency": referral.urgency,
            "goal_ids": referral.goal_ids,
            "expertise": sorted(referral.expertise.values_list("code", flat=True)),
            "basis": "legal_ground" if referral.legal_ground else "consent",
        },
    )


def referral_transition_event(
    *,
    referral: Referral,
    actor: User | None,
    old: ReferralStatus,
    new: ReferralStatus,
    reason: str = "",
    parameters: Mapping[str, object] | None = None,
) -> ReferralEvent:
    """The event of a status change; a resume (on hold → in progress) is its own type."""
    kind = (
        EventType.REFERRAL_RESUMED
        if old == ReferralStatus.ON_HOLD and new == ReferralStatus.IN_PROGRESS
        else TRANSITION_EVENT[new]
    )
    return _event(
        referral=referral,
        type=kind,
        actor=actor,
        from_status=old,
        to_status=new,
        reason=reason,
        parameters=parameters,
    )


def subcontract_added_event(
    *, referral: Referral, actor: User | None, subcontract: Subcontract
) -> ReferralEvent:
    return _event(
        referral=referral,
        type=EventType.SUBCONTRACT_ADDED,
        actor=actor,
        from_status=referral.status,
        to_status=referral.status,
        parameters={"subcontract_id": subcontract.pk, "provider_id": subcontract.provider_id},
    )


def timer_flagged_event(*, referral: Referral, kind: FlagKind, due_on: str) -> ReferralEvent:
    return _event(
        referral=referral,
        type=EventType.TIMER_FLAGGED,
        actor=None,
        from_status=referral.status,
        to_status=referral.status,
        parameters={"flag": kind.value, "due_on": due_on},
    )
