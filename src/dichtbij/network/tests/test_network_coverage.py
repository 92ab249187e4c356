"""Which teams can reach a child: by gemeente, wijk and school; profiles agree with the DB."""

from __future__ import annotations

from pathlib import Path

import pytest

from dichtbij.network.errors import AreaOutsideRegion, SchoolOutsideTeamArea, UnknownExpertise
from dichtbij.network.selectors import (
    expertise_resolve,
    team_profiles_for_region,
    teams_covering,
)
from dichtbij.network.services import school_link_add
from dichtbij.network.tests.factories import load_edited, make_professional, team_named
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.tests.region_files import edited

pytestmark = pytest.mark.django_db


def names(teams: object) -> list[str]:
    return [team.name for team in teams]  # type: ignore[attr-defined]


def gemeente(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def wijk(code: str, name: str) -> District:
    return District.objects.get(municipality__code=code, name=name)


def school(name: str) -> School:
    return School.objects.select_related("municipality", "district").get(name=name)


def test_a_gemeente_is_covered_by_its_teams_and_the_regional_team(amersfoort: Region) -> None:
    assert names(teams_covering(region=amersfoort, municipality=gemeente("GM0308"))) == [
        "MetMaya Soesterberg-Baarn",
        "MetMaya Regio Intensief",
    ]


def test_a_wijk_is_covered_only_by_the_teams_of_that_wijk(amersfoort: Region) -> None:
    vathorst = teams_covering(
        region=amersfoort, municipality=gemeente("GM0307"), district=wijk("GM0307", "Vathorst")
    )
    soesterberg = teams_covering(
        region=amersfoort, municipality=gemeente("GM0342"), district=wijk("GM0342", "Soesterberg")
    )

    assert names(vathorst) == ["MetMaya Vathorst-Hoogland", "MetMaya Regio Intensief"]
    assert names(soesterberg) == ["MetMaya Soesterberg-Baarn", "MetMaya Regio Intensief"]


def test_without_a_wijk_every_team_in_the_gemeente_counts(amersfoort: Region) -> None:
    teams = names(teams_covering(region=amersfoort, municipality=gemeente("GM0307")))

    assert len(teams) == 6
    assert "MetMaya Soest" not in teams


def test_a_school_adds_the_teams_that_work_there(utrecht: Region) -> None:
    # Lives in Leidsche Rijn (KOOS), goes to school in Overvecht (Spoor030 Noord's school).
    teams = teams_covering(
        region=utrecht,
        municipality=gemeente("GM0344"),
        district=wijk("GM0344", "Leidsche Rijn"),
        school=school("Basisschool De Regenboog"),
    )

    assert names(teams) == ["KOOS Leidsche Rijn en Vleuten-De Meern", "Spoor030 Noord"]


def test_a_vast_gezicht_brings_the_team_to_the_school(amersfoort: Region, tmp_path: Path) -> None:
    path = tmp_path / "amersfoort.toml"
    path.write_text(
        edited("amersfoort", ('schools = ["Basisschool De Zonnewijzer", "SO De Eemhoeve"]\n', "")),
        encoding="utf-8",
    )
    region = load_edited(path)
    oost = team_named(region, "MetMaya Amersfoort Oost")
    zonnewijzer = school("Basisschool De Zonnewijzer")
    soest = {"region": region, "municipality": gemeente("GM0342"), "school": zonnewijzer}
    assert "MetMaya Amersfoort Oost" not in names(teams_covering(**soest))

    school_link_add(professional=make_professional(oost), school=zonnewijzer)

    assert names(teams_covering(**soest)) == [
        "MetMaya Amersfoort Oost",
        "MetMaya Soest",
        "MetMaya Soesterberg-Baarn",
        "MetMaya Regio Intensief",
    ]


def test_a_vast_gezicht_only_at_a_school_in_the_teams_area(amersfoort: Region) -> None:
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")

    with pytest.raises(SchoolOutsideTeamArea) as caught:
        school_link_add(professional=make_professional(noord), school=school("SO De Eemhoeve"))

    assert caught.value.message == (
        "SO De Eemhoeve ligt buiten de gebieden van MetMaya Amersfoort Noord."
    )


def test_areas_of_another_region_or_gemeente_are_refused(
    amersfoort: Region, utrecht: Region
) -> None:
    with pytest.raises(AreaOutsideRegion, match="Gemeente Utrecht hoort niet bij"):
        teams_covering(region=amersfoort, municipality=gemeente("GM0344"))
    with pytest.raises(AreaOutsideRegion, match="Wijk Vathorst hoort niet bij gemeente Baarn"):
        teams_covering(
            region=amersfoort, municipality=gemeente("GM0308"), district=wijk("GM0307", "Vathorst")
        )
    with pytest.raises(AreaOutsideRegion, match="School Basisschool De Regenboog"):
        teams_covering(
            region=amersfoort,
            municipality=gemeente("GM0308"),
            school=school("Basisschool De Regenboog"),
        )


@pytest.mark.parametrize("code", ["amersfoort", "utrecht", "amsterdam", "kennemerland"])
def test_profiles_agree_with_the_database_for_every_gemeente_wijk_and_school(
    code: str, amersfoort: Region, utrecht: Region, amsterdam: Region, kennemerland: Region
) -> None:
    region = Region.objects.get(code=code)
    profiles = team_profiles_for_region(region=region)
    schools = list(School.objects.filter(municipality__region=region)) + [None]
    for municipality in Municipality.objects.filter(region=region):
        for district in [None, *municipality.districts.all()]:
            for child_school in schools:
                expected = names(
                    teams_covering(
                        region=region,
                        municipality=municipality,
                        district=district,
                        school=child_school,
                    )
                )
                found = [
                    p.name
                    for p in profiles
                    if p.covers(
                        municipality_id=municipality.pk,
                        district_id=district.pk if district else None,
                        school_id=child_school.pk if child_school else None,
                    )
                ]
                assert found == expected, (municipality, district, child_school)


def test_profiles_are_loaded_in_a_fixed_number_of_queries(
    amsterdam: Region, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(7):  # type: ignore[operator]
        profiles = team_profiles_for_region(region=amsterdam)

    assert len(profiles) == 8
    lead = {p.name: p.can_be_lead_provider for p in profiles}
    assert lead["Jeugdhulp Amstel Zuid en Oost"] is True
    assert lead["Crisisdienst Jeugd mobiel team"] is False


def test_unknown_expertise_is_refused_naming_the_code(amersfoort: Region) -> None:
    assert [e.code for e in expertise_resolve(region=amersfoort, codes=["lvb", "trauma"])] == [
        "lvb",
        "trauma",
    ]
    with pytest.raises(UnknownExpertise) as caught:
        expertise_resolve(region=amersfoort, codes=["lvb", "huiselijk_geweld"])

    assert caught.value.message.startswith(
        'Onbekende expertise "huiselijk_geweld" in Regio Amersfoort; kies uit: '
        "opvoedondersteuning, "
    )
    assert caught.value.data["codes"] == ["huiselijk_geweld"]
