"""Loading region files is atomic and idempotent, and updates regions in place."""

from collections.abc import Collection

import pytest
from django.db import models
from pytest_django import DjangoAssertNumQueries

from dichtbij.regions import services
from dichtbij.regions.constants import LoadStatus
from dichtbij.regions.errors import RegionConfigError
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.services import region_load, regions_load, regions_load_all
from dichtbij.regions.tests.region_files import (
    DATA_DIR,
    REGION_FILES,
    WriteRegion,
    edited,
    minimal_region,
)

pytestmark = pytest.mark.django_db


def row_counts() -> tuple[int, int, int, int]:
    return (
        Region.objects.count(),
        Municipality.objects.count(),
        District.objects.count(),
        School.objects.count(),
    )


def test_loading_twice_changes_nothing_the_second_time() -> None:
    first = regions_load(paths=REGION_FILES)
    counts = row_counts()
    stamps = list(Region.objects.order_by("code").values_list("pk", "loaded_at", "content_hash"))

    second = regions_load(paths=REGION_FILES)

    assert {result.status for result in first} == {LoadStatus.CREATED}
    assert {result.status for result in second} == {LoadStatus.UNCHANGED}
    assert row_counts() == counts
    assert (
        list(Region.objects.order_by("code").values_list("pk", "loaded_at", "content_hash"))
        == stamps
    )


