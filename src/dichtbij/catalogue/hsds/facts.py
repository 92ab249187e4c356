"""The facts HSDS lacks, read from a service's attributes (and written back to them).

The rules (see also ``README.md`` in this package):

* **Referral** — at most one attribute with term ``verwijzing:nodig`` or
  ``verwijzing:niet-nodig``. ``nodig`` sets ``referral_required``; its ``value`` lists
  the referrers, comma-separated, from :data:`~.constants.REFERRERS`. Without such an
  attribute (plain HSDS data) the service counts as help without referral, as HSDS
  itself has no notion of a referral.
* **Waiting time** — at most one ``kenmerk:wachttijd-weken`` attribute; its ``value`` is
  the typical wait in whole weeks (``"0"`` = immediately). Without one, the wait is
  unknown (``None``). The deprecated ``wait_time`` text is kept but not read.
* **At school** — an explicit ``kenmerk:op-school`` attribute decides (``value`` empty
  or ``ja``: at school; ``nee``: not); without one, a service is at school when its kind
  of help is ``soort:school-ondersteuning``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext

from dichtbij.catalogue.hsds.constants import (
    AT_SCHOOL,
    NO_VALUES,
    REFERRAL_NOT_REQUIRED,
    REFERRAL_REQUIRED,
    REFERRERS,
    SCHOOL_SUPPORT,
    WAITING_WEEKS,
    YES_VALUES,
)

#: A waiting time longer than this many weeks (two years) is taken for a mistake.
MAX_WAITING_WEEKS = 104

_WEEKS = re.compile(r"^\s*\d{1,4}\s*$")


@dataclass(frozen=True, slots=True)
class Facts:
    """The first-class fields of a service that come from its attributes."""

    referral_required: bool = False
    referrers: list[str] = field(default_factory=list)
    waiting_weeks: int | None = None
    at_school: bool = False

    def as_fields(self) -> dict[str, object]:
        return {
            "referral_required": self.referral_required,
            "referrers": list(self.referrers),
            "waiting_weeks": self.waiting_weeks,
            "at_school": self.at_school,
        }


@dataclass(frozen=True, slots=True)
class FactError:
    """A problem with attribute ``index`` (``None``: with the list as a whole)."""

    index: int | None
    message: str
    on_value: bool = False


def facts_from_attributes(attributes: Sequence[tuple[str, str]]) -> tuple[Facts, list[FactError]]:
    """The facts of a service whose attributes have these ``(term code, value)``."""
    errors: list[FactError] = []
    referral = [i for i, (code, _v) in enumerate(attributes) if code in _REFERRAL_CODES]
    waiting = [i for i, (code, _v) in enumerate(attributes) if code == WAITING_WEEKS]
    school = [i for i, (code, _v) in enumerate(attributes) if code == AT_SCHOOL]
    for indexes, what in (
        (referral, gettext("verwijzing (verwijzing:nodig / verwijzing:niet-nodig)")),
        (waiting, WAITING_WEEKS),
        (school, AT_SCHOOL),
    ):
        if len(indexes) > 1:
            errors.append(
                FactError(
                    indexes[1],
                    gettext("een dienst heeft hoogstens één kenmerk %(what)s") % {"what": what},
                )
            )

    referral_required = False
    referrers: list[str] = []
    if referral:
        code, value = attributes[referral[0]]
        referral_required = code == REFERRAL_REQUIRED
        if referral_required:
            referrers = [part.strip() for part in value.split(",") if part.strip()]
            unknown = [name for name in referrers if name not in REFERRERS]
            if unknown:
                errors.append(
                    FactError(
                        referral[0],
                        gettext("onbekende verwijzer(s) %(unknown)s; kies uit: %(known)s")
                        % {"unknown": ", ".join(unknown), "known": ", ".join(REFERRERS)},
                        on_value=True,
                    )
                )

    waiting_weeks: int | None = None
    if waiting:
        value = attributes[waiting[0]][1]
        if _WEEKS.match(value) and int(value) <= MAX_WAITING_WEEKS:
            waiting_weeks = int(value)
        else:
            errors.append(
                FactError(
                    waiting[0],
                    gettext('"%(value)s" is geen wachttijd in hele weken (0 tot en met %(max)d)')
                    % {"value": value, "max": MAX_WAITING_WEEKS},
                    on_value=True,
                )
            )

    at_school = any(code == SCHOOL_SUPPORT for code, _v in attributes)
    if school:
        value = attributes[school[0]][1].strip().lower()
        if value in YES_VALUES:
            at_school = True
        elif value in NO_VALUES:
            at_school = False
        else:
            errors.append(
                FactError(
                    school[0],
                    gettext('"%(value)s" is geen ja of nee') % {"value": value},
                    on_value=True,
                )
            )
    return Facts(referral_required, referrers, waiting_weeks, at_school), errors


_REFERRAL_CODES = frozenset({REFERRAL_REQUIRED, REFERRAL_NOT_REQUIRED})
