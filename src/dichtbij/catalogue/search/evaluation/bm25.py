"""The baseline: plain Okapi BM25 over each service's own text.

Words are normalised and stop words dropped as in the real search, but there is no
stemming, no compound splitting, no typo correction, no English, no concept map, no
themes and no ranking rules. The same hard filters apply (region, gemeente, age, ...),
so the comparison is about ranking. It never says "out of scope" unless no service
shares a word with the question, and it knows nothing of safety.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dichtbij.catalogue.search.text import content_words

K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class Document:
    id: str
    text: str


class BM25:
    def __init__(self, documents: Sequence[Document]) -> None:
        self.ids = [document.id for document in documents]
        self.term_counts = [Counter(content_words(document.text)) for document in documents]
        self.lengths = [sum(counts.values()) for counts in self.term_counts]
        self.average_length = sum(self.lengths) / max(len(self.lengths), 1)
        frequency: Counter[str] = Counter()
        for counts in self.term_counts:
            frequency.update(counts.keys())
        size = len(documents)
        self.idf = {
            term: math.log(1 + (size - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }

    def scores(self, query: str) -> dict[str, float]:
        """Score of each document sharing a word with ``query`` (others are absent)."""
        terms = content_words(query)
        result: dict[str, float] = {}
        for position, counts in enumerate(self.term_counts):
            norm = K1 * (1 - B + B * self.lengths[position] / self.average_length)
            score = 0.0
            for term in terms:
                tf = counts.get(term, 0)
                if tf:
                    score += self.idf[term] * tf * (K1 + 1) / (tf + norm)
            if score > 0:
                result[self.ids[position]] = score
        return result
