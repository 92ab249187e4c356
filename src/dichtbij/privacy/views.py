"""The privacy officer's audit log: filter by person, user and period; export as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import AuditedViewMixin
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.audit.services import Subject
from dichtbij.privacy.forms import AuditFilterForm
from dichtbij.privacy.selectors import AuditFilters, audit_event_list_for, can_view_audit_log
from dichtbij.utils.errors import NotFoundOrForbidden

PAGE_SIZE = 50

CSV_COLUMNS = [
    ("id", "id"),
    ("occurred_at", "tijdstip"),
    ("actor_username", "gebruiker"),
    ("actor_role", "rol"),
    ("actor_organisation", "organisatie"),
    ("subject_type", "soort_persoon"),
    ("subject_id", "persoon"),
    ("action", "handeling"),
    ("object_type", "soort_gegeven"),
    ("object_id", "gegeven"),
    ("reason", "reden"),
    ("channel", "kanaal"),
    ("ip_address", "ip_adres"),
    ("request_method", "methode"),
    ("request_path", "pad"),
]


class _AuditLogBase(AuditedViewMixin, LoginRequiredMixin):
    audit_object_type = "auditlog"
    audit_reason = "Toezicht op gebruik van persoonsgegevens (privacy officer)"

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not (isinstance(user, User) and can_view_audit_log(user)):
            raise Http404(_("Pagina niet gevonden."))
        return super().dispatch(request, *args, **kwargs)

    def _form(self) -> AuditFilterForm:
        return AuditFilterForm(self.request.GET or None)

    def _events(self, filters: AuditFilters) -> Any:
        user = self.request.user
        assert isinstance(user, User)
        try:
            return audit_event_list_for(viewer=user, filters=filters)
        except NotFoundOrForbidden as exc:
            raise Http404(str(exc)) from exc

    def _audit_access(self, filters: AuditFilters, action: Action) -> None:
        subject = (
            Subject(filters.subject_type or "onbekend", filters.subject_id)
            if filters.subject_id
            else None
        )
        self.audit(subject=subject, action=action)


class AuditLogView(_AuditLogBase, TemplateView):
    """One page of audit rows, newest first, keyset-paged with ``?voor=<id>``."""

    template_name = "privacy/audit_log.html"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self._form()
        if form.is_bound and not form.is_valid():
            # Showing the whole log for a filter that failed would mislead.
            self.audit()
            context.update(form=form, events=[], next_query=None, export_query="")
            return context
        filters = form.filters() if form.is_bound else AuditFilters()
        events = self._events(filters)
        before = self.request.GET.get("voor", "")
        if before.isdigit():
            events = events.filter(id__lt=int(before))
        page = list(events[: PAGE_SIZE + 1])
        self._audit_access(filters, Action.READ)
        query = self.request.GET.copy()
        query.pop("voor", None)
        next_query = None
        if len(page) > PAGE_SIZE:
            query["voor"] = str(page[PAGE_SIZE - 1].id)
            next_query = query.urlencode()
        query.pop("voor", None)
        context.update(
            form=form,
            events=page[:PAGE_SIZE],
            next_query=next_query,
            export_query=query.urlencode(),
        )
        return context


def _spreadsheet_safe(value: str) -> str:
    """Defuse text that a spreadsheet would run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class _Echo:
    """A file-like object whose ``write`` returns the line, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


class AuditLogExportView(_AuditLogBase, TemplateView):
    """All matching rows as CSV (UTF-8 with BOM so that Excel reads the accents)."""

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:  # type: ignore[override]  # a CSV stream, not a page
        form = self._form()
        if form.is_bound and not form.is_valid():
            raise Http404(_("Ongeldig filter."))
        filters = form.filters() if form.is_bound else AuditFilters()
        events = self._events(filters)
        self._audit_access(filters, Action.EXPORT)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(self._rows(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
        return response

    @staticmethod
    def _rows(events: Any) -> Iterator[str]:
        writer = csv.writer(_Echo(), delimiter=";")
        yield "\ufeff" + writer.writerow([header for _field, header in CSV_COLUMNS])
        event: AuditEvent
        for event in events.iterator(chunk_size=2000):
            values = []
            for field, _header in CSV_COLUMNS:
                value = getattr(event, field)
                if field == "occurred_at":
                    value = timezone.localtime(value).isoformat(timespec="seconds")
                values.append(_spreadsheet_safe("" if value is None else str(value)))
            yield writer.writerow(values)
