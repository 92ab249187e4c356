"""Test data for the network app, built through its services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.network.models import SpecialistTeam, TeamProfessional
from dichtbij.network.services import network_sync_from_region, team_professional_add
from dichtbij.regions.models import Region
from dichtbij.regions.services import region_load


def synced_region(code: str) -> Region:
    """A shipped region, loaded and with its network synced."""
    region = make_region(code)
    network_sync_from_region(region=region)
    return region


def load_edited(path: Path) -> Region:
    """Load an edited region file (same code as a shipped one) and sync its network."""
    region = region_load(path=path)
    network_sync_from_region(region=region)
    return region


def shipped_path(code: str) -> Path:
    return Path(settings.REGIONS_DIR) / f"{code}.toml"


def team_named(region: Region, name: str) -> SpecialistTeam:
    return SpecialistTeam.objects.get(region=region, organisation__name=name)


def make_professional(
    team: SpecialistTeam,
    *,
    role: Role = Role.SPECIALIST,
    caseload_ceiling: int | None = None,
    **extra: Any,
) -> TeamProfessional:
    """A new user of the team's region working in ``team``."""
    user = make_user(
        region=team.region,
        role=role,
        organisation=team.name,
        kind=OrganisationKind.SPECIALIST_TEAM,
        **extra,
    )
    return team_professional_add(team=team, user=user, caseload_ceiling=caseload_ceiling)
