"""Writing the audit log. The only writer of :class:`~dichtbij.audit.models.AuditEvent`.

Views use the helpers in :mod:`dichtbij.audit.views` (a mixin and decorators) that call
:func:`audit_record`; services that change personal data call it inside their own
transaction, so the change and its audit row are stored together or not at all.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.http import HttpRequest

from dichtbij.audit.constants import Action, Channel
from dichtbij.audit.models import AuditEvent


class Actor(Protocol):
    """Who acts: the user model of ``accounts`` (which sits above this app)."""

    pk: Any
    role: str
    region_id: int | None

    def get_username(self) -> str: ...

    @property
    def primary_organisation(self) -> Any: ...


class HasAuditSubject(Protocol):
    """A person the log can refer to (a user, later a child or parent)."""

    def audit_subject(self) -> tuple[str, str]: ...


@dataclass(frozen=True)
class Subject:
    """The person data is about, as ``(type, id)``; never a name or a BSN.

    ``region_id`` is the person's own region, so that the privacy officer of that region
    sees every access to them, also by someone from elsewhere (a superuser, a system).
    """

    type: str
    id: str
    region_id: int | None = None

    @classmethod
    def of(cls, person: HasAuditSubject) -> Subject:
        kind, ident = person.audit_subject()
        return cls(kind, ident, getattr(person, "region_id", None))


# Attribute set on a request once an audit row was written for it; the view helpers
# use it to notice views that forgot to audit.
AUDITED_FLAG = "_dichtbij_audited"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind our own proxy the first valid
    address in ``X-Forwarded-For``. Without a proxy that header is the client's own
    words and is ignored, so nobody can forge where an action came from."""
    candidates = []
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidates.append(forwarded.split(",")[0].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def _event(
    *,
    actor: Actor | None,
    organisation: Any,
    action: Action,
    object_type: str,
    reason: str,
    subject: Subject | None,
    object_id: str,
    request: HttpRequest | None,
    channel: Channel,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        actor_role=actor.role if actor is not None else "",
        actor_organisation=organisation.name if organisation is not None else "",
        region_id=actor.region_id if actor is not None else None,
        subject_type=subject.type if subject else "",
        subject_id=subject.id if subject else "",
        subject_region_id=subject.region_id if subject else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason[:500],
        channel=channel,
    )
    if request is not None:
        event.ip_address = client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
        event.request_method = request.method or ""
        # The path only: query strings may hold search terms about people.
        event.request_path = request.path[:500]
    return event


def audit_record(
    *,
    actor: Actor | None,
    action: Action,
    object_type: str,
    reason: str,
    subject: Subject | None = None,
    object_id: str = "",
    request: HttpRequest | None = None,
    channel: Channel | None = None,
) -> AuditEvent:
    """Append one row to the audit log and return it.

    ``actor`` may be ``None`` for anonymous actions (a failed login). ``request`` fills
    in where the action came from; ``channel`` defaults to ``api`` for paths under
    ``/api/``, ``admin`` under ``/beheer/``, ``web`` for other requests and ``command``
    without a request.
    """
    return audit_record_many(
        actor=actor,
        action=action,
        object_type=object_type,
        reason=reason,
        subjects=[(subject, object_id)],
        request=request,
        channel=channel,
    )[0]


def audit_record_many(
    *,
    actor: Actor | None,
    action: Action,
    object_type: str,
    reason: str,
    subjects: Sequence[tuple[Subject | None, str]],
    request: HttpRequest | None = None,
    channel: Channel | None = None,
) -> list[AuditEvent]:
    """Append one row per ``(subject, object_id)`` in one insert: a list that shows many
    people (a caseload, an API list) still names each of them, at the cost of one row
    write, not one per person."""
    organisation = actor.primary_organisation if actor is not None else None
    if channel is None:
        channel = _channel_of(request)
    if request is not None:
        # A DRF Request wraps Django's; the flag must reach the one middleware sees.
        request = getattr(request, "_request", request)
    events = [
        _event(
            actor=actor,
            organisation=organisation,
            action=action,
            object_type=object_type,
            reason=reason,
            subject=subject,
            object_id=object_id,
            request=request,
            channel=channel,
        )
        for subject, object_id in subjects
    ]
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events)
    if request is not None and events:
        setattr(request, AUDITED_FLAG, True)
    return events


def _channel_of(request: HttpRequest | None) -> Channel:
    if request is None:
        return Channel.COMMAND
    if request.path.startswith("/api/"):
        return Channel.API
    if request.path.startswith("/beheer/"):
        return Channel.ADMIN
    return Channel.WEB
