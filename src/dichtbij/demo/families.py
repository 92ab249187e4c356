"""Demo families at different stages of the flow, made through the real services.

Reads ``demo/data/families.toml`` (see its header). Every family is registered, taken
in and triaged by its region's demo local-team worker exactly as the pages would do it,
so the demo data obeys every rule and leaves the same audit rows and events. A family
that already exists (same name in the region) is left alone, so loading twice changes
nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from dichtbij.accounts.models import User
from dichtbij.families.constants import NetworkMemberKind
from dichtbij.families.models import Household
from dichtbij.families.services import child_add, household_register, network_member_add
from dichtbij.plans.constants import AgreementMethod, GoalResult
from dichtbij.plans.services import (
    GoalOutcome,
    family_plan_agree,
    family_plan_create,
    family_plan_evaluate,
)
from dichtbij.regions.models import District, Municipality, Region
from dichtbij.regions.selectors import region_life_domains
from dichtbij.requests.services import help_request_register, help_request_triage, triage_decide

FAMILIES_FILE = Path(__file__).parent / "data" / "families.toml"

#: Stages in flow order; a family passes through every stage up to its own.
STAGES = ("registered", "triaged", "plan", "agreed", "evaluated")


@dataclass
class DemoFamiliesSummary:
    """What :func:`demo_families_load` did."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def _reached(stage: str, wanted: str) -> bool:
    return STAGES.index(stage) >= STAGES.index(wanted)


def _plan_content(spec: dict[str, Any], *, region: Region, today: date) -> dict[str, Any]:
    goal_domains = {goal["domain"] for goal in spec["goals"]}
    return {
        # Domains with a goal are where the family is struggling; the rest goes fine.
        "domain_scores": [
            {"domain": domain.code, "score": 2 if domain.code in goal_domains else 4}
            for domain in region_life_domains(region=region)
        ],
        "goals": [
            {
                "domain": goal["domain"],
                "text": goal["text"],
                "achieved_means": goal["achieved_means"],
                "target_date": (today + timedelta(days=goal["due_days"])).isoformat(),
                "set_with": ["child", "parents"],
                "actions": [
                    {
                        "owner": goal["action"]["who"],
                        "what": goal["action"]["what"],
                        "due_on": (today + timedelta(days=goal["action"]["due_days"])).isoformat(),
                    }
                ],
            }
            for goal in spec["goals"]
        ],
        "next_evaluation_on": (today + timedelta(days=spec.get("evaluation_days", 10))).isoformat(),
    }


def _family_create(spec: dict[str, Any], *, region: Region, worker: User, today: date) -> None:
    municipality = Municipality.objects.get(code=spec["gemeente"])
    district = (
        District.objects.get(municipality=municipality, name=spec["wijk"])
        if spec.get("wijk")
        else None
    )
    household = household_register(
        actor=worker, municipality=municipality, district=district, name=spec["name"]
    )
    children = [
        child_add(
            actor=worker,
            household=household,
            first_name=child["first_name"],
            last_name=child["last_name"],
            birth_date=date.fromisoformat(child["birth_date"]),
            bsn=child.get("bsn", ""),
        )
        for child in spec["children"]
    ]
    for parent in spec.get("parents", []):
        network_member_add(
            actor=worker,
            household=household,
            kind=NetworkMemberKind.PARENT,
            name=parent["name"],
            relation=parent["relation"],
            has_parental_authority=parent.get("gezag", False),
        )
    for person in spec.get("network", []):
        network_member_add(
            actor=worker,
            household=household,
            kind=NetworkMemberKind.NETWORK_PERSON,
            name=person["name"],
            relation=person["relation"],
        )
    help_request = help_request_register(
        actor=worker, household=household, children=children, **spec["request"]
    )
    stage = spec["stage"]
    if not _reached(stage, "triaged"):
        return
    advice = help_request_triage(actor=worker, help_request=help_request)
    triage_decide(
        actor=worker, help_request=help_request, outcome=advice.outcome, urgency=advice.urgency
    )
    if not _reached(stage, "plan"):
        return
    version = family_plan_create(
        actor=worker,
        household=household,
        content=_plan_content(spec, region=region, today=today),
        change_note="Eerste plan, samen met het gezin gemaakt.",
    )
    if not _reached(stage, "agreed"):
        return
    parents = " en ".join(parent["name"] for parent in spec.get("parents", []))
    family_plan_agree(
        actor=worker,
        plan=version.plan,
        version=version,
        method=AgreementMethod.IN_CONVERSATION,
        agreed_on=today,
        agreed_by=parents or spec["name"],
    )
    if not _reached(stage, "evaluated"):
        return
    family_plan_evaluate(
        actor=worker,
        plan=version.plan,
        evaluated_on=today,
        results=[
            GoalOutcome(goal_id=goal["id"], result=GoalResult.PARTLY)
            for goal in version.content["goals"]
        ],
        note="Het gaat beter; we gaan door met dezelfde afspraken.",
        next_evaluation_on=today + timedelta(days=60),
    )


def demo_families_load(*, data_file: Path = FAMILIES_FILE) -> DemoFamiliesSummary:
    """Create the demo families that do not exist yet (see the module docstring)."""
    summary = DemoFamiliesSummary()
    today = timezone.localdate()
    with data_file.open("rb") as handle:
        data = tomllib.load(handle)
    for entry in data["regions"]:
        region = Region.objects.get(code=entry["code"])
        worker = User.objects.get(username=entry["worker"])
        for spec in entry["families"]:
            if Household.objects.filter(region=region, name=spec["name"]).exists():
                summary.existing.append(spec["name"])
                continue
            _family_create(spec, region=region, worker=worker, today=today)
            summary.created.append(spec["name"])
    return summary
