"""Writing the audit log. The only writer of :class:`~dichtbij.audit.models.AuditEvent`.

Views use the helpers in :mod:`dichtbij.audit.views` (a mixin and decorators) that call
:func:`audit_record`; services that change personal data call it inside their own
transaction, so the change and its audit row are stored together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

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
    """The person data is about, as ``(type, id)``; never a name or a BSN."""

    type: str
    id: str

    @classmethod
    def of(cls, person: HasAuditSubject) -> Subject:
        kind, ident = person.audit_subject()
        return cls(kind, ident)


# Attribute set on a request once an audit row was written for it; the view helpers
# use it to notice views that forgot to audit.
AUDITED_FLAG = "_dichtbij_audited"


def _client_ip(request: HttpRequest) -> str | None:
    # The first address in X-Forwarded-For is the client when behind our own proxy;
    # REMOTE_ADDR otherwise. Both as configured in settings.AXES_IPWARE_META_PRECEDENCE_ORDER.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return address or None


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
    organisation = actor.primary_organisation if actor is not None else None
    if channel is None:
        channel = _channel_of(request)
    event = AuditEvent(
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        actor_role=actor.role if actor is not None else "",
        actor_organisation=organisation.name if organisation is not None else "",
        region_id=actor.region_id if actor is not None else None,
        subject_type=subject.type if subject else "",
        subject_id=subject.id if subject else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason[:500],
        channel=channel,
    )
    if request is not None:
        # A DRF Request wraps Django's; the flag must reach the one middleware sees.
        request = getattr(request, "_request", request)
        event.ip_address = _client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
        event.request_method = request.method or ""
        # The path only: query strings may hold search terms about people.
        event.request_path = request.path[:500]
        setattr(request, AUDITED_FLAG, True)
    event.save(force_insert=True)
    return event


def _channel_of(request: HttpRequest | None) -> Channel:
    if request is None:
        return Channel.COMMAND
    if request.path.startswith("/api/"):
        return Channel.API
    if request.path.startswith("/beheer/"):
        return Channel.ADMIN
    return Channel.WEB
