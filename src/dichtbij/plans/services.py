"""Writes of the plans app: one use case per function, audited inside its transaction.

Every change of a plan's content makes a new :class:`PlanVersion`; earlier versions stay
as they were. A revision whose content equals the current version is refused
(:class:`PlanUnchanged`), so the history holds only real changes. Regie changes only
through :func:`family_plan_lead_take_over` and :func:`family_plan_lead_hand_back`, each a
new version with its reason and date.

Only a professional with FULL access to the household writes its plan; anyone else is
refused as if the household did not exist. Audit rows refer to the household and the
plan by id, never by name or goal text.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from pydantic import ValidationError

from dichtbij.accounts.models import Organisation
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.models import Household, Involvement
from dichtbij.families.selectors import household_access_level_for
from dichtbij.families.services import involvement_add, involvement_end
from dichtbij.plans.constants import AgreementMethod, GoalResult, PlanLead
from dichtbij.plans.errors import (
    AgreementInvalid,
    EvaluationInvalid,
    LeadChangeInvalid,
    PlanAlreadyExists,
    PlanContentInvalid,
    PlanError,
    PlanUnchanged,
    PlanVersionConflict,
)
from dichtbij.plans.models import (
    FamilyPlan,
    PlanAgreement,
    PlanEvaluation,
    PlanEvaluationGoal,
    PlanEvaluationScore,
    PlanVersion,
)
from dichtbij.plans.schema import (
    FieldError,
    Lead,
    LeadPeriod,
    PlanContent,
    plan_content_errors,
    plan_content_validate,
)
from dichtbij.regions.selectors import region_life_domains

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dichtbij.accounts.models import User
    from dichtbij.regions.models import Region

#: Where the plan's regie is recorded inside the content; changed only by the lead services.
_LEAD_FIELDS = ("lead", "lead_history")


@dataclass(frozen=True, slots=True)
class GoalOutcome:
    """The result of one goal at an evaluation, as input to :func:`family_plan_evaluate`."""

    goal_id: str
    result: GoalResult | str
    note: str = ""


# --- helpers -----------------------------------------------------------------------------


def _require_full_access(*, actor: User, household: Household) -> None:
    """Refuse (as "not found") an actor who does not see the whole file."""
    if household_access_level_for(viewer=actor, household=household) != AccessLevel.FULL:
        raise HouseholdNotFound


def _audit(
    *,
    actor: User,
    action: Action,
    plan: FamilyPlan,
    object_type: str,
    object_id: str,
    reason: str,
    request: HttpRequest | None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        subject=Subject.of(plan.household),
        request=request,
    )


def _domain_codes(region: Region) -> list[str]:
    return [domain.code for domain in region_life_domains(region=region)]


def _parse(data: PlanContent | Mapping[str, object], *, region: Region) -> PlanContent:
    try:
        return plan_content_validate(data, domains=_domain_codes(region))
    except ValidationError as error:
        raise PlanContentInvalid(plan_content_errors(error)) from error


def _given_fields(data: PlanContent | Mapping[str, object]) -> Collection[str]:
    return data.model_fields_set if isinstance(data, PlanContent) else data.keys()


def _check_goals(
    content: PlanContent, *, known_goal_ids: Collection[str], today: date
) -> list[FieldError]:
    """New goals aim at a date from today; kept goals carry an id this plan gave out."""
    errors: list[FieldError] = []
    for index, goal in enumerate(content.goals):
        if goal.id is None:
            if goal.target_date < today:
                errors.append(
                    FieldError(
                        f"goals.{index}.target_date",
                        gettext("De streefdatum van een nieuw doel ligt in het verleden."),
                    )
                )
        elif goal.id not in known_goal_ids:
            errors.append(
                FieldError(f"goals.{index}.id", gettext("Dit doel hoort niet bij dit plan."))
            )
    return errors


def _named_organisations(
    content: PlanContent, *, region_id: int
) -> tuple[dict[int, Organisation], list[FieldError]]:
    """The platform organisations the content names as action owners (same region only)."""
    wanted = {
        action.organisation_id
        for goal in content.goals
        for action in goal.actions
        if action.organisation_id is not None
    }
    found = {org.pk: org for org in Organisation.objects.filter(pk__in=wanted, region_id=region_id)}
    errors = [
        FieldError(
            f"goals.{g}.actions.{a}.organisation_id",
            gettext("Deze organisatie is niet bekend in de regio van het gezin."),
        )
        for g, goal in enumerate(content.goals)
        for a, action in enumerate(goal.actions)
        if action.organisation_id is not None and action.organisation_id not in found
    ]
    return found, errors


def _with_goal_ids(content: PlanContent) -> PlanContent:
    goals = [
        goal if goal.id is not None else goal.model_copy(update={"id": str(uuid.uuid4())})
        for goal in content.goals
    ]
    return content.model_copy(update={"goals": goals})


def _sync_named_in_plan(
    *,
    actor: User,
    plan: FamilyPlan,
    organisations: Mapping[int, Organisation],
    request: HttpRequest | None,
) -> None:
    """Involve the organisations named in the plan (LIMITED); end it for those dropped.

    Seeing the plan itself still needs a share of the plan with the organisation.
    """
    household = plan.household
    for organisation in organisations.values():
        involvement_add(
            actor=actor,
            household=household,
            kind=InvolvementKind.NAMED_IN_PLAN,
            access_level=AccessLevel.LIMITED,
            organisation=organisation,
            note=gettext("Genoemd in het gezinsplan"),
            request=request,
        )
    dropped = Involvement.objects.filter(
        household=household,
        kind=InvolvementKind.NAMED_IN_PLAN,
        organisation__isnull=False,
        ended_at__isnull=True,
    ).exclude(organisation_id__in=list(organisations))
    for involvement in dropped:
        involvement_end(actor=actor, involvement=involvement, request=request)


def _store_version(
    *,
    actor: User,
    plan: FamilyPlan,
    content: PlanContent,
    change_note: str,
    organisations: Mapping[int, Organisation],
    request: HttpRequest | None,
) -> PlanVersion:
    """Append version ``current + 1`` (or 1 for a new plan) and refresh the plan's facts."""
    now = timezone.now()
    if plan._state.adding:
        number = 1
        plan.save(force_insert=True)
    else:
        number = plan.current_version_number + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        content=content.as_json(),
        change_note=change_note,
        author=actor,
        created_at=now,
    )
    plan.current_version_number = number
    plan.lead = content.lead.holder
    plan.lead_since = content.lead.since
    plan.next_evaluation_on = content.next_evaluation_on
    plan.updated_at = now
    plan.save(
        update_fields=[
            "current_version_number",
            "lead",
            "lead_since",
            "next_evaluation_on",
            "updated_at",
        ]
    )
    _sync_named_in_plan(actor=actor, plan=plan, organisations=organisations, request=request)
    return version


