"""Loading the demo: the four regions, their organisations and demo accounts.

Idempotent: a second run creates nothing new and leaves passwords alone. Refuses in
production mode, where demo accounts must never exist.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.errors import DemoAccountsNotAllowed
from dichtbij.accounts.models import Organisation, User
from dichtbij.accounts.services import (
    membership_add,
    organisation_ensure,
    organisations_sync_from_region,
    user_create,
)
from dichtbij.regions.models import Region
from dichtbij.regions.services import regions_load_all

DEMO_PASSWORD = "demo"  # noqa: S105  # the demo's documented password; refused in production
ACCOUNTS_FILE = Path(__file__).parent / "data" / "accounts.toml"


@dataclass
class DemoSummary:
    """What ``demo_load`` did."""

    regions: list[Region] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    accounts: list[User] = field(default_factory=list)


@transaction.atomic
def demo_load(*, regions_dir: Path, accounts_file: Path = ACCOUNTS_FILE) -> DemoSummary:
    """Load all region files, then the demo organisations and accounts."""
    if not settings.DEMO_ACCOUNTS_ALLOWED:
        raise DemoAccountsNotAllowed(_("Demo-accounts zijn niet toegestaan in productie."))
    summary = DemoSummary(regions=regions_load_all(directory=regions_dir))
    with accounts_file.open("rb") as handle:
        data = tomllib.load(handle)
    for entry in data["regions"]:
        region = Region.objects.get(code=entry["code"])
        organisations: dict[str, Organisation] = {
            org.name: org for org in organisations_sync_from_region(region=region)
        }
        # Organisations the region file does not name, such as GP practices.
        for org in entry.get("organisations", []):
            organisations[org["name"]] = organisation_ensure(
                region=region, kind=OrganisationKind(org["kind"]), name=org["name"]
            )
        for spec in entry.get("users", []):
            user = User.objects.filter(username=spec["username"]).first()
            if user is None:
                user = user_create(
                    username=spec["username"],
                    password=DEMO_PASSWORD,
                    role=Role(spec["role"]),
                    region=region,
                    first_name=spec.get("first_name", ""),
                    last_name=spec.get("last_name", ""),
                    is_demo=True,
                    is_staff=spec.get("is_staff", False),
                )
                summary.created_users.append(user.username)
            for name in spec.get("organisations", []):
                membership_add(user=user, organisation=organisations[name])
            if spec.get("is_staff"):
                _grant_admin_permissions(user)
            summary.accounts.append(user)
    return summary


def _grant_admin_permissions(user: User) -> None:
    """Functioneel beheer manages users and organisations in the admin."""
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.filter(content_type__app_label="accounts")
    user.user_permissions.add(*permissions)
