"""Test data built through the services, as the application builds it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from django.conf import settings

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import User
from dichtbij.accounts.services import organisation_ensure, user_create
from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.models import Region
from dichtbij.regions.services import region_load

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_region(code: str, name: str = "") -> Region:
    """The region from its shipped file (``amersfoort``, ``utrecht``, ...), loaded once."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return region_load(path=Path(settings.REGIONS_DIR) / f"{code}.toml")


#: Who refers as what by default in tests: the local team for the gemeente, a referrer as GP.
_DEFAULT_REFERRER_TYPE = {
    Role.LOCAL_TEAM_WORKER: ReferrerType.MUNICIPALITY.value,
    Role.REFERRER: ReferrerType.GENERAL_PRACTITIONER.value,
}


def make_user(
    *,
    region: Region,
    role: Role = Role.LOCAL_TEAM_WORKER,
    username: str | None = None,
    organisation: str | None = "Testorganisatie",
    kind: OrganisationKind = OrganisationKind.LOCAL_TEAM,
    **extra: Any,
) -> User:
    """A user with password :data:`PASSWORD`, member of one organisation in ``region``."""
    organisations = (
        [organisation_ensure(region=region, kind=kind, name=organisation)] if organisation else []
    )
    extra.setdefault("referrer_type", _DEFAULT_REFERRER_TYPE.get(role, ""))
    return user_create(
        username=username or f"user{next(_counter)}",
        password=PASSWORD,
        role=role,
        region=region,
        organisations=organisations,
        **extra,
    )
