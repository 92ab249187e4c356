"""Writes of the accounts app: users, organisations, memberships."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.errors import OrganisationOutsideRegion
from dichtbij.accounts.models import Membership, Organisation, User
from dichtbij.regions import selectors as region_selectors
from dichtbij.regions.constants import FirstDoorKind
from dichtbij.regions.models import Region

_FIRST_DOOR_KINDS = {
    FirstDoorKind.LOCAL_TEAM: OrganisationKind.LOCAL_TEAM,
    FirstDoorKind.NEIGHBOURHOOD_TEAM: OrganisationKind.LOCAL_TEAM,
    FirstDoorKind.CJG: OrganisationKind.CJG,
}


@transaction.atomic
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
    referrer_type: str = "",
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
        referrer_type=referrer_type,
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


@transaction.atomic
def organisations_sync_from_region(*, region: Region) -> list[Organisation]:
    """Ensure the organisations a region file names exist: its gemeenten, first-door
    organisations, specialist teams and contractors. Returns them; removes nothing."""
    config = region_selectors.region_config(region=region)
    wanted: list[tuple[OrganisationKind, str]] = [
        (OrganisationKind.MUNICIPALITY, f"Gemeente {municipality.name}")
        for municipality in region_selectors.municipality_list_for_region(region=region)
    ]
    door_kind = _FIRST_DOOR_KINDS[FirstDoorKind(config.first_door.kind)]
    wanted += [(door_kind, org.name) for org in config.first_door.organisations]
    wanted += [(OrganisationKind.PROVIDER, c.name) for c in config.specialist_help.contractors]
    wanted += [(OrganisationKind.SPECIALIST_TEAM, t.name) for t in config.specialist_help.teams]
    return [organisation_ensure(region=region, kind=kind, name=name) for kind, name in wanted]
