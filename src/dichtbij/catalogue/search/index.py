"""The search index: documents from services, and the in-memory copy the search ranks with.

:func:`document_fields` analyses one service into the columns of a
:class:`~.models.SearchDocument`. :class:`MemoryIndex` is what a search reads: all
searchable documents as numpy arrays (filters) and an inverted index of stems with
BM25F term weights (fields weighted: title 3, themes and kind 2, description 1,
eligibility and organisation 0.5). :func:`memory_index` keeps one per process and
reloads it when the index version in the database has changed.
"""

from __future__ import annotations

import math
import threading
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from dichtbij.catalogue.search.concepts import concept_map
from dichtbij.catalogue.search.models import SearchDocument, SearchIndexState
from dichtbij.catalogue.search.text import Vocabulary, content_words, stem

INDEX_KEY = "catalogue"

FIELD_WEIGHTS = {"title": 3.0, "topic": 2.0, "body": 1.0, "extra": 0.5}
#: Weight of a part of a compound word of the service (``schuld`` in ``schuldhulp``).
PART_WEIGHT = 0.5
BM25_K1 = 1.2
BM25_B = 0.5
#: A service with n themes counts 1 / n ** THEME_SPECIFICITY for each: the fewer themes,
#: the more it is about each of them.
THEME_SPECIFICITY = 0.0

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]


# --- Documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceText:
    """What the index reads of one service (plain values, read in bulk)."""

    name: str
    alternate_name: str
    description: str
    eligibility_description: str
    organization: str
    status: str
    outdated: bool
    #: (code, name) of the service's taxonomy terms.
    terms: list[tuple[str, str]]
    municipalities: list[str]

    @property
    def title(self) -> str:
        return f"{self.name} {self.alternate_name}"

    @property
    def topics(self) -> str:
        """The names of the theme and kind terms (the tsvector's B weight)."""
        return " ".join(name for code, name in self.terms if code.startswith(("thema:", "soort:")))

    @property
    def extra(self) -> str:
        return f"{self.eligibility_description} {self.organization}"


@dataclass(frozen=True)
class DocumentFields:
    """The analysed columns of a :class:`SearchDocument` (see there)."""

    searchable: bool
    temporarily_closed: bool
    municipalities: str
    themes: str
    kinds: str
    title_terms: str
    topic_terms: str
    body_terms: str
    extra_terms: str
    words: str


def _stems(words: list[str]) -> str:
    return " ".join(stem(word) for word in words)


