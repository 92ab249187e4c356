"""The specialist network in a region file: expertise list, providers, team details."""

import pytest

from dichtbij.regions.config import region_file_read
from dichtbij.regions.errors import RegionConfigError
from dichtbij.regions.schema import LANGUAGES
from dichtbij.regions.selectors import region_expertise_list
from dichtbij.regions.services import region_load
from dichtbij.regions.tests.region_files import DATA_DIR, WriteRegion, edited

NOORD = 'name = "MetMaya Amersfoort Noord"\ncontractor = "MetMaya"\n'

BROKEN = {
    "unknown_expertise_code": (
        "amersfoort",
        [
            (
                'expertise = ["gezinsbehandeling", "trauma"',
                'expertise = ["gezinsbehandeling", "ptss"',
            )
        ],
        "amersfoort.toml: specialist_help.teams[2].expertise[1]: onbekende expertise "
        '"ptss": staat niet onder specialist_help.expertise',
    ),
    "free_text_expertise": (
        "amersfoort",
        [
            (
                'expertise = ["gezinsbehandeling", "trauma"',
                'expertise = ["gezinsbehandeling", "Trauma"',
            )
        ],
        'amersfoort.toml: specialist_help.teams[2].expertise[1]: ongeldige code "Trauma"',
    ),
    "duplicate_expertise_in_list": (
        "amersfoort",
        [('{ code = "lvb", name', '{ code = "trauma", name')],
        'amersfoort.toml: specialist_help.expertise[7].code: dubbel: expertisecode "trauma"',
    ),
    "duplicate_expertise_in_team": (
        "amersfoort",
        [('expertise = ["gezinsbehandeling", "trauma"', 'expertise = ["trauma", "trauma"')],
        'amersfoort.toml: specialist_help.teams[2].expertise[1]: dubbel: expertise "trauma"',
    ),
    "agb_code_not_8_digits": (
        "amsterdam",
        [('agb_code = "99990001"', 'agb_code = "9999001"')],
        "amsterdam.toml: specialist_help.contractors[0].agb_code: ongeldige AGB-code "
        '"9999001": verwacht 8 cijfers',
    ),
    "agb_code_with_letters": (
        "amsterdam",
        [('agb_code = "99990001"', 'agb_code = "9999000A"')],
        'amsterdam.toml: specialist_help.contractors[0].agb_code: ongeldige AGB-code "9999000A"',
    ),
    "duplicate_agb_code": (
        "amsterdam",
        [('agb_code = "99990002"', 'agb_code = "99990001"')],
        'amsterdam.toml: specialist_help.contractors[1].agb_code: dubbel: AGB-code "99990001"',
    ),
    "agb_code_for_a_consortium": (
        "utrecht",
        [
            (
                'name = "KOOS"\nkind = "samenwerkingsverband"\n',
                'name = "KOOS"\nkind = "samenwerkingsverband"\nagb_code = "99990001"\n',
            )
        ],
        "utrecht.toml: specialist_help.contractors[0].agb_code: een samenwerkingsverband heeft "
        "geen eigen AGB-code",
    ),
    "consortium_as_lead_provider": (
        "utrecht",
        [
            (
                'name = "KOOS"\nkind = "samenwerkingsverband"\n',
                'name = "KOOS"\nkind = "samenwerkingsverband"\n'
                'lead_provider_for = ["enkelvoudig"]\n',
            )
        ],
        "utrecht.toml: specialist_help.contractors[0].lead_provider_for: alleen een aanbieder "
        "kan hoofdaannemer zijn",
    ),
    "unknown_lead_provider_scope": (
        "amsterdam",
        [('lead_provider_for = ["enkelvoudig", "meervoudig"]', 'lead_provider_for = ["alles"]')],
        'amsterdam.toml: specialist_help.contractors[0].lead_provider_for[0]: "alles" is geen '
        "soort jeugdhulp voor een hoofdaannemer",
    ),
    "unknown_language": (
        "amersfoort",
        [('languages = ["nl", "ar", "ber"]', 'languages = ["nl", "marokkaans"]')],
        'amersfoort.toml: specialist_help.teams[2].languages[1]: "marokkaans" is geen bekende '
        "taalcode",
    ),
    "team_outside_the_regions_gemeenten": (
        "amersfoort",
        [('{ gemeente = "GM0313" }, { gemeente = "GM0317" }', '{ gemeente = "GM0344" }')],
        'amersfoort.toml: specialist_help.teams[8].areas[0].gemeente: onbekende gemeente "GM0344"',
    ),
    "team_school_unknown": (
        "amersfoort",
        [('schools = ["Scholengemeenschap Schothorst"]', 'schools = ["Het Nieuwe Lyceum"]')],
        'amersfoort.toml: specialist_help.teams[2].schools[0]: onbekende school "Het Nieuwe '
        'Lyceum"',
    ),
    "team_school_outside_its_area": (
        "amersfoort",
        [('schools = ["Scholengemeenschap Schothorst"]', 'schools = ["Basisschool De Schakel"]')],
        'amersfoort.toml: specialist_help.teams[2].schools[0]: school "Basisschool De Schakel" '
        "ligt buiten de gebieden van dit team",
    ),
    "team_outside_its_consortium": (
        "utrecht",
        [
            (
                'wijken = ["Leidsche Rijn", "Vleuten-De Meern"] }]',
                'wijken = ["Leidsche Rijn", "Overvecht"] }]',
            )
        ],
        "utrecht.toml: specialist_help.teams[0].areas[0]: wijk Overvecht van Utrecht (GM0344) "
        "valt buiten het gebied van contractant KOOS",
    ),
    "team_named_like_a_contractor": (
        "amersfoort",
        [(NOORD, 'name = "Youké"\ncontractor = "MetMaya"\n')],
        'amersfoort.toml: specialist_help.teams[2].name: naam "Youké" is al de naam van een '
        "contractant",
    ),
    "caseload_zero": (
        "amersfoort",
        [("max_caseload = 80", "max_caseload = 0")],
        "amersfoort.toml: specialist_help.teams[2].max_caseload: moet minstens 1 zijn",
    ),
}


