"""The demo: every region's network, and demo specialists in their teams and schools."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.network.errors import DemoProfessionalsInvalid
from dichtbij.network.models import SchoolLink, SpecialistTeam, TeamProfessional
from dichtbij.network.services import DEMO_PROFESSIONALS_FILE, network_demo_load

ACCOUNTS_FILE = Path(__file__).parents[2] / "demo" / "data" / "accounts.toml"


def demo_entries() -> list[dict[str, object]]:
    with DEMO_PROFESSIONALS_FILE.open("rb") as handle:
        return list(tomllib.load(handle)["professionals"])


def demo_accounts() -> dict[str, tuple[str, str]]:
    """username -> (region code, role) of the demo accounts."""
    with ACCOUNTS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        user["username"]: (region["code"], user["role"])
        for region in data["regions"]
        for user in region.get("users", [])
    }


def test_every_demo_professional_is_a_demo_specialist_or_coordinator() -> None:
    accounts = demo_accounts()

    for entry in demo_entries():
        assert entry["username"] in accounts, entry
        assert accounts[str(entry["username"])][1] in (Role.SPECIALIST, Role.TEAM_COORDINATOR)


@pytest.mark.django_db
def test_demo_load_syncs_the_networks_and_links_the_demo_professionals() -> None:
    regions = [make_region(code) for code in ("amersfoort", "utrecht", "amsterdam", "kennemerland")]
    accounts = demo_accounts()
    for entry in demo_entries():
        code, role = accounts[str(entry["username"])]
        region = next(r for r in regions if r.code == code)
        make_user(
            region=region,
            role=Role(role),
            username=str(entry["username"]),
            organisation=str(entry["team"]),
            kind=OrganisationKind.SPECIALIST_TEAM,
        )

    summary = network_demo_load(regions=regions)
    again = network_demo_load(regions=regions)

    assert len(summary.syncs) == 4
    assert not any(sync.changed for sync in again.syncs)
    assert TeamProfessional.objects.count() == len(demo_entries())
    noord = SpecialistTeam.objects.get(organisation__name="MetMaya Amersfoort Noord")
    assert set(noord.professionals.values_list("user__username", flat=True)) == {
        "amersfoort.metmaya",
        "amersfoort.coordinator",
    }
    assert SchoolLink.objects.filter(
        professional__user__username="amersfoort.metmaya",
        school__name="Scholengemeenschap Schothorst",
    ).exists()


@pytest.mark.django_db
def test_a_demo_file_naming_an_unknown_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "demo_professionals.toml"
    path.write_text(
        '[[professionals]]\nusername = "niemand"\nteam = "MetMaya Soest"\n', encoding="utf-8"
    )

    with pytest.raises(DemoProfessionalsInvalid, match=r"professionals\[0\]: onbekende gebruiker"):
        network_demo_load(regions=[make_region("amersfoort")], professionals_file=path)
