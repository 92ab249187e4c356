"""The shape of a region file, as pydantic models.

This module checks each value on its own (type, format, code list); rules that relate
values to each other (duplicates, references to gemeenten and wijken, coverage) live in
:mod:`dichtbij.regions.checks`. Keys are English snake_case, except the Dutch domain terms
``gemeenten``, ``wijken``, ``gemeente``, ``wijk`` and the help kinds under ``funding``.
Values a person reads are Dutch. Every model forbids unknown keys and converts no types
(strict: ``available = 1`` is not a boolean).

``RegionFile.model_dump(mode="json")`` is what :attr:`Region.config` stores.
"""

import re
from collections.abc import Callable
from typing import Annotated

from django.db.models import TextChoices
from django.utils.translation import gettext
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from dichtbij.regions.constants import (
    ContractorKind,
    DistrictKind,
    FirstDoorKind,
    FundingModel,
    PlanLead,
    ReferrerType,
    SchoolKind,
    SpecialistStructure,
)

#: The version of the file format this code reads.
SCHEMA_VERSION = 1

#: Custom error type of this module; its message is already Dutch.
ERROR_TYPE = "region_value"

GEMEENTE_CODE_RE = re.compile(r"^GM[0-9]{4}$")
REGION_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{0,49}$")
SHORT_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError(ERROR_TYPE, "{message}", {"message": message})


def _gemeente_code(value: str) -> str:
    if not GEMEENTE_CODE_RE.match(value):
        raise _fail(
            gettext(
                'ongeldige CBS-gemeentecode "%(value)s": verwacht GM en 4 cijfers, '
                "bijvoorbeeld GM0307"
            )
            % {"value": value}
        )
    return value


def _region_code(value: str) -> str:
    if not REGION_CODE_RE.match(value):
        raise _fail(
            gettext(
                'ongeldige regiocode "%(value)s": gebruik kleine letters, cijfers en '
                "streepjes, beginnend met een letter"
            )
            % {"value": value}
        )
    return value


def _short_code(value: str) -> str:
    if not SHORT_CODE_RE.match(value):
        raise _fail(
            gettext(
                'ongeldige code "%(value)s": gebruik kleine letters, cijfers en '
                "underscores, beginnend met een letter"
            )
            % {"value": value}
        )
    return value


def _schema_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise _fail(
            gettext("schemaversie %(value)s wordt niet ondersteund; gebruik %(supported)s")
            % {"value": value, "supported": SCHEMA_VERSION}
        )
    return value


def _one_of(
    choices: type[TextChoices], what: str, *, with_labels: bool = False
) -> Callable[[str], str]:
    """A validator that accepts only the stored values of ``choices``."""

    def validate(value: str) -> str:
        if value in choices.values:
            return value
        options = ", ".join(
            f"{choice.value} {choice.label}" if with_labels else choice.value for choice in choices
        )
        raise _fail(
            gettext('"%(value)s" is geen %(what)s; kies uit: %(options)s')
            % {"value": value, "what": what, "options": options}
        )

    return validate


Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
GemeenteCode = Annotated[str, AfterValidator(_gemeente_code)]
RegionCode = Annotated[str, AfterValidator(_region_code)]
ShortCode = Annotated[str, AfterValidator(_short_code)]
ReferrerCode = Annotated[
    str, AfterValidator(_one_of(ReferrerType, "verwijzertype (COD327)", with_labels=True))
]
FundingValue = Annotated[str, AfterValidator(_one_of(FundingModel, "uitvoeringsvariant"))]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Gemeente(_Model):
    """A gemeente of the region and its wijken (or kernen, or stadsdelen)."""

    code: GemeenteCode
    name: Text
    district_kind: Annotated[str, AfterValidator(_one_of(DistrictKind, "soort wijk"))] = (
        DistrictKind.WIJK.value
    )
    wijken: list[Text] = []


class Area(_Model):
    """Part of the region: a whole gemeente (no ``wijken``) or some of its wijken."""

    gemeente: GemeenteCode
    wijken: list[Text] = []


