"""Checking HSDS objects against the official HSDS 3.0 JSON schemas, in Dutch.

The schemas are not part of this project: they are read from
``settings.SHARED_DATA_DIR / "hsds-3.0-schema"`` (Open Referral, CC BY-SA 4.0). Services,
organizations and service_at_locations are checked against Open Referral's compiled
(fully dereferenced) schemas; locations, taxonomies and taxonomy terms against the
canonical schemas, whose relative ``$ref``s resolve through a registry of the files.
JSON Schema draft 2020-12 with format checking (``uuid``, ``email``; ``date-time`` and
``uri`` need optional packages and are checked by the importer itself where it stores
them).

Speed, for 20,000 services: jsonschema decides validity by walking the schema with an
object per step. The HSDS schemas use only ``type``, ``properties``, ``required``,
``items``, ``enum``, ``format`` and ``$ref`` (the rest are annotations), so each schema is
also compiled to plain closures (:func:`compile_schema`) that answer "valid or not" with
the same semantics, the same format checker included. Only when that answer is "not
valid" does jsonschema walk the object, to report every error; a schema with any other
keyword is left to jsonschema alone. The tests hold both to the same verdicts.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.utils.translation import gettext
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # no stubs
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]  # no stubs
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from dichtbij.catalogue.hsds.errors import HsdsSchemasMissing

SCHEMA_DIR_NAME: Final = "hsds-3.0-schema"

#: Kinds checked against Open Referral's compiled schemas (``compiled/<kind>.json``).
COMPILED_KINDS: Final = frozenset({"service", "organization", "service_at_location"})
#: Kinds checked against the canonical schemas (``<kind>.json`` + registry).
CANONICAL_KINDS: Final = frozenset({"location", "taxonomy", "taxonomy_term"})

_REQUIRED = re.compile(r"^'(?P<name>.*)' is a required property$")


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One schema error: ``path`` is a JSON pointer inside the checked object."""

    path: str
    message: str


def schema_dir() -> Path:
    """Where the official schemas are expected."""
    return Path(settings.SHARED_DATA_DIR) / SCHEMA_DIR_NAME


def schemas_available() -> bool:
    """Whether the official schemas are there (compiled and canonical)."""
    directory = schema_dir()
    return (directory / "compiled" / "service.json").is_file() and (
        directory / "service.json"
    ).is_file()


def hsds_validator() -> HsdsValidator:
    """The validator for the schemas in :func:`schema_dir`.

    Raises :class:`HsdsSchemasMissing` (with a Dutch message saying where they were
    looked for) when the schemas are not there.
    """
    if not schemas_available():
        raise HsdsSchemasMissing(
            gettext(
                "De officiële HSDS 3.0-schema's zijn niet gevonden in %(dir)s. Zonder die "
                "schema's kan de invoer niet gecontroleerd worden, dus wordt er niets "
                "geïmporteerd. Zet DICHTBIJ_SHARED_DATA op de map met hsds-3.0-schema/."
            )
            % {"dir": schema_dir()}
        )
    return _validator_for(str(schema_dir()))


@functools.lru_cache(maxsize=2)
def _validator_for(directory: str) -> HsdsValidator:
    return HsdsValidator(Path(directory))


