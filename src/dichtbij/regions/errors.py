"""Errors of the regions app."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from typing_extensions import override

from dichtbij.utils.errors import DichtbijError

#: The key of a problem that concerns the file as a whole (syntax, unreadable file).
WHOLE_FILE = "(bestand)"


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a region file.

    ``file`` is the file's name (``amersfoort.toml``), ``key`` the path of the value inside
    it (``gemeenten[2].wijken[3]``, indexes count from 0, or :data:`WHOLE_FILE`) and
    ``message`` says in Dutch what is wrong.
    """

    file: str
    key: str
    message: str

    @override
    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        """The problem as plain data, for problem+json and logs."""
        return {"file": self.file, "key": self.key, "message": self.message}


class RegionConfigError(DichtbijError):
    """One or more region files have mistakes; nothing was stored.

    ``problems`` lists every problem found, in file order; ``str(error)`` is one line per
    problem.
    """

    code = "region_config_invalid"
    status = 400

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        files = sorted({problem.file for problem in self.problems})
        summary = ngettext(
            "Regioconfiguratie ongeldig: %(count)d probleem in %(files)s.",
            "Regioconfiguratie ongeldig: %(count)d problemen in %(files)s.",
            len(self.problems),
        ) % {"count": len(self.problems), "files": ", ".join(files) or gettext("(geen bestand)")}
        super().__init__(
            "\n".join([summary, *(str(problem) for problem in self.problems)]),
            problems=[problem.as_dict() for problem in self.problems],
        )
        self.summary = summary


class RegionNotFound(DichtbijError):
    """No region has the given code."""

    code = "region_not_found"
    status = 404
