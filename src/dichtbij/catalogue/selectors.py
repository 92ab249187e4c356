"""Reads of the sociale kaart for the hulpwijzer, the professionals' pages and management.

Catalogue data is not personal data: these reads need no audit. Management reads are
scoped to the viewer's region (:func:`service_get_for_admin` says "not found" alike for
a missing service and one of another region).

Besides rows, this module turns HSDS detail (phones, schedules, addresses, ...) into the
plain Dutch that the pages show, so that pages, API and tests share one wording.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import User
from dichtbij.catalogue.models import (
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from dichtbij.regions import selectors as region_selectors
from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.models import Municipality, Region
from dichtbij.utils.errors import NotFoundOrForbidden

# --- Who may do what ---------------------------------------------------------------------

#: Roles that see the professionals' variant of the hulpwijzer (with referral details).
PROFESSIONAL_CATALOGUE_ROLES = frozenset(
    {
        Role.LOCAL_TEAM_WORKER,
        Role.REFERRER,
        Role.SPECIALIST,
        Role.TEAM_COORDINATOR,
        Role.FUNCTIONAL_ADMIN,
    }
)

#: A service not checked (``assured_date``) for this long counts as unchecked.
CHECK_INTERVAL = datetime.timedelta(days=365)


def can_use_professional_catalogue(user: Any) -> bool:
    """Whether ``user`` may use the professionals' hulpwijzer."""
    return isinstance(user, User) and user.role in PROFESSIONAL_CATALOGUE_ROLES


def can_manage_catalogue(user: Any) -> bool:
    """Whether ``user`` may edit the sociale kaart of their own region."""
    return (
        isinstance(user, User) and user.role == Role.FUNCTIONAL_ADMIN and user.region_id is not None
    )


# --- Referrers ------------------------------------------------------------------------------

#: How the catalogue names who may refer (the shared dataset's codes), in Dutch.
REFERRER_LABELS: dict[str, str | Promise] = {
    "wijkteam-gemeente": _("Wijkteam of gemeente"),
    "huisarts": _("Huisarts"),
    "jeugdarts": _("Jeugdarts"),
    "medisch-specialist": _("Medisch specialist"),
    "gecertificeerde-instelling": _("Gecertificeerde instelling"),
}

#: The catalogue's referrer codes as iJw COD327 referrer types (for the region's rules).
REFERRER_TYPES: dict[str, ReferrerType] = {
    "wijkteam-gemeente": ReferrerType.MUNICIPALITY,
    "huisarts": ReferrerType.GENERAL_PRACTITIONER,
    "jeugdarts": ReferrerType.YOUTH_DOCTOR,
    "medisch-specialist": ReferrerType.MEDICAL_SPECIALIST,
    "gecertificeerde-instelling": ReferrerType.CERTIFIED_INSTITUTION,
}

#: The referrer type a user's organisation implies, where it implies one.
_ORGANISATION_REFERRER_TYPE: dict[str, ReferrerType] = {
    OrganisationKind.GP_PRACTICE: ReferrerType.GENERAL_PRACTITIONER,
    OrganisationKind.LOCAL_TEAM: ReferrerType.MUNICIPALITY,
    OrganisationKind.CJG: ReferrerType.MUNICIPALITY,
    OrganisationKind.MUNICIPALITY: ReferrerType.MUNICIPALITY,
}


def referrer_label(code: str) -> str:
    """The Dutch label of a catalogue referrer code; an unknown code is shown as it is."""
    label = REFERRER_LABELS.get(code)
    return str(label) if label is not None else code


