"""Reads of the regions app, for pages, the API and other apps.

A region's rules are read here from :attr:`Region.config`, the validated content of its
file, as typed :mod:`~dichtbij.regions.schema` models. Other apps ask these functions
("may a jeugdarts refer here?", "how is crisis help paid?") and never test a region's name.

Region data is public configuration (no personal data), so these reads need no viewer.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext

from dichtbij.regions.constants import FundingModel, HelpKind, ReferrerType, SpecialistStructure
from dichtbij.regions.errors import RegionNotFound
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import (
    Area,
    Contractor,
    Expertise,
    FirstDoor,
    FirstDoorOrganisation,
    FreeAccess,
    LifeDomain,
    Plan,
    RegionFile,
    SpecialistTeam,
    Triage,
)

# Parsed configurations by content hash: a region's config changes only with its hash.
_config_cache: dict[str, RegionFile] = {}


# --- Rows -----------------------------------------------------------------------------


def region_list() -> QuerySet[Region]:
    """All regions, by name."""
    return Region.objects.order_by("name")


def region_get(*, code: str) -> Region:
    """The region with ``code``; raises :class:`RegionNotFound` if there is none."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise RegionNotFound(
            gettext('Er is geen regio met code "%(code)s".') % {"code": code}, region_code=code
        )
    return region


def region_list_for(*, viewer: object) -> QuerySet[Region]:
    """The regions ``viewer`` (a user) may see: their own, or none."""
    region_id = getattr(viewer, "region_id", None)
    if region_id is None:
        return Region.objects.none()
    return Region.objects.filter(pk=region_id)


def region_of(*, viewer: object) -> Region:
    """The viewer's own region; :class:`RegionNotFound` (404) for a user without one."""
    region = region_list_for(viewer=viewer).first()
    if region is None:
        raise RegionNotFound(gettext("U hoort bij geen regio."))
    return region


def municipality_list_for_region(*, region: Region) -> QuerySet[Municipality]:
    """The region's gemeenten, by name."""
    return Municipality.objects.filter(region=region).order_by("name")


def municipality_get(*, code: str) -> Municipality | None:
    """The gemeente with CBS code ``code`` (``GM0307``), with its region; or ``None``."""
    return Municipality.objects.select_related("region").filter(code=code).first()


def district_list_for_municipality(*, municipality: Municipality) -> QuerySet[District]:
    """The gemeente's wijken (or kernen), by name."""
    return District.objects.filter(municipality=municipality).order_by("name")


def school_list_for_region(*, region: Region) -> QuerySet[School]:
    """The schools in the region's gemeenten, by name, with gemeente and wijk."""
    return (
        School.objects.filter(municipality__region=region)
        .select_related("municipality", "district")
        .order_by("name")
    )


# --- Rules from the configuration ----------------------------------------------------


def region_config(*, region: Region) -> RegionFile:
    """The region's validated configuration.

    Raises pydantic's ``ValidationError`` only if the stored configuration no longer
    matches the schema (after an upgrade); ``dichtbij regions load --force`` repairs that.
    """
    cached = _config_cache.get(region.content_hash)
    if cached is None:
        cached = RegionFile.model_validate(region.config)
        if region.content_hash:
            _config_cache[region.content_hash] = cached
    return cached


def region_referrers(*, region: Region) -> list[ReferrerType]:
    """The referrer types (COD327) that may refer to specialist help, in file order."""
    return [ReferrerType(code) for code in region_config(region=region).referral.allowed_referrers]


def region_allows_referrer(*, region: Region, referrer_type: str) -> bool:
    """Whether a referrer of ``referrer_type`` (COD327 code) may refer to specialist help."""
    return referrer_type in region_config(region=region).referral.allowed_referrers


