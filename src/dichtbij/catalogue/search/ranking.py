"""Scoring: from an analysed question and the in-memory index to ranked positions.

The score of a service combines

- ``lexical``: BM25F over the question's terms (typed, corrected, translated, compound
  parts, and the words a recognised concept adds, each with its weight), divided by
  the best lexical score among the allowed services, so in [0, 1];
- ``theme``: how much of the question's themes (from the concept map) the service
  covers, its main theme counting most, in [0, 1];
- ``kind``: the question asks for this kind of help (a course, a maatje, online...).

Then the region's principle (where the region offers help without referral): for an
ordinary question, help that needs a referral counts for ``SPECIALIST_FACTOR`` of its
score, and help without referral that fits (at least ``ORDINARY_FIRST_SHARE`` of the
best such score) comes before all of it; for a question about specialist help
(treatment, diagnosis, referral...) help that needs a referral gets a bonus instead.
Temporarily closed services count a little less. For a question that signals danger
the crisis services come first whatever their score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dichtbij.catalogue.search.analysis import QueryAnalysis
from dichtbij.catalogue.search.index import BoolArray, FloatArray, MemoryIndex

WEIGHT_LEXICAL = 1.0
WEIGHT_THEME = 0.9
WEIGHT_KIND = 0.1
#: Ordinary question: a service that needs a referral keeps this share of its score.
SPECIALIST_FACTOR = 0.7
#: Question about specialist help: bonus for a matching service that needs a referral.
SPECIALIST_BONUS = 0.3
CLOSED_FACTOR = 0.85
#: Ordinary question: help without referral scoring at least this share of the best such
#: help comes before all help that needs a referral (0 turns the rule off).
ORDINARY_FIRST_SHARE = 0.5
#: A hit needs at least this share of the best hit's score.
MIN_RELATIVE_SCORE = 0.12
CRISIS_BOOST = 100.0


@dataclass(frozen=True)
class Filters:
    """Hard filters, already resolved to the index's terms."""

    region_id: int | None
    municipality_code: str | None
    age: int | None
    theme: str | None
    kind: str | None
    without_referral: bool
    max_waiting_weeks: int | None


@dataclass
class Scored:
    positions: list[int]
    scores: list[float]
    lexical: FloatArray
    theme: FloatArray


def allowed(index: MemoryIndex, filters: Filters, *, crisis_exempt: bool = False) -> BoolArray:
    """Services that pass the filters (crisis services also pass age, theme, kind and
    waiting-time filters when ``crisis_exempt``: someone in danger needs them)."""
    size = index.size
    mask = np.ones(size, dtype=np.bool_)
    if filters.region_id is not None:
        mask &= index.region_ids == filters.region_id
    if filters.municipality_code is not None:
        area = index.municipality_masks.get(filters.municipality_code)
        mask &= area if area is not None else np.zeros(size, dtype=np.bool_)
    if filters.without_referral:
        mask &= ~index.referral_required
    soft = np.ones(size, dtype=np.bool_)
    if filters.age is not None:
        soft &= (index.minimum_age <= filters.age) & (index.maximum_age >= filters.age)
    if filters.theme is not None:
        weights = index.theme_weights.get(filters.theme)
        soft &= weights > 0 if weights is not None else np.zeros(size, dtype=np.bool_)
    if filters.kind is not None:
        kinds = index.kind_masks.get(filters.kind)
        soft &= kinds if kinds is not None else np.zeros(size, dtype=np.bool_)
    if filters.max_waiting_weeks is not None:
        soft &= index.waiting_weeks <= filters.max_waiting_weeks
    if crisis_exempt:
        soft |= index.crisis
    result: BoolArray = mask & soft
    return result


def lexical_scores(index: MemoryIndex, analysis: QueryAnalysis) -> FloatArray:
    scores = np.zeros(index.size, dtype=np.float32)
    for term in analysis.terms.values():
        postings = index.postings.get(term.stem)
        if postings is None:
            continue
        scores[postings.positions] += np.float32(term.weight * index.idf(term.stem)) * (
            postings.weights
        )
    return scores


