"""The catalogue search: one read for the public pages, the professionals' pages, the
API and the command line.

:func:`catalogue_search` reads the question (:mod:`.analysis`), ranks the services of
the in-memory index (:mod:`.ranking`), and explains each hit in plain Dutch. Catalogue
data is public: no viewer, no audit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from django.db import connection
from django.utils.translation import gettext

from dichtbij.catalogue.models import Service, TaxonomyTerm
from dichtbij.catalogue.search.analysis import WEIGHT_PART_OF_KNOWN, QueryAnalysis, analyze
from dichtbij.catalogue.search.concepts import concept_map
from dichtbij.catalogue.search.index import BoolArray, FloatArray, MemoryIndex, memory_index
from dichtbij.catalogue.search.postgres import (
    CANDIDATES,
    POSTGRES_SHARE,
    blended_lexical_scores,
)
from dichtbij.catalogue.search.ranking import Filters, allowed, rank
from dichtbij.catalogue.search.types import (
    MatchReason,
    SafetyNotice,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from dichtbij.regions.models import Municipality, Region
from dichtbij.regions.selectors import (
    region_first_door,
    region_first_door_organisations_for,
    region_free_access,
)

#: At most this many words are named in a "words" reason.
MAX_REASON_WORDS = 5

#: Where the lexical part of the ranking comes from: ``"auto"`` blends PostgreSQL's
#: ``dutch`` full-text ranking of the best candidates with BM25F on PostgreSQL (see
#: :mod:`.postgres`) and uses the in-memory BM25F elsewhere; ``"postgres"`` uses
#: PostgreSQL's ranking alone, ``"memory"`` BM25F alone (the benchmarks compare them).
LEXICAL_BACKEND = "auto"

#: Question text, index and allowed positions → semantic similarity per position in
#: [0, 1]. A hybrid of lexical and semantic ranking was measured with offline
#: multilingual embeddings (``evaluation/semantic.py``) and not adopted: see there.
SemanticScorer = Callable[[str, MemoryIndex, BoolArray], FloatArray]
semantic_scorer: SemanticScorer | None = None
SEMANTIC_WEIGHT = 0.7


def catalogue_search(*, query: SearchQuery) -> SearchResult:
    """Search the sociale kaart; see :mod:`dichtbij.catalogue.search.types` for the contract.

    Only services that are active (or temporarily closed, marked as such) and not
    outdated are found, in the query's region and gemeente. For an ordinary question
    help without referral comes first (where the region offers it); a question about
    specialist help may show specialist help first. A question that signals danger gets
    :attr:`SearchResult.safety` and the crisis services first. A question the catalogue
    has nothing for gets no hits, ``out_of_scope`` and a pointer to the local team.
    """
    index = memory_index()
    analysis = analyze(query.text, vocabulary=index.vocabulary, concepts=concept_map())
    region = query.region
    if region is None and query.municipality is not None:
        region = query.municipality.region
    filters = Filters(
        region_id=region.pk if region is not None else None,
        municipality_code=query.municipality.code if query.municipality is not None else None,
        age=query.age,
        theme=query.theme or None,
        kind=query.kind or None,
        without_referral=query.without_referral,
        max_waiting_weeks=query.max_waiting_weeks,
    )
    has_text = bool(query.text.strip())
    out_of_scope = (
        has_text
        and analysis.safety is None
        and not (query.theme or query.kind)
        and (not analysis.evidence or (bool(analysis.out_of_scope_words) and not analysis.concepts))
    )
    positions: list[int] = []
    scores: list[float] = []
    if not out_of_scope:
        free_access = region_free_access(region=region).available if region is not None else True
        postgres = LEXICAL_BACKEND != "memory" and connection.vendor == "postgresql"
        semantic = None
        if semantic_scorer is not None and has_text and analysis.safety is None:
            semantic = semantic_scorer(query.text, index, allowed(index, filters))
        scored = rank(
            index,
            analysis,
            filters,
            limit=CANDIDATES if postgres else query.limit,
            apply_free_access=free_access,
            semantic=semantic,
            semantic_weight=SEMANTIC_WEIGHT,
        )
        if postgres and scored.positions:
            within = np.zeros(index.size, dtype=np.bool_)
            within[scored.positions] = True
            scored = rank(
                index,
                analysis,
                filters,
                limit=query.limit,
                apply_free_access=free_access,
                lexical=blended_lexical_scores(
                    index,
                    analysis,
                    positions=scored.positions,
                    share=POSTGRES_SHARE if LEXICAL_BACKEND == "auto" else 1.0,
                ),
                within=within,
                semantic=semantic,
                semantic_weight=SEMANTIC_WEIGHT,
            )
        positions, scores = scored.positions, scored.scores
    services = Service.objects.select_related("organization").in_bulk(
        [index.ids[position] for position in positions]
    )
    hits = []
    for position, score in zip(positions, scores, strict=True):
        service = services.get(index.ids[position])
        if service is None:  # deleted since the index was loaded
            continue
        hits.append(
            SearchHit(
                service=service,
                score=round(score, 4),
                reasons=_reasons(index, position, analysis, query, service),
            )
        )
    safety = None
    if analysis.safety is not None:
        crisis = [hit.service for hit, p in zip(hits, positions, strict=False) if index.crisis[p]]
        safety = SafetyNotice(message=safety_message(analysis.safety), crisis_services=crisis)
    nothing = not hits and (has_text or _has_filters(query))
    return SearchResult(
        query=query,
        hits=hits,
        safety=safety,
        out_of_scope=out_of_scope or nothing,
        local_team_hint=local_team_hint(region=region, municipality=query.municipality)
        if out_of_scope or nothing
        else "",
        themes=_themes(analysis),
    )


def _has_filters(query: SearchQuery) -> bool:
    return bool(query.theme or query.kind or query.without_referral) or (
        query.max_waiting_weeks is not None
    )


def _themes(analysis: QueryAnalysis) -> list[TaxonomyTerm]:
    if not analysis.themes:
        return []
    ranked = sorted(analysis.themes.items(), key=lambda item: -item[1])
    codes = [code for code, weight in ranked if weight >= 0.5][:3]
    terms = {term.code: term for term in TaxonomyTerm.objects.filter(code__in=codes)}
    return [terms[code] for code in codes if code in terms]


def safety_message(kind: str) -> str:
    """The Dutch message shown above the results of a question that signals danger."""
    first = gettext("Is er direct gevaar? Bel 112.")
    if kind == "suicide":
        middle = gettext(
            "Denk je aan zelfdoding, of maak je je zorgen om iemand? Praat erover met 113 "
            "Zelfmoordpreventie: bel 113 of gratis 0800-0113 (dag en nacht, ook anoniem)."
        )
    else:
        middle = gettext(
            "Is het thuis niet veilig, of maak je je zorgen over geweld of mishandeling? "
            "Bel Veilig Thuis, gratis en dag en nacht: 0800-2000. Advies vragen kan anoniem."
        )
    last = gettext("Hieronder staan de crisishulp en Veilig Thuis in de regio.")
    return f"{first} {middle} {last}"


def local_team_hint(*, region: Region | None, municipality: Municipality | None) -> str:
    """Where to go when the search found nothing fitting: the region's first door."""
    if region is None:
        return gettext(
            "Niets gevonden dat past bij uw vraag. Neem contact op met het lokale team "
            "(wijkteam, buurtteam of CJG) in uw gemeente; zij denken met u mee."
        )
    door = region_first_door(region=region)
    names: Sequence[str] = []
    if municipality is not None:
        names = [
            organisation.name
            for organisation in region_first_door_organisations_for(
                region=region, municipality_code=municipality.code
            )
        ]
    if names:
        return gettext(
            "Niets gevonden dat past bij uw vraag. Neem contact op met %(door)s: %(names)s. "
            "Zij denken met u mee en weten welke hulp er in uw buurt is."
        ) % {"door": door.name.lower(), "names": ", ".join(names)}
    return gettext(
        "Niets gevonden dat past bij uw vraag. Neem contact op met het %(door)s in uw "
        "gemeente. Zij denken met u mee en weten welke hulp er in uw buurt is."
    ) % {"door": door.name.lower()}


