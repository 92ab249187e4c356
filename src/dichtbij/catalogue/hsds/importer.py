"""Importing HSDS 3.0 into the sociale kaart: checked, atomic and idempotent.

:func:`catalogue_import` (parsed data) and :func:`catalogue_import_file` (a file, read as a
stream) accept the shared dataset's wrapper, a list of HSDS service objects or a single
one. They

1. check every object against the official HSDS 3.0 schemas (:mod:`.validation`), then
   our own rules: types and lengths of stored values, ages, the referral and waiting-time
   attributes (:mod:`.facts`), nested copies of one id that differ, duplicate ids;
2. map each ``service_area`` to a gemeente: by the CBS code in its ``description`` (or
   ``name``), e.g. ``(CBS GM0307)``, else by the gemeente's name among the loaded regions
   (only ``region``'s when given). An unknown gemeente is a problem. A service's region is
   the region of its gemeenten; they must all be in one region (and in ``region`` when
   given). An organisation gets the region of its first service in the input, else of
   its parent, else ``region``, else the only region of the input, else the region it
   already had;
3. check every reference (``organization_id``, ``parent_organization_id``,
   ``location_id``, ``service_id``, ``taxonomy_term_id``, ``taxonomy_id``, ``parent_id``)
   against the input and the database;
4. write in one transaction, in batches: ids are kept, an existing row is updated only
   when a value differs, a service's areas, attributes and service_at_locations become
   exactly those of the input. Nothing is deleted otherwise: a service missing from the
   input stays (functioneel beheer marks it outdated).

Any problem — invalid JSON, schema errors, dangling references, unknown gemeenten —
ends the import with :class:`CatalogueImportError` listing all problems, each naming the
object (place and id) and the JSON path; nothing is stored.

Without the official schemas (``settings.SHARED_DATA_DIR`` absent) the import refuses
(:class:`HsdsSchemasMissing`), except for the project's own data files
(``trusted=True``), which the test suite checks against the schemas wherever they exist.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Final

from django.db import connection, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from dichtbij.catalogue.hsds.errors import WHOLE_FILE, CatalogueImportError, Problem
from dichtbij.catalogue.hsds.facts import FactError, Facts, facts_from_attributes
from dichtbij.catalogue.hsds.mapping import FIELDS, FieldReader, Row, parse_uuid
from dichtbij.catalogue.hsds.reader import (
    Entry,
    JsonStream,
    JsonSyntaxError,
    ShapeProblem,
    count_entries,
    entries_from_data,
)
from dichtbij.catalogue.hsds.validation import HsdsValidator, hsds_validator, schemas_available
from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from dichtbij.regions.models import District, Municipality, Region

#: Services written per batch while the input streams in.
BATCH_SIZE: Final = 500
#: Ids per ``IN (...)`` query.
_CHUNK: Final = 900

_CBS_CODE = re.compile(r"\bGM\d{4}\b")
_EXTENT_SPLIT = re.compile(r",|\s+en\s+|;")

ProgressCallback = Callable[[int, int], None]

_SERVICE_FIELDS: Final = (
    *FIELDS["service"],
    "region_id",
    "referral_required",
    "referrers",
    "waiting_weeks",
    "at_school",
)
_AREA_FIELDS: Final = ("service_id", "municipality_id", *FIELDS["service_area"])
_ATTRIBUTE_FIELDS: Final = ("service_id", *FIELDS["attribute"])
_SAL_FIELDS: Final = ("service_id", *FIELDS["service_at_location"])
_ORGANIZATION_FIELDS: Final = (*FIELDS["organization"], "region_id")


# --- Results -------------------------------------------------------------------------


@dataclass
class ObjectCounts:
    """What an import did with the objects of one type."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class ImportSummary:
    """What an import did, per HSDS object type."""

    source_name: str
    taxonomies: ObjectCounts = field(default_factory=ObjectCounts)
    taxonomy_terms: ObjectCounts = field(default_factory=ObjectCounts)
    organizations: ObjectCounts = field(default_factory=ObjectCounts)
    locations: ObjectCounts = field(default_factory=ObjectCounts)
    services: ObjectCounts = field(default_factory=ObjectCounts)
    service_areas: ObjectCounts = field(default_factory=ObjectCounts)
    service_at_locations: ObjectCounts = field(default_factory=ObjectCounts)
    attributes: ObjectCounts = field(default_factory=ObjectCounts)
    #: Codes of the regions the imported services belong to.
    regions: list[str] = field(default_factory=list)
    #: Services created or changed (own row or areas, attributes, locations).
    changed_service_ids: set[uuid.UUID] = field(default_factory=set, repr=False)

    def counts(self) -> dict[str, ObjectCounts]:
        """The counts by HSDS object type (plural, as in the wrapper)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.type in ("ObjectCounts", ObjectCounts)
        }

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.counts().values())


# --- Entry points --------------------------------------------------------------------


def catalogue_import(
    *,
    data: Mapping[str, Any] | Sequence[Any],
    source_name: str = "<data>",
    progress: ProgressCallback | None = None,
    region: Region | None = None,
    trusted: bool = False,
    reindex: bool = True,
) -> ImportSummary:
    """Import parsed HSDS data (wrapper, list of services or one service).

    ``progress(done, total)`` counts objects. ``region`` restricts gemeente names to that
    region and requires every service to be in it. ``trusted`` is for the project's own
    data files only: they are imported even when the official schemas are absent.
    ``reindex`` brings the search index up to date for the services that changed, in the
    same transaction (turn it off only to index separately, e.g. in benchmarks).

    Raises :class:`CatalogueImportError` (with ``problems``; nothing stored) or
    :class:`~.errors.HsdsSchemasMissing`.
    """
    importer = _Importer(source_name=source_name, region=region, trusted=trusted, reindex=reindex)
    total = count_entries(data)
    done = 0

    def counted() -> Iterator[Entry | ShapeProblem]:
        nonlocal done
        for entry in entries_from_data(data):
            done += 1
            yield entry

    return importer.run(counted(), progress=progress, total=total, position=lambda: done)


def catalogue_import_file(
    *,
    path: Path,
    progress: ProgressCallback | None = None,
    region: Region | None = None,
    trusted: bool = False,
    reindex: bool = True,
) -> ImportSummary:
    """Import an HSDS JSON file, streamed (memory stays bounded for large files).

    ``progress(done, total)`` counts bytes of the file. See :func:`catalogue_import`.
    """
    importer = _Importer(source_name=path.name, region=region, trusted=trusted, reindex=reindex)
    try:
        handle = path.open(encoding="utf-8-sig")
        total = path.stat().st_size
    except OSError as error:
        problem = Problem(
            WHOLE_FILE,
            "",
            gettext("kan het bestand niet lezen: %(error)s") % {"error": error.strerror or error},
        )
        raise CatalogueImportError([problem], source_name=path.name) from error
    with handle:
        stream = JsonStream(handle)
        return importer.run(
            stream.entries(), progress=progress, total=total, position=lambda: stream.position
        )


# --- The work ------------------------------------------------------------------------


@dataclass(slots=True)
class _Seen:
    """An object collected from the input: where it was first seen and its row."""

    where: str
    path: str
    row: Row


@dataclass(slots=True)
class _ServiceRows:
    """A service read from the input, ready to write once its facts are known."""

    id: uuid.UUID
    where: str
    row: Row
    areas: dict[uuid.UUID, Row]
    districts: dict[uuid.UUID, set[int]]
    attributes: dict[uuid.UUID, Row]
    #: ``(path of the attribute, term id)`` in input order, for the facts.
    attribute_terms: list[tuple[str, uuid.UUID, str]]
    facts: Facts | None = None


@dataclass(frozen=True, slots=True)
class _Gemeente:
    id: int
    code: str
    name: str
    region_id: int


class _Gazetteer:
    """The loaded gemeenten and wijken, to map ``service_areas``."""

    def __init__(self, region: Region | None) -> None:
        self.region = region
        self.by_code: dict[str, _Gemeente] = {}
        self.by_name: dict[str, list[_Gemeente]] = {}
        for pk, code, name, region_id in Municipality.objects.values_list(
            "pk", "code", "name", "region_id"
        ):
            gemeente = _Gemeente(pk, code, name, region_id)
            self.by_code[code] = gemeente
            if region is None or region_id == region.pk:
                self.by_name.setdefault(_normal(name), []).append(gemeente)
        self.region_names: dict[int, str] = dict(Region.objects.values_list("pk", "name"))
        self.region_codes: dict[int, str] = dict(Region.objects.values_list("pk", "code"))
        self.districts: dict[tuple[int, str], int] = {
            (municipality_id, _normal(name)): pk
            for pk, municipality_id, name in District.objects.values_list(
                "pk", "municipality_id", "name"
            )
        }

    def find(self, area: Mapping[str, object]) -> tuple[_Gemeente | None, str]:
        """The gemeente an HSDS ``service_area`` names, or ``None`` and why not."""
        for key in ("description", "name", "uri"):
            text = area.get(key)
            match = _CBS_CODE.search(text) if isinstance(text, str) else None
            if match:
                gemeente = self.by_code.get(match.group())
                if gemeente is None:
                    return None, gettext(
                        "onbekende gemeente %(code)s: die CBS-code hoort bij geen geladen regio"
                    ) % {"code": match.group()}
                if self.region is not None and gemeente.region_id != self.region.pk:
                    return None, gettext(
                        "gemeente %(name)s (%(code)s) hoort niet bij regio %(region)s"
                    ) % {"name": gemeente.name, "code": gemeente.code, "region": self.region.name}
                return gemeente, ""
        name = area.get("name")
        if not isinstance(name, str) or not name.strip():
            return None, gettext(
                "werkgebied zonder gemeente: noem de gemeente in name of de CBS-code in "
                "description, bijvoorbeeld (CBS GM0307)"
            )
        found = self.by_name.get(_normal(name), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, gettext(
                'gemeentenaam "%(name)s" is niet eenduidig; noem de CBS-code in description'
            ) % {"name": name}
        where = self.region.name if self.region else gettext("de geladen regio's")
        return None, gettext(
            'onbekende gemeente "%(name)s": niet gevonden in %(where)s (noem de CBS-code in '
            "description, bijvoorbeeld (CBS GM0307))"
        ) % {"name": name, "where": where}

    def districts_in(self, gemeente: _Gemeente, area: Mapping[str, object]) -> set[int]:
        """The wijken of ``gemeente`` named in the area's text ``extent``."""
        extent = area.get("extent")
        if not isinstance(extent, str) or area.get("extent_type", "text") != "text":
            return set()
        names = (_normal(part) for part in _EXTENT_SPLIT.split(extent))
        return {
            pk
            for name in names
            if name and (pk := self.districts.get((gemeente.id, name))) is not None
        }


