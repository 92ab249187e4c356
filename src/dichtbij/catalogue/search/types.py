"""The contract of the catalogue search: what goes in, what comes out.

One search serves the public hulpwijzer, the professionals' pages, the API and the
command line: :func:`dichtbij.catalogue.search.catalogue_search` takes a
:class:`SearchQuery` and returns a :class:`SearchResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dichtbij.catalogue.models import Service, TaxonomyTerm
    from dichtbij.regions.models import Municipality, Region


@dataclass(frozen=True)
class SearchQuery:
    """A question in the asker's own words, with optional filters.

    ``theme`` and ``kind`` are taxonomy term codes (``thema:pesten``,
    ``soort:maatje``). ``without_referral`` keeps only help without a referral;
    ``max_waiting_weeks`` drops services with a longer typical wait.
    """

    text: str = ""
    region: Region | None = None
    municipality: Municipality | None = None
    age: int | None = None
    theme: str | None = None
    kind: str | None = None
    without_referral: bool = False
    max_waiting_weeks: int | None = None
    limit: int = 10


@dataclass(frozen=True)
class MatchReason:
    """Why a service matched, in plain Dutch (``text``), typed by ``kind``.

    Kinds: ``theme``, ``words``, ``age``, ``gemeente``, ``kind``, ``meaning`` (semantic
    similarity), ``crisis``, ``no_referral``, ``closed`` (temporarily closed).
    """

    kind: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    service: Service
    score: float
    reasons: list[MatchReason] = field(default_factory=list)


@dataclass(frozen=True)
class SafetyNotice:
    """Shown above all results when the question signals acute danger."""

    message: str
    crisis_services: list[Service] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits, plus what the page must show besides them.

    ``safety`` is set for questions about acute danger (crisis lines and Veilig Thuis
    first). ``out_of_scope`` is true when nothing fitting was found: the page says so and
    points to the local team (``local_team_hint``). ``themes`` are the themes the search
    understood the question to be about.
    """

    query: SearchQuery
    hits: list[SearchHit]
    safety: SafetyNotice | None = None
    out_of_scope: bool = False
    local_team_hint: str = ""
    themes: list[TaxonomyTerm] = field(default_factory=list)
