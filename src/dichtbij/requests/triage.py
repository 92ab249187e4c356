"""The triage engine: facts of a request + the region's rules → an advice. Pure.

The rules are data in the region file (``[triage]``, validated by
:mod:`dichtbij.regions.schema` and :mod:`dichtbij.regions.checks`): ordered rules, the
first whose ``when`` holds gives outcome, urgency and a reason; the region's text for that
outcome follows as a second reason. Texts carry ``{placeholders}`` filled from the facts
(:func:`fact_placeholders`) and from the region and household (``context``, gathered by
:func:`dichtbij.requests.services.help_request_triage`).

Nothing here reads the database or the clock, so the rules of every region are tested as
tables of facts → expected advice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.schema import (
    TRIAGE_PLACEHOLDERS,
    Triage,
    TriageOfferSearch,
    TriageWhen,
)
from dichtbij.requests.constants import (
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)

#: The reason code of the region's text for an outcome: ``uitkomst:<outcome>``.
OUTCOME_REASON_PREFIX = "uitkomst:"


class TriageRulesIncomplete(Exception):
    """No rule held; a validated region file cannot cause this (its last rule always holds)."""


@dataclass(frozen=True)
class TriageFacts:
    """What triage rules may look at. ``None``: not known (no assessment, no score)."""

    unsafe_at_home: str
    risk_of_harm: str
    duration: str
    ordinary_help_tried: bool
    themes: tuple[str, ...] = ()
    severity: str | None = None
    ordinary_help_enough: str | None = None
    lowest_score: int | None = None
    referrer_type: str = ""
    registrant_may_refer: bool = False
    source: str = RequestSource.PROFESSIONAL

    @property
    def assessed(self) -> bool:
        return self.severity is not None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["themes"] = list(self.themes)
        data["assessed"] = self.assessed
        return data


@dataclass(frozen=True)
class TriageReason:
    """One reason of an advice: a stable ``code`` (a rule code, or ``uitkomst:<outcome>``)
    and its plain-Dutch ``text``."""

    code: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class TriageResult:
    """The advice: outcome, urgency, the rule that gave it, reasons, and where to look
    for offers (the rule's own searches, else the outcome's)."""

    outcome: TriageOutcome
    urgency: Urgency
    rule_code: str
    reasons: tuple[TriageReason, ...]
    offer_searches: tuple[TriageOfferSearch, ...]


def _one_of(condition: list[str] | None, value: str | None) -> bool:
    return condition is None or (value is not None and value in condition)


def _equals(condition: bool | None, value: bool) -> bool:
    return condition is None or condition == value


def _score_within(score: int | None, at_most: int | None, at_least: int | None) -> bool:
    if at_most is None and at_least is None:
        return True
    if score is None:
        return False
    return (at_most is None or score <= at_most) and (at_least is None or score >= at_least)


def rule_holds(when: TriageWhen, facts: TriageFacts) -> bool:
    """Whether every condition of ``when`` holds for ``facts`` (no conditions: always).

    A condition on a fact that is not known (``None``) does not hold.
    """
    score = facts.lowest_score
    return (
        _one_of(when.unsafe_at_home, facts.unsafe_at_home)
        and _one_of(when.risk_of_harm, facts.risk_of_harm)
        and _one_of(when.severity, facts.severity)
        and _equals(when.ordinary_help_tried, facts.ordinary_help_tried)
        and _one_of(when.ordinary_help_enough, facts.ordinary_help_enough)
        and _one_of(when.duration, facts.duration)
        and _score_within(score, when.lowest_score_at_most, when.lowest_score_at_least)
        and (when.themes_any is None or bool(set(when.themes_any) & set(facts.themes)))
        and _one_of(when.referrer_type, facts.referrer_type)
        and _equals(when.registrant_may_refer, facts.registrant_may_refer)
        and _one_of(when.source, facts.source)
        and _equals(when.assessed, facts.assessed)
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def fact_placeholders(facts: TriageFacts) -> dict[str, str]:
    """The placeholders filled from the facts themselves."""
    if facts.source == RequestSource.FAMILY:
        registrant = "het gezin zelf"
    elif facts.referrer_type in ReferrerType.values:
        registrant = "de " + _lower_first(str(ReferrerType(facts.referrer_type).label))
    else:
        registrant = "de aanmelder"
    return {
        "registrant": registrant,
        "severity": _lower_first(str(Severity(facts.severity).label))
        if facts.severity in Severity.values
        else "niet beoordeeld",
        "duration": _lower_first(str(ProblemDuration(facts.duration).label))
        if facts.duration in ProblemDuration.values
        else "onbekend",
        "lowest_score": str(facts.lowest_score) if facts.lowest_score is not None else "onbekend",
    }


class _Placeholders(dict[str, str]):
    """Placeholder values; one the caller did not give becomes empty text."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its ``{placeholders}`` filled, whitespace collapsed.

    Region files may only use the names of :data:`TRIAGE_PLACEHOLDERS` (checked on load).
    """
    text = template.format_map(_Placeholders(values))
    return " ".join(text.split())


def triage_evaluate(
    *, facts: TriageFacts, triage: Triage, context: Mapping[str, str]
) -> TriageResult:
    """Apply ``triage`` to ``facts``: the first rule that holds decides.

    ``context`` fills the placeholders that come from the region and the household
    (``region``, ``gemeente``, ``first_door``, ``referrer_reason``, ``themes``, ...);
    the ones of :func:`fact_placeholders` are filled from ``facts`` and win.
    """
    rule = next((rule for rule in triage.rules if rule_holds(rule.when, facts)), None)
    if rule is None:
        raise TriageRulesIncomplete(f"no triage rule holds (rules version {triage.version})")
    values = {name: "" for name in TRIAGE_PLACEHOLDERS} | dict(context) | fact_placeholders(facts)
    reasons = [TriageReason(code=rule.code, text=fill(rule.reason, values))]
    outcome_text = next((o for o in triage.outcomes if o.outcome == rule.outcome), None)
    offers: list[TriageOfferSearch] = []
    if outcome_text is not None:
        reasons.append(
            TriageReason(
                code=f"{OUTCOME_REASON_PREFIX}{rule.outcome}", text=fill(outcome_text.text, values)
            )
        )
        offers = list(outcome_text.offers)
    if rule.offers is not None:
        offers = list(rule.offers)
    return TriageResult(
        outcome=TriageOutcome(rule.outcome),
        urgency=Urgency(rule.urgency),
        rule_code=rule.code,
        reasons=tuple(reasons),
        offer_searches=tuple(offers),
    )


def triage_rules_hash(triage: Triage) -> str:
    """SHA-256 of the rule set's canonical JSON: names the exact rules an advice used."""
    canonical = json.dumps(
        triage.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