def _lock(plan: FamilyPlan) -> FamilyPlan:
    """The plan row, locked for this transaction, with its household."""
    return FamilyPlan.objects.select_for_update().select_related("household").get(pk=plan.pk)


def _current_version(plan: FamilyPlan) -> PlanVersion:
    return PlanVersion.objects.get(plan=plan, number=plan.current_version_number)


def _today() -> date:
    return timezone.localdate()


def _check_not_future(value: date, *, field: str, error: type[PlanError]) -> None:
    if value > _today():
        raise error(gettext("Deze datum ligt in de toekomst."), field=field)


# --- create and revise -------------------------------------------------------------------


@transaction.atomic
def family_plan_create(
    *,
    actor: User,
    household: Household,
    content: PlanContent | Mapping[str, object],
    change_note: str = "",
    request: HttpRequest | None = None,
) -> PlanVersion:
    """Make the household's plan with its first version; returns version 1.

    Refuses a second plan (:class:`PlanAlreadyExists`), content with mistakes
    (:class:`PlanContentInvalid`, every mistake with its field: no goal, a goal without
    or with an unknown life domain, a score outside 1–5, a target date in the past, an
    organisation outside the region). Goals get their stable ids here.
    """
    _require_full_access(actor=actor, household=household)
    # Lock the household so that two editors cannot both make "the" plan.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if FamilyPlan.objects.filter(household=household).exists():
        raise PlanAlreadyExists(gettext("Dit gezin heeft al een plan."), field="content")
    parsed = _parse(content, region=household.region)
    organisations, org_errors = _named_organisations(parsed, region_id=household.region_id)
    errors = _check_goals(parsed, known_goal_ids=(), today=_today()) + org_errors
    if errors:
        raise PlanContentInvalid(errors)
    plan = FamilyPlan(household=household, region_id=household.region_id, created_by=actor)
    version = _store_version(
        actor=actor,
        plan=plan,
        content=_with_goal_ids(parsed),
        change_note=change_note.strip()[:500] or gettext("Eerste versie"),
        organisations=organisations,
        request=request,
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        plan=plan,
        object_type="family_plan",
        object_id=str(plan.public_id),
        reason="Gezinsplan gemaakt (versie 1)",
        request=request,
    )
    return version


