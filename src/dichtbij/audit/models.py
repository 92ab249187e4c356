"""The audit log: an append-only record of every read and change of personal data.

Modelled on NEN 7513: *when* (``occurred_at``), *who* (user, role, organisation, kept as
they were at the time), *about whom* (``subject_type`` + ``subject_id``), *what*
(``action`` on ``object_type`` + ``object_id``), *why* (``reason``) and *from where*
(channel, address, user agent, request path without query string).

Rows cannot be changed or deleted: the queryset and model refuse it here, and database
triggers refuse UPDATE and DELETE for raw SQL too (migration 0002).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.audit.constants import Action, Channel


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """A queryset without a way to change or remove rows."""

    @override
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be updated.")

    @override
    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")

    @override
    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be updated.")


class AuditEvent(models.Model):
    """One access to or change of personal data."""

    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)

    # Who. The foreign key keeps no database constraint, so that removing a user never
    # touches the log; the snapshot columns say who it was at the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actor_role = models.CharField(_("rol"), max_length=30, blank=True)
    actor_organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    # By name: the audit log sits below every app it records, regions included.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("regio"),
    )

    # About whom.
    subject_type = models.CharField(_("soort persoon"), max_length=30, blank=True)
    subject_id = models.CharField(_("persoon"), max_length=64, blank=True)
    subject_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("regio van de persoon"),
    )

    # What.
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)

    # Why.
    reason = models.CharField(_("reden"), max_length=500)

    # From where.
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    request_method = models.CharField(_("methode"), max_length=10, blank=True)
    request_path = models.CharField(_("pad"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-id"]
        # One per filter of the privacy officer's page, each ending in -id for keyset paging.
        indexes = [
            models.Index(fields=["region", "subject_id", "-id"], name="audit_region_subject"),
            models.Index(fields=["region", "actor_username", "-id"], name="audit_region_actor"),
            models.Index(fields=["region", "occurred_at"], name="audit_region_time"),
            models.Index(fields=["subject_region", "-id"], name="audit_subject_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=Action.values), name="auditevent_action_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="auditevent_channel_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    @override
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    @override
    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")
