"""Who may take which step of a referral: one answer for the services and the pages.

The ``referral_<verb>`` services refuse a step with :func:`may_take`'s answer; pages and
API offer exactly the steps :func:`referral_steps_for` returns, so a page never shows a
button the service would refuse, and the rule is written once.

- the **referrer side** (the referrer, or a first-door worker with full access to the
  household) drafts, sends and may cancel;
- **members of the receiving organisation** in a team role (specialist or team
  coordinator) confirm reception, start, pause, resume, complete, fail, and in the
  lead-provider model add sub-contracted parts;
- its **team coordinators** accept or reject, and may cancel.

A step is offered only when it may be taken from the current status
(:data:`~dichtbij.referrals.constants.VERB_SOURCES`).
"""

from __future__ import annotations

from typing import Literal

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.families.constants import AccessLevel
from dichtbij.families.selectors import household_access_level_for
from dichtbij.referrals.constants import VERB_TARGET, is_legal_step
from dichtbij.referrals.models import Referral
from dichtbij.referrals.selectors import viewer_in_organisation, viewer_is_first_door

__all__ = [
    "TEAM_ROLES",
    "Step",
    "is_recipient_member",
    "is_referrer_side",
    "may_subcontract",
    "may_take",
    "referral_steps_for",
]

TEAM_ROLES = frozenset({Role.SPECIALIST, Role.TEAM_COORDINATOR})

Step = Literal[
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

_TEAM_STEPS = frozenset({"receive", "start", "hold", "resume", "complete", "fail"})
_COORDINATOR_STEPS = frozenset({"accept", "reject"})


def is_referrer_side(actor: User, referral: Referral) -> bool:
    """The referrer, or a first-door worker of the region who sees the household in full."""
    if actor.region_id != referral.region_id:
        return False
    if referral.referrer_id == actor.pk:
        return True
    return (
        viewer_is_first_door(viewer=actor)
        and household_access_level_for(viewer=actor, household=referral.household)
        == AccessLevel.FULL
    )


def is_recipient_member(actor: User, referral: Referral, *, coordinator: bool = False) -> bool:
    """A member, in a team role, of the organisation the referral was sent to (with
    ``coordinator``: a team coordinator of it)."""
    if actor.region_id != referral.region_id or actor.role not in TEAM_ROLES:
        return False
    if coordinator and actor.role != Role.TEAM_COORDINATOR:
        return False
    return viewer_in_organisation(viewer=actor, organisation_id=referral.recipient_organisation_id)


def may_take(actor: User, referral: Referral, step: Step) -> bool:
    """Whether ``actor`` is someone who takes ``step`` on ``referral`` (the status is
    checked separately, so an illegal move is refused as such, not as forbidden)."""
    if step == "send":
        return is_referrer_side(actor, referral)
    if step == "cancel":
        return is_referrer_side(actor, referral) or is_recipient_member(
            actor, referral, coordinator=True
        )
    if step in _COORDINATOR_STEPS:
        return is_recipient_member(actor, referral, coordinator=True)
    return step in _TEAM_STEPS and is_recipient_member(actor, referral)


def may_subcontract(actor: User, referral: Referral, *, lead_organisation_id: int) -> bool:
    """Whether ``actor`` may add a sub-contracted part to the referral's trajectory: a
    member, in a team role, of the lead provider's organisation or of the recipient."""
    if actor.region_id != referral.region_id or actor.role not in TEAM_ROLES:
        return False
    return viewer_in_organisation(
        viewer=actor, organisation_id=lead_organisation_id
    ) or is_recipient_member(actor, referral)


def referral_steps_for(*, viewer: User, referral: Referral) -> frozenset[Step]:
    """The steps ``viewer`` may take on ``referral`` now: allowed for them and legal
    from its current status."""
    steps: list[Step] = list(VERB_TARGET)  # type: ignore[arg-type]
    return frozenset(
        step
        for step in steps
        if is_legal_step(referral.status, step) and may_take(viewer, referral, step)
    )
