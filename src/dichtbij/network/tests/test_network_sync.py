"""network_sync_from_region makes the database say what the region file says, idempotently."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from dichtbij.accounts.constants import OrganisationKind
from dichtbij.accounts.models import Organisation
from dichtbij.network.models import Consortium, Expertise, Provider, SpecialistTeam
from dichtbij.network.services import network_sync_from_region
from dichtbij.network.tests.factories import (
    load_edited,
    make_professional,
    synced_region,
    team_named,
)
from dichtbij.regions.models import Region
from dichtbij.regions.services import region_load
from dichtbij.regions.tests.region_files import edited

pytestmark = pytest.mark.django_db

BUNSCHOTEN_EEMNES = """
[[specialist_help.teams]]
name = "MetMaya Bunschoten-Eemnes"
"""


def counts(region: Region) -> tuple[int, int, int, int, int]:
    return (
        Expertise.objects.filter(region=region).count(),
        Provider.objects.filter(region=region).count(),
        Consortium.objects.filter(region=region).count(),
        SpecialistTeam.objects.filter(region=region).count(),
        Organisation.objects.filter(region=region).count(),
    )


def test_sync_builds_amersfoorts_metmaya_network_from_the_region_file(amersfoort: Region) -> None:
    teams = SpecialistTeam.objects.filter(region=amersfoort, active=True)
    metmaya = Consortium.objects.get(region=amersfoort)

    assert teams.count() == 10
    assert {team.consortium_id for team in teams} == {metmaya.pk}
    assert metmaya.name == "MetMaya"
    assert (metmaya.contract_start, metmaya.contract_end) == (2024, 2033)
    assert sorted(p.name for p in metmaya.members.all()) == ["De Rading", "GGz Centraal", "Youké"]
    assert Expertise.objects.filter(region=amersfoort, active=True).count() == 14
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")
    assert noord.organisation.kind == OrganisationKind.SPECIALIST_TEAM
    assert sorted(e.code for e in noord.expertise.all()) == [
        "gezinsbehandeling",
        "lvb",
        "schulden",
        "trauma",
    ]
    assert noord.languages == ["nl", "ar", "ber"]
    assert (noord.caseload_per_professional, noord.max_caseload) == (12, 80)
    intensief = team_named(amersfoort, "MetMaya Regio Intensief")
    assert intensief.caseload_per_professional == 6  # the team overrides the region default


def test_team_areas_are_whole_gemeenten_single_wijken_and_schools(amersfoort: Region) -> None:
    team = team_named(amersfoort, "MetMaya Soesterberg-Baarn")

    assert [m.name for m in team.municipalities.all()] == ["Baarn"]
    assert [(d.municipality.name, d.name) for d in team.districts.all()] == [
        ("Soest", "Soesterberg")
    ]
    assert [s.name for s in team.schools.all()] == ["Basisschool De Heidelinde"]


def test_a_second_sync_changes_nothing_and_duplicates_nothing(amersfoort: Region) -> None:
    before = counts(amersfoort)
    team_ids = set(SpecialistTeam.objects.values_list("pk", flat=True))

    summary = network_sync_from_region(region=amersfoort)

    assert not summary.changed, summary.describe()
    assert counts(amersfoort) == before
    assert set(SpecialistTeam.objects.values_list("pk", flat=True)) == team_ids


def test_a_changed_team_is_updated_in_place(amersfoort: Region, tmp_path: Path) -> None:
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")
    path = tmp_path / "amersfoort.toml"
    path.write_text(
        edited(
            "amersfoort",
            (
                'expertise = ["gezinsbehandeling", "trauma", "lvb", "schulden"]',
                'expertise = ["gezinsbehandeling", "verslaving"]',
            ),
            ("max_caseload = 80", "max_caseload = 95"),
        ),
        encoding="utf-8",
    )

    load_edited(path)

    noord.refresh_from_db()
    assert team_named(amersfoort, "MetMaya Amersfoort Noord").pk == noord.pk
    assert sorted(e.code for e in noord.expertise.all()) == ["gezinsbehandeling", "verslaving"]
    assert noord.max_caseload == 95
    assert network_sync_from_region(region=amersfoort).teams.updated == 0


def test_a_team_removed_from_the_file_is_deactivated_not_deleted(
    amersfoort: Region, tmp_path: Path
) -> None:
    team = team_named(amersfoort, "MetMaya Bunschoten-Eemnes")
    professional = make_professional(team)
    path = tmp_path / "amersfoort.toml"
    # The Bunschoten-Eemnes team goes; the regional team still covers both gemeenten.
    text = edited("amersfoort")
    start = text.index(BUNSCHOTEN_EEMNES)
    end = text.index("[[specialist_help.teams]]", start + len(BUNSCHOTEN_EEMNES))
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")

    region_load(path=path)
    summary = network_sync_from_region(region=amersfoort)

    team.refresh_from_db()
    professional.refresh_from_db()
    assert summary.teams.deactivated == 1
    assert not team.active
    assert professional.active  # people are not touched by the sync
    assert SpecialistTeam.objects.filter(region=amersfoort, active=True).count() == 9


def test_a_team_that_comes_back_is_reactivated(amersfoort: Region, tmp_path: Path) -> None:
    team = team_named(amersfoort, "MetMaya Bunschoten-Eemnes")
    SpecialistTeam.objects.filter(pk=team.pk).update(active=False)

    summary = network_sync_from_region(region=amersfoort)

    team.refresh_from_db()
    assert team.active
    assert summary.teams.updated == 1


def test_utrecht_buurt_teams_are_run_by_koos_and_spoor030_with_their_real_members(
    utrecht: Region,
) -> None:
    consortia = {c.name: c for c in Consortium.objects.filter(region=utrecht)}

    assert set(consortia) == {"KOOS", "Spoor030"}
    assert sorted(p.name for p in consortia["KOOS"].members.all()) == [
        "Altrecht",
        "De Opvoedpoli",
        "De Rading",
        "Reinaerde",
        "Youké",
    ]
    assert sorted(p.name for p in consortia["Spoor030"].members.all()) == [
        "Dokter Bosman",
        "Intermetzo",
        "Timon",
    ]
    koos_wijken = {
        d.name
        for team in SpecialistTeam.objects.filter(consortium=consortia["KOOS"])
        for d in team.districts.all()
    }
    spoor_wijken = {
        d.name
        for team in SpecialistTeam.objects.filter(consortium=consortia["Spoor030"])
        for d in team.districts.all()
    }
    assert koos_wijken == {"Leidsche Rijn", "Vleuten-De Meern", "West", "Zuidwest"}
    assert spoor_wijken == {"Binnenstad", "Noordoost", "Noordwest", "Oost", "Overvecht", "Zuid"}


def test_amsterdam_providers_have_agb_codes_and_some_may_be_lead_provider(
    amsterdam: Region,
) -> None:
    providers = {p.name: p for p in Provider.objects.filter(region=amsterdam)}
    amstel = providers["Jeugdhulp Amstel"]
    crisis = providers["Crisisdienst Jeugd Amstel-Zaan"]

    assert len(providers) == 6
    assert all(len(p.agb_code) == 8 and p.agb_code.startswith("9999") for p in providers.values())
    assert amstel.agb_code == "99990001"
    assert (amstel.can_be_lead_provider, amstel.lead_provider_multiple) == (True, True)
    assert not crisis.can_be_lead_provider
    assert providers["Gezinskracht Zaanstreek-Waterland"].lead_provider_single
    assert not providers["Gezinskracht Zaanstreek-Waterland"].lead_provider_multiple
    assert {t.name for t in amstel.teams.all()} == {
        "Jeugdhulp Amstel Zuid en Oost",
        "Jeugdhulp Amstel Amstelland",
    }
    assert not Consortium.objects.filter(region=amsterdam).exists()


def test_the_four_regions_have_networks_with_different_expertise_mixes(db: None) -> None:
    mixes = {}
    for code in ("amersfoort", "utrecht", "amsterdam", "kennemerland"):
        region = synced_region(code)
        teams = SpecialistTeam.objects.filter(region=region, active=True)
        assert teams.exists(), code
        mixes[code] = frozenset(frozenset(e.code for e in team.expertise.all()) for team in teams)
        assert len(mixes[code]) == teams.count(), f"{code}: two teams with the same mix"

    assert len(set(mixes.values())) == 4
    kennemerland = Region.objects.get(code="kennemerland")
    assert {t.provider.name for t in SpecialistTeam.objects.filter(region=kennemerland)} >= {
        "Jeugdhulp Duin en Kust",
        "Spaarne Jeugd-GGZ",
        "Gezinshuizen IJmond",
    }


def test_the_sync_command_reports_per_region(amersfoort: Region, utrecht: Region) -> None:
    stdout = StringIO()

    call_command("network", "sync", "utrecht", stdout=stdout)

    assert stdout.getvalue().strip() == (
        "netwerk utrecht (expertise: 0 nieuw, 0 bijgewerkt, 0 inactief; aanbieders: 0 nieuw, "
        "0 bijgewerkt, 0 inactief; samenwerkingsverbanden: 0 nieuw, 0 bijgewerkt, 0 inactief; "
        "teams: 0 nieuw, 0 bijgewerkt, 0 inactief)"
    )
