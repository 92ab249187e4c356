"""Reading and checking region files; no database.

:func:`region_files_read` is the one way in: it reads TOML files, checks each against
:mod:`~dichtbij.regions.schema` and :mod:`~dichtbij.regions.checks`, checks the files
against each other (a region code or gemeente code may occur in one file only) and returns
the validated configurations, or raises :class:`~dichtbij.regions.errors.RegionConfigError`
with every problem of every file. Nothing here touches the database, so
``dichtbij regions check`` also works before migrating.
"""

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dichtbij.regions.checks import region_data_problems
from dichtbij.regions.errors import WHOLE_FILE, Problem, RegionConfigError
from dichtbij.regions.schema import ERROR_TYPE, RegionFile

#: The extension of region files in a directory.
REGION_FILE_SUFFIX = ".toml"


@dataclass(frozen=True, slots=True)
class RegionSource:
    """A region file that passed every check.

    ``config`` is the validated content; ``content_hash`` is the SHA-256 of its canonical
    JSON, so comments and layout do not count as a change.
    """

    path: Path
    config: RegionFile
    content_hash: str

    @property
    def file(self) -> str:
        """The file's name, as problems name it."""
        return self.path.name

    def as_json(self) -> dict[str, object]:
        """The validated content as JSON data, as :attr:`Region.config` stores it."""
        return self.config.model_dump(mode="json")


def region_files_in(*, directory: Path) -> list[Path]:
    """The region files in ``directory``, sorted by name.

    Raises :class:`RegionConfigError` if the directory does not exist or holds none.
    """
    if not directory.is_dir():
        raise RegionConfigError(
            [Problem(str(directory), WHOLE_FILE, gettext("map met regiobestanden bestaat niet"))]
        )
    paths = sorted(directory.glob(f"*{REGION_FILE_SUFFIX}"))
    if not paths:
        raise RegionConfigError(
            [Problem(str(directory), WHOLE_FILE, gettext("map bevat geen regiobestanden (*.toml)"))]
        )
    return paths


def region_files_read(*, paths: Sequence[Path]) -> list[RegionSource]:
    """Read and check ``paths`` together; return them in the same order, each file once.

    Raises :class:`RegionConfigError` listing every problem of every file (syntax, shape,
    cross-references, and codes shared between files) if any file has one.
    """
    problems: list[Problem] = []
    raw_by_file: list[tuple[str, Mapping[str, object]]] = []
    sources: list[RegionSource] = []
    for path in dict.fromkeys(path.resolve() for path in paths):
        raw, file_problems = _read_toml(path)
        problems += file_problems
        if raw is None:
            continue
        raw_by_file.append((path.name, raw))
        config, file_problems = _validate(path.name, raw)
        problems += file_problems
        if config is not None and not file_problems:
            sources.append(RegionSource(path=path, config=config, content_hash=_hash(config)))
    problems += _cross_file_problems(raw_by_file)
    if problems:
        raise RegionConfigError(problems)
    return sources


def region_file_read(*, path: Path) -> RegionSource:
    """Read and check one file; see :func:`region_files_read`."""
    return region_files_read(paths=[path])[0]


def _read_toml(path: Path) -> tuple[Mapping[str, object] | None, list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        message = gettext("kan niet gelezen worden: %(reason)s") % {
            "reason": error.strerror or error
        }
        return None, [Problem(path.name, WHOLE_FILE, message)]
    except UnicodeDecodeError:
        return None, [Problem(path.name, WHOLE_FILE, gettext("is geen UTF-8-tekst"))]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_problem(path.name, error)]


_POSITION_RE = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def _syntax_problem(file: str, error: tomllib.TOMLDecodeError) -> Problem:
    detail = str(error)
    key = WHOLE_FILE
    if match := _POSITION_RE.search(detail):
        key = gettext("regel %(line)s, kolom %(column)s") % match.groupdict()
        detail = detail[: match.start()]
    return Problem(file, key, gettext("geen geldige TOML (%(detail)s)") % {"detail": detail})


