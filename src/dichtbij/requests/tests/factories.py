"""Help requests for tests, built through the requests services.

``make_help_request(household=...)`` registers (and by default assesses) a request by the
household's registering worker; ``advised=True`` also asks the triage advice,
``decided=True`` follows it. ``load_catalogue(code)`` imports the project's demo sociale
kaart of a region (with the taxonomy), as the demo does, so that triage has offers.
"""

from __future__ import annotations

import json
from typing import Any

from dichtbij.accounts.models import User
from dichtbij.catalogue.hsds.constants import CATALOGUE_DATA_DIR, TAXONOMY_FILE
from dichtbij.catalogue.hsds.importer import catalogue_import, catalogue_import_file
from dichtbij.catalogue.models import TaxonomyTerm
from dichtbij.families.models import Household
from dichtbij.requests.constants import (
    Answer,
    Asker,
    ProblemDuration,
    Severity,
)
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.services import help_request_register, help_request_triage, triage_decide

#: The project's own demo catalogue of each region (Amersfoort: the small fallback).
CATALOGUE_FILES = {
    "amersfoort": "sociale-kaart-amersfoort-basis.json",
    "utrecht": "sociale-kaart-utrecht.json",
    "amsterdam": "sociale-kaart-amsterdam.json",
    "kennemerland": "sociale-kaart-kennemerland.json",
}


def load_taxonomy() -> None:
    """The sociale kaart's themes and kinds (``thema:...``), once."""
    if TaxonomyTerm.objects.filter(code__startswith="thema:").exists():
        return
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        vocabulary = json.load(handle)
    catalogue_import(data=vocabulary, source_name=TAXONOMY_FILE.name, trusted=True)


def load_catalogue(region_code: str) -> None:
    """The taxonomy and the demo catalogue of the region ``region_code`` (loaded already)."""
    load_taxonomy()
    catalogue_import_file(path=CATALOGUE_DATA_DIR / CATALOGUE_FILES[region_code], trusted=True)


def _registrar(household: Household) -> User:
    if household.created_by is None:
        raise ValueError("household has no registering user; pass actor=")
    return household.created_by


def make_help_request(
    *,
    household: Household,
    actor: User | None = None,
    assessed: bool = True,
    advised: bool = False,
    decided: bool = False,
    **overrides: Any,
) -> HelpRequest:
    """A help request for the household's children, registered by ``actor`` (default: the
    household's registering worker); assessed as mild unless ``assessed=False``.

    ``overrides`` go to :func:`help_request_register` (e.g. ``unsafe_at_home="ja"``,
    ``themes=["thema:pesten"]``, ``severity="ernstig"``).
    """
    actor = actor or _registrar(household)
    values: dict[str, Any] = {
        "children": list(household.children.all()),
        "question": "Onze zoon wordt gepest op school en wil niet meer naar school.",
        "asker": Asker.PARENT,
        "themes": [],
        "duration": ProblemDuration.ONE_TO_SIX_MONTHS,
        "unsafe_at_home": Answer.NO,
        "risk_of_harm": Answer.NO,
        "tried_before": "Gesprek met de mentor.",
    }
    if assessed:
        values |= {"severity": Severity.MILD, "ordinary_help_enough": Answer.YES}
    values |= overrides
    help_request = help_request_register(actor=actor, household=household, **values)
    if advised or decided:
        advice = help_request_triage(actor=actor, help_request=help_request)
        if decided:
            triage_decide(
                actor=actor,
                help_request=help_request,
                outcome=advice.outcome,
                urgency=advice.urgency,
            )
    help_request.refresh_from_db()
    return help_request


def help_request_row(*, household: Household, registered_by: User, **fields: Any) -> HelpRequest:
    """An unsaved help request registered by a professional for ``household``, as the
    intake form leaves it (a parenting question, safe at home), for bulk inserts in
    benchmarks; ``fields`` set the assessment or override any value. Not validated."""
    values: dict[str, Any] = {
        "referrer_type": "01",
        "source": "professional",
        "question": "Bulkvraag",
        "asker": "ouder",
        "themes": ["thema:opvoeden"],
        "duration": "een_tot_zes_maanden",
        "unsafe_at_home": "nee",
        "risk_of_harm": "nee",
    }
    return HelpRequest(
        household=household,
        region_id=household.region_id,
        registered_by=registered_by,
        **(values | fields),
    )
