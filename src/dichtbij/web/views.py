"""The home page: a welcome for visitors, and per role what the user can do."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import NotPersonalMixin
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
