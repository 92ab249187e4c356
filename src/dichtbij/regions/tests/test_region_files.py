"""The four shipped region files load and keep their real differences."""

import pytest

from dichtbij.regions.constants import (
    FundingModel,
    HelpKind,
    ReferrerType,
    SpecialistStructure,
)
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import Funding
from dichtbij.regions.selectors import (
    municipality_list_for_region,
    region_allows_referrer,
    region_central_entry_for,
    region_contractors_for,
    region_first_door,
    region_funding_model,
    region_has_principle,
    region_life_domains,
    region_plan,
    region_specialist_structure,
    region_specialist_teams_for,
)
from dichtbij.regions.services import region_load, regions_load_all
from dichtbij.regions.tests.region_files import DATA_DIR

pytestmark = pytest.mark.django_db

DEFAULT_LIFE_DOMAINS = [
    "veiligheid",
    "ontwikkeling",
    "opvoeding",
    "school",
    "vrije_tijd",
    "wonen",
    "financien",
    "inkomen_ouders",
    "gezondheid_ouders",
    "middelen",
    "justitie",
]


def load(code: str) -> Region:
    return region_load(path=DATA_DIR / f"{code}.toml")


def codes_of(region: Region) -> set[str]:
    return set(municipality_list_for_region(region=region).values_list("code", flat=True))


def test_all_four_shipped_regions_load_together() -> None:
    regions = regions_load_all(directory=DATA_DIR)

    assert sorted(region.code for region in regions) == [
        "amersfoort",
        "amsterdam",
        "kennemerland",
        "utrecht",
    ]
    assert Municipality.objects.count() == 7 + 1 + 13 + 7


def test_funding_table_names_exactly_the_kinds_of_help() -> None:
    assert set(Funding.model_fields) - {"description"} == set(HelpKind.values)


def test_amersfoort_has_seven_gemeenten_with_wijken_and_kernen() -> None:
    region = load("amersfoort")

    assert region.name == "Regio Amersfoort"
    assert codes_of(region) == {
        "GM0307",
        "GM0308",
        "GM0313",
        "GM0317",
        "GM0327",
        "GM0342",
        "GM0351",
    }
    amersfoort = Municipality.objects.get(code="GM0307")
    assert amersfoort.name == "Amersfoort"
    assert amersfoort.ijw_code == "0307"
    assert amersfoort.districts.count() == 21
    assert set(
        District.objects.filter(municipality__code="GM0342").values_list("name", flat=True)
    ) == {"Soest", "Soestdijk", "Soesterberg"}
    assert School.objects.filter(municipality__region=region).exists()


def test_amersfoort_has_ten_metmaya_area_teams_and_a_central_entry() -> None:
    region = load("amersfoort")
    config = region.config["specialist_help"]

    assert region_specialist_structure(region=region) == SpecialistStructure.AREA_TEAMS
    assert len(config["teams"]) == 10
    assert {team["contractor"] for team in config["teams"]} == {"MetMaya"}
    assert config["contractors"][0]["members"] == ["Youké", "GGz Centraal", "De Rading"]
    assert (
        config["contractors"][0]["contract_start"],
        config["contractors"][0]["contract_end"],
    ) == (
        2024,
        2033,
    )
    vathorst = region_specialist_teams_for(
        region=region, municipality_code="GM0307", district_name="Vathorst"
    )
    assert [team.name for team in vathorst] == [
        "MetMaya Vathorst-Hoogland",
        "MetMaya Regio Intensief",
    ]
    assert region_central_entry_for(region=region, referrer_type="02") == "Entree"
    assert region_central_entry_for(region=region, referrer_type="01") is None
    assert region_funding_model(region=region, kind=HelpKind.AMBULANT) == FundingModel.TASK_BASED


def test_amersfoort_first_door_is_the_local_team_with_one_organisation_per_gemeente() -> None:
    region = load("amersfoort")
    first_door = region_first_door(region=region)

    assert first_door.kind == "lokaal_team"
    assert "Wijkteams Amersfoort" in [
        organisation.name for organisation in first_door.organisations
    ]
    assert len(first_door.organisations) == 7
    assert "sociale basis" in first_door.partners


