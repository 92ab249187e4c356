"""The Django admin (``/beheer/``), with every page audited.

Admin pages show users and, later, other personal data; each request by a staff user
writes one audit row (read for GET, update for other methods). The wrapper is put
around every admin URL, so new model admins are covered without effort. A model admin
that shows people defines ``audit_subject(object_id) -> Subject | None`` so that the row
names the person (the privacy officer filters on it).

Logging in happens on the application's own login page (lockout, 2FA, audit), never on
the admin's.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, reverse
from django.utils.http import urlencode
from typing_extensions import override

from dichtbij.audit.auditing import POLICY_ATTR, AuditPolicy, audit_read
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject

ADMIN_POLICY = AuditPolicy(
    personal_data=True, object_type="beheer", reason="Functioneel beheer via de beheeromgeving"
)


def _subject(view: Any, object_id: str) -> Subject | None:
    # admin_view() wraps the ModelAdmin's bound method; functools.wraps keeps it.
    model_admin = getattr(getattr(view, "__wrapped__", None), "__self__", None)
    finder = getattr(model_admin, "audit_subject", None)
    return finder(object_id) if finder is not None and object_id else None


def _audited_admin_view(view: Any) -> Any:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = view(request, *args, **kwargs)
        if request.user.is_active and request.user.is_staff and response.status_code < 400:
            match = request.resolver_match
            object_id = str(kwargs.get("object_id", ""))
            audit_read(
                request,
                object_type=f"beheer:{match.url_name if match else ''}",
                object_id=object_id,
                subject=_subject(view, object_id),
                reason=ADMIN_POLICY.reason,
                action=Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE,
            )
        return response

    setattr(wrapped, POLICY_ATTR, ADMIN_POLICY)
    return wrapped


def _wrap(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        else:
            pattern.callback = _audited_admin_view(pattern.callback)
    return patterns


class AuditedAdminSite(AdminSite):
    """The admin site of Dichtbij: Dutch title, every URL audited, our own login."""

    site_header = "Dichtbij beheer"
    site_title = "Dichtbij beheer"

    @override
    def get_urls(self) -> list[URLPattern | URLResolver]:
        return _wrap(super().get_urls())

    @override
    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponseRedirect:
        target = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