def theme_scores(index: MemoryIndex, analysis: QueryAnalysis) -> FloatArray:
    scores = np.zeros(index.size, dtype=np.float32)
    total = sum(analysis.themes.values())
    if total <= 0:
        return scores
    for code, confidence in analysis.themes.items():
        weights = index.theme_weights.get(code)
        if weights is not None:
            scores += np.float32(confidence) * weights
    # Covering one strong theme of several should still count: square root of the share.
    result: FloatArray = np.sqrt(np.minimum(scores / np.float32(total), 1.0))
    return result


def kind_scores(index: MemoryIndex, analysis: QueryAnalysis) -> FloatArray:
    scores = np.zeros(index.size, dtype=np.float32)
    for code, confidence in analysis.kinds.items():
        mask = index.kind_masks.get(code)
        if mask is not None:
            scores = np.maximum(scores, np.float32(confidence) * mask.astype(np.float32))
    return scores


def rank(
    index: MemoryIndex,
    analysis: QueryAnalysis,
    filters: Filters,
    *,
    limit: int,
    apply_free_access: bool = True,
    lexical: FloatArray | None = None,
    within: BoolArray | None = None,
    semantic: FloatArray | None = None,
    semantic_weight: float = 0.0,
) -> Scored:
    """The best ``limit`` allowed positions for the question, best first.

    ``lexical`` replaces the in-memory BM25F scores (PostgreSQL's ranking, on PostgreSQL);
    ``within`` keeps only those positions (the candidates of a first round).
    """
    mask = allowed(index, filters, crisis_exempt=analysis.safety is not None)
    if within is not None:
        mask &= within
    if lexical is None:
        lexical = lexical_scores(index, analysis)
    best = float(lexical[mask].max()) if mask.any() else 0.0
    lexical_share = lexical / np.float32(best) if best > 0 else lexical
    theme = theme_scores(index, analysis)
    kind = kind_scores(index, analysis)
    relevant = (lexical_share > 0.05) | (theme > 0)
    filtered = filters.theme is not None or filters.kind is not None
    if filtered:
        relevant = np.ones(index.size, dtype=np.bool_)  # the filter already says what fits
    if analysis.empty and semantic is None:
        # No question, only filters: ordinary help first, then the shortest wait.
        waiting = np.where(index.waiting_weeks < 0, 52, index.waiting_weeks).astype(np.float32)
        score = 1.0 - 0.5 * index.referral_required - waiting / 1000.0
        relevant = np.ones(index.size, dtype=np.bool_)
    else:
        score = (
            WEIGHT_LEXICAL * lexical_share + WEIGHT_THEME * theme + WEIGHT_KIND * kind * relevant
        )
        if filtered:  # everything the filter keeps is a hit; ordinary help first
            score = score + 0.05
        if semantic is not None and semantic_weight > 0:
            score = score + semantic_weight * semantic
            relevant |= semantic > 0
        if apply_free_access:
            if analysis.specialist:
                score = score + SPECIALIST_BONUS * (index.referral_required & relevant)
            else:
                score = np.where(index.referral_required, score * SPECIALIST_FACTOR, score)
        score = np.where(index.temporarily_closed, score * CLOSED_FACTOR, score)
    crisis = index.crisis if analysis.safety is not None else np.zeros(index.size, np.bool_)
    candidates = mask & ((relevant & (score > 0)) | crisis)
    if not candidates.any():
        return Scored([], [], lexical, theme)
    top_score = float(score[candidates].max())
    candidates &= (score >= MIN_RELATIVE_SCORE * top_score) | crisis
    score = score + CRISIS_BOOST * crisis
    first = crisis.copy()
    if apply_free_access and not analysis.specialist and ORDINARY_FIRST_SHARE > 0:
        ordinary = candidates & ~index.referral_required
        if ordinary.any():
            best_ordinary = float(score[ordinary].max())
            first |= ordinary & (score >= ORDINARY_FIRST_SHARE * best_ordinary)
    positions = np.flatnonzero(candidates)
    values = score[positions]
    tiers = (~first[positions]).astype(np.int8)
    if len(positions) > limit:
        keep = np.lexsort((-values, tiers))[:limit]
        positions, values, tiers = positions[keep], values[keep], tiers[keep]
    order = np.lexsort((positions, -values, tiers))
    return Scored(
        positions=[int(p) for p in positions[order]],
        scores=[float(v) for v in values[order]],
        lexical=lexical,
        theme=theme,
    )
