"""Reads of the referrals app, with need to know inside.

Who sees a referral (:func:`referral_access_q`, one ``WHERE`` within the viewer's region):

- the referrer who made it;
- the family's local-team worker: a first-door worker (local-team worker, or a
  coordinator of a local team / CJG) with FULL access to the household;
- the members of the receiving team's (or provider's) organisation, from the moment it
  was sent to them (``recipient_organisation`` is set when sending), not before.

Anyone else gets :class:`ReferralNotFound`, alike for a missing and a forbidden referral.
Team lists (inbox, waiting list) are for members of the team's organisation only.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import Membership, User
from dichtbij.families.constants import FIRST_DOOR_ORGANISATION_KINDS, AccessLevel
from dichtbij.families.selectors import household_access_q
from dichtbij.network.capacity import TeamLoad
from dichtbij.network.models import SpecialistTeam
from dichtbij.referrals.constants import (
    INBOX_STATUSES,
    LIVE_STATUSES,
    QUEUE_ORDER,
    ReferralStatus,
)
from dichtbij.referrals.errors import ReferralNotFound, TeamNotFound
from dichtbij.referrals.models import (
    Notification,
    Referral,
    ReferralEvent,
    ReferralFlag,
    Subcontract,
    Trajectory,
    TrajectoryLead,
)

if TYPE_CHECKING:
    from dichtbij.families.models import Household


def _authenticated(viewer: object) -> bool:
    return bool(getattr(viewer, "is_authenticated", False)) and (
        getattr(viewer, "region_id", None) is not None
    )


def _viewer_organisation_ids(viewer: User) -> QuerySet[Membership, int]:
    return Membership.objects.filter(user_id=viewer.pk).values_list("organisation_id", flat=True)


def viewer_is_first_door(*, viewer: User) -> bool:
    """Whether the viewer works at the first door: a local-team worker, or a team
    coordinator of a local team / CJG (a coordinator of a specialist team is not)."""
    if not _authenticated(viewer):
        return False
    if viewer.role == Role.LOCAL_TEAM_WORKER:
        return True
    if viewer.role == Role.TEAM_COORDINATOR:
        return Membership.objects.filter(
            user_id=viewer.pk, organisation__kind__in=FIRST_DOOR_ORGANISATION_KINDS
        ).exists()
    return False


def referral_access_q(*, viewer: User) -> Q:
    """The need-to-know condition over :class:`Referral`, as one ``Q`` (see the module)."""
    if not _authenticated(viewer):
        return Q(pk__in=[])
    condition = Q(referrer_id=viewer.pk) | Q(
        recipient_organisation_id__in=_viewer_organisation_ids(viewer)
    )
    if viewer_is_first_door(viewer=viewer):
        condition |= household_access_q(viewer=viewer, prefix="household__", level=AccessLevel.FULL)
    return Q(region_id=viewer.region_id) & condition


def _with_details(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related(
        "household",
        "child",
        "referrer",
        "team__organisation",
        "provider__organisation",
        "assigned_professional",
    )


def referral_list_for(
    *,
    viewer: User,
    statuses: Collection[ReferralStatus | str] | None = None,
    household: Household | None = None,
    mine: bool = False,
) -> QuerySet[Referral]:
    """The referrals the viewer may see, newest first (``-created_at``, ``-id``).

    ``statuses`` keeps those statuses; ``household`` one household's; ``mine`` only the
    ones the viewer made. The number of queries does not grow with the list.
    """
    referrals = Referral.objects.filter(referral_access_q(viewer=viewer))
    if statuses is not None:
        referrals = referrals.filter(status__in=list(statuses))
    if household is not None:
        referrals = referrals.filter(household=household)
    if mine:
        referrals = referrals.filter(referrer_id=viewer.pk)
    return _with_details(referrals).order_by("-created_at", "-id")


def referral_get_for(*, viewer: User, public_id: uuid.UUID | str) -> Referral:
    """The referral with ``public_id`` if the viewer may see it, with its details and
    needed expertise. Raises :class:`ReferralNotFound` alike for missing and forbidden."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as exc:
        raise ReferralNotFound from exc
    referral = (
        _with_details(Referral.objects.filter(referral_access_q(viewer=viewer), public_id=key))
        .select_related("help_request", "region", "referrer_organisation")
        .prefetch_related("expertise")
        .first()
    )
    if referral is None:
        raise ReferralNotFound
    return referral


