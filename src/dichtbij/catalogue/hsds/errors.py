"""Errors of HSDS import and export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from typing_extensions import override

from dichtbij.utils.errors import DichtbijError

#: ``where`` of a problem with the file as a whole (syntax, unreadable, wrong shape).
WHOLE_FILE = "(bestand)"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, in Dutch.

    ``where`` names the object: its place in the input and its id
    (``services[12] (id 3f2…)``), or :data:`WHOLE_FILE`. ``path`` is the JSON pointer of
    the value inside that object (``/service_areas/0/name``), empty for the object itself.
    """

    where: str
    path: str
    message: str

    @override
    def __str__(self) -> str:
        if self.path:
            return f"{self.where}: {self.path}: {self.message}"
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "path": self.path, "message": self.message}


class CatalogueImportError(DichtbijError):
    """The input has problems; nothing was stored.

    ``problems`` lists every problem found, in input order; ``summary`` is one line.
    """

    code = "catalogue_import_invalid"
    status = 400

    def __init__(self, problems: Iterable[Problem], *, source_name: str = "") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.summary = ngettext(
            "Sociale kaart niet geïmporteerd: %(count)d probleem in %(source)s; "
            "er is niets opgeslagen.",
            "Sociale kaart niet geïmporteerd: %(count)d problemen in %(source)s; "
            "er is niets opgeslagen.",
            len(self.problems),
        ) % {"count": len(self.problems), "source": source_name or gettext("de invoer")}
        super().__init__(
            "\n".join([self.summary, *(str(problem) for problem in self.problems)]),
            problems=[problem.as_dict() for problem in self.problems],
        )


class HsdsSchemasMissing(DichtbijError):
    """The official HSDS 3.0 schemas are not where the settings say; nothing is imported."""

    code = "hsds_schemas_missing"
    status = 503


class SharedCatalogueMissing(DichtbijError):
    """The shared sociale kaart (needed to make a synthetic catalogue) is not there."""

    code = "shared_catalogue_missing"
    status = 503
