"""Turning Dutch (and some English) text into search terms.

Normalisation lowers case and removes accents (``cliënt`` → ``client``, ``één`` →
``een``); words are runs of letters and digits (a hyphen separates words). Stems come
from the Dutch Snowball stemmer, the algorithm of PostgreSQL's ``dutch`` text search
configuration (Snowball's ``dutch_porter``), so both databases see the same terms. Stop
words are Snowball's Dutch list plus a few everyday question words and English function
words (``data/stopwords.txt``).

:class:`Vocabulary` knows the words of the catalogue. It splits Dutch compounds into
parts the catalogue uses (``schuldhulpverlening`` → ``schuld`` + ``hulpverlening``,
``echtscheidingsproblemen`` → ``echtscheiding`` + ``problemen``) and corrects typos
to the nearest catalogue word (one edit; two for long words), preferring common words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources

import snowballstemmer  # type: ignore[import-untyped]  # no type information upstream

_WORD_RE = re.compile(r"[a-z0-9]+")
# Snowball 3 renamed the classic Dutch algorithm (the one PostgreSQL's ``dutch``
# configuration uses, up to at least PostgreSQL 17) to ``dutch_porter``; its new
# ``dutch`` stems differently (``gezondheid`` → ``zon``). Checked against
# ``ts_lexize('dutch_stem', ...)`` in the tests.
_STEMMER = snowballstemmer.stemmer("dutch_porter")

#: Linking sounds between the parts of a Dutch compound (``gezin-s-coach``).
_LINKERS = ("s", "en", "e")
#: Parts of a compound are at least this long; words shorter than this are not split.
_MIN_PART = 3
_MIN_COMPOUND = 7


def normalize(text: str) -> str:
    """Lower case, accents removed, everything but letters and digits a single space."""
    # NFKD splits "ë" into "e" and a combining mark; ASCII drops the mark (and what
    # Dutch text does not use).
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(_WORD_RE.findall(plain))


def words(text: str) -> list[str]:
    """The words of ``text``, normalised, in order (stop words included)."""
    return _WORD_RE.findall(normalize(text))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Dutch Snowball stem of a normalised word."""
    result: str = _STEMMER.stemWord(word)
    return result


def _data_lines(name: str) -> list[str]:
    text = resources.files("dichtbij.catalogue.search").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def stopwords() -> frozenset[str]:
    """Words that carry no meaning for search (normalised)."""
    return frozenset(normalize(line) for line in _data_lines("stopwords.txt"))


def content_words(text: str) -> list[str]:
    """The words of ``text`` without stop words."""
    stop = stopwords()
    return [word for word in words(text) if word not in stop]


def terms(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order, repeats kept."""
    return [stem(word) for word in content_words(text)]


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions; returns ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """The catalogue's words, with how many documents use each (``document_frequency``).

    ``extra`` words (the concept map's) are known too, for splitting and correcting,
    with frequency 1.
    """

    def __init__(self, document_frequency: Mapping[str, int], extra: Iterable[str] = ()) -> None:
        stop = stopwords()
        self.frequency: dict[str, int] = {w: n for w, n in document_frequency.items() if n > 0}
        for word in extra:
            self.frequency.setdefault(word, 1)
        self.stems: set[str] = {stem(word) for word in self.frequency}
        self._parts: set[str] = {
            word for word in self.frequency if len(word) >= _MIN_PART and word not in stop
        } | {s for s in self.stems if len(s) >= _MIN_PART + 1}
        self._by_delete: dict[str, list[str]] = {}
        for word in self.frequency:
            if len(word) >= 5 and not word.isdigit():
                for deleted in _deletes(word) | {word}:
                    self._by_delete.setdefault(deleted, []).append(word)
        self._split_cache: dict[str, tuple[str, ...]] = {}

    def knows(self, word: str) -> bool:
        """Whether the word (or its stem) occurs in the catalogue or the concept map."""
        return word in self.frequency or stem(word) in self.stems

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound (each a known word or stem), or ``()`` if it is none.

        The longest known head wins; the tail may be a compound itself.
        """
        cached = self._split_cache.get(word)
        if cached is not None:
            return cached
        result: tuple[str, ...] = ()
        if len(word) >= _MIN_COMPOUND:
            for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
                head, tail = word[:cut], word[cut:]
                if head not in self._parts:
                    continue
                tails = [tail] + [tail[len(x) :] for x in _LINKERS if tail.startswith(x)]
                for rest in tails:
                    if len(rest) < _MIN_PART:
                        continue
                    if rest in self._parts:
                        result = (head, rest)
                        break
                    deeper = self.split(rest)
                    if deeper:
                        result = (head, *deeper)
                        break
                if result:
                    break
        self._split_cache[word] = result
        return result

    def correct(self, word: str) -> str | None:
        """The catalogue word nearest to an unknown ``word``, or ``None``.

        One edit (insert, delete, substitute or swap two letters) for words of five
        letters or more, two for words of nine or more; the most common word wins ties.
        """
        if len(word) < 5 or word.isdigit():
            return None
        limit = 2 if len(word) >= 9 else 1
        candidates: set[str] = set()
        for deleted in _deletes(word) | {word}:
            candidates.update(self._by_delete.get(deleted, ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = damerau_levenshtein(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.frequency.get(candidate, 0), candidate)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]
