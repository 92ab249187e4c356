"""Reads of the accounts app, scoped to the viewer's region."""

from __future__ import annotations

from django.db.models import QuerySet

from dichtbij.accounts.models import Organisation, User
from dichtbij.utils.errors import NotFoundOrForbidden


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
