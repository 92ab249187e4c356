"""Template context shared by every page: the user's region, role and organisation."""

from typing import Any

from django.http import HttpRequest

from dichtbij.accounts.models import User
from dichtbij.privacy.selectors import can_view_audit_log


def site(request: HttpRequest) -> dict[str, Any]:
    """``current_region``, ``current_role`` (label), ``current_organisation``, menu flags."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"current_region": None, "current_role": None, "current_organisation": None}
    return {
        "current_region": user.region,
        "current_role": user.get_role_display() if user.role else "",
        "current_organisation": user.primary_organisation,
        "can_view_audit_log": can_view_audit_log(user),
    }