def _normal(name: str) -> str:
    text = name.strip().lower()
    return text.removeprefix("gemeente ").strip()


class _Importer:
    def __init__(
        self, *, source_name: str, region: Region | None, trusted: bool, reindex: bool
    ) -> None:
        self.source_name = source_name
        self.reindex = reindex
        self.region = region
        self.validator: HsdsValidator | None = (
            None if trusted and not schemas_available() else hsds_validator()
        )
        self.summary = ImportSummary(source_name=source_name)
        self.problems: list[Problem] = []
        self.gazetteer = _Gazetteer(region)
        self.db_term_codes: dict[uuid.UUID, str] = dict(
            TaxonomyTerm.objects.values_list("id", "code")
        )
        #: The first raw copy of each nested term, organisation and location: an equal
        #: copy later on needs no second reading.
        self.raw: dict[tuple[str, str], Mapping[str, object]] = {}
        self.taxonomies: dict[uuid.UUID, _Seen] = {}
        self.terms: dict[uuid.UUID, _Seen] = {}
        self.organizations: dict[uuid.UUID, _Seen] = {}
        self.locations: dict[uuid.UUID, _Seen] = {}
        self.sals: dict[uuid.UUID, _Seen] = {}
        self.sal_pairs: dict[tuple[object, object], uuid.UUID] = {}
        #: Where each service and each service child id was first seen.
        self.service_where: dict[uuid.UUID, str] = {}
        self.child_where: dict[uuid.UUID, str] = {}
        self.service_region: dict[uuid.UUID, int] = {}
        self.organization_region: dict[uuid.UUID, int] = {}
        #: The first referrers of each referenced id: ``(model, id) -> [(where, path)]``
        #: (at most :data:`_REFERRERS_KEPT`) and how many there were.
        self.references: dict[tuple[type[models.Model], uuid.UUID], list[tuple[str, str]]] = {}
        self.reference_counts: dict[tuple[type[models.Model], uuid.UUID], int] = {}
        #: Organisations of services with problems (their region may stay unknown).
        self.orphaned: set[uuid.UUID] = set()
        #: The ids the input has, per model.
        self.in_input: dict[type[models.Model], Mapping[uuid.UUID, object]] = {
            Taxonomy: self.taxonomies,
            TaxonomyTerm: self.terms,
            Organization: self.organizations,
            Location: self.locations,
            Service: self.service_where,
        }
        self.ready: list[_ServiceRows] = []
        self.held: list[_ServiceRows] = []

    # --- Driving ---------------------------------------------------------------------

    def run(
        self,
        entries: Iterable[Entry | ShapeProblem],
        *,
        progress: ProgressCallback | None,
        total: int,
        position: Callable[[], int],
    ) -> ImportSummary:
        with transaction.atomic():
            try:
                for count, entry in enumerate(entries, 1):
                    if isinstance(entry, ShapeProblem):
                        self.problem(entry.label, "", entry.message)
                    else:
                        self.take(entry)
                    if len(self.ready) >= BATCH_SIZE:
                        self.flush()
                    if progress is not None and count % 100 == 0:
                        progress(min(position(), total), total)
            except JsonSyntaxError as error:
                self.problem(WHOLE_FILE, "", error.message)
                # The rest of the input is unread: references and regions cannot be
                # judged, and what was read is not stored anyway.
                raise CatalogueImportError(self.problems, source_name=self.source_name) from error
            self.finish()
            if self.problems:
                raise CatalogueImportError(self.problems, source_name=self.source_name)
            # Deferred foreign keys: fail here (rolled back) rather than at commit.
            connection.check_constraints(table_names=_TABLES)
            if self.reindex:
                _reindex(self.summary)
        if progress is not None:
            progress(total, total)
        return self.summary

    def problem(self, where: str, path: str, message: str) -> None:
        self.problems.append(Problem(where, path, message))

    def take(self, entry: Entry) -> None:
        obj = entry.value
        where = _where(entry.label, obj)
        kind = _KIND_OF_SECTION[entry.section]
        if not isinstance(obj, Mapping):
            self.problem(where, "", gettext("moet een JSON-object zijn"))
            return
        if self.validator is not None:
            errors = self.validator.errors(kind, obj)
            if errors:
                for error in errors:
                    self.problem(where, error.path, error.message)
                return
        reader = FieldReader()
        if kind == "service":
            self.read_service(obj, where, reader)
        elif kind == "taxonomy":
            self.read_taxonomy(obj, where, "", reader)
        elif kind == "taxonomy_term":
            self.read_term(obj, where, "", reader)
        elif kind == "organization":
            self.read_organization(obj, where, "", reader)
        elif kind == "location":
            self.read_location(obj, where, "", reader, organization_id=None)
        else:
            self.read_sal(obj, where, "", reader, service_id=None)
        for path, message in reader.errors:
            self.problem(where, path, message)

    # --- Reading objects -------------------------------------------------------------

    def collect(
        self,
        collection: dict[uuid.UUID, _Seen],
        kind: str,
        pk: uuid.UUID,
        row: Row,
        where: str,
        path: str,
    ) -> None:
        """Add an object; another copy of the same id must have the same content."""
        seen = collection.get(pk)
        if seen is None:
            collection[pk] = _Seen(where, path, row)
            return
        if seen.row != row:
            what = _kind_name(kind)
            differ = sorted(
                key for key in row.keys() | seen.row.keys() if row.get(key) != seen.row.get(key)
            )
            self.problem(
                where,
                path,
                gettext(
                    "%(what)s %(id)s staat ook in %(other)s, met andere gegevens "
                    "(verschil in: %(fields)s)"
                )
                % {
                    "what": what,
                    "id": pk,
                    "other": f"{seen.where} {seen.path}".strip(),
                    "fields": ", ".join(differ),
                },
            )

    def known(self, kind: str, obj: Mapping[str, object]) -> uuid.UUID | None:
        """The id of ``obj`` if an equal copy was read before (then all is done);
        ``None`` when it must be read (the first copy is remembered)."""
        raw_id = obj.get("id")
        if not isinstance(raw_id, str):
            return None
        key = (kind, raw_id)
        first = self.raw.get(key)
        if first is None:
            self.raw[key] = obj
            return None
        return _cached_uuid(raw_id) if first is obj or first == obj else None

    def refer(self, model: type[models.Model], pk: object, where: str, path: str) -> None:
        """Note a reference, to check at the end (unless the input already has the id)."""
        if isinstance(pk, uuid.UUID) and pk not in self.in_input[model]:
            key = (model, pk)
            referrers = self.references.setdefault(key, [])
            if len(referrers) < _REFERRERS_KEPT:
                referrers.append((where, path))
            else:
                self.reference_counts[key] = self.reference_counts.get(key, 0) + 1

    def read_taxonomy(
        self, obj: Mapping[str, object], where: str, path: str, reader: FieldReader
    ) -> uuid.UUID | None:
        pk = reader.identifier(obj.get("id"), f"{path}/id")
        row = reader.columns("taxonomy", obj, path)
        row["hsds_extra"] = reader.extra_keys("taxonomy", obj)
        if pk is not None:
            self.collect(self.taxonomies, "taxonomy", pk, row, where, path)
        return pk

    def read_term(
        self, obj: Mapping[str, object], where: str, path: str, reader: FieldReader
    ) -> uuid.UUID | None:
        if (known := self.known("taxonomy_term", obj)) is not None:
            return known
        pk = reader.identifier(obj.get("id"), f"{path}/id")
        row = reader.columns("taxonomy_term", obj, path)
        row["hsds_extra"] = reader.extra_keys("taxonomy_term", obj)
        detail = obj.get("taxonomy_detail")
        if isinstance(detail, Mapping):
            taxonomy_id = self.read_taxonomy(detail, where, f"{path}/taxonomy_detail", reader)
            if row["taxonomy_id"] is None:
                row["taxonomy_id"] = taxonomy_id
            elif taxonomy_id is not None and row["taxonomy_id"] != taxonomy_id:
                reader.error(
                    f"{path}/taxonomy_id",
                    gettext("verschilt van het id van taxonomy_detail (%(id)s)")
                    % {"id": taxonomy_id},
                )
        self.refer(Taxonomy, row["taxonomy_id"], where, f"{path}/taxonomy_id")
        self.refer(TaxonomyTerm, row["parent_id"], where, f"{path}/parent_id")
        if pk is not None:
            self.collect(self.terms, "taxonomy_term", pk, row, where, path)
        return pk

    def read_organization(
        self, obj: Mapping[str, object], where: str, path: str, reader: FieldReader
    ) -> uuid.UUID | None:
        if (known := self.known("organization", obj)) is not None:
            return known
        pk = reader.identifier(obj.get("id"), f"{path}/id")
        row = reader.columns("organization", obj, path)
        row["hsds_extra"] = reader.extra_keys("organization", obj)
        if obj.get("services"):
            reader.error(
                f"{path}/services",
                gettext(
                    "diensten binnen een organisatie worden niet ingelezen; zet ze in "
                    "services met organization_id"
                ),
            )
        locations = obj.get("locations")
        if isinstance(locations, list):
            for index, location in enumerate(locations):
                if isinstance(location, Mapping):
                    self.read_location(
                        location, where, f"{path}/locations/{index}", reader, organization_id=pk
                    )
        self.refer(Organization, row["parent_id"], where, f"{path}/parent_organization_id")
        if pk is not None:
            self.collect(self.organizations, "organization", pk, row, where, path)
        return pk

    def read_location(
        self,
        obj: Mapping[str, object],
        where: str,
        path: str,
        reader: FieldReader,
        *,
        organization_id: uuid.UUID | None,
    ) -> uuid.UUID | None:
        if organization_id is None and (known := self.known("location", obj)) is not None:
            return known
        pk = reader.identifier(obj.get("id"), f"{path}/id")
        row = reader.columns("location", obj, path)
        row["hsds_extra"] = reader.extra_keys("location", obj)
        if organization_id is not None:
            if row["organization_id"] is None:
                row["organization_id"] = organization_id
            elif row["organization_id"] != organization_id:
                reader.error(
                    f"{path}/organization_id",
                    gettext("wijst naar een andere organisatie dan die waar de locatie in staat"),
                )
        self.refer(Organization, row["organization_id"], where, f"{path}/organization_id")
        if pk is not None:
            self.collect(self.locations, "location", pk, row, where, path)
        return pk

    def read_sal(
        self,
        obj: Mapping[str, object],
        where: str,
        path: str,
        reader: FieldReader,
        *,
        service_id: uuid.UUID | None,
    ) -> None:
        errors_before = len(reader.errors)
        pk = reader.identifier(obj.get("id"), f"{path}/id")
        row = reader.columns("service_at_location", obj, path)
        row["hsds_extra"] = reader.extra_keys("service_at_location", obj)
        given_service = obj.get("service_id")
        own = (
            reader.identifier(given_service, f"{path}/service_id")
            if given_service is not None
            else None
        )
        if service_id is None:
            if own is None and given_service is None:
                reader.error(f"{path}/service_id", gettext("verplicht veld ontbreekt"))
            service_id = own
            self.refer(Service, service_id, where, f"{path}/service_id")
        elif own is not None and own != service_id:
            reader.error(f"{path}/service_id", gettext("wijst naar een andere dienst dan deze"))
        row["service_id"] = service_id
        if obj.get("service") is not None:
            reader.error(
                f"{path}/service",
                gettext("een geneste dienst binnen service_at_location wordt niet ingelezen"),
            )
        location = obj.get("location")
        if isinstance(location, Mapping):
            location_id = self.read_location(
                location, where, f"{path}/location", reader, organization_id=None
            )
            if row["location_id"] is None:
                row["location_id"] = location_id
            elif location_id is not None and row["location_id"] != location_id:
                reader.error(
                    f"{path}/location_id",
                    gettext("verschilt van het id van de geneste location (%(id)s)")
                    % {"id": location_id},
                )
        if row["location_id"] is None:
            reader.error(f"{path}/location_id", gettext("verplicht veld ontbreekt"))
        self.refer(Location, row["location_id"], where, f"{path}/location_id")
        if pk is None or len(reader.errors) > errors_before:
            return
        pair = (row["service_id"], row["location_id"])
        other = self.sal_pairs.setdefault(pair, pk)
        if other != pk:
            reader.error(
                path,
                gettext("deze dienst staat al op deze locatie (service_at_location %(id)s)")
                % {"id": other},
            )
        self.collect(self.sals, "service_at_location", pk, row, where, path)

    def check_child_id(self, pk: uuid.UUID, where: str, path: str, reader: FieldReader) -> bool:
        """An area or attribute id may occur once in the input."""
        here = f"{where} {path}"
        first = self.child_where.setdefault(pk, here)
        if first != here:
            reader.error(
                f"{path}/id",
                gettext("id %(id)s komt al voor in %(other)s") % {"id": pk, "other": first},
            )
            return False
        return True

    def read_service(self, obj: Mapping[str, object], where: str, reader: FieldReader) -> None:
        pk = reader.identifier(obj.get("id"), "/id")
        row = reader.columns("service", obj, "")
        row["hsds_extra"] = reader.extra_keys("service", obj)
        if row["status"] and row["status"] not in ServiceStatus.values:
            reader.error(
                "/status", gettext("onbekende status %(status)s") % {"status": row["status"]}
            )
        minimum, maximum = row["minimum_age"], row["maximum_age"]
        if isinstance(minimum, int) and isinstance(maximum, int) and minimum > maximum:
            reader.error(
                "/maximum_age",
                gettext("%(max)d is kleiner dan minimum_age %(min)d")
                % {"max": maximum, "min": minimum},
            )
        organization = obj.get("organization")
        if isinstance(organization, Mapping):
            organization_id = self.read_organization(organization, where, "/organization", reader)
            if row["organization_id"] is None:
                row["organization_id"] = organization_id
            elif organization_id is not None and row["organization_id"] != organization_id:
                reader.error(
                    "/organization_id",
                    gettext("verschilt van het id van de geneste organization (%(id)s)")
                    % {"id": organization_id},
                )
        if row["organization_id"] is None and "organization_id" not in obj:
            reader.error(
                "/organization_id",
                gettext("de dienst heeft geen organisatie: geef organization_id of organization"),
            )
        self.refer(Organization, row["organization_id"], where, "/organization_id")
        if pk is not None:
            first = self.service_where.setdefault(pk, where)
            if first != where:
                reader.error(
                    "/id",
                    gettext("dienst %(id)s staat ook in %(other)s") % {"id": pk, "other": first},
                )

        areas, districts, region_id = self.read_areas(obj, pk, where, reader)
        attributes, attribute_terms = self.read_attributes(obj, pk, where, reader)
        sals = obj.get("service_at_locations")
        if isinstance(sals, list):
            for index, sal in enumerate(sals):
                if isinstance(sal, Mapping):
                    self.read_sal(
                        sal, where, f"/service_at_locations/{index}", reader, service_id=pk
                    )
        owner = row["organization_id"]
        service = _ServiceRows(
            pk or uuid.UUID(int=0), where, row, areas, districts, attributes, attribute_terms
        )
        derived = self.derive(service)  # reports problems with the facts, too
        if pk is None or reader.errors:
            if isinstance(owner, uuid.UUID):
                self.orphaned.add(owner)  # its region may be unknown: not a problem of its own
            return
        row["region_id"] = region_id
        if region_id is not None:
            self.service_region[pk] = region_id
            if isinstance(owner, uuid.UUID):
                self.organization_region.setdefault(owner, region_id)
        (self.ready if derived else self.held).append(service)

    def read_areas(
        self,
        obj: Mapping[str, object],
        service_id: uuid.UUID | None,
        where: str,
        reader: FieldReader,
    ) -> tuple[dict[uuid.UUID, Row], dict[uuid.UUID, set[int]], int | None]:
        areas: dict[uuid.UUID, Row] = {}
        districts: dict[uuid.UUID, set[int]] = {}
        regions: dict[int, list[str]] = {}
        items = obj.get("service_areas")
        if not isinstance(items, list) or not items:
            reader.error(
                "/service_areas",
                gettext(
                    "de dienst heeft geen werkgebied: geef per gemeente een service_area "
                    "(naam of CBS-code van de gemeente)"
                ),
            )
            return areas, districts, None
        municipalities: set[int] = set()
        for index, area in enumerate(items):
            path = f"/service_areas/{index}"
            if not isinstance(area, Mapping):
                continue
            pk = reader.identifier(area.get("id"), f"{path}/id")
            row = reader.columns("service_area", area, path)
            row["hsds_extra"] = reader.extra_keys("service_area", area)
            own = area.get("service_id")
            if (
                own is not None
                and service_id is not None
                and reader.identifier(own, f"{path}/service_id") not in {None, service_id}
            ):
                reader.error(f"{path}/service_id", gettext("wijst naar een andere dienst dan deze"))
            gemeente, why = self.gazetteer.find(area)
            if gemeente is None:
                reader.error(path, why)
                continue
            if gemeente.id in municipalities:
                reader.error(
                    path,
                    gettext("gemeente %(name)s staat al in een ander werkgebied van deze dienst")
                    % {"name": gemeente.name},
                )
                continue
            municipalities.add(gemeente.id)
            regions.setdefault(gemeente.region_id, []).append(gemeente.name)
            if pk is None or not self.check_child_id(pk, where, path, reader):
                continue
            row["service_id"] = service_id
            row["municipality_id"] = gemeente.id
            areas[pk] = row
            districts[pk] = self.gazetteer.districts_in(gemeente, area)
        if len(regions) > 1:
            described = "; ".join(
                f"{self.gazetteer.region_names[region_id]}: {', '.join(names)}"
                for region_id, names in regions.items()
            )
            reader.error(
                "/service_areas",
                gettext(
                    "de gemeenten liggen in verschillende regio's (%(regions)s); een dienst "
                    "hoort bij één regio"
                )
                % {"regions": described},
            )
            return areas, districts, None
        return areas, districts, next(iter(regions), None)

    def read_attributes(
        self,
        obj: Mapping[str, object],
        service_id: uuid.UUID | None,
        where: str,
        reader: FieldReader,
    ) -> tuple[dict[uuid.UUID, Row], list[tuple[str, uuid.UUID, str]]]:
        attributes: dict[uuid.UUID, Row] = {}
        terms: list[tuple[str, uuid.UUID, str]] = []
        items = obj.get("attributes")
        if not isinstance(items, list):
            return attributes, terms
        for index, attribute in enumerate(items):
            path = f"/attributes/{index}"
            if not isinstance(attribute, Mapping):
                continue
            pk = reader.identifier(attribute.get("id"), f"{path}/id")
            row = reader.columns("attribute", attribute, path)
            row["hsds_extra"] = reader.extra_keys("attribute", attribute)
            link = attribute.get("link_id")
            if (
                link is not None
                and service_id is not None
                and reader.identifier(link, f"{path}/link_id") not in {None, service_id}
            ):
                reader.error(
                    f"{path}/link_id", gettext("wijst naar een ander object dan deze dienst")
                )
            term = attribute.get("taxonomy_term")
            if isinstance(term, Mapping):
                term_id = self.read_term(term, where, f"{path}/taxonomy_term", reader)
                if row["taxonomy_term_id"] is None:
                    row["taxonomy_term_id"] = term_id
                elif term_id is not None and row["taxonomy_term_id"] != term_id:
                    reader.error(
                        f"{path}/taxonomy_term_id",
                        gettext("verschilt van het id van de geneste taxonomy_term (%(id)s)")
                        % {"id": term_id},
                    )
            term_ref = row["taxonomy_term_id"]
            if not isinstance(term_ref, uuid.UUID):
                if "taxonomy_term_id" not in attribute and not isinstance(term, Mapping):
                    reader.error(
                        f"{path}/taxonomy_term_id",
                        gettext(
                            "een kenmerk heeft een taxonomieterm nodig (taxonomy_term_id "
                            "of taxonomy_term)"
                        ),
                    )
                continue
            self.refer(TaxonomyTerm, term_ref, where, f"{path}/taxonomy_term_id")
            value = row["value"]
            terms.append((path, term_ref, value if isinstance(value, str) else ""))
            if pk is None or not self.check_child_id(pk, where, path, reader):
                continue
            row["service_id"] = service_id
            attributes[pk] = row
        return attributes, terms

    def term_code(self, term_id: uuid.UUID) -> str | None:
        seen = self.terms.get(term_id)
        if seen is not None:
            code = seen.row["code"]
            return code if isinstance(code, str) else ""
        return self.db_term_codes.get(term_id)

    def derive(self, service: _ServiceRows, *, final: bool = False) -> bool:
        """Compute the service's facts from its attributes; False when a term is not
        known yet (the service waits until the whole input is read)."""
        codes: list[tuple[str, str]] = []
        for _path, term_id, value in service.attribute_terms:
            code = self.term_code(term_id)
            if code is None:
                if not final:
                    return False
                code = ""  # a dangling reference; reported by check_references
            codes.append((code, value))
        facts, errors = facts_from_attributes(codes)
        for error in errors:
            self.problem(service.where, _fact_path(service, error), error.message)
        service.facts = facts
        service.row.update(facts.as_fields())
        return True

    # --- Finishing -------------------------------------------------------------------

    def finish(self) -> None:
        for service in self.held:
            self.derive(service, final=True)
        self.ready.extend(self.held)
        self.held = []
        self.check_references()
        self.assign_organization_regions()
        if self.problems:
            return
        self.flush()
        self.write_rest()
        self.summary.regions = sorted(
            {self.gazetteer.region_codes[region_id] for region_id in self.service_region.values()}
        )

    def check_references(self) -> None:
        wanted: dict[type[models.Model], list[uuid.UUID]] = {}
        for model, pk in self.references:
            if pk not in self.in_input[model]:
                wanted.setdefault(model, []).append(pk)
        names = {
            Taxonomy: gettext("taxonomie"),
            TaxonomyTerm: gettext("taxonomieterm"),
            Organization: gettext("organisatie"),
            Location: gettext("locatie"),
            Service: gettext("dienst"),
        }
        for model, ids in wanted.items():
            found = _existing_ids(model, ids)
            for pk in ids:
                if pk in found:
                    continue
                message = gettext(
                    "%(what)s %(id)s bestaat niet (niet in de invoer en niet in de sociale kaart)"
                ) % {"what": names[model], "id": pk}
                for where, path in self.references[(model, pk)]:
                    self.problem(where, path, message)
                more = self.reference_counts.get((model, pk), 0)
                if more:
                    where, path = self.references[(model, pk)][-1]
                    self.problem(
                        where,
                        path,
                        gettext("en nog %(count)d verwijzingen naar %(what)s %(id)s")
                        % {"count": more, "what": names[model], "id": pk},
                    )

    def assign_organization_regions(self) -> None:
        if not self.organizations:
            return
        fallback: int | None = self.region.pk if self.region is not None else None
        if fallback is None and len(set(self.service_region.values())) == 1:
            fallback = next(iter(self.service_region.values()))
        stored = dict(_values_in(Organization, list(self.organizations), "id", "region_id"))
        parents_outside = [
            parent
            for seen in self.organizations.values()
            if isinstance(parent := seen.row["parent_id"], uuid.UUID)
            and parent not in self.organizations
        ]
        stored.update(_values_in(Organization, parents_outside, "id", "region_id"))
        for pk, seen in self.organizations.items():
            region_id = self.organization_region.get(pk)
            parent = seen.row["parent_id"]
            visited: set[uuid.UUID] = {pk}
            while region_id is None and isinstance(parent, uuid.UUID) and parent not in visited:
                visited.add(parent)
                region_id = self.organization_region.get(parent)
                if region_id is None and parent not in self.organizations:
                    region_id = stored.get(parent)
                    break
                parent_seen = self.organizations.get(parent)
                parent = parent_seen.row["parent_id"] if parent_seen is not None else None
            region_id = region_id or fallback or stored.get(pk)
            if region_id is None and pk not in self.orphaned:
                self.problem(
                    seen.where,
                    seen.path,
                    gettext(
                        "de regio van organisatie %(id)s is niet te bepalen: ze heeft geen "
                        "diensten in de invoer; geef de regio op (--region)"
                    )
                    % {"id": pk},
                )
            seen.row["region_id"] = region_id

    # --- Writing ---------------------------------------------------------------------

    def flush(self) -> None:
        """Write the ready services (unless a problem was found: then only read on)."""
        batch, self.ready = self.ready, []
        if self.problems or not batch:
            return
        ids = [service.id for service in batch]
        changed = self.sync_children(
            ServiceArea,
            {pk: row for service in batch for pk, row in service.areas.items()},
            _AREA_FIELDS,
            ids,
            self.summary.service_areas,
            districts={pk: d for service in batch for pk, d in service.districts.items()},
        )
        changed |= self.sync_children(
            ServiceAttribute,
            {pk: row for service in batch for pk, row in service.attributes.items()},
            _ATTRIBUTE_FIELDS,
            ids,
            self.summary.attributes,
        )
        existing: dict[uuid.UUID, dict[str, object]] = {
            row["id"]: row for row in _values_in(Service, ids, "id", *_SERVICE_FIELDS, as_dict=True)
        }
        now = timezone.now()
        creates: list[Row] = []
        updates: list[Service] = []
        counts = self.summary.services
        for service in batch:
            row = service.row
            old = existing.get(service.id)
            given = row["last_modified"]
            if old is None:
                if given is None:
                    row["last_modified"] = now
                creates.append({"id": service.id, **row})
                counts.created += 1
                self.summary.changed_service_ids.add(service.id)
                continue
            assert isinstance(old, dict)
            differs = service.id in changed or any(
                old[name] != row[name] for name in _SERVICE_FIELDS if name != "last_modified"
            )
            if given is None:
                row["last_modified"] = now if differs else old["last_modified"]
            if differs or old["last_modified"] != row["last_modified"]:
                updates.append(Service(id=service.id, **row))
                counts.updated += 1
                self.summary.changed_service_ids.add(service.id)
            else:
                counts.unchanged += 1
        _insert(Service, creates)
        if updates:
            Service.objects.bulk_update(updates, list(_SERVICE_FIELDS), batch_size=100)

    def sync_children(
        self,
        model: type[ServiceArea] | type[ServiceAttribute],
        rows: dict[uuid.UUID, Row],
        names: Sequence[str],
        service_ids: Sequence[uuid.UUID],
        counts: ObjectCounts,
        *,
        districts: Mapping[uuid.UUID, set[int]] | None = None,
    ) -> set[uuid.UUID]:
        """Make the children of ``service_ids`` exactly ``rows``; returns the services
        whose children changed."""
        existing: dict[uuid.UUID, dict[str, object]] = {
            row["id"]: row
            for row in _values_in(model, service_ids, "id", *names, key="service_id", as_dict=True)
        }
        moved = [pk for pk in rows if pk not in existing]
        existing.update(
            (row["id"], row) for row in _values_in(model, moved, "id", *names, as_dict=True)
        )
        changed: set[uuid.UUID] = set()
        batch = set(service_ids)
        stale = [
            pk for pk, old in existing.items() if pk not in rows and old["service_id"] in batch
        ]
        for pk in stale:
            changed.add(existing[pk]["service_id"])  # type: ignore[arg-type]
        if stale:
            for chunk in _chunks(stale):
                model.objects.filter(id__in=chunk).delete()
            counts.deleted += len(stale)
        creates: list[Row] = []
        updates: list[Any] = []  # instances of ``model``
        created: set[uuid.UUID] = set()
        for pk, row in rows.items():
            old = existing.get(pk)
            if old is None:
                creates.append({"id": pk, **row})
                created.add(pk)
                counts.created += 1
                changed.add(row["service_id"])  # type: ignore[arg-type]
            elif any(old[name] != row[name] for name in names):
                updates.append(model(id=pk, **row))
                changed.add(row["service_id"])  # type: ignore[arg-type]
                if old["service_id"] != row["service_id"]:
                    changed.add(old["service_id"])  # type: ignore[arg-type]
        _insert(model, creates)
        if updates:
            model.objects.bulk_update(updates, list(names), batch_size=100)
        updated = {instance.pk for instance in updates}
        if districts is not None:
            relinked = self.sync_districts(districts, created)
            for pk in relinked - created - updated:
                updated.add(pk)
                changed.add(rows[pk]["service_id"])  # type: ignore[arg-type]
        counts.updated += len(updated)
        counts.unchanged += len(rows) - len(created) - len(updated)
        return changed

    def sync_districts(
        self, districts: Mapping[uuid.UUID, set[int]], created: set[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Link each area to exactly its wijken; returns the areas whose links changed."""
        through = ServiceArea.districts.through
        existing: dict[uuid.UUID, dict[int, int]] = {}
        known = [pk for pk in districts if pk not in created]
        for link_pk, area_pk, district_pk in _values_in(
            through, known, "pk", "servicearea_id", "district_id", key="servicearea_id"
        ):
            existing.setdefault(area_pk, {})[district_pk] = link_pk
        changed: set[uuid.UUID] = set()
        remove: list[int] = []
        add: list[Any] = []  # instances of the through model
        for area_pk, wanted in districts.items():
            have = existing.get(area_pk, {})
            if set(have) == wanted:
                continue
            changed.add(area_pk)
            remove.extend(link for district, link in have.items() if district not in wanted)
            add.extend(
                through(servicearea_id=area_pk, district_id=district)
                for district in wanted
                if district not in have
            )
        for chunk in _chunks(remove):
            through.objects.filter(pk__in=chunk).delete()
        through.objects.bulk_create(add, batch_size=BATCH_SIZE)
        return changed

    def write_rest(self) -> None:
        """Write what was collected whole: taxonomies, terms, organisations, locations,
        service_at_locations."""
        _sync(Taxonomy, self.taxonomies, FIELDS["taxonomy"], self.summary.taxonomies)
        _sync(TaxonomyTerm, self.terms, FIELDS["taxonomy_term"], self.summary.taxonomy_terms)
        _sync(Organization, self.organizations, _ORGANIZATION_FIELDS, self.summary.organizations)
        _sync(Location, self.locations, FIELDS["location"], self.summary.locations)
        # A service's service_at_locations are exactly those of the input.
        stale = {
            pk: service_id
            for pk, service_id in _values_in(
                ServiceAtLocation, list(self.service_where), "id", "service_id", key="service_id"
            )
            if pk not in self.sals
        }
        if stale:
            self.summary.changed_service_ids.update(stale.values())
            for chunk in _chunks(list(stale)):
                ServiceAtLocation.objects.filter(id__in=chunk).delete()
            self.summary.service_at_locations.deleted += len(stale)
        changed = _sync(
            ServiceAtLocation, self.sals, _SAL_FIELDS, self.summary.service_at_locations
        )
        self.summary.changed_service_ids.update(
            service_id
            for pk in changed
            if isinstance(service_id := self.sals[pk].row["service_id"], uuid.UUID)
        )


# --- Helpers -------------------------------------------------------------------------

_KIND_OF_SECTION: Final = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "service_at_locations": "service_at_location",
}

_TABLES: Final = [
    model._meta.db_table
    for model in (
        Taxonomy,
        TaxonomyTerm,
        Organization,
        Location,
        Service,
        ServiceArea,
        ServiceAtLocation,
        ServiceAttribute,
    )
]


def _cached_uuid(value: object) -> uuid.UUID | None:
    return parse_uuid(value) if isinstance(value, str) else None


#: Referrers of one missing id reported one by one; the rest are counted.
_REFERRERS_KEPT: Final = 10

#: Above this many changed services, the search index is rebuilt per region.
_REINDEX_BY_ID: Final = 1000


def _reindex(summary: ImportSummary) -> None:
    """Bring the search index up to date for the services the import changed."""
    if not summary.changed_service_ids:
        return
    from dichtbij.catalogue.search import search_index_rebuild, search_index_update

    changed = list(summary.changed_service_ids)
    if len(changed) <= _REINDEX_BY_ID:
        search_index_update(services=Service.objects.filter(pk__in=changed).only("pk"))
        return
    for region in Region.objects.filter(code__in=summary.regions):
        search_index_rebuild(region=region)


def _kind_name(kind: str) -> str:
    names = {
        "taxonomy": gettext("taxonomie"),
        "taxonomy_term": gettext("taxonomieterm"),
        "organization": gettext("organisatie"),
        "location": gettext("locatie"),
        "service_at_location": "service_at_location",
    }
    return names.get(kind, kind)


def _where(label: str, obj: object) -> str:
    if isinstance(obj, Mapping) and isinstance(obj.get("id"), str | int):
        return f"{label} (id {obj['id']})"
    return label


def _fact_path(service: _ServiceRows, error: FactError) -> str:
    if error.index is None:
        return "/attributes"
    path = service.attribute_terms[error.index][0]
    return f"{path}/value" if error.on_value else path


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _values_in(
    model: type[models.Model],
    ids: Sequence[Any],
    *names: str,
    key: str = "id",
    as_dict: bool = False,
) -> Iterator[Any]:
    """Rows of ``model`` whose ``key`` is in ``ids``, queried in chunks: tuples of
    ``names``, or dicts with ``as_dict``."""
    for chunk in _chunks(ids):
        queryset = model._default_manager.filter(**{f"{key}__in": chunk}).order_by()
        if as_dict:
            yield from queryset.values(*names)
        else:
            yield from queryset.values_list(*names)


def _existing_ids(model: type[models.Model], ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    return {pk for (pk,) in _values_in(model, ids, "id")}


def _sync(
    model: type[models.Model],
    collected: Mapping[uuid.UUID, _Seen],
    names: Sequence[str],
    counts: ObjectCounts,
) -> set[uuid.UUID]:
    """Create or update ``collected`` rows; unchanged rows are not written. Returns the
    ids created or updated."""
    existing: dict[uuid.UUID, dict[str, object]] = {
        row["id"]: row for row in _values_in(model, list(collected), "id", *names, as_dict=True)
    }
    creates: list[Row] = []
    updates: list[Any] = []  # instances of ``model``
    for pk, seen in collected.items():
        old = existing.get(pk)
        if old is None:
            creates.append({"id": pk, **seen.row})
        elif any(old[name] != seen.row[name] for name in names):
            updates.append(model(id=pk, **seen.row))
    _insert(model, creates)
    if updates:
        model._default_manager.bulk_update(updates, list(names), batch_size=100)
    counts.created += len(creates)
    counts.updated += len(updates)
    counts.unchanged += len(collected) - len(creates) - len(updates)
    changed: set[uuid.UUID] = {instance.pk for instance in updates}
    changed.update(row_id for row in creates if isinstance(row_id := row["id"], uuid.UUID))
    return changed


def _insert(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Insert new rows (dicts of attnames) with as few statements as the database allows.

    What ``bulk_create`` does, without building a model instance per row and an SQL
    statement per batch in Python, which cost most of a large import's time. Values go
    through each field's ``get_db_prep_save``, so both databases get what the ORM would
    send; fields a row lacks get their default. PostgreSQL gets ``COPY ... FROM STDIN``
    (psycopg adapts the values as for an ``INSERT``; foreign keys and constraints are
    checked the same); SQLite one prepared ``INSERT``, ``executemany``.
    """
    if not rows:
        return
    database = connections[model._default_manager.db]  # the wrapper itself, not the proxy
    fields = list(model._meta.concrete_fields)
    quote = database.ops.quote_name
    preparers = [(field.attname, field.get_default(), field.get_db_prep_save) for field in fields]
    params = [
        tuple(prepare(row.get(name, default), database) for name, default, prepare in preparers)
        for row in rows
    ]
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            raw: Any = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            return
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608  # names from the model
        for start in range(0, len(params), 2000):
            cursor.executemany(sql, params[start : start + 2000])