def _validate(file: str, raw: Mapping[str, object]) -> tuple[RegionFile | None, list[Problem]]:
    config: RegionFile | None = None
    problems: list[Problem] = []
    try:
        config = RegionFile.model_validate(raw)
    except ValidationError as error:
        problems += [Problem(file, _key(e["loc"]), _message(e)) for e in error.errors()]
    problems += [Problem(file, key, message) for key, message in region_data_problems(raw)]
    return config, problems


def _hash(config: RegionFile) -> str:
    canonical = json.dumps(
        config.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _key(loc: Iterable[int | str]) -> str:
    """``("gemeenten", 2, "wijken", 3)`` -> ``gemeenten[2].wijken[3]``."""
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        else:
            key += f".{part}" if key else part
    return key or WHOLE_FILE


def _message(error: ErrorDetails) -> str:
    """A Dutch message for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == ERROR_TYPE:
        return error["msg"]
    if kind == "missing":
        return gettext("ontbreekt")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(error["loc"][:-1])
        return gettext("onbekende sleutel; toegestaan: %(keys)s") % {"keys": ", ".join(allowed)}
    simple = {
        "string_type": gettext("moet tekst zijn"),
        "int_type": gettext("moet een geheel getal zijn"),
        "int_parsing": gettext("moet een geheel getal zijn"),
        "int_from_float": gettext("moet een geheel getal zijn"),
        "bool_type": gettext("moet true of false zijn"),
        "bool_parsing": gettext("moet true of false zijn"),
        "list_type": gettext("moet een lijst zijn: [ ... ]"),
        "model_type": gettext("moet een tabel zijn"),
        "dict_type": gettext("moet een tabel zijn"),
        "string_too_short": gettext("mag niet leeg zijn"),
        "too_short": gettext("mag niet leeg zijn"),
    }
    if kind in simple:
        return simple[kind]
    if kind == "greater_than_equal":
        return gettext("moet minstens %(limit)s zijn") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return gettext("mag hoogstens %(limit)s zijn") % {"limit": ctx.get("le")}
    return gettext("ongeldige waarde (%(detail)s)") % {"detail": error["msg"]}


def _allowed_keys(loc: Sequence[int | str]) -> list[str]:
    """The keys the model at ``loc`` (a path into a region file) allows."""
    model: type[BaseModel] = RegionFile
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        nested = _model_in(annotation)
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model an annotation holds: itself, ``list[M]`` or ``M | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None


def _cross_file_problems(raw_by_file: Sequence[tuple[str, Mapping[str, object]]]) -> list[Problem]:
    """Region codes and gemeente codes that occur in more than one file."""
    problems: list[Problem] = []
    region_owner: dict[str, int] = {}
    gemeente_owner: dict[str, int] = {}
    for position, (file, raw) in enumerate(raw_by_file):
        code = raw.get("code")
        if isinstance(code, str) and region_owner.setdefault(code, position) != position:
            other = raw_by_file[region_owner[code]][0]
            problems.append(
                Problem(
                    file,
                    "code",
                    gettext('regiocode "%(code)s" staat ook in %(other)s')
                    % {"code": code, "other": other},
                )
            )
        gemeenten = raw.get("gemeenten")
        for index, gemeente in enumerate(gemeenten if isinstance(gemeenten, list) else []):
            gemeente_code = gemeente.get("code") if isinstance(gemeente, dict) else None
            if not isinstance(gemeente_code, str):
                continue
            if gemeente_owner.setdefault(gemeente_code, position) != position:
                other = raw_by_file[gemeente_owner[gemeente_code]][0]
                problems.append(
                    Problem(
                        file,
                        f"gemeenten[{index}].code",
                        gettext('gemeentecode "%(code)s" staat ook in %(other)s')
                        % {"code": gemeente_code, "other": other},
                    )
                )
    return problems
