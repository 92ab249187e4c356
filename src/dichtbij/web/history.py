"""A family's history: one timeline of what happened, read from the apps' own records.

Nothing is stored here. Each app keeps its own append-only history (help-request events,
plan versions, agreements and evaluations, consents and shares, involvements); this
module merges them into one list, newest first, for a viewer with full access to the
household (the caller fetched it with ``household_get_for(level=FULL)``).

Each source is one function ``(household, viewer) -> list[HistoryItem]``; a new app adds
its source to :data:`SOURCES` instead of growing one big function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from dichtbij.accounts.models import User
from dichtbij.families.models import Household
from dichtbij.families.selectors import (
    consent_list_for_household,
    involvement_list_for_household,
    share_list_for_household,
)
from dichtbij.plans.errors import PlanNotFound
from dichtbij.plans.selectors import (
    family_plan_get_for,
    plan_agreement_list,
    plan_evaluation_list,
    plan_version_list_for,
)
from dichtbij.requests.models import HelpRequestEvent
from dichtbij.requests.selectors import help_request_list_for


@dataclass(frozen=True)
class HistoryItem:
    """One thing that happened: when, what (Dutch), by whom, and where to read more."""

    at: datetime
    kind: str
    text: str
    actor: str = ""
    url: str = ""


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _requests(household: Household, viewer: User) -> list[HistoryItem]:
    requests = {r.pk: r for r in help_request_list_for(viewer=viewer, household=household)}
    events = (
        HelpRequestEvent.objects.filter(help_request_id__in=requests)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return [
        HistoryItem(
            at=event.created_at,
            kind=_("Hulpvraag"),
            text=str(event.get_type_display()),
            actor=_name(event.actor),
            url=f"/hulpvragen/{requests[event.help_request_id].public_id}/",
        )
        for event in events
    ]


def _plan(household: Household, viewer: User) -> list[HistoryItem]:
    try:
        plan = family_plan_get_for(viewer=viewer, household=household)
    except PlanNotFound:
        return []
    base = f"/gezinsplannen/{household.public_id}/"
    items = [
        HistoryItem(
            at=version.created_at,
            kind=_("Gezinsplan"),
            text=_("Versie %(number)d gemaakt") % {"number": version.number}
            + (f": {version.change_note}" if version.change_note else ""),
            actor=_name(version.author),
            url=f"{base}versies/{version.number}/",
        )
        for version in plan_version_list_for(viewer=viewer, household=household)
    ]
    items += [
        HistoryItem(
            at=agreement.recorded_at,
            kind=_("Gezinsplan"),
            text=_("Het gezin ging akkoord met versie %(number)d (%(method)s)")
            % {"number": agreement.version.number, "method": agreement.get_method_display()},
            actor=_name(agreement.recorded_by),
            url=f"{base}versies/{agreement.version.number}/",
        )
        for agreement in plan_agreement_list(plan=plan)
    ]
    items += [
        HistoryItem(
            at=evaluation.recorded_at,
            kind=_("Gezinsplan"),
            text=_("Evaluatie van %(date)s vastgelegd")
            % {"date": evaluation.evaluated_on.strftime("%d-%m-%Y")},
            actor=_name(evaluation.recorded_by),
            url=base,
        )
        for evaluation in plan_evaluation_list(plan=plan)
    ]
    return items


def _sharing(household: Household, viewer: User) -> list[HistoryItem]:
    items: list[HistoryItem] = []
    for consent in consent_list_for_household(household=household):
        items.append(
            HistoryItem(
                at=consent.recorded_at,
                kind=_("Toestemming"),
                text=_("Toestemming gegeven om %(item)s te delen met %(recipient)s")
                % {"item": consent.get_item_display().lower(), "recipient": consent.recipient.name},
                actor=_name(consent.recorded_by),
            )
        )
        if consent.withdrawn_at is not None:
            items.append(
                HistoryItem(
                    at=consent.withdrawn_at,
                    kind=_("Toestemming"),
                    text=_("Toestemming ingetrokken voor %(recipient)s")
                    % {"recipient": consent.recipient.name},
                    actor=_name(consent.withdrawn_by),
                )
            )
    items.extend(
        HistoryItem(
            at=share.shared_at,
            kind=_("Delen"),
            text=_("%(item)s gedeeld met %(recipient)s (%(basis)s)")
            % {
                "item": share.get_item_display(),
                "recipient": share.recipient.name,
                "basis": share.get_basis_display().lower(),
            },
            actor=_name(share.shared_by),
        )
        for share in share_list_for_household(household=household)
    )
    return items


def _involvements(household: Household, viewer: User) -> list[HistoryItem]:
    items: list[HistoryItem] = []
    for involvement in involvement_list_for_household(household=household, active_only=False):
        party = (
            _name(involvement.user) if involvement.user_id else involvement.organisation.name  # type: ignore[union-attr]  # exactly one is set (constraint)
        )
        items.append(
            HistoryItem(
                at=involvement.started_at,
                kind=_("Betrokkenheid"),
                text=_("%(party)s betrokken als %(kind)s")
                % {"party": party, "kind": involvement.get_kind_display().lower()},
            )
        )
        if involvement.ended_at is not None:
            items.append(
                HistoryItem(
                    at=involvement.ended_at,
                    kind=_("Betrokkenheid"),
                    text=_("Betrokkenheid van %(party)s beëindigd") % {"party": party},
                )
            )
    return items


#: Where history comes from; apps higher in the flow (referrals) add their own source.
SOURCES: list[Callable[[Household, User], list[HistoryItem]]] = [
    _requests,
    _plan,
    _sharing,
    _involvements,
]


def household_history_for(*, viewer: User, household: Household) -> list[HistoryItem]:
    """Everything that happened to ``household``, newest first.

    The caller has checked that ``viewer`` has full access to ``household``.
    """
    items = [item for source in SOURCES for item in source(household, viewer)]
    return sorted(items, key=lambda item: item.at, reverse=True)
