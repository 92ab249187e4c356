"""Ranking metrics over graded judgements (0-3; unjudged = 0)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain with gain 2^grade - 1."""
    return sum(((1 << grade) - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """nDCG@k of a ranked list of ids; 1.0 is the ideal order of the judged ids."""
    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(item, 0) for item in ranked[:k]]) / ideal


def recall_at(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Share of the relevant ids (grade >= 1) in the first k."""
    relevant = {item for item, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], judged: Mapping[str, int]) -> float:
    """1 / rank of the first relevant id (grade >= 1); 0 when none is found."""
    for rank, item in enumerate(ranked, start=1):
        if judged.get(item, 0) > 0:
            return 1.0 / rank
    return 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
