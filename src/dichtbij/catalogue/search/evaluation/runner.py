"""Running a search over the judged queries, and the report ``make bench`` prints.

Needs the shared catalogue in the database (regio Amersfoort, imported and indexed).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources

from dichtbij.catalogue.models import Service, ServiceStatus
from dichtbij.catalogue.search.concepts import concept_map
from dichtbij.catalogue.search.evaluation.bm25 import BM25, Document
from dichtbij.catalogue.search.evaluation.metrics import (
    mean,
    ndcg_at,
    recall_at,
    reciprocal_rank,
)
from dichtbij.catalogue.search.types import SearchQuery
from dichtbij.regions.models import Region
from dichtbij.regions.selectors import municipality_get

TOP = 10


@dataclass(frozen=True)
class EvalQuery:
    id: str
    category: str
    split: str
    text: str
    gemeente: str | None = None
    age: int | None = None
    theme: str | None = None
    kind: str | None = None
    without_referral: bool = False
    max_waiting_weeks: int | None = None
    expect_safety: bool = False
    expect_out_of_scope: bool = False
    relevance: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    ranked: list[str]
    safety: bool
    out_of_scope: bool


Searcher = Callable[[EvalQuery], Outcome]


def load_queries() -> list[EvalQuery]:
    """The judged queries of ``queries.toml``."""
    text = (
        resources.files("dichtbij.catalogue.search.evaluation")
        .joinpath("queries.toml")
        .read_text("utf-8")
    )
    return [EvalQuery(**entry) for entry in tomllib.loads(text)["query"]]


def crisis_service_ids() -> set[str]:
    """The catalogue's crisis services, by the rule of ``data/signals.toml``."""
    concepts = concept_map()
    result = set()
    for service in Service.objects.prefetch_related("attributes__taxonomy_term"):
        codes = {attribute.taxonomy_term.code for attribute in service.attributes.all()}
        themes = frozenset(code for code in codes if code.startswith("thema:"))
        kinds = {code for code in codes if code.startswith("soort:")}
        if concepts.is_crisis_service(themes=themes, kinds=kinds):
            result.add(str(service.pk))
    return result


# --- Searchers ---------------------------------------------------------------------------


def catalogue_searcher(*, region: Region) -> Searcher:
    """The real search (:func:`dichtbij.catalogue.search.catalogue_search`)."""
    from dichtbij.catalogue.search.selectors import catalogue_search

    def search(query: EvalQuery) -> Outcome:
        municipality = municipality_get(code=query.gemeente) if query.gemeente else None
        result = catalogue_search(
            query=SearchQuery(
                text=query.text,
                region=region,
                municipality=municipality,
                age=query.age,
                theme=query.theme,
                kind=query.kind,
                without_referral=query.without_referral,
                max_waiting_weeks=query.max_waiting_weeks,
                limit=TOP,
            )
        )
        return Outcome(
            ranked=[str(hit.service.pk) for hit in result.hits],
            safety=result.safety is not None,
            out_of_scope=result.out_of_scope,
        )

    return search


@dataclass(frozen=True)
class _Facts:
    id: str
    municipalities: frozenset[str]
    codes: frozenset[str]
    minimum_age: int | None
    maximum_age: int | None
    referral_required: bool
    waiting_weeks: int | None


def allowed_by_filters(facts: _Facts, query: EvalQuery) -> bool:
    """Whether a service passes the query's hard filters (judged services must)."""
    if query.gemeente and query.gemeente not in facts.municipalities:
        return False
    if query.age is not None and (
        (facts.minimum_age is not None and facts.minimum_age > query.age)
        or (facts.maximum_age is not None and facts.maximum_age < query.age)
    ):
        return False
    if query.theme and query.theme not in facts.codes:
        return False
    if query.kind and query.kind not in facts.codes:
        return False
    if query.without_referral and facts.referral_required:
        return False
    return not (
        query.max_waiting_weeks is not None
        and facts.waiting_weeks is not None
        and facts.waiting_weeks > query.max_waiting_weeks
    )


def service_facts(*, region: Region) -> dict[str, _Facts]:
    """The filter facts of the region's searchable services, straight from the catalogue."""
    services = (
        Service.objects.filter(
            region=region,
            outdated=False,
            status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED],
        )
        .select_related("organization")
        .prefetch_related("attributes__taxonomy_term", "service_areas__municipality")
    )
    return {
        str(service.pk): _Facts(
            id=str(service.pk),
            municipalities=frozenset(a.municipality.code for a in service.service_areas.all()),
            codes=frozenset(a.taxonomy_term.code for a in service.attributes.all()),
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            referral_required=service.referral_required,
            waiting_weeks=service.waiting_weeks,
        )
        for service in services
    }