def _reasons(
    index: MemoryIndex,
    position: int,
    analysis: QueryAnalysis,
    query: SearchQuery,
    service: Service,
) -> list[MatchReason]:
    reasons: list[MatchReason] = []
    if analysis.safety is not None and index.crisis[position]:
        reasons.append(MatchReason("crisis", gettext("Crisishulp: direct hulp bij gevaar")))
    for code, _weight in sorted(analysis.themes.items(), key=lambda item: -item[1]):
        weights = index.theme_weights.get(code)
        if weights is not None and weights[position] > 0:
            name = index.term_names.get(code, code)
            reasons.append(
                MatchReason("theme", gettext("Past bij het thema “%(theme)s”") % {"theme": name})
            )
    matched = [
        term.word
        for term in analysis.terms.values()
        if term.weight >= WEIGHT_PART_OF_KNOWN and index.contains(term.stem, position)
    ]
    if matched:
        shown = ", ".join(dict.fromkeys(matched[:MAX_REASON_WORDS]))
        reasons.append(
            MatchReason("words", gettext("Bevat uw woorden: %(words)s") % {"words": shown})
        )
    for code in analysis.kinds:
        kinds = index.kind_masks.get(code)
        if kinds is not None and kinds[position]:
            name = index.term_names.get(code, code)
            reasons.append(MatchReason("kind", gettext("Soort hulp: %(kind)s") % {"kind": name}))
            break
    if query.age is not None:
        reasons.append(MatchReason("age", _age_text(query.age, service)))
    if query.municipality is not None:
        reasons.append(
            MatchReason(
                "gemeente",
                gettext("Voor inwoners van %(gemeente)s") % {"gemeente": query.municipality.name},
            )
        )
    if not service.referral_required:
        reasons.append(MatchReason("no_referral", gettext("Geen verwijzing nodig")))
    if service.status == "temporarily closed":
        reasons.append(MatchReason("closed", gettext("Tijdelijk gesloten")))
    return reasons


def _age_text(age: int, service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is None and high is None:
        return gettext("Voor alle leeftijden, dus ook %(age)s jaar") % {"age": age}
    if high is None:
        return gettext("Vanaf %(low)s jaar: past bij %(age)s jaar") % {"low": low, "age": age}
    return gettext("Voor %(low)s tot en met %(high)s jaar: past bij %(age)s jaar") % {
        "low": low if low is not None else 0,
        "high": high,
        "age": age,
    }
