"""Hold back users who still owe their second factor."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dichtbij.accounts import two_factor
from dichtbij.accounts.models import User
from dichtbij.utils.problem import problem_json


class TwoFactorRequiredMiddleware:
    """Redirect a logged-in user who must use 2FA but has not yet confirmed a code.

    Such a user reaches only the 2FA pages, logout, language switch and static files;
    the API answers 403 problem+json. Requires django-otp's ``OTPMiddleware`` before it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            isinstance(user, User)
            and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
            and not self._exempt(request.path)
            and two_factor.two_factor_required(user)
        ):
            return self._refuse(request, user)
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = (
            reverse("accounts:two_factor_verify"),
            reverse("accounts:two_factor_setup"),
            reverse("accounts:logout"),
            reverse("set_language"),
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        return path.startswith(exempt)

    @staticmethod
    def _refuse(request: HttpRequest, user: User) -> HttpResponse:
        if request.path.startswith("/api/"):
            return problem_json(
                status_code=403,
                detail=_("Bevestig eerst de code van tweestapsverificatie."),
                code="two_factor_required",
            )
        target = (
            "accounts:two_factor_verify"
            if two_factor.confirmed_device(user) is not None
            else "accounts:two_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
