"""Reads of the accounts app, scoped to the viewer's region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from dichtbij.accounts.models import Organisation, User
from dichtbij.utils.errors import NotFoundOrForbidden

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request


def organisation_list_for(*, viewer: User) -> QuerySet[Organisation]:
    """Organisations of the viewer's region; none for a user without region."""
    if viewer.region_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(region_id=viewer.region_id).order_by("name", "id")


def organisation_get_for(*, viewer: User, pk: int) -> Organisation:
    """One organisation of the viewer's region; missing and other-region look alike."""
    try:
        return organisation_list_for(viewer=viewer).get(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise NotFoundOrForbidden("Organisatie niet gevonden.") from exc


def request_user(request: HttpRequest | Request) -> User:
    """The logged-in user of a page or API request that requires a login.

    For views behind ``LoginRequiredMixin`` or DRF's authentication, where the user can
    only be a :class:`User`; anything else is a programming error.
    """
    user = request.user
    assert isinstance(user, User)
    return user
