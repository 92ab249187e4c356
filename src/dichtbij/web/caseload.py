"""A local-team worker's caseload: the families they work with and what needs attention.

Composes the selectors of ``families``, ``requests`` and ``plans``; owns no data. The
caseload is the households the worker is *personally* involved with (an active
involvement as a user), so that it stays small (about 60 families) in a region of tens of
thousands. Three queries, whatever the number of families: the households with their
request counts and plan state as annotations, their children, and the current time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dichtbij.accounts.models import User
from dichtbij.families.models import Child, Household, Involvement
from dichtbij.requests.constants import AWAITING_TRIAGE, HelpRequestStatus
from dichtbij.requests.models import HelpRequest

#: Evaluations due within this many days are shown as needing attention.
EVALUATION_HORIZON_DAYS = 14

#: A caseload page never lists more than this many families; beyond it the worker searches.
CASELOAD_LIMIT = 200


@dataclass(frozen=True)
class ChildSummary:
    """A child as the caseload shows it: first name and age in years."""

    first_name: str
    age: int


def age_on(birth_date: date, today: date) -> int:
    """Age in whole years on ``today``."""
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


@dataclass
class CaseloadEntry:
    """One family on the caseload, with what needs the worker's attention."""

    household: Household
    children: list[ChildSummary]
    awaiting_triage: int
    open_requests: int
    has_plan: bool
    plan_agreed: bool
    next_evaluation_on: date | None
    attention: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.attention)


def _count_of(requests: QuerySet[HelpRequest]) -> Coalesce:
    counted = (
        requests.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def caseload_households_for(*, viewer: User) -> QuerySet[Household]:
    """The households ``viewer`` is personally involved with, annotated for the caseload.

    Annotations: ``awaiting_triage``, ``open_requests`` (not closed), and the plan's
    ``plan_current``, ``plan_agreed_version`` and ``plan_next_evaluation`` (``None``
    without a plan). Ordered by name; need to know holds because only the viewer's own
    active involvements count.
    """
    if viewer.region_id is None:
        return Household.objects.none()
    mine = Involvement.objects.filter(household=OuterRef("pk"), user=viewer, ended_at__isnull=True)
    return (
        Household.objects.filter(Exists(mine), region_id=viewer.region_id)
        .select_related("municipality", "district")
        .annotate(
            awaiting_triage=_count_of(HelpRequest.objects.filter(status__in=AWAITING_TRIAGE)),
            open_requests=_count_of(
                HelpRequest.objects.filter(~Q(status=HelpRequestStatus.CLOSED))
            ),
        )
        .select_related("plan")
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("birth_date", "id")))
        .order_by("name", "id")
    )


def _attention(entry: CaseloadEntry, today: date) -> list[str]:
    items: list[str] = []
    if entry.awaiting_triage:
        items.append(
            ngettext(
                "%(count)d hulpvraag wacht op triage",
                "%(count)d hulpvragen wachten op triage",
                entry.awaiting_triage,
            )
            % {"count": entry.awaiting_triage}
        )
    if entry.has_plan and not entry.plan_agreed:
        items.append(_("Het gezin is nog niet akkoord met het nieuwste plan"))
    if entry.next_evaluation_on is not None:
        if entry.next_evaluation_on < today:
            items.append(
                _("Evaluatie te laat (gepland op %(date)s)")
                % {"date": entry.next_evaluation_on.strftime("%d-%m-%Y")}
            )
        elif entry.next_evaluation_on <= today + timedelta(days=EVALUATION_HORIZON_DAYS):
            items.append(
                _("Evaluatie op %(date)s") % {"date": entry.next_evaluation_on.strftime("%d-%m-%Y")}
            )
    if entry.open_requests and not entry.has_plan and not entry.awaiting_triage:
        items.append(_("Nog geen gezinsplan"))
    return items


def caseload_for(*, viewer: User, limit: int = CASELOAD_LIMIT) -> list[CaseloadEntry]:
    """The viewer's caseload: families needing attention first, then by name."""
    today = timezone.localdate()
    entries: list[CaseloadEntry] = []
    for household in caseload_households_for(viewer=viewer)[:limit]:
        plan = getattr(household, "plan", None)
        entry = CaseloadEntry(
            household=household,
            children=[
                ChildSummary(child.first_name, age_on(child.birth_date, today))
                for child in household.children.all()
            ],
            awaiting_triage=household.awaiting_triage,  # type: ignore[attr-defined]  # annotation
            open_requests=household.open_requests,  # type: ignore[attr-defined]  # annotation
            has_plan=plan is not None,
            plan_agreed=plan is not None
            and plan.agreed_version_number == plan.current_version_number,
            next_evaluation_on=plan.next_evaluation_on if plan is not None else None,
        )
        entry.attention = _attention(entry, today)
        entries.append(entry)
    entries.sort(key=lambda e: not e.needs_attention)  # stable: by name within each group
    return entries
