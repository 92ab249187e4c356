"""Writes of the accounts app: users, organisations, memberships."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.errors import OrganisationOutsideRegion
from dichtbij.accounts.models import Membership, Organisation, User
from dichtbij.regions.models import Region


def organisation_ensure(*, region: Region, kind: OrganisationKind, name: str) -> Organisation:
    """The organisation with this name in the region, created when missing."""
    organisation, created = Organisation.objects.get_or_create(
        region=region, name=name, defaults={"kind": kind}
    )
    if not created and organisation.kind != kind:
        organisation.kind = kind
        organisation.save(update_fields=["kind"])
    return organisation


def membership_add(*, user: User, organisation: Organisation) -> Membership:
    """Let ``user`` work for ``organisation``; both must be in the same region."""
    if user.region_id != organisation.region_id:
        raise OrganisationOutsideRegion(
            _("%(organisation)s hoort niet bij de regio van deze gebruiker.")
            % {"organisation": organisation.name}
        )
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
    return membership


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: Role,
    region: Region,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisations: list[Organisation] | None = None,
    is_demo: bool = False,
    is_staff: bool = False,
) -> User:
    """Create a user in ``region`` with ``role``, member of ``organisations``.

    ``password=None`` creates a user who cannot log in with a password (e.g. a system
    account that uses an API token).
    """
    user = User(
        username=username,
        role=role,
        region=region,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_demo=is_demo,
        is_staff=is_staff,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    for organisation in organisations or []:
        membership_add(user=user, organisation=organisation)
    return user
