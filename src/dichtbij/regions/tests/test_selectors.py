"""Reads other apps use: region rules come from the loaded configuration."""

import pytest

from dichtbij.regions.constants import FundingModel, HelpKind, ReferrerType
from dichtbij.regions.errors import RegionNotFound
from dichtbij.regions.selectors import (
    district_list_for_municipality,
    municipality_get,
    region_config,
    region_first_door_organisations_for,
    region_free_access,
    region_funding_model,
    region_get,
    region_list,
    region_referrer_reason,
    region_referrers,
    school_list_for_region,
)
from dichtbij.regions.services import region_load, regions_load_all
from dichtbij.regions.tests.region_files import DATA_DIR

pytestmark = pytest.mark.django_db


def test_region_get_finds_a_loaded_region_by_code() -> None:
    regions_load_all(directory=DATA_DIR)

    assert region_get(code="utrecht").name == "Utrecht"
    assert [region.code for region in region_list()] == [
        "amsterdam",  # Amsterdam-Amstelland en Zaanstreek-Waterland
        "amersfoort",  # Regio Amersfoort
        "utrecht",
        "kennemerland",  # Zuid-Kennemerland en IJmond
    ]


def test_region_get_of_an_unknown_code_raises_region_not_found() -> None:
    with pytest.raises(RegionNotFound) as caught:
        region_get(code="atlantis")

    assert caught.value.status == 404
    assert caught.value.code == "region_not_found"
    assert caught.value.message == 'Er is geen regio met code "atlantis".'


def test_municipality_get_returns_the_gemeente_with_its_region_or_none() -> None:
    region_load(path=DATA_DIR / "kennemerland.toml")

    velsen = municipality_get(code="GM0453")

    assert velsen is not None
    assert velsen.region.code == "kennemerland"
    assert [d.name for d in district_list_for_municipality(municipality=velsen)] == [
        "Driehuis",
        "IJmuiden",
        "Santpoort",
        "Velsen-Noord",
        "Velserbroek",
    ]
    assert municipality_get(code="GM0307") is None


def test_refusal_reason_names_the_referrer_and_who_may_refer() -> None:
    region = region_load(path=DATA_DIR / "kennemerland.toml")

    assert region_referrer_reason(region=region, referrer_type="03") == (
        'In Zuid-Kennemerland en IJmond mag verwijzer "Jeugdarts" niet verwijzen naar '
        "specialistische hulp; dat mogen hier: Gemeente, Huisarts, Gecertificeerde "
        "instelling, Medisch specialist, Rechter, officier van justitie, functionaris JJI."
    )
    assert region_referrer_reason(region=region, referrer_type="02") == (
        'In Zuid-Kennemerland en IJmond mag verwijzer "Huisarts" verwijzen naar '
        "specialistische hulp."
    )
    assert ReferrerType.YOUTH_DOCTOR not in region_referrers(region=region)


def test_first_door_organisation_is_found_per_gemeente() -> None:
    region = region_load(path=DATA_DIR / "kennemerland.toml")

    heemstede = region_first_door_organisations_for(region=region, municipality_code="GM0397")
    haarlem = region_first_door_organisations_for(region=region, municipality_code="GM0392")

    assert [o.name for o in heemstede] == ["CJG Heemstede"]
    assert [o.name for o in haarlem] == ["CJG Kennemerland"]


def test_funding_model_is_read_per_kind_of_help_and_refuses_unknown_kinds() -> None:
    region = region_load(path=DATA_DIR / "amsterdam.toml")

    assert region_funding_model(region=region, kind=HelpKind.CRISIS) == (FundingModel.EFFORT_BASED)
    assert region_funding_model(region=region, kind="verblijf") == FundingModel.OUTPUT_BASED
    with pytest.raises(ValueError):
        region_funding_model(region=region, kind="jeugdreclassering")


def test_free_access_and_schools_are_read_from_the_region() -> None:
    region = region_load(path=DATA_DIR / "amersfoort.toml")

    assert region_free_access(region=region).available
    assert "maatjes" in region_free_access(region=region).offers
    schools = list(school_list_for_region(region=region))
    assert len(schools) == 7
    assert {school.kind for school in schools} == {"po", "vo", "so"}


def test_region_config_round_trips_the_stored_json() -> None:
    region = region_load(path=DATA_DIR / "utrecht.toml")

    assert region_config(region=region).model_dump(mode="json") == region.config