class HsdsValidator:
    """Checks HSDS objects of one kind (``service``, ``organization``, ...) at a time."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._validators: dict[str, Draft202012Validator] = {}
        self._fast: dict[str, Check | None] = {}

    # --- Public ------------------------------------------------------------------------

    def errors(self, kind: str, obj: object) -> list[SchemaError]:
        """Every schema error of ``obj`` as an HSDS ``kind``; empty when it is valid."""
        fast = self._fast_check(kind)
        if fast is not None and fast(obj):
            return []
        validator = self._validator(kind)
        return [
            _translate(error, "") for error in sorted(validator.iter_errors(obj), key=_error_order)
        ]

    # --- Internals ---------------------------------------------------------------------

    def _validator(self, kind: str) -> Draft202012Validator:
        validator = self._validators.get(kind)
        if validator is None:
            validator = self._build(kind)
            self._validators[kind] = validator
        return validator

    def _build(self, kind: str) -> Draft202012Validator:
        checker = Draft202012Validator.FORMAT_CHECKER
        if kind in COMPILED_KINDS:
            schema = _load(self.directory / "compiled" / f"{kind}.json")
            return Draft202012Validator(schema, format_checker=checker)
        if kind not in CANONICAL_KINDS:
            raise ValueError(f"unknown HSDS kind {kind!r}")
        return Draft202012Validator(
            _load(self.directory / f"{kind}.json"),
            registry=self._registry(),
            format_checker=checker,
        )

    @functools.cached_property
    def _canonical(self) -> dict[str, Any]:
        return {path.name: _load(path) for path in sorted(self.directory.glob("*.json"))}

    def _registry(self) -> Registry[Any]:
        resources = [
            (name, Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in self._canonical.items()
        ]
        return Registry().with_resources(resources)

    def _fast_check(self, kind: str) -> Check | None:
        if kind not in self._fast:
            validator = self._validator(kind)
            self._fast[kind] = compile_schema(validator.schema, validator)
        return self._fast[kind]


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _error_order(error: ValidationError) -> tuple[str, ...]:
    return tuple(str(part) for part in error.absolute_path)


def _pointer(parts: Iterator[object] | Any) -> str:
    return "".join(f"/{part}" for part in parts)


# --- Dutch messages ------------------------------------------------------------------

_TYPE_NAMES: Final = {
    "string": "tekst",
    "number": "getal",
    "integer": "geheel getal",
    "object": "object",
    "array": "lijst",
    "boolean": "ja/nee-waarde (true of false)",
    "null": "null",
}

_FORMAT_NAMES: Final = {
    "uuid": "UUID",
    "email": "e-mailadres",
    "date-time": "datum en tijd (ISO 8601)",
    "date": "datum (JJJJ-MM-DD)",
    "uri": "URI",
}


def show_value(value: object, limit: int = 60) -> str:
    """A value as it looks in JSON, shortened for a message."""
    if isinstance(value, Mapping):
        return gettext("een object")
    if isinstance(value, list):
        return gettext("een lijst")
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _types(expected: object) -> str:
    names = [expected] if isinstance(expected, str) else list(expected or [])  # type: ignore[call-overload]  # str or list, from the schema
    return gettext(" of ").join(_TYPE_NAMES.get(str(name), str(name)) for name in names)


def _translate(error: ValidationError, prefix: str) -> SchemaError:
    path = prefix + _pointer(error.absolute_path)
    value = error.instance
    expected = error.validator_value
    keyword = str(error.validator)
    if keyword == "required":
        match = _REQUIRED.match(error.message)
        name = match.group("name") if match else "?"
        return SchemaError(f"{path}/{name}", gettext("verplicht veld ontbreekt"))
    message: str
    if keyword == "type":
        message = gettext("%(value)s is geen %(type)s") % {
            "value": show_value(value),
            "type": _types(expected),
        }
    elif keyword == "format":
        message = gettext("%(value)s is geen geldig(e) %(format)s") % {
            "value": show_value(value),
            "format": _FORMAT_NAMES.get(str(expected), str(expected)),
        }
    elif keyword == "enum":
        message = gettext("%(value)s is geen toegestane waarde; kies uit: %(choices)s") % {
            "value": show_value(value),
            "choices": ", ".join(show_value(choice) for choice in expected),
        }
    elif keyword == "minimum":
        message = gettext("%(value)s is kleiner dan het minimum %(limit)s") % {
            "value": show_value(value),
            "limit": expected,
        }
    elif keyword == "maximum":
        message = gettext("%(value)s is groter dan het maximum %(limit)s") % {
            "value": show_value(value),
            "limit": expected,
        }
    elif keyword == "minLength":
        message = gettext("%(value)s is te kort (minstens %(limit)s tekens)") % {
            "value": show_value(value),
            "limit": expected,
        }
    elif keyword == "maxLength":
        message = gettext("%(value)s is te lang (hoogstens %(limit)s tekens)") % {
            "value": show_value(value),
            "limit": expected,
        }
    elif keyword == "pattern":
        message = gettext("%(value)s past niet bij het patroon %(pattern)s") % {
            "value": show_value(value),
            "pattern": expected,
        }
    else:
        message = gettext("voldoet niet aan het HSDS-schema (%(keyword)s: %(detail)s)") % {
            "keyword": keyword,
            "detail": error.message,
        }
    return SchemaError(path, message)


# --- The fast path -------------------------------------------------------------------

Check = Callable[[object], bool]

#: Keywords without a say in validity (the HSDS schemas' annotations).
_ANNOTATIONS: Final = frozenset(
    {
        "name",
        "title",
        "description",
        "constraints",
        "example",
        "core",
        "path",
        "datapackage_metadata",
        "datapackage_type",
        "tabular_required",
        "$schema",
        "$id",
        "$comment",
        "examples",
        "default",
    }
)

_TYPES: Final[dict[str, Check]] = {
    "string": lambda value: isinstance(value, str),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "integer": lambda value: (
        not isinstance(value, bool)
        and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))
    ),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


class _Unsupported(Exception):
    """The schema uses a keyword the fast path does not know: use jsonschema."""


def compile_schema(schema: Any, validator: Draft202012Validator) -> Check | None:
    """A function telling whether an instance is valid against ``schema``, with the
    semantics of ``validator`` (draft 2020-12, its format checker and ``$ref``
    resolution); ``None`` when the schema uses anything else than ``type``,
    ``properties``, ``required``, ``items`` (one schema), string ``enum``, ``format`` and
    ``$ref``, or annotations."""
    compiled: dict[str, Check] = {}
    try:
        return _compile(schema, validator._resolver, validator, compiled)
    except _Unsupported:
        return None


def _compile(
    schema: Any, resolver: Any, validator: Draft202012Validator, compiled: dict[str, Check]
) -> Check:
    if schema is True:
        return lambda _value: True
    if not isinstance(schema, dict):
        raise _Unsupported
    checks: list[Check] = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type":
            names = [value] if isinstance(value, str) else list(value)
            if any(name not in _TYPES for name in names):
                raise _Unsupported
            tests = [_TYPES[name] for name in names]
            checks.append(tests[0] if len(tests) == 1 else _any(tests))
        elif keyword == "properties":
            props = {
                name: _compile(sub, resolver, validator, compiled) for name, sub in value.items()
            }
            checks.append(_properties(props))
        elif keyword == "required":
            checks.append(_required(list(value)))
        elif keyword == "items":
            checks.append(_items(_compile(value, resolver, validator, compiled)))
        elif keyword == "enum":
            if not all(isinstance(choice, str) for choice in value):
                raise _Unsupported
            checks.append(_enum(frozenset(value)))
        elif keyword == "format":
            checker = validator.format_checker
            if checker is not None and value in checker.checkers:
                checks.append(_format(value, checker))
        elif keyword == "$ref":
            checks.append(_reference(value, resolver, validator, compiled))
        else:
            raise _Unsupported
    return _all(checks)


def _required(names: list[str]) -> Check:
    def check(value: object) -> bool:
        if isinstance(value, dict):
            for name in names:
                if name not in value:
                    return False
        return True

    return check


def _items(item: Check) -> Check:
    def check(value: object) -> bool:
        if isinstance(value, list):
            for element in value:
                if not item(element):
                    return False
        return True

    return check


def _enum(choices: frozenset[str]) -> Check:
    return lambda v: isinstance(v, str) and v in choices


def _any(checks: list[Check]) -> Check:
    return lambda v: any(check(v) for check in checks)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda _value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def check(value: object) -> bool:
        for each in checks:  # noqa: SIM110  # a plain loop beats all() over a generator
            if not each(value):
                return False
        return True

    return check


#: Strings in this exact shape pass jsonschema's ``uuid`` format; others are asked.
_CANONICAL_UUID: Final = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def _format(name: str, checker: Any) -> Check:
    if name == "uuid":
        canonical = _CANONICAL_UUID.fullmatch
        return lambda v: (
            (isinstance(v, str) and canonical(v) is not None) or checker.conforms(v, "uuid")
        )
    return lambda v: checker.conforms(v, name)


def _properties(props: dict[str, Check]) -> Check:
    find = props.get

    def check(value: object) -> bool:
        if isinstance(value, dict):
            for name, item in value.items():
                sub = find(name)
                if sub is not None and not sub(item):
                    return False
        return True

    return check


def _reference(
    ref: str, resolver: Any, validator: Draft202012Validator, compiled: dict[str, Check]
) -> Check:
    resolved = resolver.lookup(ref)
    key = json.dumps([str(resolved.resolver._base_uri), ref])
    if key not in compiled:
        # A placeholder first, so that recursive references end.
        compiled[key] = lambda v: compiled[key](v)
        compiled[key] = _compile(resolved.contents, resolved.resolver, validator, compiled)
    return lambda v: compiled[key](v)
