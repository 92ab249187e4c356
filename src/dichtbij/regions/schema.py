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
import string
from collections.abc import Callable
from typing import Annotated

from django.db.models import TextChoices
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
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
    #: Working days between accepting a referral and the start of help before the
    #: referral is flagged to the team coordinator and the referrer (wachttijdnorm).
    start_norm_working_days: Annotated[int, Field(ge=1, le=130)] = 20


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


# --- Triage (stepped care) ---------------------------------------------------------------
#
# The vocabulary of triage lives here because region files name it; the requests app
# stores the same values (``dichtbij.requests.constants`` re-exports these classes).


class TriageOutcome(TextChoices):
    """What a triage advice recommends: the lightest help that fits, safety first."""

    ACUTE = "acute", _("Acuut: veiligheid eerst")
    ORDINARY_HELP = "ordinary_help", _("Gewone hulp zonder verwijzing")
    LOCAL_TEAM_SUPPORT = "local_team_support", _("Ondersteuning door het lokale team")
    SPECIALIST_HELP = "specialist_help", _("Specialistische hulp als aanvulling")


class Urgency(TextChoices):
    """How soon help must start; orders waiting lists (``spoed`` first)."""

    URGENT = "spoed", _("Spoed")
    HIGH = "hoog", _("Hoog")
    NORMAL = "normaal", _("Normaal")


class Answer(TextChoices):
    """An answer of the safety screen or the assessment."""

    YES = "ja", _("Ja")
    NO = "nee", _("Nee")
    UNKNOWN = "weet_niet", _("Weet niet")


class Severity(TextChoices):
    """How severe the professional judges the problems."""

    MILD = "licht", _("Licht")
    MODERATE = "matig", _("Matig")
    SEVERE = "ernstig", _("Ernstig")


class ProblemDuration(TextChoices):
    """How long the problems have been going on."""

    UNDER_A_MONTH = "korter_dan_een_maand", _("Korter dan een maand")
    ONE_TO_SIX_MONTHS = "een_tot_zes_maanden", _("1 tot 6 maanden")
    SIX_TO_TWELVE_MONTHS = "zes_tot_twaalf_maanden", _("6 tot 12 maanden")
    OVER_A_YEAR = "langer_dan_een_jaar", _("Langer dan een jaar")


class RequestSource(TextChoices):
    """Who registered a help request: a professional or the family itself."""

    PROFESSIONAL = "professional", _("Een professional")
    FAMILY = "family", _("Het gezin zelf")


#: Placeholders a triage text may use, as ``{name}``, with what they are filled with.
TRIAGE_PLACEHOLDERS: dict[str, str] = {
    "region": "de naam van de regio",
    "gemeente": "de gemeente van het gezin",
    "first_door": "de eerste deur van de regio (bijvoorbeeld Buurtteam)",
    "first_door_organisations": "de organisatie(s) van de eerste deur in de gemeente van het gezin",
    "registrant": "als wie de aanmelder verwijst (bijvoorbeeld Huisarts), of het gezin zelf",
    "referrers": "wie in de regio naar specialistische hulp mag verwijzen",
    "referrer_reason": "een zin: mag de aanmelder hier verwijzen, en zo niet, wie wel",
    "central_entry": "een zin over de centrale toegang voor de aanmelder, of niets",
    "specialist_teams": "de specialistische teams of contractanten voor het gebied van het gezin",
    "severity": "de ernst volgens de beoordeling",
    "duration": "hoe lang het al speelt",
    "lowest_score": "de laagste score op de zelfredzaamheidsschaal",
    "themes": "de thema's van de hulpvraag",
}

THEME_CODE_RE = re.compile(r"^thema:[a-z0-9]+(-[a-z0-9]+)*$")
KIND_CODE_RE = re.compile(r"^soort:[a-z0-9]+(-[a-z0-9]+)*$")


def _template(value: str) -> str:
    """A Dutch text with ``{placeholder}`` names from :data:`TRIAGE_PLACEHOLDERS`."""
    options = ", ".join(f"{{{name}}}" for name in TRIAGE_PLACEHOLDERS)
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError as error:
        raise _fail(
            gettext(
                "ongeldige accolades: zet { } alleen om een invulplek, of schrijf {{ en }} "
                "voor een accolade zelf"
            )
        ) from error
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TRIAGE_PLACEHOLDERS or spec or conversion:
            raise _fail(
                gettext('onbekende invulplek "{%(name)s}"; kies uit: %(options)s')
                % {"name": name, "options": options}
            )
    return value