@transaction.atomic
def family_plan_revise(
    *,
    actor: User,
    plan: FamilyPlan,
    content: PlanContent | Mapping[str, object],
    change_note: str,
    based_on: int | None = None,
    request: HttpRequest | None = None,
) -> PlanVersion:
    """Store a changed plan as the next version; earlier versions stay as they were.

    ``based_on`` is the version the editor started from: if the plan moved on since,
    :class:`PlanVersionConflict`. Goals keep their ids; a goal without id is new. Regie
    (``lead``, ``lead_history``) is taken from the current version when left out and may
    not be changed here. Content equal to the current version is refused
    (:class:`PlanUnchanged`); so is an empty ``change_note``.
    """
    _require_full_access(actor=actor, household=plan.household)
    plan = _lock(plan)
    if based_on is not None and based_on != plan.current_version_number:
        raise PlanVersionConflict(
            gettext(
                "Het plan is intussen gewijzigd (nu versie %(current)d). Open het plan "
                "opnieuw en breng uw wijziging daarin aan."
            )
            % {"current": plan.current_version_number},
            field="content",
        )
    change_note = change_note.strip()
    if not change_note:
        raise PlanError(gettext("Schrijf kort op wat er veranderd is."), field="change_note")
    current = _current_version(plan)
    parsed = _parse(content, region=plan.household.region)
    given = _given_fields(content)
    old = current.plan_content
    errors: list[FieldError] = []
    for field in _LEAD_FIELDS:
        if field not in given:
            parsed = parsed.model_copy(update={field: getattr(old, field)})
        elif getattr(parsed, field) != getattr(old, field):
            errors.append(
                FieldError(
                    field, gettext("Wijzig de regie met 'Regie overnemen' of 'Regie teruggeven'.")
                )
            )
    known = {
        goal["id"]
        for content_json in PlanVersion.objects.filter(plan=plan).values_list("content", flat=True)
        for goal in content_json.get("goals", [])
    }
    organisations, org_errors = _named_organisations(parsed, region_id=plan.region_id)
    errors += _check_goals(parsed, known_goal_ids=known, today=_today()) + org_errors
    if errors:
        raise PlanContentInvalid(errors)
    if parsed.as_json() == old.as_json():
        raise PlanUnchanged(
            gettext("Er is niets veranderd ten opzichte van de huidige versie."), field="content"
        )
    version = _store_version(
        actor=actor,
        plan=plan,
        content=_with_goal_ids(parsed),
        change_note=change_note[:500],
        organisations=organisations,
        request=request,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        plan=plan,
        object_type="family_plan",
        object_id=str(plan.public_id),
        reason=f"Gezinsplan gewijzigd (versie {version.number})",
        request=request,
    )
    return version


# --- agreement ---------------------------------------------------------------------------


