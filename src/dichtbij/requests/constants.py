"""Code lists of the requests app. Stored values are stable; labels are translated.

The triage vocabulary (outcome, urgency, answers, severity, duration, source) is named by
region files, so it is defined in :mod:`dichtbij.regions.schema` and re-exported here:
import it from this module.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from dichtbij.regions.schema import (
    Answer,
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)

__all__ = [
    "THEME_PREFIX",
    "Answer",
    "Asker",
    "CloseReason",
    "EventType",
    "HelpRequestStatus",
    "ProblemDuration",
    "RequestSource",
    "Severity",
    "TriageOutcome",
    "Urgency",
    "urgency_order_by",
    "urgency_rank",
]

#: Themes of a request are taxonomy terms of the sociale kaart with this code prefix.
THEME_PREFIX = "thema:"

#: The lowest and highest score of the self-reliance scale (zelfredzaamheidsschaal).
SCORE_MIN, SCORE_MAX = 1, 5


class Asker(models.TextChoices):
    """Who asks for help."""

    PARENT = "ouder", _("Ouder of verzorger")
    YOUTH = "jongere", _("Jongere zelf")
    PROFESSIONAL = "professional", _("Professional")
    OTHER = "iemand_anders", _("Iemand anders")


class HelpRequestStatus(models.TextChoices):
    """Where a help request is in the flow; every change is an event."""

    REGISTERED = "registered", _("Aangemeld")
    ASSESSED = "assessed", _("Beoordeeld")
    ADVISED = "advised", _("Advies gegeven")
    DECIDED = "decided", _("Besloten")
    CLOSED = "closed", _("Afgesloten")


#: Statuses in which a request still waits for a triage decision (the caseload shows them).
AWAITING_TRIAGE = (
    HelpRequestStatus.REGISTERED,
    HelpRequestStatus.ASSESSED,
    HelpRequestStatus.ADVISED,
)


class CloseReason(models.TextChoices):
    """Why a help request was closed."""

    HELP_ARRANGED = "help_arranged", _("Hulp is geregeld")
    NO_LONGER_NEEDED = "no_longer_needed", _("Hulp is niet meer nodig")
    FAMILY_DECLINED = "family_declined", _("Het gezin wil geen hulp")
    DUPLICATE = "duplicate", _("Dubbele aanmelding")
    MOVED = "moved", _("Gezin is verhuisd buiten de regio")


class EventType(models.TextChoices):
    """Types of :class:`~dichtbij.requests.models.HelpRequestEvent`; stored values are stable."""

    HELP_REQUEST_REGISTERED = "HELP_REQUEST_REGISTERED", _("Hulpvraag aangemeld")
    HELP_REQUEST_ASSESSED = "HELP_REQUEST_ASSESSED", _("Hulpvraag beoordeeld")
    TRIAGE_ADVISED = "TRIAGE_ADVISED", _("Triage-advies gegeven")
    TRIAGE_DECIDED = "TRIAGE_DECIDED", _("Besloten volgens het advies")
    TRIAGE_OVERRIDDEN = "TRIAGE_OVERRIDDEN", _("Anders besloten dan het advies")
    HELP_REQUEST_CLOSED = "HELP_REQUEST_CLOSED", _("Hulpvraag afgesloten")
    STATUS_CHANGED = "STATUS_CHANGED", _("Status gewijzigd")


#: Urgencies from the most to the least urgent.
_URGENCY_ORDER = (Urgency.URGENT, Urgency.HIGH, Urgency.NORMAL)


def urgency_rank(urgency: Urgency | str) -> int:
    """0 for ``spoed``, 1 for ``hoog``, 2 for ``normaal``: sort ascending, most urgent first.

    Raises ``ValueError`` for a value that is no :class:`Urgency`.
    """
    return _URGENCY_ORDER.index(Urgency(urgency))


def urgency_order_by(field: str = "urgency") -> Case:
    """An expression to ``order_by`` on, most urgent first; no urgency (``""``) last.

    ``queryset.order_by(urgency_order_by("help_request__urgency"), "created_at")``.
    """
    return Case(
        *(
            When(**{field: urgency.value}, then=Value(rank))
            for rank, urgency in enumerate(_URGENCY_ORDER)
        ),
        default=Value(len(_URGENCY_ORDER)),
        output_field=IntegerField(),
    )