def region_referrer_reason(*, region: Region, referrer_type: str) -> str:
    """A Dutch sentence explaining :func:`region_allows_referrer`, to show to users."""
    label = (
        ReferrerType(referrer_type).label if referrer_type in ReferrerType.values else referrer_type
    )
    allowed = ", ".join(str(referrer.label) for referrer in region_referrers(region=region))
    values = {"region": region.name, "referrer": str(label), "allowed": allowed}
    if region_allows_referrer(region=region, referrer_type=referrer_type):
        return (
            gettext(
                'In %(region)s mag verwijzer "%(referrer)s" verwijzen naar specialistische hulp.'
            )
            % values
        )
    return (
        gettext(
            'In %(region)s mag verwijzer "%(referrer)s" niet verwijzen naar specialistische '
            "hulp; dat mogen hier: %(allowed)s."
        )
        % values
    )


def region_central_entry_for(*, region: Region, referrer_type: str) -> str | None:
    """The central entry (e.g. "Entree") this referrer type refers through, if any."""
    referral = region_config(region=region).referral
    if referrer_type in referral.central_entry_referrers:
        return referral.central_entry
    return None


def region_start_norm_days(*, region: Region) -> int:
    """Working days within which help should start after a referral was accepted
    (``referral.start_norm_working_days``); later, the referral is flagged."""
    return region_config(region=region).referral.start_norm_working_days


def region_first_door(*, region: Region) -> FirstDoor:
    """The region's first door: its kind, description and organisations."""
    return region_config(region=region).first_door


def region_first_door_organisations_for(
    *, region: Region, municipality_code: str
) -> list[FirstDoorOrganisation]:
    """The first-door organisations serving the gemeente with ``municipality_code``."""
    return [
        organisation
        for organisation in region_first_door(region=region).organisations
        if municipality_code in organisation.gemeenten
    ]


def region_free_access(*, region: Region) -> FreeAccess:
    """What help the region offers without referral."""
    return region_config(region=region).free_access


def region_life_domains(*, region: Region) -> list[LifeDomain]:
    """The life domains (leefdomeinen) of the region's family plans, in file order."""
    return list(region_config(region=region).life_domains)


def region_plan(*, region: Region) -> Plan:
    """The family plan the region works with (name, default regie)."""
    return region_config(region=region).plan


def region_funding_model(*, region: Region, kind: HelpKind | str) -> FundingModel:
    """The funding model (uitvoeringsvariant) of a kind of help in the region.

    Raises ``ValueError`` if ``kind`` is not a :class:`HelpKind` value.
    """
    funding = region_config(region=region).funding
    value: str = getattr(funding, HelpKind(kind).value)
    return FundingModel(value)


def region_specialist_structure(*, region: Region) -> SpecialistStructure:
    """How the region organises specialist help."""
    return SpecialistStructure(region_config(region=region).specialist_help.structure)


def _covers(areas: list[Area], municipality_code: str, district_name: str | None) -> bool:
    return any(
        area.gemeente == municipality_code
        and (not area.wijken or district_name is None or district_name in area.wijken)
        for area in areas
    )


def region_specialist_teams_for(
    *, region: Region, municipality_code: str, district_name: str | None = None
) -> list[SpecialistTeam]:
    """The specialist teams whose areas cover a gemeente (and wijk, if given)."""
    teams = region_config(region=region).specialist_help.teams
    return [team for team in teams if _covers(team.areas, municipality_code, district_name)]


def region_contractors_for(
    *, region: Region, municipality_code: str, district_name: str | None = None
) -> list[Contractor]:
    """The contractors (e.g. a consortium) whose areas cover a gemeente (and wijk)."""
    contractors = region_config(region=region).specialist_help.contractors
    return [c for c in contractors if _covers(c.areas, municipality_code, district_name)]


def region_has_principle(*, region: Region, code: str) -> bool:
    """Whether the region states the principle ``code`` (e.g. ``continuiteit``)."""
    return any(principle.code == code for principle in region_config(region=region).principles)


def region_expertise_list(*, region: Region) -> list[Expertise]:
    """The expertise the region's specialist teams can have (code and Dutch name), in file
    order; teams and referrals name these codes."""
    return list(region_config(region=region).specialist_help.expertise)


def region_triage(*, region: Region) -> Triage:
    """The region's triage: ordered rules (first match wins) and a text per outcome.

    :mod:`dichtbij.requests.triage` applies it; see the regions README for the language.
    """
    return region_config(region=region).triage