class FirstDoorOrganisation(_Model):
    """An organisation that is the first door for one or more gemeenten."""

    name: Text
    gemeenten: Annotated[list[GemeenteCode], Field(min_length=1)]
    description: str = ""


class FirstDoor(_Model):
    """Where families go first, without referral."""

    kind: Annotated[str, AfterValidator(_one_of(FirstDoorKind, "soort eerste deur"))]
    name: Text
    description: Text
    partners: list[Text] = []
    organisations: Annotated[list[FirstDoorOrganisation], Field(min_length=1)]


class FreeAccess(_Model):
    """Help without referral (vrij toegankelijk)."""

    available: bool
    description: str = ""
    offers: list[Text] = []


class Referral(_Model):
    """Who may refer to specialist help, and how."""

    allowed_referrers: Annotated[list[ReferrerCode], Field(min_length=1)]
    central_entry: Text | None = None
    central_entry_referrers: list[ReferrerCode] = []
    description: str = ""


AGB_CODE_RE = re.compile(r"^[0-9]{8}$")

#: Languages a specialist team can work in: ISO 639 codes (two letters where one exists,
#: else three) with their Dutch names. A team without ``languages`` works in Dutch.
LANGUAGES: dict[str, str] = {
    "nl": "Nederlands",
    "fy": "Fries",
    "dse": "Nederlandse Gebarentaal",
    "en": "Engels",
    "de": "Duits",
    "fr": "Frans",
    "es": "Spaans",
    "pt": "Portugees",
    "it": "Italiaans",
    "pl": "Pools",
    "ro": "Roemeens",
    "bg": "Bulgaars",
    "uk": "Oekraïens",
    "ru": "Russisch",
    "tr": "Turks",
    "ar": "Arabisch",
    "ber": "Tamazight (Berbers)",
    "ku": "Koerdisch",
    "fa": "Perzisch (Farsi)",
    "prs": "Dari",
    "ps": "Pasjtoe",
    "ti": "Tigrinya",
    "so": "Somalisch",
    "am": "Amhaars",
    "pap": "Papiaments",
    "srn": "Sranantongo",
    "hi": "Hindi",
    "zh": "Chinees",
}

#: The kinds of youth care a provider may be lead provider (hoofdaannemer) for.
LEAD_PROVIDER_SCOPES: dict[str, str] = {
    "enkelvoudig": "enkelvoudige jeugdhulp",
    "meervoudig": "meervoudige jeugdhulp",
}


def _agb_code(value: str) -> str:
    if not AGB_CODE_RE.match(value):
        raise _fail(
            gettext('ongeldige AGB-code "%(value)s": verwacht 8 cijfers, bijvoorbeeld 99990001')
            % {"value": value}
        )
    return value


def _language(value: str) -> str:
    if value not in LANGUAGES:
        options = ", ".join(f"{code} {name}" for code, name in LANGUAGES.items())
        raise _fail(
            gettext('"%(value)s" is geen bekende taalcode (ISO 639); kies uit: %(options)s')
            % {"value": value, "options": options}
        )
    return value


def _lead_provider_scope(value: str) -> str:
    if value not in LEAD_PROVIDER_SCOPES:
        raise _fail(
            gettext(
                '"%(value)s" is geen soort jeugdhulp voor een hoofdaannemer; kies uit: %(options)s'
            )
            % {"value": value, "options": ", ".join(LEAD_PROVIDER_SCOPES)}
        )
    return value


AgbCode = Annotated[str, AfterValidator(_agb_code)]
LanguageCode = Annotated[str, AfterValidator(_language)]
LeadProviderScope = Annotated[str, AfterValidator(_lead_provider_scope)]
Caseload = Annotated[int, Field(ge=1, le=10_000)]