def test_utrecht_has_two_consortia_with_disjoint_wijken_covering_all_ten() -> None:
    region = load("utrecht")
    wijken = set(
        District.objects.filter(municipality__code="GM0344").values_list("name", flat=True)
    )
    contractors = region.config["specialist_help"]["contractors"]
    by_name = {c["name"]: {w for area in c["areas"] for w in area["wijken"]} for c in contractors}

    assert codes_of(region) == {"GM0344"}
    assert len(wijken) == 10
    assert region_specialist_structure(region=region) == SpecialistStructure.CONSORTIA
    assert set(by_name) == {"KOOS", "Spoor030"}
    assert by_name["KOOS"] == {"Leidsche Rijn", "Vleuten-De Meern", "West", "Zuidwest"}
    assert by_name["KOOS"].isdisjoint(by_name["Spoor030"])
    assert by_name["KOOS"] | by_name["Spoor030"] == wijken
    overvecht = region_contractors_for(
        region=region, municipality_code="GM0344", district_name="Overvecht"
    )
    assert [contractor.name for contractor in overvecht] == ["Spoor030"]


def test_utrecht_states_continuity_and_lets_the_buurtteam_refer() -> None:
    region = load("utrecht")

    assert region_has_principle(region=region, code="continuiteit")
    assert region_first_door(region=region).kind == "buurtteam"
    for referrer in ("01", "02", "03", "04", "05", "08"):
        assert region_allows_referrer(region=region, referrer_type=referrer)
    assert region_funding_model(region=region, kind="ambulant") == FundingModel.TASK_BASED


def test_amsterdam_uses_a_lead_provider_paid_per_result() -> None:
    region = load("amsterdam")

    assert len(codes_of(region)) == 13
    assert {"GM0363", "GM0479", "GM0439", "GM0852"} <= codes_of(region)
    assert "GM0370" not in codes_of(region)  # Beemster merged into Purmerend in 2022
    assert region_specialist_structure(region=region) == SpecialistStructure.LEAD_PROVIDER
    assert region.config["specialist_help"]["contracted_providers"] == {
        "single": 148,
        "multiple": 38,
    }
    assert region_funding_model(region=region, kind=HelpKind.AMBULANT) == (
        FundingModel.OUTPUT_BASED
    )
    assert region_plan(region=region).name == "Perspectiefplan"
    assert region_plan(region=region).lead == "gezin"
    assert set(
        District.objects.filter(municipality__code="GM0363").values_list("name", flat=True)
    ) == {"Centrum", "Nieuw-West", "Noord", "Oost", "West", "Zuid", "Zuidoost", "Weesp"}


def test_amsterdam_adds_dagbesteding_to_the_default_life_domains() -> None:
    amsterdam, amersfoort = load("amsterdam"), load("amersfoort")

    assert [d.code for d in region_life_domains(region=amersfoort)] == DEFAULT_LIFE_DOMAINS
    amsterdam_codes = [d.code for d in region_life_domains(region=amsterdam)]
    assert set(amsterdam_codes) - set(DEFAULT_LIFE_DOMAINS) == {"dagbesteding"}


def test_kennemerland_has_two_cjgs_and_does_not_let_the_jeugdarts_refer() -> None:
    region = load("kennemerland")

    assert codes_of(region) == {
        "GM0377",
        "GM0392",
        "GM0397",
        "GM0473",
        "GM0375",
        "GM0396",
        "GM0453",
    }
    first_door = region_first_door(region=region)
    assert first_door.kind == "cjg"
    assert [o.name for o in first_door.organisations] == ["CJG Kennemerland", "CJG Heemstede"]
    assert not region_allows_referrer(region=region, referrer_type=ReferrerType.YOUTH_DOCTOR)
    assert region_allows_referrer(region=region, referrer_type=ReferrerType.GENERAL_PRACTITIONER)
    assert region_specialist_structure(region=region) == SpecialistStructure.PER_PRODUCT
    assert region_funding_model(region=region, kind=HelpKind.AMBULANT) == (
        FundingModel.EFFORT_BASED
    )


def test_only_kennemerland_refuses_the_jeugdarts() -> None:
    regions = regions_load_all(directory=DATA_DIR)

    refusing = [
        region.code
        for region in regions
        if not region_allows_referrer(region=region, referrer_type="03")
    ]
    assert refusing == ["kennemerland"]
