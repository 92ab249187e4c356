"""Exporting the sociale kaart as HSDS 3.0, in the shared dataset's wrapper shape.

:func:`catalogue_export` returns the wrapper as data; :func:`catalogue_export_write`
streams it to a file (bounded memory for 20,000 services). Every object validates against
the official schemas, services fully nested as in the shared dataset.

The first-class facts are written back as the attributes the shared README describes
(:mod:`.facts`): when a service's stored attributes still say what its columns say, they
are written as stored (ids kept), so that ``import(export(x))`` changes nothing; when
catalogue management has changed a column since, the referral, waiting-time and
at-school attributes are written from the columns (keeping the stored attribute's id).

:class:`HsdsRenderer` turns single rows into HSDS objects; the HSDS API uses it too.
"""

from __future__ import annotations

import json
import textwrap
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any, Final, Protocol

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from dichtbij.catalogue.hsds.constants import (
    AT_SCHOOL,
    DERIVED_CODES,
    DICHTBIJ_NAMESPACE,
    LINK_TYPE_FEATURE,
    LINK_TYPE_REFERRAL,
    LINK_TYPE_WAITING,
    REFERRAL_NOT_REQUIRED,
    REFERRAL_REQUIRED,
    SCHOOL_SUPPORT,
    TAXONOMY_FILE,
    WAITING_WEEKS,
)
from dichtbij.catalogue.hsds.facts import Facts, facts_from_attributes
from dichtbij.catalogue.hsds.mapping import COLUMNS, format_datetime, hsds_object, hsds_value
from dichtbij.catalogue.hsds.selectors import hsds_service_prefetches
from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from dichtbij.regions.models import Region

HsdsObject = dict[str, Any]


class TextSink(Protocol):
    """Where an export is written: a text file, ``sys.stdout``, ..."""

    def write(self, text: str, /) -> object: ...


#: Services rendered per database round trip.
EXPORT_CHUNK: Final = 500

_REFERRAL_CODES: Final = frozenset({REFERRAL_REQUIRED, REFERRAL_NOT_REQUIRED})


