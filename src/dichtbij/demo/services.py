"""Loading the demo: the four regions, their organisations, demo accounts and catalogues.

Idempotent: a second run creates nothing new and leaves passwords alone; catalogue rows
that did not change are not written again. Refuses in production mode, where demo
accounts must never exist.

Catalogues (sociale kaart, HSDS 3.0): regio Amersfoort gets the shared dataset when
``settings.SHARED_DATA_DIR`` has it (with the official schemas), else the project's own
small Amersfoort catalogue; Utrecht, Amsterdam and Kennemerland always get the project's
own catalogues (``dichtbij/catalogue/data/``). Their taxonomy terms are the shared
dataset's (same ids and codes); terms the database lacks come from the project's
``taxonomie.json``.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from dichtbij.catalogue.hsds.constants import CATALOGUE_DATA_DIR, TAXONOMY_FILE
from dichtbij.catalogue.hsds.importer import (
    ImportSummary,
    catalogue_import,
    catalogue_import_file,
)
from dichtbij.catalogue.hsds.synthetic import shared_catalogue_path
from dichtbij.catalogue.hsds.validation import schemas_available
from dichtbij.catalogue.models import Taxonomy, TaxonomyTerm
from dichtbij.demo.families import DemoFamiliesSummary, demo_families_load
from dichtbij.network.services import NetworkDemoSummary, network_demo_load
from dichtbij.regions.models import Region
from dichtbij.regions.services import regions_load_all

DEMO_PASSWORD = "demo"  # noqa: S105  # the demo's documented password; refused in production
ACCOUNTS_FILE = Path(__file__).parent / "data" / "accounts.toml"

#: The project's own catalogues, loaded always.
CATALOGUE_FILES = (
    "sociale-kaart-utrecht.json",
    "sociale-kaart-amsterdam.json",
    "sociale-kaart-kennemerland.json",
)
#: Regio Amersfoort's catalogue when the shared dataset is absent.
AMERSFOORT_FALLBACK = "sociale-kaart-amersfoort-basis.json"


@dataclass
class DemoSummary:
    """What ``demo_load`` did."""

    regions: list[Region] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    accounts: list[User] = field(default_factory=list)
    #: What each catalogue import did, in load order.
    catalogues: list[ImportSummary] = field(default_factory=list)
    #: Which demo families were made and which existed already.
    families: DemoFamiliesSummary = field(default_factory=DemoFamiliesSummary)
    #: The specialist network of each region and the demo professionals in it.
    network: NetworkDemoSummary = field(default_factory=NetworkDemoSummary)


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
                    referrer_type=spec.get("referrer_type", ""),
                )
                summary.created_users.append(user.username)
            for name in spec.get("organisations", []):
                membership_add(user=user, organisation=organisations[name])
            if spec.get("is_staff"):
                _grant_admin_permissions(user)
            summary.accounts.append(user)
    summary.network = network_demo_load(regions=summary.regions)
    summary.catalogues = demo_catalogues_load()
    summary.families = demo_families_load()
    return summary


def demo_catalogues_load(*, data_dir: Path = CATALOGUE_DATA_DIR) -> list[ImportSummary]:
    """Import the demo catalogues (see the module docstring); returns what each did.

    Needs the regions loaded. The shared dataset is checked against the official schemas;
    the project's own files are trusted (the test suite checks them against the schemas).
    """
    summaries: list[ImportSummary] = []
    shared = shared_catalogue_path()
    use_shared = shared.is_file() and schemas_available()
    if use_shared:
        summaries.append(catalogue_import_file(path=shared))
    vocabulary = _missing_vocabulary()
    if vocabulary is not None:
        summaries.append(
            catalogue_import(data=vocabulary, source_name=TAXONOMY_FILE.name, trusted=True)
        )
    names = CATALOGUE_FILES if use_shared else (AMERSFOORT_FALLBACK, *CATALOGUE_FILES)
    summaries.extend(catalogue_import_file(path=data_dir / name, trusted=True) for name in names)
    return summaries


def _missing_vocabulary() -> dict[str, Any] | None:
    """The taxonomies and terms of the project's taxonomy file that the database lacks
    (all of them without the shared dataset; Dichtbij's own terms with it)."""
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        vocabulary = json.load(handle)
    taxonomies = {str(pk) for pk in Taxonomy.objects.values_list("id", flat=True)}
    terms = {str(pk) for pk in TaxonomyTerm.objects.values_list("id", flat=True)}
    missing = {
        "taxonomies": [t for t in vocabulary["taxonomies"] if t["id"] not in taxonomies],
        "taxonomy_terms": [t for t in vocabulary["taxonomy_terms"] if t["id"] not in terms],
    }
    return missing if missing["taxonomies"] or missing["taxonomy_terms"] else None


def _grant_admin_permissions(user: User) -> None:
    """Functioneel beheer manages users and organisations in the admin."""
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.filter(content_type__app_label="accounts")
    user.user_permissions.add(*permissions)
