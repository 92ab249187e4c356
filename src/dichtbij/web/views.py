"""The home page: a welcome for visitors, and per role what the user can do."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import AuditedViewMixin, NotPersonalMixin
from dichtbij.audit.services import Subject
from dichtbij.families.constants import AccessLevel
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.selectors import household_get_for
from dichtbij.web.caseload import CASELOAD_LIMIT, caseload_for
from dichtbij.web.history import household_history_for
from dichtbij.web.home import ROLE_INTRO, ROLE_TASKS


class HomeView(NotPersonalMixin, TemplateView):
    """``/``: shows the user's own name (their own session, not a read of a record)."""

    @override
    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["web/home_role.html"]
        return ["web/home_public.html"]

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if isinstance(user, User):
            context["intro"] = ROLE_INTRO.get(user.role, "")
            context["tasks"] = ROLE_TASKS.get(user.role, [])
        return context


class CaseloadView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/mijn-gezinnen/``: the local-team worker's families and what needs attention."""

    template_name = "web/caseload.html"
    audit_object_type = "caseload"
    audit_reason = "Eigen caseload inzien"

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not (isinstance(user, User) and user.is_professional):
            raise Http404(_("Pagina niet gevonden."))
        return super().dispatch(request, *args, **kwargs)

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101  # dispatch let only users through
        entries = caseload_for(viewer=user)
        context.update(
            entries=entries,
            attention_count=sum(1 for entry in entries if entry.needs_attention),
            limit=CASELOAD_LIMIT,
        )
        # One row per family shown: the log names every household the worker saw.
        self.audit_many(
            subjects=[
                (Subject.of(entry.household), str(entry.household.public_id)) for entry in entries
            ]
        )
        return context


class HouseholdHistoryView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/gezinnen/<uuid>/geschiedenis/``: one timeline of the family's file (full access)."""

    template_name = "web/history.html"
    audit_object_type = "household_history"
    audit_reason = "Geschiedenis van het gezinsdossier inzien"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101  # LoginRequiredMixin let only users through
        try:
            household = household_get_for(
                viewer=user, public_id=kwargs["household"], level=AccessLevel.FULL
            )
        except HouseholdNotFound as exc:
            raise Http404(str(exc)) from exc
        context.update(
            household=household, items=household_history_for(viewer=user, household=household)
        )
        self.audit(subject=Subject.of(household), object_id=str(household.public_id))
        return context