class HsdsRenderer:
    """Turns rows into HSDS objects. Keep one per export or request: organisations,
    locations and terms repeat across services and are rendered once."""

    def __init__(self) -> None:
        self._organizations: dict[uuid.UUID, HsdsObject] = {}
        self._locations: dict[uuid.UUID, HsdsObject] = {}
        self._terms: dict[uuid.UUID, HsdsObject] = {}
        self._standard: dict[str, HsdsObject] | None = None

    # --- Single objects --------------------------------------------------------------

    def taxonomy(self, taxonomy: Taxonomy) -> HsdsObject:
        return _object("taxonomy", taxonomy)

    def term(self, term: TaxonomyTerm) -> HsdsObject:
        found = self._terms.get(term.pk)
        if found is None:
            found = self._terms[term.pk] = _object("taxonomy_term", term)
        return found

    def organization(self, organization: Organization) -> HsdsObject:
        found = self._organizations.get(organization.pk)
        if found is None:
            found = self._organizations[organization.pk] = _object("organization", organization)
        return found

    def location(self, location: Location) -> HsdsObject:
        found = self._locations.get(location.pk)
        if found is None:
            found = self._locations[location.pk] = _object("location", location)
        return found

    def service_area(self, area: ServiceArea) -> HsdsObject:
        return _object("service_area", area, service_id=str(area.service_id))

    def service_at_location(
        self, item: ServiceAtLocation, *, location: bool = False, service: bool = False
    ) -> HsdsObject:
        """A service_at_location with flat ids; with the nested location and/or the
        service's one-to-one fields if asked (prefetch them)."""
        nested: HsdsObject = {}
        if location:
            nested["location"] = self.location(item.location)
        if service:
            nested["service"] = self.service(item.service, full=False)
        return _object("service_at_location", item, service_id=str(item.service_id), **nested)

    def service(self, service: Service, *, full: bool = True) -> HsdsObject:
        """A service: fully nested like the shared dataset (prefetch with
        :func:`~.selectors.hsds_service_prefetches`), or only its one-to-one fields."""
        if not full:
            extra = {
                key: value
                for key, value in service.hsds_extra.items()
                if not isinstance(value, list | dict)
            }
            return _object("service", service, extra=extra)
        nested: HsdsObject = {
            "service_areas": [self.service_area(area) for area in service.service_areas.all()],
            "organization": self.organization(service.organization),
        }
        sals = [
            self.service_at_location(item, location=True)
            for item in service.service_at_locations.all()
        ]
        if sals:
            nested["service_at_locations"] = sals
        attributes = self.attributes(service)
        if attributes:
            nested["attributes"] = attributes
        return _object("service", service, **nested)

    # --- Attributes and the derived facts --------------------------------------------

    def attributes(self, service: Service) -> list[HsdsObject]:
        """The service's attributes, with the facts written from its columns."""
        stored = list(service.attributes.all())
        codes = [(attribute.taxonomy_term.code, attribute.value) for attribute in stored]
        stored_facts, _errors = facts_from_attributes(codes)
        facts = Facts(
            service.referral_required,
            list(service.referrers),
            service.waiting_weeks,
            service.at_school,
        )
        if stored_facts == facts:
            return [self._attribute(service, attribute) for attribute in stored]
        kept = [a for a in stored if a.taxonomy_term.code not in DERIVED_CODES]
        result = [self._attribute(service, attribute) for attribute in kept]
        derived = {a.taxonomy_term.code: a for a in stored if a.taxonomy_term.code in DERIVED_CODES}
        referral = next((a for code, a in derived.items() if code in _REFERRAL_CODES), None)
        if facts.referral_required or referral is not None:
            code = REFERRAL_REQUIRED if facts.referral_required else REFERRAL_NOT_REQUIRED
            value = ",".join(facts.referrers) if facts.referral_required else ""
            result += self._derived(service, referral, code, LINK_TYPE_REFERRAL, value)
        waiting = derived.get(WAITING_WEEKS)
        if facts.waiting_weeks is not None:
            value = str(facts.waiting_weeks)
            result += self._derived(service, waiting, WAITING_WEEKS, LINK_TYPE_WAITING, value)
        school = derived.get(AT_SCHOOL)
        implied = any(a.taxonomy_term.code == SCHOOL_SUPPORT for a in kept)
        if facts.at_school != implied or school is not None:
            value = "ja" if facts.at_school else "nee"
            result += self._derived(service, school, AT_SCHOOL, LINK_TYPE_FEATURE, value)
        return result

    def _attribute(self, service: Service, attribute: ServiceAttribute) -> HsdsObject:
        return _object(
            "attribute",
            attribute,
            link_id=str(service.pk),
            taxonomy_term=self.term(attribute.taxonomy_term),
        )

    def _derived(
        self,
        service: Service,
        stored: ServiceAttribute | None,
        code: str,
        link_type: str,
        value: str,
    ) -> list[HsdsObject]:
        term = self.standard_term(code)
        if term is None:
            return []
        values: HsdsObject = {}
        if stored is not None:
            values.update(_object("attribute", stored))
        else:
            values["id"] = str(uuid.uuid5(DICHTBIJ_NAMESPACE, f"attribute/{service.pk}/{code}"))
            values["link_entity"] = "service"
            values["link_type"] = link_type
        values.pop("value", None)
        values.update(link_id=str(service.pk), taxonomy_term_id=term["id"], taxonomy_term=term)
        if value:
            values["value"] = value
        return [hsds_object("attribute", values)]

    def standard_term(self, code: str) -> HsdsObject | None:
        """The term with ``code`` from the database, else from the project's taxonomy."""
        if self._standard is None:
            self._standard = {}
            for term in TaxonomyTerm.objects.filter(code__in=DERIVED_CODES).order_by("id"):
                self._standard.setdefault(term.code, self.term(term))
        found = self._standard.get(code)
        if found is None:
            found = own_taxonomy().terms_by_code.get(code)
        return found


# --- The whole catalogue -------------------------------------------------------------


def catalogue_export(*, region: Region | None = None) -> dict[str, Any]:
    """The catalogue, or the part of ``region``, as the shared dataset's wrapper."""
    result: dict[str, Any] = {}
    for key, items in _sections(region=region):
        result[key] = items if isinstance(items, dict) else list(items)
    return result


