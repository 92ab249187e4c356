"""Reads of the plans app, with need to know inside.

Who sees a household's plan: a professional with FULL access to the household, or one
with LIMITED access (a GP who referred, an organisation named in the plan) to whom the
plan was shared (``household_shared_with(item=PLAN)``: a valid consent or a legal
ground). Anyone else gets :class:`PlanNotFound`, alike for a missing and a forbidden plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from dichtbij.families.constants import AccessLevel, SharedItem
from dichtbij.families.selectors import (
    household_access_level_for,
    household_access_q,
    household_shared_with,
)
from dichtbij.plans.errors import PlanNotFound, PlanVersionNotFound
from dichtbij.plans.models import (
    FamilyPlan,
    PlanAgreement,
    PlanEvaluation,
    PlanEvaluationGoal,
    PlanEvaluationScore,
    PlanVersion,
)
from dichtbij.regions.selectors import region_life_domains

if TYPE_CHECKING:
    from dichtbij.accounts.models import User
    from dichtbij.families.models import Household
    from dichtbij.regions.models import Region


@dataclass(frozen=True, slots=True)
class PlanAccess:
    """What a viewer may do with a household's plan."""

    can_view: bool
    can_edit: bool


def family_plan_access_for(*, viewer: User, household: Household) -> PlanAccess:
    """Whether ``viewer`` may see the household's plan, and whether they may change it
    (FULL access to the household)."""
    level = household_access_level_for(viewer=viewer, household=household)
    if level == AccessLevel.FULL:
        return PlanAccess(can_view=True, can_edit=True)
    if level == AccessLevel.LIMITED and household_shared_with(
        viewer=viewer, household=household, item=SharedItem.PLAN
    ):
        return PlanAccess(can_view=True, can_edit=False)
    return PlanAccess(can_view=False, can_edit=False)


def family_plan_with_access_for(
    *, viewer: User, household: Household
) -> tuple[FamilyPlan | None, PlanAccess]:
    """The household's plan (``None`` if it has none yet) and what the viewer may do
    with it, checking access once. Raises :class:`PlanNotFound` if the viewer may not see
    the plan (then whether one exists stays unsaid)."""
    access = family_plan_access_for(viewer=viewer, household=household)
    if not access.can_view:
        raise PlanNotFound
    plan = (
        FamilyPlan.objects.filter(household=household)
        .select_related("household", "region", "created_by")
        .first()
    )
    return plan, access


def family_plan_get_for(*, viewer: User, household: Household) -> FamilyPlan:
    """The household's plan if the viewer may see it; else :class:`PlanNotFound`."""
    plan, _access = family_plan_with_access_for(viewer=viewer, household=household)
    if plan is None:
        raise PlanNotFound
    return plan


def plan_version_list(*, plan: FamilyPlan) -> QuerySet[PlanVersion]:
    """Every version of ``plan``, newest first, with authors and agreements.

    For a plan obtained through :func:`family_plan_get_for`.
    """
    return (
        PlanVersion.objects.filter(plan=plan)
        .select_related("author")
        .prefetch_related(Prefetch("agreements", queryset=_agreement_rows()))
        .order_by("-number")
    )


def plan_action_organisation_ids(*, household_id: int) -> set[int]:
    """The organisations that actions of the household's current plan version name.

    No need-to-know check: for system reads about a household the caller may already see
    (matching ranks teams the family already works with first).
    """
    version = (
        PlanVersion.objects.filter(
            plan__household_id=household_id, number=F("plan__current_version_number")
        )
        .only("content")
        .first()
    )
    if version is None:
        return set()
    return {
        action.organisation_id
        for goal in version.plan_content.goals
        for action in goal.actions
        if action.organisation_id is not None
    }


def plan_version_list_for(*, viewer: User, household: Household) -> QuerySet[PlanVersion]:
    """Every version of the household's plan, newest first, with authors."""
    return plan_version_list(plan=family_plan_get_for(viewer=viewer, household=household))


def plan_version_get(*, plan: FamilyPlan, number: int) -> PlanVersion:
    """Version ``number`` of ``plan``; else :class:`PlanVersionNotFound`.

    For a plan obtained through :func:`family_plan_get_for`.
    """
    version: PlanVersion | None = (
        PlanVersion.objects.filter(plan=plan, number=number)
        .select_related("author")
        .prefetch_related(Prefetch("agreements", queryset=_agreement_rows()))
        .first()
    )
    if version is None:
        raise PlanVersionNotFound
    version.plan = plan
    return version


def plan_version_get_for(*, viewer: User, household: Household, number: int) -> PlanVersion:
    """Version ``number`` of the household's plan; else :class:`PlanVersionNotFound`."""
    try:
        plan = family_plan_get_for(viewer=viewer, household=household)
    except PlanNotFound as exc:
        raise PlanVersionNotFound from exc
    return plan_version_get(plan=plan, number=number)


def _agreement_rows() -> QuerySet[PlanAgreement]:
    return PlanAgreement.objects.select_related("recorded_by").order_by("recorded_at", "id")


def plan_agreement_list(*, plan: FamilyPlan) -> QuerySet[PlanAgreement]:
    """The family's agreements to any version of ``plan``, oldest first.

    For a plan obtained through :func:`family_plan_get_for`.
    """
    return (
        PlanAgreement.objects.filter(version__plan=plan)
        .select_related("version", "recorded_by")
        .order_by("recorded_at", "id")
    )


def plan_evaluation_list(
    *, plan: FamilyPlan, up_to_version: int | None = None
) -> QuerySet[PlanEvaluation]:
    """The evaluations of ``plan``, oldest first, with their results and scores
    (three queries, whatever their number). ``up_to_version`` keeps those of that
    version and earlier ones.

    For a plan obtained through :func:`family_plan_get_for`.
    """
    evaluations = PlanEvaluation.objects.filter(plan=plan)
    if up_to_version is not None:
        evaluations = evaluations.filter(version__number__lte=up_to_version)
    return (
        evaluations.select_related("version", "recorded_by")
        .prefetch_related(
            Prefetch("goal_results", queryset=PlanEvaluationGoal.objects.order_by("id")),
            Prefetch("scores", queryset=PlanEvaluationScore.objects.order_by("id")),
        )
        .order_by("evaluated_on", "id")
    )


def family_plans_due_for_evaluation_for(
    *, viewer: User, within_days: int = 14
) -> QuerySet[FamilyPlan]:
    """Plans of households the viewer sees in full whose next evaluation is due within
    ``within_days`` days (overdue ones included), soonest first, with the household.

    One query: the region and date filter use the index ``familyplan_region_next_eval``;
    need to know is an ``EXISTS`` per candidate plan.
    """
    if viewer.region_id is None:
        return FamilyPlan.objects.none()
    until = timezone.localdate() + timedelta(days=within_days)
    return (
        FamilyPlan.objects.filter(
            household_access_q(viewer=viewer, prefix="household__", level=AccessLevel.FULL),
            region_id=viewer.region_id,
            next_evaluation_on__isnull=False,
            next_evaluation_on__lte=until,
        )
        .select_related("household")
        .order_by("next_evaluation_on", "id")
    )


def plan_domain_names(*, region: Region) -> dict[str, str]:
    """The region's life domains, code to name, in file order."""
    return {domain.code: domain.name for domain in region_life_domains(region=region)}
