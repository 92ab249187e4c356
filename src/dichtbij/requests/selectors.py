"""Reads of the requests app, with need to know inside.

Need to know follows the household (:func:`dichtbij.families.selectors.household_access_q`):
with FULL access a viewer sees every request of the household; with LIMITED access (a GP
who referred) only the requests the viewer registered. A family member sees the requests
they registered themselves.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from dichtbij.accounts.constants import Role
from dichtbij.families.constants import AccessLevel
from dichtbij.families.models import Child
from dichtbij.families.selectors import household_access_level_for, household_access_q
from dichtbij.requests.constants import AWAITING_TRIAGE, urgency_order_by
from dichtbij.requests.errors import HelpRequestNotFound
from dichtbij.requests.models import HelpRequest, HelpRequestEvent, TriageAdvice, TriageDecision
from dichtbij.requests.services import FIRST_DOOR_ROLES

if TYPE_CHECKING:
    from dichtbij.accounts.models import User
    from dichtbij.families.models import Household


def help_request_access_q(*, viewer: User, prefix: str = "") -> Q:
    """The need-to-know condition over :class:`HelpRequest`, as one ``Q``.

    ``prefix`` applies it over a related model (``"help_request__"``).
    """
    if not getattr(viewer, "is_authenticated", False) or viewer.region_id is None:
        return Q(**{f"{prefix}pk__in": []})
    own = Q(**{f"{prefix}registered_by_id": viewer.pk})
    if viewer.role == Role.FAMILY:
        return own & Q(**{f"{prefix}region_id": viewer.region_id})
    household = f"{prefix}household__"
    full = household_access_q(viewer=viewer, prefix=household, level=AccessLevel.FULL)
    limited = household_access_q(viewer=viewer, prefix=household) & own
    return full | limited


def _with_details(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return requests.select_related(
        "household", "household__municipality", "household__district", "registered_by"
    ).prefetch_related(Prefetch("children", queryset=Child.objects.order_by("birth_date", "id")))


def help_request_list_for(
    *, viewer: User, household: Household | None = None
) -> QuerySet[HelpRequest]:
    """The requests the viewer may see (of ``household`` only, if given), newest first."""
    requests = HelpRequest.objects.filter(help_request_access_q(viewer=viewer))
    if household is not None:
        requests = requests.filter(household=household)
    return _with_details(requests).order_by("-registered_at", "-id")


def help_request_get_for(*, viewer: User, public_id: uuid.UUID | str) -> HelpRequest:
    """The request with ``public_id`` if the viewer may see it.

    Raises :class:`HelpRequestNotFound` alike for a missing request and a forbidden one.
    """
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as exc:
        raise HelpRequestNotFound from exc
    help_request = (
        _with_details(HelpRequest.objects.filter(help_request_access_q(viewer=viewer)))
        .select_related("region", "assessed_by")
        .filter(public_id=key)
        .first()
    )
    if help_request is None:
        raise HelpRequestNotFound
    return help_request


def help_requests_awaiting_triage_for(*, viewer: User) -> QuerySet[HelpRequest]:
    """Requests of households the viewer sees in full that wait for a triage decision:
    most urgent first (no advice yet: after ``normaal``), then oldest first."""
    return _with_details(
        HelpRequest.objects.filter(
            household_access_q(viewer=viewer, prefix="household__", level=AccessLevel.FULL),
            status__in=AWAITING_TRIAGE,
        )
    ).order_by(urgency_order_by("urgency"), "registered_at", "id")


def can_take_first_door_steps(*, viewer: User, help_request: HelpRequest) -> bool:
    """Whether the viewer may assess, ask advice, decide and close (first door, full access)."""
    return (
        getattr(viewer, "role", None) in FIRST_DOOR_ROLES
        and household_access_level_for(viewer=viewer, household=help_request.household)
        == AccessLevel.FULL
    )


def help_request_event_list(*, help_request: HelpRequest) -> QuerySet[HelpRequestEvent]:
    """The request's history, oldest first (after :func:`help_request_get_for`)."""
    return help_request.events.select_related("actor").order_by("created_at", "id")


def triage_advice_latest(*, help_request: HelpRequest) -> TriageAdvice | None:
    """The latest triage advice of the request, or ``None``."""
    return help_request.triage_advices.order_by("-created_at", "-id").first()


def triage_decision_for(*, help_request: HelpRequest) -> TriageDecision | None:
    """The triage decision of the request, or ``None``."""
    return (
        TriageDecision.objects.select_related("decided_by")
        .filter(help_request=help_request)
        .first()
    )
