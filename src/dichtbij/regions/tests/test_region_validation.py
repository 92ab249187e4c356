"""A region file with a mistake is refused with file, key and problem, and nothing is stored."""

from pathlib import Path

import pytest

from dichtbij.regions.config import region_file_read, region_files_read
from dichtbij.regions.errors import RegionConfigError
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.services import region_load, regions_load_all
from dichtbij.regions.tests.region_files import DATA_DIR, REGION_FILES, WriteRegion, edited, shipped

BROKEN_AMERSFOORT = {
    "unknown_key": (
        [("model_since = 2024", 'model_since = 2024\nkleur = "blauw"')],
        "amersfoort.toml: kleur: onbekende sleutel",
    ),
    "unknown_nested_key": (
        [('name = "Baarn"', 'name = "Baarn"\ninwoners = 25000')],
        "amersfoort.toml: gemeenten[1].inwoners: onbekende sleutel",
    ),
    "missing_gemeente_code": (
        [('code = "GM0313"\n', "")],
        "amersfoort.toml: gemeenten[2].code: ontbreekt",
    ),
    "malformed_gemeente_code": (
        [('code = "GM0342"', 'code = "0342"')],
        'amersfoort.toml: gemeenten[5].code: ongeldige CBS-gemeentecode "0342"',
    ),
    "duplicate_wijk": (
        [('"Tabaksteeg", "Achterveld"]', '"Tabaksteeg", "Achterveld", "Tabaksteeg"]')],
        'amersfoort.toml: gemeenten[4].wijken[4]: dubbel: wijk "Tabaksteeg" staat ook bij '
        "gemeenten[4].wijken[2]",
    ),
    "duplicate_gemeente_code": (
        [('code = "GM0351"', 'code = "GM0308"')],
        'amersfoort.toml: gemeenten[6].code: dubbel: gemeentecode "GM0308"',
    ),
    "unknown_referrer_type": (
        [('"04", "05", "08"]', '"04", "05", "07", "08"]')],
        'amersfoort.toml: referral.allowed_referrers[5]: "07" is geen verwijzertype (COD327)',
    ),
    "referrer_required_by_law_missing": (
        [('"04", "05", "08"]', '"04", "05"]')],
        "amersfoort.toml: referral.allowed_referrers: verwijzertype 08",
    ),
    "unknown_funding_model": (
        [('ambulant = "taakgericht"', 'ambulant = "resultaatgericht"')],
        'amersfoort.toml: funding.ambulant: "resultaatgericht" is geen uitvoeringsvariant',
    ),
    "team_with_unknown_wijk": (
        [('wijken = ["Soesterberg"]', 'wijken = ["Soesterberg-Noord"]')],
        "amersfoort.toml: specialist_help.teams[6].areas[0].wijken[0]: onbekende wijk "
        '"Soesterberg-Noord"',
    ),
    "team_with_unknown_gemeente": (
        [('{ gemeente = "GM0313" }, { gemeente = "GM0317" }', '{ gemeente = "GM0999" }')],
        'amersfoort.toml: specialist_help.teams[8].areas[0].gemeente: onbekende gemeente "GM0999"',
    ),
    "school_in_unknown_wijk": (
        [('wijk = "Kattenbroek"', 'wijk = "Kattenbroek-Oost"')],
        'amersfoort.toml: schools[0].wijk: onbekende wijk "Kattenbroek-Oost"',
    ),
    "wrong_type": (
        [("available = true", 'available = "ja"')],
        "amersfoort.toml: free_access.available: moet true of false zijn",
    ),
    "toml_syntax_error": (
        [
            ('name = "Regio Amersfoort"', 'name = "Regio Amersfoort'),
        ],
        "amersfoort.toml: regel 7, kolom ",
    ),
}


@pytest.mark.parametrize("mistake", BROKEN_AMERSFOORT, ids=list(BROKEN_AMERSFOORT))
@pytest.mark.django_db
def test_broken_file_is_refused_naming_file_key_and_problem(
    write_region: WriteRegion, mistake: str
) -> None:
    replacements, expected = BROKEN_AMERSFOORT[mistake]
    path = write_region("amersfoort.toml", edited("amersfoort", *replacements))

    with pytest.raises(RegionConfigError) as caught:
        region_load(path=path)

    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith(expected) for line in lines), lines
    assert expected in str(caught.value)
    assert caught.value.data["problems"]
    assert Region.objects.count() == 0
    assert Municipality.objects.count() == District.objects.count() == School.objects.count() == 0


def test_toml_syntax_error_says_it_is_no_valid_toml(write_region: WriteRegion) -> None:
    path = write_region("kapot.toml", 'schema_version = 1\ncode = "kapot"\nname = \n')

    with pytest.raises(RegionConfigError) as caught:
        region_file_read(path=path)

    assert [str(p) for p in caught.value.problems] == [
        "kapot.toml: regel 3, kolom 8: geen geldige TOML (Invalid value)"
    ]