def referrer_choices(extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Choices for a referrers field: the known codes, plus any ``extra`` stored ones."""
    choices = [(code, str(label)) for code, label in REFERRER_LABELS.items()]
    choices += [(code, code) for code in extra if code not in REFERRER_LABELS]
    return choices


def referrer_type_for(user: User) -> ReferrerType | None:
    """The referrer type (COD327) a local-team worker or referrer refers as.

    Judged by their organisation: a GP practice refers as huisarts, a local team, CJG or
    gemeente as gemeente. ``None`` when the role does not refer or the kind says nothing.
    """
    if user.role not in (Role.LOCAL_TEAM_WORKER, Role.REFERRER):
        return None
    organisation = user.primary_organisation
    if organisation is None:
        return None
    return _ORGANISATION_REFERRER_TYPE.get(organisation.kind)


@dataclass(frozen=True)
class ReferralDetails:
    """What a professional needs to know to refer to a service."""

    required: bool
    referrers: list[str]
    application_process: str
    waiting: str
    #: The region's rule for the viewer's own referrer type, if that is known.
    region_rule: str = ""
    #: Whether the service accepts a referral from the viewer's referrer type.
    viewer_may_refer: bool | None = None
    central_entry: str | None = None


def referral_details_for(*, service: Service, viewer: User) -> ReferralDetails:
    """Referral details of ``service`` as ``viewer`` needs them (region rule included)."""
    referrers = [referrer_label(code) for code in service.referrers]
    region_rule = ""
    viewer_may_refer: bool | None = None
    central_entry: str | None = None
    viewer_type = referrer_type_for(viewer)
    if service.referral_required and viewer_type is not None:
        region = service.region
        region_rule = region_selectors.region_referrer_reason(
            region=region, referrer_type=viewer_type
        )
        codes = {code for code, kind in REFERRER_TYPES.items() if kind == viewer_type}
        viewer_may_refer = bool(codes & set(service.referrers)) and (
            region_selectors.region_allows_referrer(region=region, referrer_type=viewer_type)
        )
        central_entry = region_selectors.region_central_entry_for(
            region=region, referrer_type=viewer_type
        )
    return ReferralDetails(
        required=service.referral_required,
        referrers=referrers,
        application_process=service.application_process,
        waiting=waiting_time_text(weeks=service.waiting_weeks),
        region_rule=region_rule,
        viewer_may_refer=viewer_may_refer,
        central_entry=central_entry,
    )


# --- Plain Dutch for facts -----------------------------------------------------------------


def age_range_text(*, minimum: int | None, maximum: int | None) -> str:
    """``4 tot en met 12 jaar``, ``vanaf 12 jaar``, ``tot en met 3 jaar`` or ``""``."""
    if minimum is not None and maximum is not None:
        if minimum == maximum:
            return ngettext("%(age)d jaar", "%(age)d jaar", minimum) % {"age": minimum}
        return gettext("%(min)d tot en met %(max)d jaar") % {"min": minimum, "max": maximum}
    if minimum is not None and minimum > 0:
        return gettext("vanaf %(min)d jaar") % {"min": minimum}
    if maximum is not None:
        return gettext("tot en met %(max)d jaar") % {"max": maximum}
    return ""


def waiting_time_text(*, weeks: int | None) -> str:
    """The typical waiting time in words; ``0`` is "Direct terecht"."""
    if weeks is None:
        return gettext("Wachttijd onbekend")
    if weeks == 0:
        return gettext("Direct terecht")
    return ngettext(
        "Wachttijd ongeveer %(weeks)d week", "Wachttijd ongeveer %(weeks)d weken", weeks
    ) % {"weeks": weeks}


_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_WEEKDAY_NAMES: dict[str, Promise] = {
    "MO": _("maandag"),
    "TU": _("dinsdag"),
    "WE": _("woensdag"),
    "TH": _("donderdag"),
    "FR": _("vrijdag"),
    "SA": _("zaterdag"),
    "SU": _("zondag"),
}
_ORDINALS: dict[int, Promise] = {
    1: _("eerste"),
    2: _("tweede"),
    3: _("derde"),
    4: _("vierde"),
    5: _("vijfde"),
    -1: _("laatste"),
}
_BYDAY = re.compile(r"^(?P<nth>[+-]?\d)?(?P<day>MO|TU|WE|TH|FR|SA|SU)$")


def _join(words: Sequence[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(list)s en %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def _parse_byday(value: str) -> list[tuple[int | None, str]]:
    days: list[tuple[int | None, str]] = []
    for part in value.split(","):
        match = _BYDAY.match(part.strip().upper())
        if match:
            nth = match.group("nth")
            days.append((int(nth) if nth else None, match.group("day")))
    return days


def _weekdays_text(days: Sequence[str]) -> str:
    """``elke dag``, ``maandag tot en met vrijdag``, ``elke dinsdag en donderdag``."""
    ordered = sorted(set(days), key=_WEEKDAYS.index)
    if len(ordered) == 7:
        return gettext("elke dag")
    indexes = [_WEEKDAYS.index(day) for day in ordered]
    if len(ordered) >= 3 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return gettext("%(first)s tot en met %(last)s") % {
            "first": _WEEKDAY_NAMES[ordered[0]],
            "last": _WEEKDAY_NAMES[ordered[-1]],
        }
    return gettext("elke %(days)s") % {"days": _join([str(_WEEKDAY_NAMES[d]) for d in ordered])}


def _time(value: object) -> str:
    """``HH:MM`` from an HSDS time (``16:00``, ``16:00:00``, ``16:00+01:00``)."""
    text = str(value or "")
    match = re.match(r"^(\d{1,2}):(\d{2})", text)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else ""


def _date(value: object) -> str:
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    return date_format(day, "j F Y")


def schedule_text(schedule: Mapping[str, Any]) -> str:
    """An HSDS schedule in plain Dutch: ``Elke donderdag 16:00–17:30``.

    Understands the RRULE-style fields the sociale kaart uses (``freq`` WEEKLY or
    MONTHLY, ``byday`` like ``TH``, ``MO,TU`` or ``2FR,4FR``, ``interval``, ``dtstart``
    and ``count``) and ``opens_at``/``closes_at``; ``00:00``–``23:59`` every day reads
    "Dag en nacht, elke dag". Falls back to the schedule's own ``description``.
    """
    freq = str(schedule.get("freq") or "").upper()
    days = _parse_byday(str(schedule.get("byday") or ""))
    opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
    try:
        interval = int(schedule.get("interval") or 1)
    except (TypeError, ValueError):
        interval = 1
    try:
        count = int(schedule.get("count") or 0)
    except (TypeError, ValueError):
        count = 0

    when = ""
    if freq == "WEEKLY" and days:
        weekdays = [day for _nth, day in days]
        if count:
            when = ngettext("%(count)d keer op %(days)s", "%(count)d keer op %(days)s", count) % {
                "count": count,
                "days": _join([str(_WEEKDAY_NAMES[d]) for d in weekdays]),
            }
        elif interval > 1:
            when = gettext("om de %(n)d weken op %(days)s") % {
                "n": interval,
                "days": _join([str(_WEEKDAY_NAMES[d]) for d in weekdays]),
            }
        else:
            when = _weekdays_text(weekdays)
    elif freq == "MONTHLY" and days:
        parts = []
        for nth, day in days:
            ordinal = _ORDINALS.get(nth or 1)
            parts.append(
                f"{ordinal} {_WEEKDAY_NAMES[day]}" if ordinal else str(_WEEKDAY_NAMES[day])
            )
        # "de tweede en vierde vrijdag": one weekday named once.
        if len({day for _nth, day in days}) == 1 and len(days) > 1:
            ordinals = [str(_ORDINALS.get(nth or 1, "")) for nth, _day in days]
            phrase = f"{_join(ordinals)} {_WEEKDAY_NAMES[days[0][1]]}"
        else:
            phrase = _join(parts)
        if interval > 1:
            when = gettext("om de %(n)d maanden op de %(days)s van de maand") % {
                "n": interval,
                "days": phrase,
            }
        else:
            when = gettext("elke %(days)s van de maand") % {"days": phrase}
    elif freq == "DAILY":
        when = gettext("elke dag")

    if not when:
        return str(schedule.get("description") or "")

    all_day = opens == "00:00" and closes in ("23:59", "24:00")
    if all_day:
        text = gettext("Dag en nacht, %(when)s") % {"when": when}
    elif opens and closes:
        text = f"{when[:1].upper()}{when[1:]} {opens}–{closes}"
    elif opens:
        text = gettext("%(when)s vanaf %(time)s") % {"when": when, "time": opens}
        text = text[:1].upper() + text[1:]
    else:
        text = when[:1].upper() + when[1:]
    start = _date(schedule.get("dtstart")) if count or schedule.get("dtstart") else ""
    if start:
        text = gettext("%(text)s, vanaf %(date)s") % {"text": text, "date": start}
    return text


def phone_href(number: str) -> str:
    """A ``tel:`` link target: digits and a leading plus only."""
    cleaned = re.sub(r"[^\d+]", "", number)
    return f"tel:{cleaned}"


def _amount_text(option: Mapping[str, Any]) -> str:
    try:
        amount = Decimal(str(option.get("amount")))
    except (InvalidOperation, ValueError):
        return str(option.get("amount_description") or "")
    if amount == 0:
        return gettext("Gratis")
    text = "€ " + number_format(amount, decimal_pos=2)
    description = str(option.get("amount_description") or "")
    return f"{text} ({description})" if description else text


# --- Choices for filters ---------------------------------------------------------------------


def taxonomy_term_choices(*, prefix: str) -> list[tuple[str, str]]:
    """``(code, name)`` of the terms whose code starts with ``prefix`` (``thema:``), by name.

    A code that several taxonomies share (one per region) is offered once.
    """
    seen: dict[str, str] = {}
    for code, name in (
        TaxonomyTerm.objects.filter(code__startswith=prefix)
        .order_by("name", "code")
        .values_list("code", "name")
    ):
        seen.setdefault(code, name)
    return sorted(((code, name) for code, name in seen.items()), key=lambda c: c[1].lower())


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every gemeente by region, for a grouped select: ``[(region, [(code, name)])]``."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for municipality in Municipality.objects.select_related("region").order_by(
        "region__name", "name"
    ):
        groups.setdefault(municipality.region.name, []).append(
            (municipality.code, municipality.name)
        )
    return list(groups.items())


def region_municipality_counts() -> dict[int, int]:
    """How many gemeenten each region has, by region id (one query)."""
    return {
        row["region"]: row["n"]
        for row in Municipality.objects.values("region").annotate(n=Count("id")).order_by()
    }


# --- Services for the hulpwijzer ---------------------------------------------------------------

_THEME_ATTRIBUTES = Prefetch(
    "attributes",
    queryset=ServiceAttribute.objects.select_related("taxonomy_term").order_by(
        "taxonomy_term__name"
    ),
)
_AREAS = Prefetch(
    "service_areas",
    queryset=ServiceArea.objects.select_related("municipality").order_by("municipality__name"),
)


def services_prefetch_for_cards(services: Sequence[Service]) -> None:
    """Load what a result card shows for all ``services`` at once (no query per card)."""
    from django.db.models import prefetch_related_objects

    if services:
        prefetch_related_objects(
            list(services),
            "organization",
            Prefetch("region", queryset=Region.objects.only("id", "code", "name")),
            _AREAS,
        )


@dataclass(frozen=True)
class Phone:
    number: str
    href: str
    description: str = ""


@dataclass(frozen=True)
class ServiceCard:
    """What a search result shows of a service."""

    service: Service
    referral_required: bool
    waiting: str
    age: str
    gemeenten: str
    referrers: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)


def service_card(service: Service, *, municipality_counts: Mapping[int, int]) -> ServiceCard:
    """The facts of ``service`` for a result card; expects :func:`services_prefetch_for_cards`."""
    return ServiceCard(
        service=service,
        referral_required=service.referral_required,
        waiting=waiting_time_text(weeks=service.waiting_weeks),
        age=age_range_text(minimum=service.minimum_age, maximum=service.maximum_age),
        gemeenten=_areas_text(service, municipality_counts),
        referrers=[referrer_label(code) for code in service.referrers],
        phones=_phones(_hsds_list(service.hsds_extra, "phones"))
        or _phones(_hsds_list(service.organization.hsds_extra, "phones")),
    )


def _areas_text(service: Service, municipality_counts: Mapping[int, int]) -> str:
    areas = list(service.service_areas.all())
    if not areas:
        return ""
    total = municipality_counts.get(service.region_id, 0)
    if total > 1 and len(areas) >= total:
        return gettext("Alle gemeenten van %(region)s") % {"region": service.region.name}
    return ", ".join(area.municipality.name for area in areas)


def service_get_public(*, pk: uuid.UUID | str) -> Service:
    """A service for its public page, with all it shows; raises :class:`NotFoundOrForbidden`."""
    service = (
        Service.objects.select_related("organization", "region")
        .prefetch_related(
            _AREAS,
            _THEME_ATTRIBUTES,
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by(
                    "location__name"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise NotFoundOrForbidden(gettext("Dit aanbod bestaat niet (meer)."))
    return service


@dataclass(frozen=True)
class Place:
    """A location of a service: name, address lines, how to get there, accessibility."""

    name: str
    address: list[str]
    transportation: str
    accessibility: list[str]
    virtual: bool = False
    url: str = ""


@dataclass(frozen=True)
class Schedule:
    text: str
    description: str = ""
    attending: str = ""


@dataclass(frozen=True)
class ServiceDetail:
    """Everything a service page shows, in plain Dutch."""

    service: Service
    card: ServiceCard
    themes: list[TaxonomyTerm]
    kinds: list[TaxonomyTerm]
    target_groups: list[TaxonomyTerm]
    phones: list[Phone]
    email: str
    #: ``(label, url)``: the service's own site, then its organisation's.
    websites: list[tuple[str, str]]
    places: list[Place]
    schedules: list[Schedule]
    languages: list[str]
    costs: list[str]
    area_extents: list[str]
    assured: str
    checked_recently: bool


def _hsds_list(extra: object, key: str) -> list[Mapping[str, Any]]:
    values = extra.get(key) if isinstance(extra, Mapping) else None
    if not isinstance(values, list):
        return []
    return [value for value in values if isinstance(value, Mapping)]


def _phones(items: Iterable[Mapping[str, Any]]) -> list[Phone]:
    phones: list[Phone] = []
    for item in items:
        number = str(item.get("number") or "").strip()
        if not number:
            continue
        extension = item.get("extension")
        shown = f"{number} (toestel {extension})" if extension else number
        phones.append(Phone(shown, phone_href(number), str(item.get("description") or "")))
    return phones


def _is_web_address(url: str) -> bool:
    """Only http(s) addresses become links (never ``javascript:`` from imported data)."""
    return url.lower().startswith(("https://", "http://"))


def _address_lines(address: Mapping[str, Any]) -> list[str]:
    lines = [str(address.get(key) or "").strip() for key in ("address_1", "address_2")]
    town = " ".join(
        part
        for part in (
            str(address.get("postal_code") or "").strip(),
            str(address.get("city") or "").strip(),
        )
        if part
    )
    return [line for line in [*lines, town] if line]


def service_detail(*, service: Service) -> ServiceDetail:
    """The page content of ``service`` (fetched with :func:`service_get_public`)."""
    attributes = list(service.attributes.all())
    terms = [attribute.taxonomy_term for attribute in attributes]

    def with_prefix(prefix: str) -> list[TaxonomyTerm]:
        return [term for term in terms if term.code.startswith(prefix)]

    extra = service.hsds_extra
    organisation = service.organization
    websites: list[tuple[str, str]] = []
    if _is_web_address(service.url):
        websites.append((gettext("Website"), service.url))
    if _is_web_address(organisation.website) and organisation.website != service.url:
        websites.append(
            (gettext("Website van %(name)s") % {"name": organisation.name}, organisation.website)
        )
    places: list[Place] = []
    for link in service.service_at_locations.all():
        location = link.location
        address: list[str] = []
        for candidate in _hsds_list(location.hsds_extra, "addresses"):
            if str(candidate.get("address_type") or "physical") == "physical":
                address = _address_lines(candidate)
                break
        places.append(
            Place(
                name=location.name,
                address=address,
                transportation=location.transportation,
                accessibility=[
                    str(item.get("description") or "")
                    for item in _hsds_list(location.hsds_extra, "accessibility")
                    if item.get("description")
                ],
                virtual=location.location_type == "virtual",
                url=location.url if _is_web_address(location.url) else "",
            )
        )
    schedules = [
        Schedule(
            text=schedule_text(item),
            description=str(item.get("description") or ""),
            attending=str(item.get("attending_type") or ""),
        )
        for item in _hsds_list(extra, "schedules")
    ]
    languages = [
        str(item.get("name") or item.get("code") or "")
        for item in _hsds_list(extra, "languages")
        if item.get("name") or item.get("code")
    ]
    costs = [
        text
        for text in (
            " — ".join(
                part
                for part in (str(item.get("option") or ""), _amount_text(item))
                if part and part != "Standaard"
            )
            for item in _hsds_list(extra, "cost_options")
        )
        if text
    ]
    if service.fees_description:
        # The text already says what it costs; the options only repeat it.
        costs = []
    areas = list(service.service_areas.all())
    counts = {service.region_id: Municipality.objects.filter(region_id=service.region_id).count()}
    card = service_card(service, municipality_counts=counts)
    return ServiceDetail(
        service=service,
        card=card,
        themes=with_prefix("thema:"),
        kinds=with_prefix("soort:"),
        target_groups=with_prefix("doelgroep:"),
        phones=card.phones,
        email=service.email or organisation.email,
        websites=websites,
        places=places,
        schedules=schedules,
        languages=languages,
        costs=costs,
        area_extents=[
            f"{area.municipality.name}: {area.extent}" for area in areas if area.extent.strip()
        ],
        assured=date_format(service.assured_date, "j F Y") if service.assured_date else "",
        checked_recently=is_checked_recently(service),
    )


def is_checked_recently(service: Service, *, today: datetime.date | None = None) -> bool:
    """Whether ``service`` was checked within :data:`CHECK_INTERVAL`."""
    today = today or timezone.localdate()
    return service.assured_date is not None and service.assured_date > today - CHECK_INTERVAL


# --- Management ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceAdminFilters:
    """Filters of the management list; empty means "all"."""

    text: str = ""
    #: ``True``: only outdated; ``False``: only not outdated; ``None``: both.
    outdated: bool | None = None
    #: Only services not checked for :data:`CHECK_INTERVAL` (or never).
    unchecked: bool = False


def service_list_for_admin(
    *, viewer: User, filters: ServiceAdminFilters | None = None, today: datetime.date | None = None
) -> QuerySet[Service]:
    """The services of the viewer's region, filtered, by name; none for a non-admin."""
    region_id = viewer.region_id
    if region_id is None or not can_manage_catalogue(viewer):
        return Service.objects.none()
    filters = filters or ServiceAdminFilters()
    services = Service.objects.filter(region_id=region_id).select_related("organization")
    if filters.text:
        services = services.filter(
            Q(name__icontains=filters.text) | Q(organization__name__icontains=filters.text)
        )
    if filters.outdated is not None:
        services = services.filter(outdated=filters.outdated)
    if filters.unchecked:
        limit = (today or timezone.localdate()) - CHECK_INTERVAL
        services = services.filter(Q(assured_date__isnull=True) | Q(assured_date__lte=limit))
    return services.order_by("name", "id")


def service_get_for_admin(*, viewer: User, pk: uuid.UUID | str) -> Service:
    """A service of the viewer's region for editing; raises :class:`NotFoundOrForbidden`.

    A missing service, one of another region and a viewer who may not manage the
    catalogue all get the same answer.
    """
    service = None
    region_id = viewer.region_id
    if region_id is not None and can_manage_catalogue(viewer):
        service = (
            Service.objects.select_related("organization", "region")
            .filter(pk=pk, region_id=region_id)
            .first()
        )
    if service is None:
        raise NotFoundOrForbidden(gettext("Dit aanbod bestaat niet of hoort niet bij uw regio."))
    return service
