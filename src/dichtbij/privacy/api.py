"""The audit log over the API, for a privacy officer's tooling."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.models import AuditEvent
from dichtbij.audit.services import Subject
from dichtbij.privacy.forms import AuditFilterForm
from dichtbij.privacy.selectors import audit_event_list_for


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_username",
            "actor_role",
            "actor_organisation",
            "subject_type",
            "subject_id",
            "action",
            "object_type",
            "object_id",
            "reason",
            "channel",
            "ip_address",
            "request_method",
            "request_path",
        ]


@extend_schema(
    parameters=[
        OpenApiParameter("subject_type", str, description="Soort persoon, bijv. user"),
        OpenApiParameter("subject_id", str, description="Nummer van de persoon"),
        OpenApiParameter("username", str, description="Gebruikersnaam van wie handelde"),
        OpenApiParameter("date_from", str, description="Vanaf datum (JJJJ-MM-DD)"),
        OpenApiParameter("date_to", str, description="Tot en met datum (JJJJ-MM-DD)"),
    ]
)
class AuditEventListView(AuditedAPIMixin, generics.ListAPIView[AuditEvent]):
    """Audit rows of the privacy officer's region, newest first (cursor-paged)."""

    serializer_class = AuditEventSerializer
    audit_object_type = "auditlog"
    audit_reason = "Toezicht op gebruik van persoonsgegevens (privacy officer, API)"

    @override
    def get_queryset(self) -> QuerySet[AuditEvent]:
        user = self.request.user
        assert isinstance(user, User)
        form = AuditFilterForm(self.request.GET)
        if not form.is_valid():
            raise ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        filters = form.filters()
        events = audit_event_list_for(viewer=user, filters=filters)
        self.audit(
            subject=Subject(filters.subject_type or "onbekend", filters.subject_id)
            if filters.subject_id
            else None
        )
        return events