def test_every_problem_of_a_file_is_reported_not_just_the_first(write_region: WriteRegion) -> None:
    path = write_region(
        "amersfoort.toml",
        edited(
            "amersfoort",
            ("model_since = 2024", 'model_since = 2024\nkleur = "blauw"'),
            ('code = "GM0313"\n', ""),
            ('"Tabaksteeg", "Achterveld"]', '"Tabaksteeg", "Achterveld", "Tabaksteeg"]'),
            ('"04", "05", "08"]', '"04", "05", "07", "08"]'),
        ),
    )

    with pytest.raises(RegionConfigError) as caught:
        region_file_read(path=path)

    keys = {problem.key for problem in caught.value.problems}
    assert {
        "kleur",
        "gemeenten[2].code",
        "gemeenten[4].wijken[4]",
        "referral.allowed_referrers[5]",
    } <= keys
    assert {problem.file for problem in caught.value.problems} == {"amersfoort.toml"}


def test_a_gemeente_without_first_door_or_area_team_is_refused(
    write_region: WriteRegion,
) -> None:
    path = write_region(
        "amersfoort.toml",
        edited(
            "amersfoort",
            (
                '[[first_door.organisations]]\nname = "Sociaal Team Eemnes"\n'
                'gemeenten = ["GM0317"]\n',
                "",
            ),
            ('{ gemeente = "GM0313" }, { gemeente = "GM0317" }', '{ gemeente = "GM0313" }'),
            ('{ gemeente = "GM0317" }, { gemeente = "GM0327" }', '{ gemeente = "GM0327" }'),
        ),
    )

    with pytest.raises(RegionConfigError) as caught:
        region_file_read(path=path)

    assert [str(p) for p in caught.value.problems] == [
        "amersfoort.toml: first_door.organisations: gemeente Eemnes (GM0317) heeft geen "
        "organisatie als eerste deur",
        "amersfoort.toml: specialist_help.teams: gemeente Eemnes (GM0317) heeft geen gebiedsteam",
    ]


def test_consortia_with_overlapping_or_missing_wijken_are_refused(
    write_region: WriteRegion,
) -> None:
    path = write_region(
        "utrecht.toml",
        edited(
            "utrecht",
            (
                '"Leidsche Rijn", "Vleuten-De Meern", "West", "Zuidwest"] },',
                '"Leidsche Rijn", "Vleuten-De Meern", "West", "Oost"] },',
            ),
        ),
    )

    with pytest.raises(RegionConfigError) as caught:
        region_file_read(path=path)

    messages = [str(p) for p in caught.value.problems]
    assert (
        "utrecht.toml: specialist_help.contractors[1].areas[0].wijken[3]: wijk Oost van "
        "Utrecht (GM0344) valt al onder specialist_help.contractors[0].areas[0].wijken[3]"
    ) in messages
    assert (
        "utrecht.toml: specialist_help.contractors: wijk Zuidwest van Utrecht (GM0344) valt "
        "onder geen samenwerkingsverband"
    ) in messages


def test_the_same_gemeente_in_two_files_is_refused(write_region: WriteRegion) -> None:
    first = write_region("utrecht.toml", shipped("utrecht"))
    second = write_region(
        "utrecht-kopie.toml", edited("utrecht", ('code = "utrecht"', 'code = "utrecht-kopie"'))
    )

    with pytest.raises(RegionConfigError) as caught:
        region_files_read(paths=[first, second])

    assert [str(p) for p in caught.value.problems] == [
        'utrecht-kopie.toml: gemeenten[0].code: gemeentecode "GM0344" staat ook in utrecht.toml'
    ]


def test_the_same_region_code_in_two_files_is_refused(write_region: WriteRegion) -> None:
    first = write_region("a.toml", edited("utrecht"))
    second = write_region(
        "b.toml", edited("kennemerland", ('code = "kennemerland"', 'code = "utrecht"'))
    )

    with pytest.raises(RegionConfigError) as caught:
        region_files_read(paths=[first, second])

    assert [str(p) for p in caught.value.problems] == [
        'b.toml: code: regiocode "utrecht" staat ook in a.toml'
    ]


@pytest.mark.django_db
def test_load_all_with_one_bad_file_among_good_ones_stores_nothing(
    tmp_path: Path, write_region: WriteRegion
) -> None:
    for path in REGION_FILES:
        write_region(path.name, path.read_text(encoding="utf-8"))
    write_region("utrecht.toml", edited("utrecht", ('code = "GM0344"', 'code = "GM344"')))

    with pytest.raises(RegionConfigError) as caught:
        regions_load_all(directory=tmp_path)

    assert {problem.file for problem in caught.value.problems} == {"utrecht.toml"}
    assert Region.objects.count() == 0
    assert Municipality.objects.count() == District.objects.count() == School.objects.count() == 0


@pytest.mark.django_db
def test_a_failed_load_leaves_the_loaded_regions_as_they_were(
    tmp_path: Path, write_region: WriteRegion
) -> None:
    regions_load_all(directory=DATA_DIR)
    before = list(Region.objects.values_list("code", "content_hash", "loaded_at"))
    districts = District.objects.count()
    for path in REGION_FILES:
        write_region(path.name, path.read_text(encoding="utf-8"))
    write_region(
        "amersfoort.toml",
        edited(
            "amersfoort",
            ('"Eemdijk"]', '"Eemdijk", "Zeldert"]'),
            ("available = true", "available = 1"),
        ),
    )

    with pytest.raises(RegionConfigError):
        regions_load_all(directory=tmp_path)

    assert list(Region.objects.values_list("code", "content_hash", "loaded_at")) == before
    assert District.objects.count() == districts


def test_a_missing_directory_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(RegionConfigError) as caught:
        regions_load_all(directory=tmp_path / "bestaat-niet")

    assert "map met regiobestanden bestaat niet" in str(caught.value)