@pytest.mark.parametrize("mistake", BROKEN, ids=list(BROKEN))
def test_network_mistake_is_refused_with_a_dutch_message(
    write_region: WriteRegion, mistake: str
) -> None:
    region, replacements, expected = BROKEN[mistake]
    path = write_region(f"{region}.toml", edited(region, *replacements))

    with pytest.raises(RegionConfigError) as caught:
        region_file_read(path=path)

    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith(expected) for line in lines), lines


def test_a_team_without_languages_works_in_dutch() -> None:
    source = region_file_read(path=DATA_DIR / "amersfoort.toml")
    soest = next(t for t in source.config.specialist_help.teams if t.name == "MetMaya Soest")

    assert soest.languages == ["nl"]
    assert soest.caseload_per_professional is None  # the region's default applies
    assert source.config.specialist_help.caseload_per_professional == 12


def test_every_language_code_has_a_dutch_name() -> None:
    assert LANGUAGES["nl"] == "Nederlands"
    assert all(len(code) in (2, 3) and code.islower() for code in LANGUAGES)


@pytest.mark.django_db
def test_region_expertise_list_is_in_file_order_with_dutch_names() -> None:
    region = region_load(path=DATA_DIR / "amersfoort.toml")

    expertise = region_expertise_list(region=region)

    assert expertise[0].code == "opvoedondersteuning"
    assert {"jeugd_ggz", "lvb", "trauma", "gezinsbehandeling", "verslaving", "crisis"} <= {
        e.code for e in expertise
    }
    assert next(e.name for e in expertise if e.code == "lvb").startswith("Licht verstandelijke")


@pytest.mark.parametrize("code", ["amersfoort", "utrecht", "amsterdam", "kennemerland"])
def test_every_shipped_team_uses_codes_from_its_regions_list(code: str) -> None:
    help_ = region_file_read(path=DATA_DIR / f"{code}.toml").config.specialist_help
    known = {e.code for e in help_.expertise}

    assert help_.teams
    for team in help_.teams:
        assert set(team.expertise) <= known, team.name
        assert team.max_caseload is not None, team.name


def test_shipped_providers_have_fake_agb_codes_and_amsterdam_has_lead_providers() -> None:
    amsterdam = region_file_read(path=DATA_DIR / "amsterdam.toml").config.specialist_help
    kennemerland = region_file_read(path=DATA_DIR / "kennemerland.toml").config.specialist_help

    for help_ in (amsterdam, kennemerland):
        providers = [c for c in help_.contractors if c.kind == "aanbieder"]
        assert providers
        assert all(c.agb_code and c.agb_code.startswith("9999") for c in providers)
    leads = {c.name: c.lead_provider_for for c in amsterdam.contractors if c.lead_provider_for}
    assert any("meervoudig" in scopes for scopes in leads.values())
    assert len(leads) < len(amsterdam.contractors)  # some work only as sub-contractor
    assert not any(c.lead_provider_for for c in kennemerland.contractors)