def test_an_unchanged_reload_only_reads(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    regions_load_all(directory=DATA_DIR)

    # One ownership check and one region lookup per file, plus the savepoint.
    with django_assert_max_num_queries(2 * len(REGION_FILES) + 2):
        regions_load_all(directory=DATA_DIR)


def test_comments_and_layout_do_not_count_as_a_change(write_region: WriteRegion) -> None:
    region_load(path=DATA_DIR / "utrecht.toml")
    path = write_region("utrecht.toml", "# a new comment\n\n" + edited("utrecht"))

    [result] = regions_load(paths=[path])

    assert result.status == LoadStatus.UNCHANGED


def test_a_changed_file_updates_the_region_in_place(write_region: WriteRegion) -> None:
    region = region_load(path=DATA_DIR / "amersfoort.toml")
    soest = Municipality.objects.get(code="GM0342")
    vathorst = District.objects.get(municipality__code="GM0307", name="Vathorst")
    path = write_region(
        "amersfoort.toml",
        edited(
            "amersfoort",
            ('name = "Regio Amersfoort"', 'name = "Regio Amersfoort (Eemland)"'),
            ('"Bunschoten-Spakenburg", "Eemdijk"]', '"Bunschoten-Spakenburg", "Zeldert"]'),
            ('wijk = "Kattenbroek"\nkind = "po"', 'wijk = "Nieuwland"\nkind = "po"'),
            (
                '[[schools]]\nname = "Basisschool De Schakel"\ngemeente = "GM0327"\n'
                'wijk = "Achterveld"\nkind = "po"\n',
                "",
            ),
            # The school's team no longer works there either.
            ('schools = ["Basisschool De Schakel"]\n', ""),
        ),
    )

    [result] = regions_load(paths=[path])

    assert result.status == LoadStatus.UPDATED
    assert (result.districts.created, result.districts.deleted) == (1, 1)
    assert (result.schools.updated, result.schools.deleted) == (1, 1)
    assert result.municipalities.created == result.municipalities.deleted == 0
    region.refresh_from_db()
    assert region.name == "Regio Amersfoort (Eemland)"
    assert region.config["name"] == "Regio Amersfoort (Eemland)"
    assert Region.objects.get(code="amersfoort").pk == region.pk
    assert Municipality.objects.get(code="GM0342").pk == soest.pk
    assert District.objects.get(municipality__code="GM0307", name="Vathorst").pk == vathorst.pk
    assert set(
        District.objects.filter(municipality__code="GM0313").values_list("name", flat=True)
    ) == {"Bunschoten-Spakenburg", "Zeldert"}
    assert School.objects.get(name="Basisschool De Zonnewijzer").district.name == "Nieuwland"
    assert not School.objects.filter(name="Basisschool De Schakel").exists()


def test_a_gemeente_removed_from_the_file_is_deleted_with_its_wijken(
    write_region: WriteRegion,
) -> None:
    regions_load(
        paths=[write_region("r.toml", minimal_region("r", {"GM0001": "Een", "GM0002": "Twee"}))]
    )

    [result] = regions_load(paths=[write_region("r.toml", minimal_region("r", {"GM0001": "Een"}))])

    assert result.municipalities.deleted == 1
    assert list(Municipality.objects.values_list("code", flat=True)) == ["GM0001"]


def test_a_gemeente_moves_between_regions_when_both_files_load_together(
    write_region: WriteRegion,
) -> None:
    a = write_region("a.toml", minimal_region("a", {"GM0001": "Een", "GM0002": "Twee"}))
    b = write_region("b.toml", minimal_region("b", {"GM0003": "Drie"}))
    regions_load(paths=[a, b])
    moving = Municipality.objects.get(code="GM0002")
    a = write_region("a.toml", minimal_region("a", {"GM0001": "Een"}))
    b = write_region("b.toml", minimal_region("b", {"GM0003": "Drie", "GM0002": "Twee"}))

    regions_load(paths=[a, b])

    moved = Municipality.objects.get(code="GM0002")
    assert moved.pk == moving.pk
    assert moved.region.code == "b"


def test_a_gemeente_of_another_loaded_region_is_refused_when_loaded_alone(
    write_region: WriteRegion,
) -> None:
    regions_load(paths=[write_region("a.toml", minimal_region("a", {"GM0001": "Een"}))])
    b = write_region("b.toml", minimal_region("b", {"GM0001": "Een"}))

    with pytest.raises(RegionConfigError) as caught:
        region_load(path=b)

    assert str(caught.value.problems[0]).startswith(
        'b.toml: gemeenten[0].code: gemeente "GM0001" hoort al bij regio Regio a (a.toml)'
    )
    assert not Region.objects.filter(code="b").exists()


def test_wijken_still_referred_to_elsewhere_are_not_deleted_and_nothing_is_stored(
    write_region: WriteRegion, monkeypatch: pytest.MonkeyPatch
) -> None:
    region_load(path=DATA_DIR / "amersfoort.toml")
    before = row_counts()

    def referred(model: type[models.Model], pks: Collection[int]) -> int:
        return 2 if model is District and pks else 0

    monkeypatch.setattr(services, "_external_references", referred)
    path = write_region(
        "amersfoort.toml",
        edited(
            "amersfoort",
            ('name = "Regio Amersfoort"', 'name = "Regio Eemland"'),
            ('wijken = ["Baarn", "Lage Vuursche"]', 'wijken = ["Baarn"]'),
            ('"Bunschoten-Spakenburg", "Eemdijk"]', '"Bunschoten-Spakenburg"]'),
        ),
    )

    with pytest.raises(RegionConfigError) as caught:
        region_load(path=path)

    assert [str(p) for p in caught.value.problems] == [
        "amersfoort.toml: gemeenten[1].wijken: wijk Lage Vuursche van Baarn staat niet meer "
        "in het bestand, maar 2 gegevens verwijzen ernaar; verwijderen kan niet",
        "amersfoort.toml: gemeenten[2].wijken: wijk Eemdijk van Bunschoten staat niet meer in "
        "het bestand, maar 2 gegevens verwijzen ernaar; verwijderen kan niet",
    ]
    assert row_counts() == before
    assert Region.objects.get(code="amersfoort").name == "Regio Amersfoort"


def test_force_rewrites_an_unchanged_file() -> None:
    region_load(path=DATA_DIR / "utrecht.toml")
    Municipality.objects.filter(code="GM0344").update(name="Utreg")

    [result] = regions_load(paths=[DATA_DIR / "utrecht.toml"], force=True)

    assert result.status == LoadStatus.UPDATED
    assert result.municipalities.updated == 1
    assert Municipality.objects.get(code="GM0344").name == "Utrecht"
