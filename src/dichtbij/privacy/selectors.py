"""Reads of the audit log, for the privacy officer of a region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.audit.models import AuditEvent
from dichtbij.utils.errors import NotFoundOrForbidden


@dataclass(frozen=True)
class AuditFilters:
    """What the privacy officer filters on; empty fields do not filter."""

    subject_type: str = ""
    subject_id: str = ""
    username: str = ""
    date_from: date | None = None
    date_to: date | None = None


def can_view_audit_log(user: User) -> bool:
    """Only a privacy officer with a region reads the audit log."""
    return (
        user.is_authenticated and user.role == Role.PRIVACY_OFFICER and user.region_id is not None
    )


def audit_event_list_for(*, viewer: User, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Audit rows of the viewer's region, newest first, filtered.

    Raises :class:`NotFoundOrForbidden` for anyone but a privacy officer.
    """
    if not can_view_audit_log(viewer):
        raise NotFoundOrForbidden("Auditlog niet gevonden.")
    assert viewer.region_id is not None  # checked by can_view_audit_log
    # Rows by the region's own users, and rows about the region's people by anyone.
    events = AuditEvent.objects.filter(
        Q(region_id=viewer.region_id) | Q(subject_region_id=viewer.region_id)
    )
    if filters.subject_type:
        events = events.filter(subject_type=filters.subject_type)
    if filters.subject_id:
        events = events.filter(subject_id=filters.subject_id)
    if filters.username:
        events = events.filter(actor_username=filters.username)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tz))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tz)
        events = events.filter(occurred_at__lt=end)
    return events.order_by("-id")
