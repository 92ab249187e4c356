"""Which HSDS key is which column, both ways; the import reads with it, the export writes.

Per HSDS object kind, :data:`COLUMNS` lists the keys that are columns of our models,
with their type and length. Keys the models hold as related rows (a service's
``service_areas``, ``attributes``, ...) are :data:`NESTED`. Every other key of an object
is kept verbatim in the row's ``hsds_extra`` and written back by the export, so nothing
of an HSDS object is lost on a round trip. :data:`KEY_ORDER` is the order of the official
schemas, used when writing.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from dichtbij.catalogue.hsds.validation import show_value

Kind = Literal["text", "uuid", "number", "int", "date", "datetime"]
Row = dict[str, object]


@dataclass(frozen=True, slots=True)
class Column:
    """HSDS ``key`` stored in model field ``field`` (its attname)."""

    key: str
    field: str
    kind: Kind = "text"
    max_length: int | None = None
    #: Written by the export even when empty (required by the schema).
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None


def _text(key: str, max_length: int | None = None, *, required: bool = False) -> Column:
    return Column(key, key, "text", max_length, required)


def _link(key: str, field: str) -> Column:
    return Column(key, field, "uuid")


COLUMNS: Final[dict[str, tuple[Column, ...]]] = {
    "taxonomy": (
        _text("name", 200, required=True),
        _text("description", required=True),
        _text("uri", 500),
        _text("version", 50),
    ),
    "taxonomy_term": (
        _text("code", 100),
        _text("name", 200, required=True),
        _text("description", required=True),
        _link("parent_id", "parent_id"),
        Column("taxonomy", "taxonomy_label", "text", 200),
        _text("language", 10),
        _link("taxonomy_id", "taxonomy_id"),
        _text("term_uri", 500),
    ),
    "organization": (
        _text("name", 300, required=True),
        _text("alternate_name", 300),
        _text("description", required=True),
        _text("email", 254),
        _text("website", 500),
        _text("legal_status", 200),
        Column("year_incorporated", "year_incorporated", "int", minimum=0, maximum=9999),
        _link("parent_organization_id", "parent_id"),
    ),
    "location": (
        _text("location_type", 20, required=True),
        _link("organization_id", "organization_id"),
        _text("name", 300),
        _text("description"),
        _text("transportation"),
        Column("latitude", "latitude", "number"),
        Column("longitude", "longitude", "number"),
        _text("url", 500),
    ),
    "service": (
        _link("organization_id", "organization_id"),
        _text("name", 300, required=True),
        _text("alternate_name", 300),
        _text("description"),
        _text("url", 500),
        _text("email", 254),
        _text("status", 20, required=True),
        _text("application_process"),
        _text("fees_description"),
        _text("eligibility_description"),
        Column("minimum_age", "minimum_age", "int", minimum=0, maximum=150),
        Column("maximum_age", "maximum_age", "int", minimum=0, maximum=150),
        Column("assured_date", "assured_date", "date"),
        _text("assurer_email", 254),
        _text("alert"),
        Column("last_modified", "last_modified", "datetime"),
    ),
    "service_area": (
        _text("name", 200),
        _text("description"),
        _text("extent"),
        _text("extent_type", 20),
    ),
    "service_at_location": (
        _link("location_id", "location_id"),
        _text("description"),
    ),
    "attribute": (
        _link("taxonomy_term_id", "taxonomy_term_id"),
        _text("link_type", 50),
        _text("value"),
        _text("label", 200),
    ),
}

#: Keys held as related rows or implied by nesting; never in ``hsds_extra``.
NESTED: Final[dict[str, frozenset[str]]] = {
    "taxonomy": frozenset(),
    "taxonomy_term": frozenset({"taxonomy_detail"}),
    "organization": frozenset({"locations", "services"}),
    "location": frozenset(),
    "service": frozenset({"organization", "service_areas", "service_at_locations", "attributes"}),
    "service_area": frozenset({"service_id"}),
    "service_at_location": frozenset({"service_id", "location", "service"}),
    "attribute": frozenset({"link_id", "taxonomy_term"}),
}

#: The order of keys in the official schemas (the export writes in this order; keys
#: not listed follow in their stored order).
KEY_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "taxonomy": ("id", "name", "description", "uri", "version", "metadata"),
    "taxonomy_term": (
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "taxonomy_detail",
        "language",
        "taxonomy_id",
        "term_uri",
        "metadata",
    ),
    "organization": (
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "additional_websites",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
        "parent_organization_id",
        "funding",
        "contacts",
        "phones",
        "locations",
        "programs",
        "organization_identifiers",
        "attributes",
        "metadata",
        "services",
    ),
    "location": (
        "id",
        "location_type",
        "url",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
        "languages",
        "addresses",
        "contacts",
        "accessibility",
        "phones",
        "schedules",
        "attributes",
        "metadata",
    ),
    "service": (
        "id",
        "organization_id",
        "program_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "additional_urls",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "fees",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "licenses",
        "alert",
        "last_modified",
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "organization",
        "funding",
        "cost_options",
        "program",
        "required_documents",
        "contacts",
        "attributes",
        "metadata",
    ),
    "service_area": (
        "id",
        "service_id",
        "name",
        "description",
        "extent",
        "extent_type",
        "uri",
        "attributes",
        "metadata",
    ),
    "service_at_location": (
        "id",
        "service_id",
        "location_id",
        "description",
        "contacts",
        "phones",
        "schedules",
        "location",
        "attributes",
        "metadata",
        "service",
    ),
    "attribute": (
        "id",
        "link_id",
        "taxonomy_term_id",
        "link_type",
        "link_entity",
        "value",
        "label",
        "taxonomy_term",
        "metadata",
    ),
}

#: Model fields each kind's columns fill, plus ``hsds_extra``.
FIELDS: Final[dict[str, tuple[str, ...]]] = {
    kind: (*(column.field for column in columns), "hsds_extra") for kind, columns in COLUMNS.items()
}


# --- Reading -------------------------------------------------------------------------


class FieldReader:
    """Reads the columns of HSDS objects, collecting ``(path, message)`` errors."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def columns(self, kind: str, obj: Mapping[str, object], prefix: str) -> Row:
        """The column values of ``obj`` (``id`` not included)."""
        row: Row = {}
        for column in COLUMNS[kind]:
            row[column.field] = self.value(column, obj.get(column.key), f"{prefix}/{column.key}")
        return row

    @staticmethod
    def extra_keys(kind: str, obj: Mapping[str, object]) -> dict[str, object]:
        """The keys of ``obj`` that are neither columns nor nested rows, as they are."""
        skip = NESTED[kind] | {column.key for column in COLUMNS[kind]} | {"id"}
        return {key: value for key, value in obj.items() if key not in skip}

    def identifier(self, value: object, path: str) -> uuid.UUID | None:
        """An HSDS id (a UUID); ``None`` and an error when it is not one."""
        parsed = _uuid(value)
        if parsed is None:
            self.error(
                path, gettext("%(value)s is geen geldige UUID") % {"value": show_value(value)}
            )
        return parsed

    def value(self, column: Column, value: object, path: str) -> object:
        if column.kind == "text":
            return self._text(column, value, path)
        if value is None:
            return None
        if column.kind == "uuid":
            return self.identifier(value, path)
        if column.kind == "number":
            if (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            ):
                return float(value)
            self.error(path, gettext("%(value)s is geen getal") % {"value": show_value(value)})
            return None
        if column.kind == "int":
            return self._int(column, value, path)
        if column.kind == "date":
            parsed_date = _date(value)
            if parsed_date is None:
                self.error(
                    path,
                    gettext("%(value)s is geen geldige datum (JJJJ-MM-DD)")
                    % {"value": show_value(value)},
                )
            return parsed_date
        parsed = _datetime(value)
        if parsed is None:
            self.error(
                path,
                gettext("%(value)s is geen geldige datum en tijd (ISO 8601)")
                % {"value": show_value(value)},
            )
        return parsed

    def _text(self, column: Column, value: object, path: str) -> str:
        if value is None:
            if column.required:
                self.error(path, gettext("verplicht veld ontbreekt"))
            return ""
        if not isinstance(value, str):
            self.error(path, gettext("%(value)s is geen tekst") % {"value": show_value(value)})
            return ""
        if column.max_length is not None and len(value) > column.max_length:
            self.error(
                path,
                gettext("is te lang: %(length)d tekens, hoogstens %(limit)d")
                % {"length": len(value), "limit": column.max_length},
            )
        if "\x00" in value:
            self.error(path, gettext("bevat een ongeldig teken (NUL)"))
        return value

    def _int(self, column: Column, value: object, path: str) -> int | None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (isinstance(value, float) and not value.is_integer())
        ):
            self.error(
                path, gettext("%(value)s is geen geheel getal") % {"value": show_value(value)}
            )
            return None
        number = int(value)
        if column.minimum is not None and number < column.minimum:
            self.error(
                path,
                gettext("%(value)s is kleiner dan het minimum %(limit)d")
                % {"value": number, "limit": column.minimum},
            )
            return None
        if column.maximum is not None and number > column.maximum:
            self.error(
                path,
                gettext("%(value)s is groter dan het maximum %(limit)d")
                % {"value": number, "limit": column.maximum},
            )
            return None
        return number


def _uuid(value: object) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    return parse_uuid(value)


@functools.lru_cache(maxsize=1 << 16)
def parse_uuid(value: str) -> uuid.UUID | None:
    """``value`` as a UUID (ids repeat, hence the cache), or ``None``."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _datetime(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


# --- Writing -------------------------------------------------------------------------


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 in UTC with ``Z``; milliseconds unless the value has finer precision."""
    utc = value.astimezone(dt.UTC)
    spec = "milliseconds" if utc.microsecond % 1000 == 0 else "microseconds"
    return utc.isoformat(timespec=spec).replace("+00:00", "Z")


def hsds_value(column: Column, value: object) -> object:
    """A column value as HSDS JSON; ``None`` means "leave the key out"."""
    if value is None or (value == "" and not column.required):
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def hsds_object(kind: str, values: Mapping[str, object]) -> dict[str, object]:
    """``values`` (HSDS keys) in the schema's key order; extra keys follow."""
    order = KEY_ORDER[kind]
    result = {key: values[key] for key in order if key in values}
    result.update((key, value) for key, value in values.items() if key not in result)
    return result
