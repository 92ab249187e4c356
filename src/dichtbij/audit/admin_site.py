"""The Django admin (``/beheer/``), with every page audited.

Admin pages show users and, later, other personal data; each request by a logged-in
user writes one audit row (read for GET, update for other methods). The wrapper is put
around every admin URL, so new model admins are covered without effort.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver
from typing_extensions import override

from dichtbij.audit.auditing import POLICY_ATTR, AuditPolicy, audit_read
from dichtbij.audit.constants import Action

ADMIN_POLICY = AuditPolicy(
    personal_data=True, object_type="beheer", reason="Functioneel beheer via de beheeromgeving"
)


def _audited_admin_view(view: Any) -> Any:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = view(request, *args, **kwargs)
        if request.user.is_active and request.user.is_staff and response.status_code < 400:
            match = request.resolver_match
            audit_read(
                request,
                object_type=f"beheer:{match.url_name if match else ''}",
                object_id=str(kwargs.get("object_id", "")),
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
    """The admin site of Dichtbij: Dutch title, every URL audited."""

    site_header = "Dichtbij beheer"
    site_title = "Dichtbij beheer"

    @override
    def get_urls(self) -> list[URLPattern | URLResolver]:
        return _wrap(super().get_urls())
