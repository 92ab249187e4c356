"""Family plans for tests, built through the plans services.

``make_plan(household=household, actor=worker)`` gives a plan (version 1) with ``goals``
goals spread over the region's life domains, each with one action, scores for every
domain and the next evaluation in four weeks.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from dichtbij.accounts.models import User
from dichtbij.families.models import Household
from dichtbij.plans.constants import ActionOwner, GoalSetWith
from dichtbij.plans.models import FamilyPlan, PlanVersion
from dichtbij.plans.services import family_plan_create
from dichtbij.regions.selectors import region_life_domains


def plan_content(
    *,
    household: Household,
    goals: int = 3,
    next_evaluation_on: date | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Valid plan content (as the API sends it) for ``household``'s region."""
    domains = [domain.code for domain in region_life_domains(region=household.region)]
    today = timezone.localdate()
    return {
        "domain_scores": [
            {"domain": code, "score": 1 + index % 5} for index, code in enumerate(domains)
        ],
        "goals": [
            {
                "domain": domains[index % len(domains)],
                "text": f"Doel {index + 1} in onze eigen woorden",
                "achieved_means": f"Het is gelukt als doel {index + 1} elke week lukt",
                "target_date": (today + timedelta(days=90 + index)).isoformat(),
                "set_with": [GoalSetWith.CHILD.value, GoalSetWith.PARENTS.value],
                "actions": [
                    {
                        "owner": ActionOwner.FAMILY.value,
                        "what": f"Actie voor doel {index + 1}",
                        "due_on": (today + timedelta(days=30)).isoformat(),
                    }
                ],
            }
            for index in range(goals)
        ],
        "next_evaluation_on": (next_evaluation_on or today + timedelta(days=28)).isoformat(),
        **extra,
    }


def make_plan(
    *, household: Household, actor: User | None = None, goals: int = 3, **kw: Any
) -> FamilyPlan:
    """A plan for ``household`` made by ``actor`` (default: the registering worker)."""
    return make_plan_version(household=household, actor=actor, goals=goals, **kw).plan


def make_plan_version(
    *, household: Household, actor: User | None = None, goals: int = 3, **kw: Any
) -> PlanVersion:
    """Version 1 of a new plan for ``household`` (see :func:`make_plan`)."""
    author = actor or household.created_by
    if author is None:
        raise ValueError("household has no registering user; pass actor=")
    return family_plan_create(
        actor=author,
        household=household,
        content=plan_content(household=household, goals=goals, **kw),
    )
