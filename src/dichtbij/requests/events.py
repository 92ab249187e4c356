"""Writers of the help-request history: one small function per event type.

Services call these inside their transaction; nothing else writes
:class:`~dichtbij.requests.models.HelpRequestEvent`. Parameters are codes and ids, never
names or free text about the family (monitoring reads them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dichtbij.requests.constants import EventType
from dichtbij.requests.models import HelpRequest, HelpRequestEvent, TriageAdvice, TriageDecision

if TYPE_CHECKING:
    from dichtbij.accounts.models import User


def _event(
    *,
    help_request: HelpRequest,
    type: EventType,
    actor: User | None,
    parameters: dict[str, object],
) -> HelpRequestEvent:
    return HelpRequestEvent.objects.create(
        help_request=help_request,
        region_id=help_request.region_id,
        type=type,
        actor=actor,
        parameters=parameters,
    )


def help_request_registered_event(
    *, help_request: HelpRequest, actor: User | None
) -> HelpRequestEvent:
    return _event(
        help_request=help_request,
        type=EventType.HELP_REQUEST_REGISTERED,
        actor=actor,
        parameters={
            "source": help_request.source,
            "referrer_type": help_request.referrer_type,
            "asker": help_request.asker,
            "themes": list(help_request.themes),
            "children": sorted(
                str(child) for child in help_request.children.values_list("public_id", flat=True)
            ),
            "unsafe_at_home": help_request.unsafe_at_home,
            "risk_of_harm": help_request.risk_of_harm,
        },
    )


def help_request_assessed_event(
    *, help_request: HelpRequest, actor: User | None
) -> HelpRequestEvent:
    return _event(
        help_request=help_request,
        type=EventType.HELP_REQUEST_ASSESSED,
        actor=actor,
        parameters={
            "severity": help_request.severity,
            "ordinary_help_enough": help_request.ordinary_help_enough,
            "lowest_score": help_request.lowest_score,
        },
    )


def triage_advised_event(
    *, help_request: HelpRequest, actor: User | None, advice: TriageAdvice
) -> HelpRequestEvent:
    return _event(
        help_request=help_request,
        type=EventType.TRIAGE_ADVISED,
        actor=actor,
        parameters={
            "advice_id": advice.pk,
            "outcome": advice.outcome,
            "urgency": advice.urgency,
            "rule_code": advice.rule_code,
            "rules_version": advice.rules_version,
            "rules_hash": advice.rules_hash,
        },
    )


def _decision_parameters(decision: TriageDecision) -> dict[str, object]:
    return {
        "decision_id": decision.pk,
        "advice_id": decision.advice_id,
        "advised_outcome": decision.advised_outcome,
        "advised_urgency": decision.advised_urgency,
        "outcome": decision.outcome,
        "urgency": decision.urgency,
    }


def triage_decided_event(
    *, help_request: HelpRequest, actor: User | None, decision: TriageDecision
) -> HelpRequestEvent:
    """The professional followed the advice."""
    return _event(
        help_request=help_request,
        type=EventType.TRIAGE_DECIDED,
        actor=actor,
        parameters=_decision_parameters(decision),
    )


def triage_overridden_event(
    *, help_request: HelpRequest, actor: User | None, decision: TriageDecision
) -> HelpRequestEvent:
    """The professional chose otherwise than the advice (the reason stays on the decision)."""
    return _event(
        help_request=help_request,
        type=EventType.TRIAGE_OVERRIDDEN,
        actor=actor,
        parameters=_decision_parameters(decision),
    )


def help_request_closed_event(*, help_request: HelpRequest, actor: User | None) -> HelpRequestEvent:
    return _event(
        help_request=help_request,
        type=EventType.HELP_REQUEST_CLOSED,
        actor=actor,
        parameters={"reason": help_request.close_reason},
    )


def status_changed_event(
    *, help_request: HelpRequest, actor: User | None, old: str, new: str
) -> HelpRequestEvent:
    return _event(
        help_request=help_request,
        type=EventType.STATUS_CHANGED,
        actor=actor,
        parameters={"from": old, "to": new},
    )