def catalogue_export_write(
    *,
    stream: TextSink,
    region: Region | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the export to ``stream`` as indented JSON, one service at a time.

    ``progress(done, total)`` counts services. Returns the number of services.
    """
    written = 0
    total = 0
    stream.write("{")
    for number, (key, items) in enumerate(_sections(region=region)):
        stream.write("," if number else "")
        stream.write(f"\n  {json.dumps(key)}: ")
        if isinstance(items, dict):
            stream.write(_indented(items, 2))
            total = items["counts"]["services"]
            continue
        stream.write("[")
        count = 0
        for count, item in enumerate(items, 1):  # noqa: B007  # count is read after the loop
            stream.write(",\n    " if count > 1 else "\n    ")
            stream.write(_indented(item, 4))
            if key == "services":
                written += 1
                if progress is not None and written % 100 == 0:
                    progress(written, total)
        stream.write("\n  ]" if count else "]")
    stream.write("\n}\n")
    if progress is not None:
        progress(written, total)
    return written


def _indented(value: object, depth: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return textwrap.indent(text, " " * depth)[depth:]


def _sections(
    *, region: Region | None
) -> Iterator[tuple[str, dict[str, Any] | Iterable[HsdsObject]]]:
    renderer = HsdsRenderer()
    services = Service.objects.all()
    if region is not None:
        services = services.filter(region=region)
    organizations = _organizations_for(services, region)
    locations = (
        Location.objects.filter(
            Q(organization__in=organizations) | Q(service_at_locations__service__in=services)
        ).distinct()
        if region is not None
        else Location.objects.all()
    )
    terms = _terms_for(services, region)
    taxonomies = (
        Taxonomy.objects.filter(terms__in=terms).distinct() if region else Taxonomy.objects.all()
    )
    extra_terms = _fallback_terms(services)
    extra_taxonomies = [
        taxonomy
        for taxonomy in own_taxonomy().taxonomies_of(extra_terms)
        if not Taxonomy.objects.filter(pk=taxonomy["id"]).exists()
    ]
    sals = ServiceAtLocation.objects.filter(service__in=services)

    meta: dict[str, Any] = {
        "title": "Sociale kaart (export uit Dichtbij)",
        "description": (
            "Aanbod van hulp en ondersteuning voor jeugd en gezin, volgens Open Referral "
            "HSDS 3.0. De omslag met lijsten is die van de gedeelde sociale kaart; elk "
            "object daarin is een HSDS 3.0-object."
        ),
        "hsds_version": "3.0",
        "generated": format_datetime(timezone.now()),
        "language": "nl",
    }
    if region is not None:
        meta["region"] = {"code": region.code, "name": region.name}
    meta["counts"] = {
        "taxonomies": taxonomies.count() + len(extra_taxonomies),
        "taxonomy_terms": terms.count() + len(extra_terms),
        "organizations": organizations.count(),
        "locations": locations.count(),
        "services": services.count(),
        "service_at_locations": sals.count(),
    }
    yield "meta", meta
    yield (
        "taxonomies",
        _chain((renderer.taxonomy(t) for t in taxonomies.order_by("name", "id")), extra_taxonomies),
    )
    yield (
        "taxonomy_terms",
        _chain((renderer.term(t) for t in terms.order_by("code", "id")), extra_terms),
    )
    yield "organizations", (renderer.organization(o) for o in organizations.order_by("name", "id"))
    yield "locations", (renderer.location(loc) for loc in locations.order_by("name", "id"))
    yield (
        "services",
        (
            renderer.service(service)
            for service in services.order_by("name", "id")
            .prefetch_related(*hsds_service_prefetches())
            .iterator(chunk_size=EXPORT_CHUNK)
        ),
    )
    yield (
        "service_at_locations",
        (
            renderer.service_at_location(item)
            for item in sals.order_by("service_id", "id").iterator(chunk_size=2000)
        ),
    )


def _chain(first: Iterable[HsdsObject], then: Iterable[HsdsObject]) -> Iterator[HsdsObject]:
    yield from first
    yield from then


def _organizations_for(
    services: QuerySet[Service], region: Region | None
) -> QuerySet[Organization]:
    """The region's organisations, those of its services and their locations, and all
    their parents (so that every reference in the export resolves)."""
    if region is None:
        return Organization.objects.all()
    ids = set(
        Organization.objects.filter(
            Q(region=region)
            | Q(services__in=services)
            | Q(locations__service_at_locations__service__in=services)
        ).values_list("id", flat=True)
    )
    frontier = set(ids)
    while frontier:
        parents = set(
            Organization.objects.filter(id__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        frontier = parents - ids
        ids |= frontier
    return Organization.objects.filter(id__in=ids)


def _terms_for(services: QuerySet[Service], region: Region | None) -> QuerySet[TaxonomyTerm]:
    if region is None:
        return TaxonomyTerm.objects.all()
    ids = set(
        TaxonomyTerm.objects.filter(service_attributes__service__in=services).values_list(
            "id", flat=True
        )
    )
    ids |= set(TaxonomyTerm.objects.filter(code__in=DERIVED_CODES).values_list("id", flat=True))
    frontier = set(ids)
    while frontier:
        parents = set(
            TaxonomyTerm.objects.filter(id__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        frontier = parents - ids
        ids |= frontier
    return TaxonomyTerm.objects.filter(id__in=ids)


def _fallback_terms(services: QuerySet[Service]) -> list[HsdsObject]:
    """Terms the export must add from the project's taxonomy: a derived fact is to be
    written with a term the database does not have (only after catalogue management
    changed a service imported without our attributes)."""
    present = set(
        TaxonomyTerm.objects.filter(code__in=DERIVED_CODES).values_list("code", flat=True)
    )
    missing = DERIVED_CODES - present
    if not missing:
        return []

    def has(code: str) -> Exists:
        return Exists(
            ServiceAttribute.objects.filter(service=OuterRef("pk"), taxonomy_term__code=code)
        )

    needs: dict[str, Q] = {
        REFERRAL_REQUIRED: Q(referral_required=True),
        REFERRAL_NOT_REQUIRED: Q(referral_required=False) & Q(has(REFERRAL_REQUIRED)),
        WAITING_WEEKS: Q(waiting_weeks__isnull=False),
        AT_SCHOOL: (Q(at_school=True) & ~Q(has(SCHOOL_SUPPORT)))
        | (Q(at_school=False) & Q(has(SCHOOL_SUPPORT))),
    }
    own = own_taxonomy().terms_by_code
    return [
        own[code]
        for code in sorted(missing)
        if code in own and services.filter(needs[code]).exists()
    ]


# --- The project's own taxonomy --------------------------------------------------------


class OwnTaxonomy:
    """The project's taxonomy file (:data:`~.constants.TAXONOMY_FILE`) as HSDS objects."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.taxonomies: dict[str, HsdsObject] = {t["id"]: t for t in data.get("taxonomies", [])}
        self.terms_by_code: dict[str, HsdsObject] = {
            t["code"]: t for t in data.get("taxonomy_terms", []) if t.get("code")
        }

    def taxonomies_of(self, terms: Iterable[HsdsObject]) -> list[HsdsObject]:
        ids = {term.get("taxonomy_id") for term in terms}
        return [taxonomy for pk, taxonomy in self.taxonomies.items() if pk in ids]


@cache
def own_taxonomy() -> OwnTaxonomy:
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        return OwnTaxonomy(json.load(handle))


# --- Rows to HSDS --------------------------------------------------------------------


def _object(
    kind: str, instance: Any, extra: Mapping[str, Any] | None = None, **nested: Any
) -> HsdsObject:
    """An HSDS object from a row: id, the columns that have a value, ``hsds_extra`` (or
    ``extra``), then ``nested``; in the schema's key order."""
    values: HsdsObject = {"id": str(instance.pk)}
    for column in COLUMNS[kind]:
        value = hsds_value(column, getattr(instance, column.field))
        if value is not None:
            values[column.key] = value
    values.update(instance.hsds_extra if extra is None else extra)
    values.update(nested)
    return hsds_object(kind, values)
