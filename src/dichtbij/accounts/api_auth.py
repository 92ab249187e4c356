"""Bearer tokens for systems: ``Authorization: Bearer <token>``.

DRF's token model and lookup, with the ``Bearer`` keyword that the NL API Design Rules and
OAuth clients use. An OIDC provider can replace this class later without changing views.
"""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from typing_extensions import override


class BearerTokenAuthentication(TokenAuthentication):
    """Tokens are for systems. Where 2FA is required, a token of a person (an account
    that can log in with a password) is refused: it would skip the second factor."""

    keyword = "Bearer"

    @override
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if settings.TWO_FACTOR_REQUIRED and user.has_usable_password():
            raise exceptions.AuthenticationFailed(
                _("API-tokens zijn alleen voor systeemaccounts (zonder wachtwoord).")
            )
        return user, token
