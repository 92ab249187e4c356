"""Bearer tokens for systems: ``Authorization: Bearer <token>``.

DRF's token model and lookup, with the ``Bearer`` keyword that the NL API Design Rules and
OAuth clients use. An OIDC provider can replace this class later without changing views.
"""

from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"