class Contractor(_Model):
    """A provider or consortium holding a specialist-help contract.

    A provider (``aanbieder``) may carry its AGB code (8 digits, Vektis AGB register) and
    the kinds of youth care it may be lead provider (hoofdaannemer) for
    (``lead_provider_for``: ``enkelvoudig``, ``meervoudig``); a consortium
    (``samenwerkingsverband``) names its member providers in ``members``.
    """

    name: Text
    kind: Annotated[str, AfterValidator(_one_of(ContractorKind, "soort contractant"))]
    members: list[Text] = []
    contract_start: Year | None = None
    contract_end: Year | None = None
    areas: list[Area] = []
    description: str = ""
    agb_code: AgbCode | None = None
    lead_provider_for: list[LeadProviderScope] = []


class Expertise(_Model):
    """An expertise specialist teams of the region can have (e.g. ``jeugd_ggz``)."""

    code: ShortCode
    name: Text
    description: str = ""


class SpecialistTeam(_Model):
    """A multi-expertise team for named gemeenten or wijken.

    ``expertise`` holds codes of ``specialist_help.expertise``; ``schools`` names schools
    of the region where the team works with vaste gezichten; ``languages`` are ISO 639
    codes (default Dutch). ``caseload_per_professional`` overrides the region's default
    ceiling per professional; ``max_caseload`` is the team's ceiling (without it, the sum
    of its professionals' ceilings).
    """

    name: Text
    contractor: Text
    expertise: Annotated[list[ShortCode], Field(min_length=1)]
    areas: Annotated[list[Area], Field(min_length=1)]
    schools: list[Text] = []
    languages: Annotated[list[LanguageCode], Field(min_length=1)] = ["nl"]
    caseload_per_professional: Caseload | None = None
    max_caseload: Caseload | None = None
    description: str = ""


class ContractedProviders(_Model):
    """How many providers are contracted, for single and for multiple youth care."""

    single: Annotated[int, Field(ge=0)]
    multiple: Annotated[int, Field(ge=0)]


class SpecialistHelp(_Model):
    """How specialist help is organised."""

    structure: Annotated[
        str, AfterValidator(_one_of(SpecialistStructure, "structuur voor specialistische hulp"))
    ]
    description: Text
    delivered_at_school: bool = False
    #: Default caseload ceiling per professional, for teams that set none.
    caseload_per_professional: Caseload = 12
    expertise: list[Expertise] = []
    contractors: list[Contractor] = []
    teams: list[SpecialistTeam] = []
    contracted_providers: ContractedProviders | None = None


class Funding(_Model):
    """The funding model (uitvoeringsvariant) per kind of help; keys are ``HelpKind`` values."""

    vrij_toegankelijk: FundingValue
    lokaal_team: FundingValue
    ambulant: FundingValue
    verblijf: FundingValue
    crisis: FundingValue
    description: str = ""


class Plan(_Model):
    """The family plan the region works with."""

    name: Text
    lead: Annotated[str, AfterValidator(_one_of(PlanLead, "regiehouder"))]
    description: Text


class LifeDomain(_Model):
    """A leefdomein used in family plans."""

    code: ShortCode
    name: Text


class Principle(_Model):
    """A principle the region states, for other apps to honour (e.g. ``continuiteit``)."""

    code: ShortCode
    description: Text


class School(_Model):
    """A school in one of the region's gemeenten."""

    name: Text
    gemeente: GemeenteCode
    wijk: Text | None = None
    kind: Annotated[str, AfterValidator(_one_of(SchoolKind, "soort school"))]


class RegionFile(_Model):
    """A whole region file."""

    schema_version: Annotated[int, AfterValidator(_schema_version)]
    code: RegionCode
    name: Text
    description: str = ""
    model_since: Year | None = None
    gemeenten: Annotated[list[Gemeente], Field(min_length=1)]
    first_door: FirstDoor
    free_access: FreeAccess
    referral: Referral
    specialist_help: SpecialistHelp
    funding: Funding
    plan: Plan
    life_domains: Annotated[list[LifeDomain], Field(min_length=1)]
    principles: list[Principle] = []
    schools: list[School] = []
