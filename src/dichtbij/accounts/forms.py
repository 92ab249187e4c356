"""Forms of the login and two-factor pages."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.utils.forms import NLDesignFormMixin


class LoginForm(NLDesignFormMixin, AuthenticationForm):
    """Username and password, with Dutch labels and NL Design System widgets."""

    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord is onbekend. Let op: na "
            "herhaalde mislukte pogingen wordt het account tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    @override
    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        # Defence in depth: demo accounts that slipped into a production database stay shut.
        if getattr(user, "is_demo", False) and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Wachtwoord")


class TokenForm(NLDesignFormMixin, forms.Form):
    """A six-digit code from an authenticator app."""

    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=6,
        help_text=_("Zes cijfers, bijvoorbeeld 123456."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat uit zes cijfers."))
        return token
