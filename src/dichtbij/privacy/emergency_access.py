"""The privacy officer's overview of "break the glass" (noodtoegang) in the region.

Who opened which family's file without being involved, when, until when, and the reason
they wrote. The household appears by its id only; with that id the audit log shows every
access to the family.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import AuditedViewMixin
from dichtbij.families.selectors import emergency_access_list_for_region
from dichtbij.privacy.selectors import can_view_audit_log

PAGE_SIZE = 50


class EmergencyAccessListView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/privacy/noodtoegang/``: newest first, keyset-paged with ``?voor=<id>``."""

    template_name = "privacy/emergency_access.html"
    audit_object_type = "emergency_access"
    audit_reason = "Toezicht op noodtoegang (privacy officer)"

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not (isinstance(user, User) and can_view_audit_log(user)):
            raise Http404(_("Pagina niet gevonden."))
        return super().dispatch(request, *args, **kwargs)

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert isinstance(user, User) and user.region is not None
        accesses = emergency_access_list_for_region(region=user.region)
        before = self.request.GET.get("voor", "")
        if before.isdigit():
            accesses = accesses.filter(id__lt=int(before))
        page = list(accesses.order_by("-id")[: PAGE_SIZE + 1])
        self.audit()
        context.update(
            accesses=page[:PAGE_SIZE],
            next_before=page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None,
        )
        return context