def document_fields(service: ServiceText) -> DocumentFields:
    """Analyse one service into the columns of its search document."""
    from dichtbij.catalogue.models import ServiceStatus

    themes = [code for code, _name in service.terms if code.startswith("thema:")]
    kinds = [code for code, _name in service.terms if code.startswith("soort:")]
    fields = [
        content_words(text)
        for text in (service.title, service.topics, service.description, service.extra)
    ]
    return DocumentFields(
        searchable=service.status in (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
        and not service.outdated,
        temporarily_closed=service.status == ServiceStatus.TEMPORARILY_CLOSED,
        municipalities=" ".join(sorted(set(service.municipalities))),
        themes=" ".join(sorted(set(themes))),
        kinds=" ".join(sorted(set(kinds))),
        title_terms=_stems(fields[0]),
        topic_terms=_stems(fields[1]),
        body_terms=_stems(fields[2]),
        extra_terms=_stems(fields[3]),
        words=" ".join(sorted({word for field in fields for word in field})),
    )


# --- The in-memory index ----------------------------------------------------------------


@dataclass
class Postings:
    """Documents (ascending positions) that contain a stem, with their BM25F tf part."""

    positions: IntArray
    weights: FloatArray


@dataclass
class MemoryIndex:
    """All searchable documents, ready to rank (see the module docstring)."""

    version: int
    ids: list[uuid.UUID]
    region_ids: IntArray
    minimum_age: IntArray  # -1: no minimum
    maximum_age: IntArray  # 10_000: no maximum
    referral_required: BoolArray
    waiting_weeks: IntArray  # -1: unknown
    temporarily_closed: BoolArray
    crisis: BoolArray
    municipality_masks: dict[str, BoolArray]
    theme_weights: dict[str, FloatArray]
    kind_masks: dict[str, BoolArray]
    postings: dict[str, Postings]
    vocabulary: Vocabulary
    term_names: dict[str, str] = field(default_factory=dict)
    positions: dict[uuid.UUID, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.ids)

    def idf(self, term_stem: str) -> float:
        postings = self.postings.get(term_stem)
        if postings is None:
            return 0.0
        df = len(postings.positions)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def contains(self, term_stem: str, position: int) -> bool:
        postings = self.postings.get(term_stem)
        if postings is None:
            return False
        found = int(np.searchsorted(postings.positions, position))
        return found < len(postings.positions) and int(postings.positions[found]) == position


def _mask(size: int, positions: list[int]) -> BoolArray:
    mask = np.zeros(size, dtype=np.bool_)
    mask[positions] = True
    return mask


def build_memory_index(*, version: int) -> MemoryIndex:
    """Read every searchable document and build the arrays and postings."""
    from dichtbij.catalogue.models import TaxonomyTerm

    rows = list(
        SearchDocument.objects.filter(searchable=True)
        .order_by("service_id")
        .values_list(
            "service_id",
            "region_id",
            "minimum_age",
            "maximum_age",
            "referral_required",
            "waiting_weeks",
            "temporarily_closed",
            "municipalities",
            "themes",
            "kinds",
            "title_terms",
            "topic_terms",
            "body_terms",
            "extra_terms",
            "words",
        )
    )
    size = len(rows)
    concepts = concept_map()
    word_frequency: Counter[str] = Counter()
    for row in rows:
        word_frequency.update(row[14].split())
    vocabulary = Vocabulary(word_frequency, extra=concepts.known_words)

    municipality_positions: dict[str, list[int]] = defaultdict(list)
    theme_positions: dict[str, list[tuple[int, float]]] = defaultdict(list)
    kind_positions: dict[str, list[int]] = defaultdict(list)
    crisis_positions: list[int] = []
    document_terms: list[dict[str, float]] = []
    lengths = np.zeros(size, dtype=np.float32)
    part_stems: dict[str, list[str]] = {}
    for position, row in enumerate(rows):
        for code in row[7].split():
            municipality_positions[code].append(position)
        themes = row[8].split()
        for code in themes:
            theme_positions[code].append((position, 1.0 / len(themes) ** THEME_SPECIFICITY))
        kinds = row[9].split()
        for code in kinds:
            kind_positions[code].append(position)
        if concepts.is_crisis_service(themes=frozenset(themes), kinds=set(kinds)):
            crisis_positions.append(position)
        weights: dict[str, float] = defaultdict(float)
        length = 0.0
        for field_name, text in zip(FIELD_WEIGHTS, row[10:14], strict=True):
            field_weight = FIELD_WEIGHTS[field_name]
            stems = text.split()
            length += field_weight * len(stems)
            for term_stem in stems:
                weights[term_stem] += field_weight
        for word in row[14].split():
            parts = part_stems.get(word)
            if parts is None:
                parts = [stem(part) for part in vocabulary.split(word)]
                part_stems[word] = parts
            for part in parts:
                weights[part] += PART_WEIGHT
        lengths[position] = length
        document_terms.append(weights)

    average_length = float(lengths.mean()) if size else 1.0
    norms = BM25_K1 * (1.0 - BM25_B + BM25_B * lengths / max(average_length, 1.0))
    posting_lists: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for position, weights in enumerate(document_terms):
        norm = float(norms[position])
        for term_stem, tf in weights.items():
            positions, values = posting_lists[term_stem]
            positions.append(position)
            values.append(tf * (BM25_K1 + 1.0) / (tf + norm))
    postings = {
        term_stem: Postings(np.asarray(p, dtype=np.int32), np.asarray(v, dtype=np.float32))
        for term_stem, (p, v) in posting_lists.items()
    }

    theme_weights: dict[str, FloatArray] = {}
    for code, entries in theme_positions.items():
        array = np.zeros(size, dtype=np.float32)
        for position, weight in entries:
            array[position] = weight
        theme_weights[code] = array

    term_names = dict(
        TaxonomyTerm.objects.filter(code__startswith="thema:").values_list("code", "name")
    ) | dict(TaxonomyTerm.objects.filter(code__startswith="soort:").values_list("code", "name"))

    def ints(column: int, missing: int) -> IntArray:
        return np.asarray(
            [missing if row[column] is None else row[column] for row in rows], dtype=np.int32
        )

    return MemoryIndex(
        version=version,
        ids=[row[0] for row in rows],
        region_ids=np.asarray([row[1] for row in rows], dtype=np.int32),
        minimum_age=ints(2, -1),
        maximum_age=ints(3, 10_000),
        referral_required=np.asarray([row[4] for row in rows], dtype=np.bool_),
        waiting_weeks=ints(5, -1),
        temporarily_closed=np.asarray([row[6] for row in rows], dtype=np.bool_),
        crisis=_mask(size, crisis_positions),
        municipality_masks={c: _mask(size, p) for c, p in municipality_positions.items()},
        theme_weights=theme_weights,
        kind_masks={c: _mask(size, p) for c, p in kind_positions.items()},
        postings=postings,
        vocabulary=vocabulary,
        term_names=term_names,
        positions={row[0]: position for position, row in enumerate(rows)},
    )


_lock = threading.Lock()
_cached: MemoryIndex | None = None


def index_version() -> int:
    """The current version of the index in the database (0 before the first build)."""
    state = SearchIndexState.objects.filter(key=INDEX_KEY).values_list("version", flat=True)
    return next(iter(state), 0)


def memory_index() -> MemoryIndex:
    """This process's copy of the index, reloaded when the database's version moved on."""
    global _cached
    version = index_version()
    cached = _cached
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        if _cached is None or _cached.version != version:
            _cached = build_memory_index(version=version)
        return _cached


def forget_memory_index() -> None:
    """Drop this process's copy (tests that roll back the database need this)."""
    global _cached
    with _lock:
        _cached = None