@transaction.atomic
def family_plan_agree(
    *,
    actor: User,
    plan: FamilyPlan,
    version: PlanVersion | int,
    method: AgreementMethod | str,
    agreed_on: date,
    agreed_by: str,
    request: HttpRequest | None = None,
) -> PlanAgreement:
    """Record that the family agreed to ``version`` (a version or its number): how,
    when and who. An agreement counts for that version only; the plan is "agreed" while
    its current version has one."""
    _require_full_access(actor=actor, household=plan.household)
    plan = _lock(plan)
    number = version if isinstance(version, int) else version.number
    if not isinstance(version, int) and version.plan_id != plan.pk:
        number = 0
    target = PlanVersion.objects.filter(plan=plan, number=number).first()
    if target is None:
        raise AgreementInvalid(gettext("Deze versie bestaat niet."), field="version")
    if method not in AgreementMethod.values:
        raise AgreementInvalid(gettext("Kies hoe het gezin akkoord gaf."), field="method")
    agreed_by = " ".join(agreed_by.split())
    if not agreed_by:
        raise AgreementInvalid(gettext("Vul de namen in van wie akkoord gaven."), field="agreed_by")
    _check_not_future(agreed_on, field="agreed_on", error=AgreementInvalid)
    if agreed_on < timezone.localdate(target.created_at):
        raise AgreementInvalid(
            gettext("Het gezin kan niet akkoord gaan voordat deze versie er was."),
            field="agreed_on",
        )
    agreement = PlanAgreement.objects.create(
        version=target,
        method=method,
        agreed_on=agreed_on,
        agreed_by=agreed_by[:300],
        recorded_by=actor,
    )
    if plan.agreed_version_number is None or plan.agreed_version_number < target.number:
        plan.agreed_version_number = target.number
        plan.updated_at = timezone.now()
        plan.save(update_fields=["agreed_version_number", "updated_at"])
    _audit(
        actor=actor,
        action=Action.CREATE,
        plan=plan,
        object_type="plan_agreement",
        object_id=str(agreement.pk),
        reason=f"Akkoord van het gezin vastgelegd (versie {target.number})",
        request=request,
    )
    return agreement


# --- evaluation --------------------------------------------------------------------------


@transaction.atomic
def family_plan_evaluate(
    *,
    actor: User,
    plan: FamilyPlan,
    evaluated_on: date,
    results: Sequence[GoalOutcome],
    scores: Mapping[str, int] | None = None,
    note: str = "",
    next_evaluation_on: date | None = None,
    request: HttpRequest | None = None,
) -> PlanEvaluation:
    """Record an evaluation of the current version: a result for each of its goals,
    optionally the self-reliance scores (1–5) per life domain and the next evaluation
    date, which becomes the plan's. Dated before the plan or in the future: refused."""
    _require_full_access(actor=actor, household=plan.household)
    plan = _lock(plan)
    _check_not_future(evaluated_on, field="evaluated_on", error=EvaluationInvalid)
    if evaluated_on < timezone.localdate(plan.created_at):
        raise EvaluationInvalid(
            gettext("De evaluatie kan niet plaatsvinden vóór het plan gemaakt is."),
            field="evaluated_on",
        )
    if next_evaluation_on is not None and next_evaluation_on <= evaluated_on:
        raise EvaluationInvalid(
            gettext("De volgende evaluatie moet na deze evaluatie liggen."),
            field="next_evaluation_on",
        )
    version = _current_version(plan)
    goal_ids = [goal.id for goal in version.plan_content.goals if goal.id is not None]
    by_goal: dict[str, GoalOutcome] = {}
    for outcome in results:
        if outcome.goal_id not in goal_ids:
            raise EvaluationInvalid(
                gettext("Dit doel staat niet in de huidige versie van het plan."),
                field=f"results.{outcome.goal_id}",
            )
        if outcome.result not in GoalResult.values:
            raise EvaluationInvalid(
                gettext("Kies een resultaat voor dit doel."), field=f"results.{outcome.goal_id}"
            )
        by_goal[outcome.goal_id] = outcome
    for goal_id in goal_ids:
        if goal_id not in by_goal:
            raise EvaluationInvalid(
                gettext("Geef voor elk doel een resultaat."), field=f"results.{goal_id}"
            )
    domains = set(_domain_codes(plan.region))
    for domain, score in (scores or {}).items():
        if domain not in domains:
            raise EvaluationInvalid(
                gettext("Kies een leefdomein van deze regio."), field=f"scores.{domain}"
            )
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            raise EvaluationInvalid(
                gettext("Kies een score van 1 tot en met 5."), field=f"scores.{domain}"
            )
    evaluation = PlanEvaluation.objects.create(
        plan=plan,
        version=version,
        evaluated_on=evaluated_on,
        note=note.strip(),
        next_evaluation_on=next_evaluation_on,
        recorded_by=actor,
    )
    PlanEvaluationGoal.objects.bulk_create(
        PlanEvaluationGoal(
            evaluation=evaluation,
            goal_id=goal_id,
            result=by_goal[goal_id].result,
            note=by_goal[goal_id].note.strip()[:1000],
        )
        for goal_id in goal_ids
    )
    PlanEvaluationScore.objects.bulk_create(
        PlanEvaluationScore(evaluation=evaluation, domain=domain, score=score)
        for domain, score in (scores or {}).items()
    )
    update = ["updated_at"]
    if plan.last_evaluated_on is None or evaluated_on >= plan.last_evaluated_on:
        plan.last_evaluated_on = evaluated_on
        update.append("last_evaluated_on")
        if next_evaluation_on is not None:
            plan.next_evaluation_on = next_evaluation_on
            update.append("next_evaluation_on")
    plan.updated_at = timezone.now()
    plan.save(update_fields=update)
    _audit(
        actor=actor,
        action=Action.CREATE,
        plan=plan,
        object_type="plan_evaluation",
        object_id=str(evaluation.pk),
        reason=f"Evaluatie van het gezinsplan vastgelegd (versie {version.number})",
        request=request,
    )
    return evaluation