def bm25_searcher(*, region: Region) -> Searcher:
    """The plain BM25 baseline (:mod:`.bm25`), with the same hard filters."""
    services = Service.objects.filter(region=region).select_related("organization")
    facts = service_facts(region=region)
    model = BM25(
        [
            Document(
                id=str(service.pk),
                text=" ".join(
                    [
                        service.name,
                        service.alternate_name,
                        service.description,
                        service.eligibility_description,
                        service.organization.name,
                    ]
                ),
            )
            for service in services
            if str(service.pk) in facts
        ]
    )

    def search(query: EvalQuery) -> Outcome:
        scores = model.scores(query.text)
        ranked = sorted(
            (item for item in scores if allowed_by_filters(facts[item], query)),
            key=lambda item: (-scores[item], item),
        )
        return Outcome(ranked=ranked[:TOP], safety=False, out_of_scope=not ranked)

    return search


# --- Report ---------------------------------------------------------------------------


@dataclass
class Figures:
    queries: int = 0
    ndcg5: float = 0.0
    ndcg10: float = 0.0
    recall10: float = 0.0
    mrr: float = 0.0


@dataclass
class Report:
    name: str
    overall: Figures
    by_group: dict[str, Figures]
    safety_top3: float
    safety_flagged: float
    out_of_scope_correct: float
    false_out_of_scope: float
    per_query: dict[str, dict[str, float]]


def _figures(rows: Iterable[dict[str, float]]) -> Figures:
    rows = list(rows)
    return Figures(
        queries=len(rows),
        ndcg5=mean([row["ndcg5"] for row in rows]),
        ndcg10=mean([row["ndcg10"] for row in rows]),
        recall10=mean([row["recall10"] for row in rows]),
        mrr=mean([row["mrr"] for row in rows]),
    )


def evaluate(
    name: str, searcher: Searcher, queries: list[EvalQuery], *, crisis_ids: set[str]
) -> Report:
    """Run every query and compute the figures (ranking figures over judged queries)."""
    per_query: dict[str, dict[str, float]] = {}
    groups: dict[str, list[dict[str, float]]] = defaultdict(list)
    safety_hits: list[float] = []
    safety_flags: list[float] = []
    out_of_scope_right: list[float] = []
    false_out_of_scope: list[float] = []
    for query in queries:
        outcome = searcher(query)
        if query.expect_out_of_scope:
            out_of_scope_right.append(float(outcome.out_of_scope and not outcome.ranked))
            continue
        false_out_of_scope.append(float(outcome.out_of_scope))
        if query.expect_safety:
            safety_hits.append(float(bool(crisis_ids & set(outcome.ranked[:3]))))
            safety_flags.append(float(outcome.safety))
        row = {
            "ndcg5": ndcg_at(outcome.ranked, query.relevance, 5),
            "ndcg10": ndcg_at(outcome.ranked, query.relevance, 10),
            "recall10": recall_at(outcome.ranked, query.relevance, 10),
            "mrr": reciprocal_rank(outcome.ranked, query.relevance),
        }
        per_query[query.id] = row
        groups["all"].append(row)
        groups[f"split:{query.split}"].append(row)
        groups[query.category].append(row)
    return Report(
        name=name,
        overall=_figures(groups["all"]),
        by_group={group: _figures(rows) for group, rows in sorted(groups.items())},
        safety_top3=mean(safety_hits),
        safety_flagged=mean(safety_flags),
        out_of_scope_correct=mean(out_of_scope_right),
        false_out_of_scope=mean(false_out_of_scope),
        per_query=per_query,
    )


def format_reports(reports: list[Report]) -> str:
    """The table ``make bench`` prints: overall, then per split and kind of question."""
    lines = [
        f"{'search':<24} {'group':<14} {'n':>3} {'nDCG@5':>7} {'nDCG@10':>8} {'R@10':>6} {'MRR':>6}"
    ]
    for report in reports:
        for group, figures in report.by_group.items():
            lines.append(
                f"{report.name:<24} {group:<14} {figures.queries:>3} {figures.ndcg5:>7.3f} "
                f"{figures.ndcg10:>8.3f} {figures.recall10:>6.3f} {figures.mrr:>6.3f}"
            )
        lines.append(
            f"{report.name:<24} safety: crisis service in top 3 {report.safety_top3:.0%}, "
            f"flagged {report.safety_flagged:.0%}; out of scope right "
            f"{report.out_of_scope_correct:.0%}; in-scope questions called out of scope "
            f"{report.false_out_of_scope:.0%}"
        )
    return "\n".join(lines)
