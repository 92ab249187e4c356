"""Timers of the closed loop, counted in Dutch working days.

A working day is a weekday that is not a Dutch public holiday (the ``holidays``
package's ``NL`` calendar: Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Hemelvaart,
Pinksteren, Kerst, and Bevrijdingsdag in lustrum years). A term of ``n`` working days
after day ``d`` ends at the end of the ``n``-th working day after ``d``
(:func:`add_working_days`); the referral is flagged from the next day on.

- sent, not received within 3 working days → :attr:`FlagKind.NOT_RECEIVED`;
- received, no decision within 5 working days → :attr:`FlagKind.NO_DECISION`;
- accepted, not started within the region's norm
  (``referral.start_norm_working_days``) → :attr:`FlagKind.NOT_STARTED`.

:func:`timers_run` raises each flag once per referral and kind (a unique constraint
holds that under concurrent runs) and notifies the team's coordinators and the referrer.
The worker (``dichtbij worker``) runs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from dichtbij.accounts.models import User
from dichtbij.referrals import events
from dichtbij.referrals.constants import (
    NO_DECISION_WORKING_DAYS,
    NOT_RECEIVED_WORKING_DAYS,
    FlagKind,
    NotificationKind,
    ReferralStatus,
)
from dichtbij.referrals.models import Referral, ReferralFlag
from dichtbij.referrals.notifications import notify
from dichtbij.referrals.selectors import organisation_coordinators
from dichtbij.regions.models import Region
from dichtbij.regions.selectors import region_start_norm_days

#: Referrals handled per run and kind at most (the rest follows in the next run).
BATCH_SIZE = 500


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself never counts)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after ``start`` up to and including ``end``."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def due_on(start: datetime, days: int) -> date:
    """The last day of a term of ``days`` working days after the (local) day of ``start``."""
    return add_working_days(timezone.localdate(start), days)


@dataclass
class TimerSummary:
    """What one run of :func:`timers_run` did: flags raised per kind."""

    now: datetime
    raised: Counter[str] = field(default_factory=Counter)
    checked: int = 0

    @property
    def total(self) -> int:
        return sum(self.raised.values())

    def describe(self) -> str:
        parts = ", ".join(f"{kind}: {n}" for kind, n in sorted(self.raised.items())) or "geen"
        return f"{self.checked} verwijzingen bekeken; signalen: {parts}"


def _unflagged(kind: FlagKind) -> QuerySet[Referral]:
    return Referral.objects.exclude(
        Exists(ReferralFlag.objects.filter(referral=OuterRef("pk"), kind=kind))
    )


def _candidates(
    *, status: ReferralStatus, kind: FlagKind, since_field: str, before: datetime
) -> Iterator[Referral]:
    """Unflagged referrals in ``status`` whose ``since_field`` lies before ``before``
    (a necessary condition; the exact working-day check follows)."""
    yield from (
        _unflagged(kind)
        .filter(status=status, **{f"{since_field}__lt": before})
        .select_related("region")
        .order_by(since_field, "id")[:BATCH_SIZE]
    )


def _raise(referral: Referral, kind: FlagKind, due: date, now: datetime) -> bool:
    """Raise the flag once (False if it exists already) and notify."""
    try:
        with transaction.atomic():
            ReferralFlag.objects.create(referral=referral, kind=kind, due_on=due, raised_at=now)
            events.timer_flagged_event(referral=referral, kind=kind, due_on=due.isoformat())
            recipients: list[User] = []
            if referral.recipient_organisation_id is not None:
                recipients.extend(
                    organisation_coordinators(organisation_id=referral.recipient_organisation_id)
                )
            if referral.referrer_id is not None:
                referrer = User.objects.filter(pk=referral.referrer_id, is_active=True).first()
                if referrer is not None:
                    recipients.append(referrer)
            notify(
                recipients=recipients,
                kind=NotificationKind.TIMER_FLAG,
                referral=referral,
                flag_kind=kind,
            )
    except IntegrityError:
        return False  # raised by a concurrent run
    return True


def _check(
    summary: TimerSummary,
    *,
    status: ReferralStatus,
    kind: FlagKind,
    since_field: str,
    days_for: Callable[[Region], int],
    shortest: int,
) -> None:
    today = timezone.localdate(summary.now)
    # A term of n working days spans at least n calendar days: older rows only.
    before = summary.now - timedelta(days=shortest)
    for referral in _candidates(status=status, kind=kind, since_field=since_field, before=before):
        summary.checked += 1
        since = getattr(referral, since_field)
        due = due_on(since, days_for(referral.region))
        if today > due and _raise(referral, kind, due, summary.now):
            summary.raised[kind.value] += 1


def timers_run(*, now: datetime | None = None) -> TimerSummary:
    """Raise every timer flag that is due at ``now`` (default: the current time).

    Idempotent: a flag is raised once per referral and kind, whatever the number of
    runs or workers.
    """
    summary = TimerSummary(now=now or timezone.now())
    _check(
        summary,
        status=ReferralStatus.REQUESTED,
        kind=FlagKind.NOT_RECEIVED,
        since_field="sent_at",
        days_for=lambda region: NOT_RECEIVED_WORKING_DAYS,
        shortest=NOT_RECEIVED_WORKING_DAYS,
    )
    _check(
        summary,
        status=ReferralStatus.RECEIVED,
        kind=FlagKind.NO_DECISION,
        since_field="received_at",
        days_for=lambda region: NO_DECISION_WORKING_DAYS,
        shortest=NO_DECISION_WORKING_DAYS,
    )
    norms = {region.pk: region_start_norm_days(region=region) for region in Region.objects.all()}
    _check(
        summary,
        status=ReferralStatus.ACCEPTED,
        kind=FlagKind.NOT_STARTED,
        since_field="accepted_at",
        days_for=lambda region: norms.get(region.pk) or region_start_norm_days(region=region),
        shortest=min(norms.values(), default=1),
    )
    return summary
