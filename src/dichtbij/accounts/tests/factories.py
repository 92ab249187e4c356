"""Test data built through the services, as the application builds it."""

from __future__ import annotations

import itertools
from typing import Any

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import User
from dichtbij.accounts.services import organisation_ensure, user_create
from dichtbij.regions.models import Region

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_region(code: str, name: str) -> Region:
    """A bare region, without loading a region file."""
    region, _created = Region.objects.get_or_create(
        code=code, defaults={"name": name, "source_file": "test", "content_hash": "test"}
    )
    return region


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
        [organisation_ensure(region=region, kind=kind, name=f"{organisation} {region.code}")]
        if organisation
        else []
    )
    return user_create(
        username=username or f"user{next(_counter)}",
        password=PASSWORD,
        role=role,
        region=region,
        organisations=organisations,
        **extra,
    )
