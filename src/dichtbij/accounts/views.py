"""Login, logout, two-factor authentication and the user's own account page."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from typing_extensions import override

from dichtbij.accounts import two_factor
from dichtbij.accounts.forms import LoginForm, TokenForm
from dichtbij.accounts.models import User
from dichtbij.audit.auditing import AuditedViewMixin, NotPersonalMixin
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record


class LoginView(NotPersonalMixin, auth_views.LoginView):
    """Username and password; django-axes counts failures and locks the account."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.DEMO_ACCOUNTS_ALLOWED:
            # Fake people, shown so that a visitor of the demo can try each role.
            context["demo_accounts"] = (
                User.objects.filter(is_demo=True, is_active=True)
                .select_related("region")
                .order_by("region__name", "role", "username")
            )
        return context

    @override
    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = form.data.get("username", "")[:150]
        account = User.objects.filter(username=username).first() if username else None
        audit_record(
            actor=None,
            action=Action.LOGIN_FAILED,
            object_type="sessie",
            # An unknown name may be a mistyped password: do not store what was typed.
            reason=_("Mislukte inlogpoging")
            + (f" ({username})" if account is not None else _(" (onbekende gebruikersnaam)")),
            subject=Subject.of(account) if account is not None else None,
            request=self.request,
        )
        return super().form_invalid(form)

    @override
    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user: User = form.get_user()
        audit_record(
            actor=user,
            action=Action.LOGIN,
            object_type="sessie",
            reason=_("Inloggen"),
            subject=Subject.of(user),
            request=self.request,
        )
        return response


class LogoutView(NotPersonalMixin, auth_views.LogoutView):
    """Logout by POST (a form in the header); back to the login page with a message."""

    http_method_names = ["post", "options"]

    @override
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            audit_record(
                actor=user,
                action=Action.LOGOUT,
                object_type="sessie",
                reason=_("Uitloggen"),
                subject=Subject.of(user),
                request=request,
            )
        response = super().post(request, *args, **kwargs)
        # After logout the session is gone; the message travels in the cookie storage.
        messages.success(request, _("U bent uitgelogd."))
        return response


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


class TwoFactorVerifyView(NotPersonalMixin, LoginRequiredMixin, View):
    """Second step of the login: a code from the user's authenticator app."""

    template_name = "accounts/two_factor_verify.html"

    def get(self, request: HttpRequest) -> HttpResponseBase:
        assert isinstance(request.user, User)
        if two_factor.confirmed_device(request.user) is None:
            return redirect("accounts:two_factor_setup")
        return render(
            request, self.template_name, {"form": TokenForm(), "next": _safe_next(request)}
        )

    def post(self, request: HttpRequest) -> HttpResponseBase:
        assert isinstance(request.user, User)
        device = two_factor.confirmed_device(request.user)
        if device is None:
            return redirect("accounts:two_factor_setup")
        form = TokenForm(request.POST)
        if form.is_valid():
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(_safe_next(request))
            form.add_error(
                "token", _("Deze code klopt niet of is verlopen. Probeer de nieuwe code.")
            )
        return render(
            request, self.template_name, {"form": form, "next": _safe_next(request)}, status=400
        )


class TwoFactorSetupView(NotPersonalMixin, LoginRequiredMixin, View):
    """Link an authenticator app: scan a QR code, confirm with a first code."""

    template_name = "accounts/two_factor_setup.html"

    def _context(self, request: HttpRequest, form: TokenForm) -> dict[str, Any]:
        assert isinstance(request.user, User)
        device = two_factor.pending_device(request.user)
        return {
            "form": form,
            "qr_data_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": two_factor.device_secret(device),
            "required": two_factor.two_factor_required(request.user),
        }

    def _already_enrolled(self, request: HttpRequest) -> HttpResponseBase | None:
        """A user with a confirmed device may not add another one here: otherwise a
        password alone would be enough to replace the second factor."""
        assert isinstance(request.user, User)
        if two_factor.confirmed_device(request.user) is None:
            return None
        if not request.user.is_verified():  # type: ignore[attr-defined]  # OTPMiddleware
            return redirect("accounts:two_factor_verify")
        messages.info(request, _("Tweestapsverificatie is al ingesteld voor uw account."))
        return redirect("accounts:profile")

    def get(self, request: HttpRequest) -> HttpResponseBase:
        refusal = self._already_enrolled(request)
        if refusal is not None:
            return refusal
        return render(request, self.template_name, self._context(request, TokenForm()))

    def post(self, request: HttpRequest) -> HttpResponseBase:
        refusal = self._already_enrolled(request)
        if refusal is not None:
            return refusal
        assert isinstance(request.user, User)
        form = TokenForm(request.POST)
        if form.is_valid():
            device = two_factor.device_enrol(
                user=request.user, token=form.cleaned_data["token"], request=request
            )
            if device is not None:
                otp_login(request, device)
                messages.success(request, _("Tweestapsverificatie staat nu aan."))
                return redirect("web:home")
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
        return render(request, self.template_name, self._context(request, form), status=400)


class ProfileView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """The user's own account: name, role, region, organisations, 2FA status."""

    template_name = "accounts/profile.html"
    audit_object_type = "gebruiker"
    audit_reason = "Eigen accountgegevens inzien"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert isinstance(user, User)
        self.audit(subject=Subject.of(user), object_id=str(user.pk))
        context["organisations"] = user.organisations.order_by("name")
        context["two_factor_on"] = two_factor.confirmed_device(user) is not None
        return context


def locked_out(request: HttpRequest, response: object, credentials: object) -> HttpResponse:
    """django-axes' lockout response: a Dutch page with status 429 (Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