def referral_find(*, public_id: uuid.UUID | str) -> Referral | None:
    """The referral regardless of access, or ``None``: only for services and the worker,
    never to show anything without :func:`referral_get_for`."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError:
        return None
    return Referral.objects.filter(public_id=key).first()


def viewer_in_organisation(*, viewer: User, organisation_id: int | None) -> bool:
    """Whether the viewer is a member of the organisation (a team's or provider's)."""
    if organisation_id is None or not _authenticated(viewer):
        return False
    return Membership.objects.filter(user_id=viewer.pk, organisation_id=organisation_id).exists()


def team_get_for_member(*, viewer: User, team_id: int) -> SpecialistTeam:
    """A team of the viewer's region the viewer is a member of (its organisation).

    Raises :class:`TeamNotFound` alike for a missing team, one of another region and one
    the viewer does not work in.
    """
    if not _authenticated(viewer) or viewer.region_id is None:
        raise TeamNotFound
    team = (
        SpecialistTeam.objects.filter(
            pk=team_id,
            region_id=viewer.region_id,
            organisation_id__in=_viewer_organisation_ids(viewer),
        )
        .select_related("organisation", "provider")
        .first()
    )
    if team is None:
        raise TeamNotFound
    return team


def team_list_for_member(*, viewer: User) -> QuerySet[SpecialistTeam]:
    """The active teams of the viewer's region whose organisation the viewer works for,
    in file order."""
    if not _authenticated(viewer) or viewer.region_id is None:
        return SpecialistTeam.objects.none()
    return (
        SpecialistTeam.objects.filter(
            region_id=viewer.region_id,
            active=True,
            organisation_id__in=_viewer_organisation_ids(viewer),
        )
        .select_related("organisation")
        .order_by("position", "id")
    )


def _require_member(viewer: User, team: SpecialistTeam) -> None:
    if (
        not _authenticated(viewer)
        or team.region_id != viewer.region_id
        or not viewer_in_organisation(viewer=viewer, organisation_id=team.organisation_id)
    ):
        raise TeamNotFound


def _addressed_to(team: SpecialistTeam) -> Q:
    """Referrals for the team: sent to it, or in the lead-provider model sent to its
    provider as hoofdaannemer (no team chosen; the provider's teams take them up)."""
    condition = Q(team=team)
    if team.provider is not None and team.provider.can_be_lead_provider:
        condition |= Q(team__isnull=True, provider_id=team.provider_id)
    return condition


def _queue(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """A team's queue in queue order, with what a row shows (family, child). The team is
    the queue's own, so it is not joined per row; callers add what else they show.

    Family and child are fetched for the page's rows only (two queries by id), not
    joined: with the lead provider's referrals OR-ed in, PostgreSQL joined every row of
    the queue before sorting and cutting the page (5 ms of 6 for a queue of 350)."""
    return referrals.prefetch_related("household", "child").order_by(*QUEUE_ORDER)


def team_inbox_for(*, viewer: User, team: SpecialistTeam) -> QuerySet[Referral]:
    """The team's new referrals (sent or received, no decision yet): most urgent first,
    then longest waiting (``priority``, ``sent_at``, ``id``: the index
    ``referral_team_inbox``), including those sent to the team's provider as lead
    provider. For members of the team; else :class:`TeamNotFound`."""
    _require_member(viewer, team)
    return _queue(Referral.objects.filter(_addressed_to(team), status__in=list(INBOX_STATUSES)))


def waiting_list_for(*, viewer: User, team: SpecialistTeam) -> QuerySet[Referral]:
    """The team's waiting list: accepted, help not started; most urgent first, then the
    longest waiting since the referral was sent (``priority``, ``sent_at``, ``id``: the
    index ``referral_team_waiting``). Each row has ``expected_start``. For members of the
    team; else :class:`TeamNotFound`."""
    _require_member(viewer, team)
    return _queue(Referral.objects.filter(_addressed_to(team), status=ReferralStatus.ACCEPTED))


def team_loads(*, team_ids: Collection[int]) -> dict[int, TeamLoad]:
    """The current load of each team: its live referrals (accepted, in progress, on hold)
    in total and per assigned professional. One grouped query; teams without live
    referrals are left out (they carry no load). Fits
    :class:`dichtbij.network.capacity.LoadSource`."""
    totals: dict[int, int] = defaultdict(int)
    by_user: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        Referral.objects.filter(team_id__in=list(team_ids), status__in=list(LIVE_STATUSES))
        .values_list("team_id", "assigned_professional_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for team_id, user_id, n in rows:
        if team_id is None:
            continue
        totals[team_id] += n
        if user_id is not None:
            by_user[team_id][user_id] = n
    return {
        team_id: TeamLoad(total=total, by_user=dict(by_user[team_id]))
        for team_id, total in totals.items()
    }


def provider_loads(
    *, region_id: int, provider_ids: Collection[int] | None = None
) -> dict[int, TeamLoad]:
    """The live referrals (accepted, in progress, on hold) sent to a lead provider itself
    rather than to one of its teams, per provider of the region (or of ``provider_ids``).
    One grouped query; providers without such referrals are left out. With
    :func:`team_loads` of its teams, a provider's whole load."""
    rows = Referral.objects.filter(
        region_id=region_id, provider_id__isnull=False, status__in=list(LIVE_STATUSES)
    )
    if provider_ids is not None:
        rows = rows.filter(provider_id__in=list(provider_ids))
    counts = rows.values_list("provider_id").annotate(n=Count("id")).order_by()
    return {provider_id: TeamLoad(total=n, by_user={}) for provider_id, n in counts}


def referral_event_list(*, referral: Referral) -> QuerySet[ReferralEvent]:
    """The referral's history, oldest first (after :func:`referral_get_for`)."""
    return referral.events.select_related("actor").order_by("created_at", "id")


def referral_flag_list(*, referral: Referral) -> QuerySet[ReferralFlag]:
    """The timers that ran out for the referral (after :func:`referral_get_for`)."""
    return referral.flags.order_by("raised_at", "id")


def trajectory_for(*, referral: Referral) -> Trajectory | None:
    """The referral's trajectory (lead-provider model), with its open lead and
    subcontracts prefetched; ``None`` if it has none (after :func:`referral_get_for`)."""
    return (
        Trajectory.objects.filter(referral=referral)
        .prefetch_related("leads__provider__organisation", "subcontracts__provider__organisation")
        .first()
    )


def referral_goal_results(*, referral: Referral) -> list[tuple[str, str]]:
    """A completed referral's goals with their result: ``(goal text, result label)``, in
    the referral's goal order; empty before completion."""
    results = {row.goal_id: row for row in referral.goal_results.all()}
    return [
        (str(goal.get("text", "")), str(results[str(goal["id"])].get_result_display()))
        for goal in referral.goals or []
        if str(goal["id"]) in results
    ]


def trajectory_open_lead(*, trajectory: Trajectory) -> TrajectoryLead | None:
    """The trajectory's current lead provider (hoofdaannemer), if it is open."""
    if trajectory.ended_at is not None:
        return None
    return next((lead for lead in trajectory.leads.all() if lead.ended_at is None), None)


def subcontract_list(*, trajectory: Trajectory) -> QuerySet[Subcontract]:
    """The trajectory's subcontracts, oldest first, ended ones included."""
    return trajectory.subcontracts.select_related("provider__organisation").order_by(
        "added_at", "id"
    )


def notification_list_for(*, viewer: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The viewer's own notifications, newest first (index ``notification_recipient``)."""
    if not _authenticated(viewer):
        return Notification.objects.none()
    notifications = Notification.objects.filter(recipient_id=viewer.pk)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.select_related("referral").order_by("-created_at", "-id")


def notification_unread_count(*, viewer: User) -> int:
    """How many of the viewer's notifications are unread (for a badge)."""
    return notification_list_for(viewer=viewer, unread_only=True).count()


def organisation_coordinators(*, organisation_id: int) -> QuerySet[User]:
    """The active team coordinators who are members of the organisation."""
    return User.objects.filter(
        memberships__organisation_id=organisation_id,
        role=Role.TEAM_COORDINATOR,
        is_active=True,
    ).distinct()


def household_local_team_workers(*, household_id: int) -> QuerySet[User]:
    """The family's local-team workers: first-door workers personally involved with the
    household with full access (active involvement)."""
    return User.objects.filter(
        involvements__household_id=household_id,
        involvements__ended_at__isnull=True,
        involvements__access_level=AccessLevel.FULL,
        role__in=[Role.LOCAL_TEAM_WORKER, Role.TEAM_COORDINATOR],
        is_active=True,
    ).distinct()