# --- regie -------------------------------------------------------------------------------


def _lead_version(
    *,
    actor: User,
    plan: FamilyPlan,
    content: PlanContent,
    change_note: str,
    reason: str,
    request: HttpRequest | None,
) -> PlanVersion:
    organisations, _errors = _named_organisations(content, region_id=plan.region_id)
    version = _store_version(
        actor=actor,
        plan=plan,
        content=content,
        change_note=change_note,
        organisations=organisations,
        request=request,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        plan=plan,
        object_type="family_plan",
        object_id=str(plan.public_id),
        reason=f"{reason} (versie {version.number})",
        request=request,
    )
    return version


def _check_lead_date(plan: FamilyPlan, since: date, *, not_before: date | None = None) -> None:
    _check_not_future(since, field="since", error=LeadChangeInvalid)
    earliest = max(timezone.localdate(plan.created_at), not_before or date.min)
    if since < earliest:
        raise LeadChangeInvalid(
            gettext("Deze datum ligt voor de start van het plan of van de huidige regie."),
            field="since",
        )


@transaction.atomic
def family_plan_lead_take_over(
    *,
    actor: User,
    plan: FamilyPlan,
    reason: str,
    since: date,
    request: HttpRequest | None = None,
) -> PlanVersion:
    """The local team takes over regie from the family, with a reason and a date.

    Makes a new version. Refused when the local team holds regie already.
    """
    _require_full_access(actor=actor, household=plan.household)
    plan = _lock(plan)
    if plan.lead == PlanLead.LOCAL_TEAM:
        raise LeadChangeInvalid(gettext("Het lokale team heeft de regie al."), field="lead")
    reason = reason.strip()
    if not reason:
        raise LeadChangeInvalid(
            gettext("Schrijf op waarom het lokale team de regie overneemt."), field="reason"
        )
    _check_lead_date(plan, since)
    content = _current_version(plan).plan_content
    content = content.model_copy(
        update={"lead": Lead(holder=PlanLead.LOCAL_TEAM.value, reason=reason, since=since)}
    )
    return _lead_version(
        actor=actor,
        plan=plan,
        content=content,
        change_note=gettext("Regie overgenomen door het lokale team"),
        reason="Regie overgenomen door het lokale team",
        request=request,
    )


@transaction.atomic
def family_plan_lead_hand_back(
    *,
    actor: User,
    plan: FamilyPlan,
    since: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> PlanVersion:
    """The local team hands regie back to the family from ``since``.

    Makes a new version; the ended take-over (reason, from, until, ``note``) moves to
    ``lead_history``. Refused when the family holds regie already.
    """
    _require_full_access(actor=actor, household=plan.household)
    plan = _lock(plan)
    if plan.lead != PlanLead.LOCAL_TEAM:
        raise LeadChangeInvalid(gettext("Het gezin heeft de regie al."), field="lead")
    content = _current_version(plan).plan_content
    taken = content.lead
    _check_lead_date(plan, since, not_before=taken.since)
    period = LeadPeriod(
        reason=taken.reason or "-",
        since=taken.since or since,
        until=since,
        hand_back_note=note.strip(),
    )
    content = content.model_copy(
        update={
            "lead": Lead(holder=PlanLead.FAMILY.value, since=since),
            "lead_history": [*content.lead_history, period],
        }
    )
    return _lead_version(
        actor=actor,
        plan=plan,
        content=content,
        change_note=gettext("Regie teruggegeven aan het gezin"),
        reason="Regie teruggegeven aan het gezin",
        request=request,
    )
