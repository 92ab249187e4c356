"""Code lists and the state machine of referrals. Stored values are stable; labels are
translated.

The life of a referral follows the FHIR SDOH referral ``Task`` states (issue 5):
draft → requested → received → accepted | rejected → in_progress ↔ on_hold →
completed | cancelled | failed. :data:`TRANSITIONS` is the one table of legal moves;
:func:`dichtbij.referrals.services.referral_transition` refuses every other one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dichtbij.plans.constants import GoalResult
from dichtbij.requests.constants import Urgency, urgency_rank

__all__ = [
    "ACTIVE_STATUSES",
    "FLAG_WAITS_IN",
    "FINAL_STATUSES",
    "INBOX_STATUSES",
    "LIVE_STATUSES",
    "TRANSITIONS",
    "VERB_SOURCES",
    "VERB_TARGET",
    "EndReason",
    "EventType",
    "FlagKind",
    "GoalResult",
    "NotificationKind",
    "ReferralStatus",
    "RejectReason",
    "Urgency",
    "is_legal_step",
    "is_legal_transition",
    "urgency_priority",
]


class ReferralStatus(models.TextChoices):
    """Where a referral is (FHIR Task status, snake_case)."""

    DRAFT = "draft", _("concept")
    REQUESTED = "requested", _("verstuurd")
    RECEIVED = "received", _("ontvangen")
    ACCEPTED = "accepted", _("geaccepteerd")
    REJECTED = "rejected", _("afgewezen")
    IN_PROGRESS = "in_progress", _("hulp gestart")
    ON_HOLD = "on_hold", _("gepauzeerd")
    COMPLETED = "completed", _("afgerond")
    CANCELLED = "cancelled", _("geannuleerd")
    FAILED = "failed", _("mislukt")


S = ReferralStatus

#: The legal transitions: from a status to the statuses it may move to. Nothing else.
TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.DRAFT: frozenset({S.REQUESTED, S.CANCELLED}),
    S.REQUESTED: frozenset({S.RECEIVED, S.CANCELLED}),
    S.RECEIVED: frozenset({S.ACCEPTED, S.REJECTED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.ON_HOLD, S.COMPLETED, S.CANCELLED, S.FAILED}),
    S.ON_HOLD: frozenset({S.IN_PROGRESS, S.CANCELLED, S.FAILED}),
    S.REJECTED: frozenset(),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.FAILED: frozenset(),
}

#: The status each ``referral_<verb>`` service moves to.
VERB_TARGET: dict[str, ReferralStatus] = {
    "send": S.REQUESTED,
    "receive": S.RECEIVED,
    "accept": S.ACCEPTED,
    "reject": S.REJECTED,
    "start": S.IN_PROGRESS,
    "hold": S.ON_HOLD,
    "resume": S.IN_PROGRESS,
    "complete": S.COMPLETED,
    "cancel": S.CANCELLED,
    "fail": S.FAILED,
}

#: The statuses each verb may be taken from: wherever the table allows its target,
#: except that help *starts* only once accepted and *resumes* only when paused (both
#: move to in progress).
VERB_SOURCES: dict[str, frozenset[ReferralStatus]] = {
    **{
        verb: frozenset(s for s, targets in TRANSITIONS.items() if target in targets)
        for verb, target in VERB_TARGET.items()
    },
    "start": frozenset({S.ACCEPTED}),
    "resume": frozenset({S.ON_HOLD}),
}

#: Statuses that end a referral: no transition leaves them.
FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
#: Sent to the team, no decision yet: the team's inbox.
INBOX_STATUSES = (S.REQUESTED, S.RECEIVED)
#: The order of a team's inbox and waiting list: most urgent first, then the longest
#: waiting since sent; the id makes it unique (for cursors). Indexed per team.
QUEUE_ORDER = ("priority", "sent_at", "id")
#: Counted against a team's capacity (the load): accepted, started, paused.
LIVE_STATUSES = (S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD)
#: Not final and not a draft.
ACTIVE_STATUSES = tuple(s for s in S if s not in FINAL_STATUSES and s != S.DRAFT)


def is_legal_step(status: str, verb: str) -> bool:
    """Whether ``verb`` (a key of :data:`VERB_TARGET`) may be taken from ``status``."""
    return status in VERB_SOURCES.get(verb, ())


def is_legal_transition(old: str, new: str) -> bool:
    """Whether the table allows moving from ``old`` to ``new``."""
    try:
        return ReferralStatus(new) in TRANSITIONS[ReferralStatus(old)]
    except ValueError:
        return False


class EventType(models.TextChoices):
    """Types of :class:`~dichtbij.referrals.models.ReferralEvent`; stored values are stable."""

    REFERRAL_CREATED = "REFERRAL_CREATED", _("Verwijzing opgesteld")
    REFERRAL_SENT = "REFERRAL_SENT", _("Verwijzing verstuurd")
    REFERRAL_RECEIVED = "REFERRAL_RECEIVED", _("Verwijzing ontvangen")
    REFERRAL_ACCEPTED = "REFERRAL_ACCEPTED", _("Verwijzing geaccepteerd")
    REFERRAL_REJECTED = "REFERRAL_REJECTED", _("Verwijzing afgewezen")
    REFERRAL_STARTED = "REFERRAL_STARTED", _("Hulp gestart")
    REFERRAL_PUT_ON_HOLD = "REFERRAL_PUT_ON_HOLD", _("Hulp gepauzeerd")
    REFERRAL_RESUMED = "REFERRAL_RESUMED", _("Hulp hervat")
    REFERRAL_COMPLETED = "REFERRAL_COMPLETED", _("Hulp afgerond")
    REFERRAL_CANCELLED = "REFERRAL_CANCELLED", _("Verwijzing geannuleerd")
    REFERRAL_FAILED = "REFERRAL_FAILED", _("Hulp mislukt")
    SUBCONTRACT_ADDED = "SUBCONTRACT_ADDED", _("Onderaannemer toegevoegd")
    TIMER_FLAGGED = "TIMER_FLAGGED", _("Termijn overschreden")


#: The event type of a transition, by the status it moves to (resume: see services).
TRANSITION_EVENT: dict[ReferralStatus, EventType] = {
    S.REQUESTED: EventType.REFERRAL_SENT,
    S.RECEIVED: EventType.REFERRAL_RECEIVED,
    S.ACCEPTED: EventType.REFERRAL_ACCEPTED,
    S.REJECTED: EventType.REFERRAL_REJECTED,
    S.IN_PROGRESS: EventType.REFERRAL_STARTED,
    S.ON_HOLD: EventType.REFERRAL_PUT_ON_HOLD,
    S.COMPLETED: EventType.REFERRAL_COMPLETED,
    S.CANCELLED: EventType.REFERRAL_CANCELLED,
    S.FAILED: EventType.REFERRAL_FAILED,
}


class EndReason(models.TextChoices):
    """iJw JZ588 Reden beëindiging."""

    DEATH = "02", _("Overlijden")
    TEMPORARILY_ENDED = "20", _("Tijdelijk beëindigd")
    AS_PLANNED = "31", _("Volgens plan")
    EARLY_BY_CLIENT = "32", _("Voortijdig, eenzijdig door cliënt")
    EARLY_BY_PROVIDER = "33", _("Voortijdig, eenzijdig door aanbieder")
    EARLY_AGREED = "34", _("Voortijdig, in overeenstemming")
    EXTERNAL_CIRCUMSTANCES = "35", _("Externe omstandigheden")
    BY_MUNICIPALITY = "36", _("Geïnitieerd door gemeente")
    CHANGE_REQUEST = "37", _("In verband met wijzigingsverzoek")
    OTHER_PROVIDER = "38", _("Overstap naar andere aanbieder")
    OTHER_DOMAIN = "39", _("Uitstroom naar ander domein")


class RejectReason(models.TextChoices):
    """Why a team rejects a referral: the applicable WJ759 reasons (``WJ759_CODE``) and
    the reasons a team gives that iJw has no code for (no place, expertise, area)."""

    NO_CAPACITY = "no_capacity", _("Geen plaats in het team")
    EXPERTISE = "expertise", _("Past niet bij de expertise van het team")
    OUTSIDE_AREA = "outside_area", _("Buiten het werkgebied van het team")
    NO_CONTRACT = "no_contract", _("Geen contract")
    NOT_IN_CONTRACT = "not_in_contract", _("Past niet in het contract")
    OTHER_MUNICIPALITY = "other_municipality", _("Andere gemeente (woonplaatsbeginsel)")
    STACKING = "stacking", _("Stapeling van hulp")
    CARE_CONTENT = "care_content", _("Zorginhoudelijke reden")
    AGE_LIMIT = "age_limit", _("Leeftijdsgrens")
    OTHER = "other", _("Andere reden")


#: The iJw WJ759 code of a reject reason, where one exists (for the ``ijw`` adapter).
WJ759_CODE: dict[RejectReason, str] = {
    RejectReason.NO_CONTRACT: "3",
    RejectReason.NOT_IN_CONTRACT: "4",
    RejectReason.OTHER_MUNICIPALITY: "8",
    RejectReason.STACKING: "6",
    RejectReason.CARE_CONTENT: "7",
    RejectReason.AGE_LIMIT: "9",
}


class FlagKind(models.TextChoices):
    """A timer that ran out (issue 5 item 4)."""

    NOT_RECEIVED = "not_received", _("Niet ontvangen binnen 3 werkdagen")
    NO_DECISION = "no_decision", _("Geen besluit binnen 5 werkdagen na ontvangst")
    NOT_STARTED = "not_started", _("Geaccepteerd, niet gestart binnen de norm van de regio")


#: The status a referral waits in while a timer of that kind runs; leaving it resolves
#: the flag.
FLAG_WAITS_IN: dict[FlagKind, ReferralStatus] = {
    FlagKind.NOT_RECEIVED: S.REQUESTED,
    FlagKind.NO_DECISION: S.RECEIVED,
    FlagKind.NOT_STARTED: S.ACCEPTED,
}

#: Working days allowed before a flag: after sending (not received), after receipt (no
#: decision). Not started: the region's norm (``referral.start_norm_working_days``).
NOT_RECEIVED_WORKING_DAYS = 3
NO_DECISION_WORKING_DAYS = 5


class NotificationKind(models.TextChoices):
    """Why someone got an in-app notification."""

    STATUS_CHANGED = "status_changed", _("Status van een verwijzing gewijzigd")
    NEW_IN_INBOX = "new_in_inbox", _("Nieuwe verwijzing voor uw team")
    TIMER_FLAG = "timer_flag", _("Termijn van een verwijzing overschreden")


def urgency_priority(urgency: Urgency | str) -> int:
    """The stored sort key of an urgency: 0 ``spoed``, 1 ``hoog``, 2 ``normaal``."""
    return urgency_rank(urgency)