def _code_like(pattern: re.Pattern[str], example: str, what: str) -> Callable[[str], str]:
    def validate(value: str) -> str:
        if not pattern.match(value):
            raise _fail(
                gettext('ongeldige %(what)s "%(value)s": bijvoorbeeld %(example)s')
                % {"what": what, "value": value, "example": example}
            )
        return value

    return validate


def _as_list(value: object) -> object:
    """A condition may name one value (``"ja"``) or a list of values (``["ja", "weet_niet"]``)."""
    return [value] if isinstance(value, str) else value


TemplateText = Annotated[str, Field(min_length=1), AfterValidator(_template)]
ThemeCode = Annotated[str, AfterValidator(_code_like(THEME_CODE_RE, "thema:pesten", "themacode"))]
KindCode = Annotated[
    str, AfterValidator(_code_like(KIND_CODE_RE, "soort:crisis", "code voor soort hulp"))
]
OutcomeValue = Annotated[str, AfterValidator(_one_of(TriageOutcome, "uitkomst van triage"))]
UrgencyValue = Annotated[str, AfterValidator(_one_of(Urgency, "urgentie"))]
Score = Annotated[int, Field(ge=1, le=5)]

_AnswerValue = Annotated[str, AfterValidator(_one_of(Answer, "antwoord"))]
_SeverityValue = Annotated[str, AfterValidator(_one_of(Severity, "ernst"))]
_DurationValue = Annotated[str, AfterValidator(_one_of(ProblemDuration, "duur"))]
_SourceValue = Annotated[str, AfterValidator(_one_of(RequestSource, "bron van de hulpvraag"))]
AnswerValues = Annotated[list[_AnswerValue], BeforeValidator(_as_list), Field(min_length=1)]
SeverityValues = Annotated[list[_SeverityValue], BeforeValidator(_as_list), Field(min_length=1)]
DurationValues = Annotated[list[_DurationValue], BeforeValidator(_as_list), Field(min_length=1)]
ReferrerValues = Annotated[list[ReferrerCode], BeforeValidator(_as_list), Field(min_length=1)]
SourceValues = Annotated[list[_SourceValue], BeforeValidator(_as_list), Field(min_length=1)]


class TriageWhen(_Model):
    """The conditions of a triage rule over the facts of a request; all must hold.

    A key names a fact; a value or a list of values means "one of these". A fact a
    request lacks (no assessment yet, no score) matches no condition on it. No keys:
    the rule always holds.
    """

    unsafe_at_home: AnswerValues | None = None
    risk_of_harm: AnswerValues | None = None
    severity: SeverityValues | None = None
    ordinary_help_tried: bool | None = None
    ordinary_help_enough: AnswerValues | None = None
    duration: DurationValues | None = None
    lowest_score_at_most: Score | None = None
    lowest_score_at_least: Score | None = None
    themes_any: Annotated[list[ThemeCode], Field(min_length=1)] | None = None
    referrer_type: ReferrerValues | None = None
    registrant_may_refer: bool | None = None
    source: SourceValues | None = None
    assessed: bool | None = None


class TriageOfferSearch(_Model):
    """A search of the sociale kaart whose best hits an advice offers.

    Searches in the family's gemeente, for each child's age. ``themes_of_request``
    searches once per theme of the request (with the question's words); ``theme``,
    ``kind`` and ``text`` search for fixed terms. ``why`` replaces the search's own
    reasons.
    """

    themes_of_request: bool = False
    theme: ThemeCode | None = None
    kind: KindCode | None = None
    text: str = ""
    without_referral: bool = True
    limit: Annotated[int, Field(ge=1, le=10)] = 3
    why: TemplateText | None = None


class TriageOutcomeText(_Model):
    """The region's text for an outcome, and where its offers come from."""

    outcome: OutcomeValue
    text: TemplateText
    offers: list[TriageOfferSearch] = []


class TriageRule(_Model):
    """One rule: when its conditions hold (first match wins), advise this, for this reason.

    ``offers``, when given, replaces the outcome's offers for this rule.
    """

    code: ShortCode
    when: TriageWhen = TriageWhen()
    outcome: OutcomeValue
    urgency: UrgencyValue
    reason: TemplateText
    offers: list[TriageOfferSearch] | None = None


class Triage(_Model):
    """Stepped-care triage as data: ordered rules (first match wins) and outcome texts."""

    version: Text
    description: str = ""
    outcomes: Annotated[list[TriageOutcomeText], Field(min_length=1)]
    rules: Annotated[list[TriageRule], Field(min_length=1)]


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
    triage: Triage
