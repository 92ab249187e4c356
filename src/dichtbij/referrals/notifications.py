"""Telling people that a referral changed: in-app notifications and an e-mail outbox.

Services call :func:`notify` inside the transaction of each status change, so a
notification exists exactly when the change does. Each notification also queues an
e-mail (:class:`OutgoingMail`) for a recipient with an address; the worker
(``dichtbij worker``) delivers the outbox through Django's e-mail backend, never the
request. Mails carry no personal data: only that something changed and a link to log in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from dichtbij.referrals.constants import FlagKind, NotificationKind
from dichtbij.referrals.models import Notification, OutgoingMail, Referral

if TYPE_CHECKING:
    from dichtbij.accounts.models import User

logger = logging.getLogger(__name__)

#: A mail that failed this many times is left for an administrator (``last_error``).
MAX_ATTEMPTS = 5
_DEFAULT_SITE_URL = "http://localhost:8000"


def site_url() -> str:
    """The address people log in at (``settings.SITE_URL``), without a trailing slash."""
    return str(getattr(settings, "SITE_URL", _DEFAULT_SITE_URL)).rstrip("/")


def referral_path(referral: Referral) -> str:
    """The path of the referral's page (``/verwijzingen/<uuid>/``)."""
    return f"/verwijzingen/{referral.public_id}/"


def mail_text(*, referral: Referral | None) -> tuple[str, str]:
    """Subject and body of a notification mail, in Dutch, without personal data."""
    with translation.override("nl"):
        subject = gettext("Wijziging in een verwijzing")
        link = site_url() + (referral_path(referral) if referral is not None else "/")
        body = (
            gettext("Er is een wijziging in een verwijzing; log in om die te bekijken.")
            + "\n\n"
            + link
            + "\n\n"
            + gettext("Dit bericht is automatisch verstuurd door Dichtbij.")
        )
    return subject, body


def notify(
    *,
    recipients: Iterable[User],
    kind: NotificationKind,
    referral: Referral,
    flag_kind: FlagKind | None = None,
    exclude: User | None = None,
) -> list[Notification]:
    """An in-app notification for each recipient (once each, never ``exclude``, the
    actor) and a queued e-mail for those with an e-mail address. Call inside the
    transaction of the change."""
    seen: set[int] = set()
    people: list[User] = []
    for user in recipients:
        if user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return []
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                referral=referral,
                status=referral.status,
                flag_kind=flag_kind.value if flag_kind is not None else "",
            )
            for user in people
        ]
    )
    subject, body = mail_text(referral=referral)
    if getattr(settings, "REFERRALS_MAIL_ENABLED", True):
        mails = [
            OutgoingMail(recipient=user, notification=notification, subject=subject, body=body)
            for user, notification in zip(people, notifications, strict=True)
            if user.email and notification.pk is not None
        ]
        OutgoingMail.objects.bulk_create(mails)
    return notifications


@dataclass(frozen=True, slots=True)
class MailSummary:
    """What one delivery round did."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0


def mail_outbox_deliver(*, now: datetime, limit: int = 100) -> MailSummary:
    """Send up to ``limit`` waiting mails of the outbox, oldest first.

    Each mail is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL), so
    several workers never send one twice; a failure counts an attempt and keeps the
    error (never the body) for the next round, up to :data:`MAX_ATTEMPTS`. A recipient
    without an address is skipped (marked sent with a note).
    """
    sent = failed = skipped = 0
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    tried: list[int] = []
    for _ in range(limit):
        with transaction.atomic():
            mail = (
                OutgoingMail.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
                .exclude(pk__in=tried)
                .select_related("recipient")
                .order_by("created_at", "id")
                .first()
            )
            if mail is None:
                break
            tried.append(mail.pk)
            address = mail.recipient.email
            if not address or not mail.recipient.is_active:
                mail.sent_at = now
                mail.last_error = "no address or inactive recipient"
                mail.save(update_fields=["sent_at", "last_error"])
                skipped += 1
                continue
            try:
                send_mail(mail.subject, mail.body, sender, [address], fail_silently=False)
            except Exception as exc:  # any backend error: keep it, retry next round
                mail.attempts += 1
                mail.last_error = f"{type(exc).__name__}"[:300]
                mail.save(update_fields=["attempts", "last_error"])
                logger.warning("referral mail %s not sent: %s", mail.pk, type(exc).__name__)
                failed += 1
                continue
            mail.attempts += 1
            mail.sent_at = now
            mail.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return MailSummary(sent=sent, failed=failed, skipped=skipped)
