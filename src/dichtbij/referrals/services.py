"""Writes of the referrals app: one use case per function, transactional, audited inside.

Every status change goes through :func:`referral_transition`: it locks the referral,
refuses a move the table :data:`~dichtbij.referrals.constants.TRANSITIONS` does not allow
(:class:`IllegalTransition`), saves the status with the fields of the step, writes the
append-only event, the audit row and the notifications in the same transaction, and
resolves timer flags that waited for the old status. The ``referral_<verb>`` services
check who may take the step and the domain rules first; when one refuses, nothing changed.

Who may do what:

- create, send: a referrer whose COD327 type the region allows (the referrer side:
  the referrer, or a first-door worker with full access to the household);
- receive, start, hold, resume, complete, fail: a member of the receiving team's (or
  provider's) organisation;
- accept, reject: a team coordinator of that organisation;
- cancel: the referrer side, or a team coordinator of the receiving organisation.

Audit rows refer to the household (``Subject.of(referral)``) and to the referral by its
public id; reasons never contain names or the family's words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from dichtbij.accounts.constants import Role
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record
from dichtbij.families.constants import (
    AccessLevel,
    ConsentPurpose,
    InvolvementKind,
    LegalGround,
    SharedItem,
)
from dichtbij.families.selectors import (
    consent_covers,
    consent_valid_for,
    involvement_list_for_household,
)
from dichtbij.families.services import household_share, involvement_add, involvement_end
from dichtbij.network.capacity import NO_LOAD
from dichtbij.network.errors import UnknownExpertise as NetworkUnknownExpertise
from dichtbij.network.models import Provider, SpecialistTeam, TeamProfessional
from dichtbij.network.selectors import (
    expertise_resolve,
    provider_teams_for_update,
    team_capacities,
    team_capacity,
    team_get_for_update,
)
from dichtbij.plans.errors import PlanNotFound, PlanVersionNotFound
from dichtbij.plans.selectors import family_plan_get_for, plan_version_get_for
from dichtbij.referrals import events
from dichtbij.referrals.constants import (
    FINAL_STATUSES,
    FLAG_WAITS_IN,
    VERB_SOURCES,
    VERB_TARGET,
    EndReason,
    GoalResult,
    NotificationKind,
    ReferralStatus,
    RejectReason,
    Urgency,
    is_legal_step,
    is_legal_transition,
    urgency_priority,
)
from dichtbij.referrals.errors import (
    ChildNotInHousehold,
    ConsentNotForRecipient,
    ConsentNotValid,
    DateInFuture,
    ExpectedStartInPast,
    ExpertiseRequired,
    ExplanationRequired,
    GoalNotInPlan,
    GoalResultsInvalid,
    HelpRequestClosed,
    IllegalTransition,
    InvalidChoice,
    NotLeadProviderModel,
    ProfessionalFull,
    ProfessionalNotInTeam,
    ProviderCannotLead,
    ProviderFull,
    QuestionRequired,
    ReasonRequired,
    RecipientRequired,
    ReferralActionNotAllowed,
    ReferralBasisAmbiguous,
    ReferralBasisRequired,
    ReferrerTypeMismatch,
    ReferrerTypeMissing,
    ReferrerTypeNotAllowed,
    StartBeforeAcceptance,
    SubcontractInvalid,
    TeamFull,
    TeamOutsideRegion,
    UnknownExpertise,
)
from dichtbij.referrals.models import (
    Notification,
    Referral,
    ReferralFlag,
    ReferralGoalResult,
    Subcontract,
    Trajectory,
    TrajectoryLead,
)
from dichtbij.referrals.notifications import notify
from dichtbij.referrals.selectors import (
    household_local_team_workers,
    organisation_coordinators,
    provider_loads,
    team_loads,
)
from dichtbij.referrals.steps import Step, may_subcontract, may_take
from dichtbij.regions.constants import ReferrerType, SpecialistStructure
from dichtbij.regions.selectors import (
    region_allows_referrer,
    region_referrer_reason,
    region_specialist_structure,
)
from dichtbij.requests.constants import HelpRequestStatus
from dichtbij.requests.selectors import help_request_get_for

if TYPE_CHECKING:
    from django.db.models import TextChoices
    from django.http import HttpRequest

    from dichtbij.accounts.models import Organisation, User
    from dichtbij.families.models import Child, Consent, DataShare
    from dichtbij.requests.models import HelpRequest

#: Roles that can refer at all; whether they may is the region's rule on their COD327 type.
REFERRING_ROLES = frozenset(
    {Role.LOCAL_TEAM_WORKER, Role.TEAM_COORDINATOR, Role.REFERRER, Role.FAMILY}
)
#: Roles of a receiving team that take the team's steps.
OBJECT_TYPE = "referral"
MAX_REASON_LENGTH = 2000


# --- helpers -----------------------------------------------------------------------------


def _audit(
    *,
    actor: User | None,
    action: Action,
    referral: Referral,
    reason: str,
    request: HttpRequest | None,
    object_type: str = OBJECT_TYPE,
    object_id: str | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id or str(referral.public_id),
        reason=reason,
        subject=Subject.of(referral),
        request=request,
    )


def _choice(value: object, choices: type[TextChoices], field: str) -> str:
    if isinstance(value, str) and value in choices.values:
        return value
    labels = ", ".join(f"{choice.value} ({choice.label})" for choice in choices)
    raise InvalidChoice(
        gettext('"%(value)s" kan hier niet; kies uit: %(options)s')
        % {"value": value, "options": labels},
        field=field,
    )


def _reason(text: str, field: str = "reason") -> str:
    cleaned = text.strip()[:MAX_REASON_LENGTH]
    if not cleaned:
        raise ReasonRequired(field=field)
    return cleaned


def _lock(referral: Referral) -> Referral:
    """The referral row, locked until the end of the transaction, freshly read."""
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("household", "region")
        .get(pk=referral.pk)
    )


def _require_step(actor: User, referral: Referral, verb: Step) -> None:
    """Refuse ``verb`` unless ``actor`` takes it (403) and the status allows it (409)."""
    if not may_take(actor, referral, verb):
        raise ReferralActionNotAllowed
    if not is_legal_step(referral.status, verb):
        raise IllegalTransition(
            old=referral.status, new=VERB_TARGET[verb], sources=VERB_SOURCES[verb]
        )


def _check_transition(referral: Referral, new: ReferralStatus) -> None:
    if not is_legal_transition(referral.status, new):
        raise IllegalTransition(old=referral.status, new=new)


def _today() -> date:
    return timezone.localdate()


# --- the core ----------------------------------------------------------------------------


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    actor: User | None,
    new: ReferralStatus | str,
    reason: str = "",
    changes: Mapping[str, object] | None = None,
    parameters: Mapping[str, object] | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Move ``referral`` to ``new``: the one way any status changes.

    Locks the row and re-reads it, refuses a move the transitions table does not allow
    (:class:`IllegalTransition`, 409, naming both statuses), sets ``changes`` (field ->
    value) with the status, and writes in the same transaction: the event (who, when,
    from, to, reason, ``parameters``), the audit row, a notification for the referrer
    and the family's local-team worker, and resolves timer flags that waited for the
    old status. A final status sets ``ended_at`` (unless given). Returns the saved row.

    Who may take the step is checked by the ``referral_<verb>`` services, not here.
    """
    target = ReferralStatus(new)
    current = _lock(referral)
    old = ReferralStatus(current.status)
    _check_transition(current, target)
    now = timezone.now()
    fields = dict(changes or {})
    if target in FINAL_STATUSES:
        fields.setdefault("ended_at", now)
    for name, value in fields.items():
        setattr(current, name, value)
    current.status = target
    current.save(update_fields=["status", *fields])
    events.referral_transition_event(
        referral=current,
        actor=actor,
        old=old,
        new=target,
        reason=reason,
        parameters=parameters,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        referral=current,
        reason=f"Verwijzing: {old.value} -> {target.value}",
        request=request,
    )
    waited = [kind for kind, status in FLAG_WAITS_IN.items() if status == old]
    if waited:
        ReferralFlag.objects.filter(
            referral=current, kind__in=waited, resolved_at__isnull=True
        ).update(resolved_at=now)
    recipients = list(household_local_team_workers(household_id=current.household_id))
    if current.referrer is not None:
        recipients.insert(0, current.referrer)
    notify(
        recipients=recipients,
        kind=NotificationKind.STATUS_CHANGED,
        referral=current,
        exclude=actor,
    )
    if target in FINAL_STATUSES:
        _close(current, actor=actor, now=now, request=request)
    # Keep the caller's instance in step with the database.
    for name in ["status", *fields]:
        setattr(referral, name, getattr(current, name))
    return current


def _close(
    referral: Referral, *, actor: User | None, now: datetime, request: HttpRequest | None
) -> None:
    """A final status: the team's access resting on this referral and an open
    trajectory end with it."""
    if referral.recipient_organisation_id is not None and referral.share_id is not None:
        for involvement in involvement_list_for_household(household=referral.household).filter(
            organisation_id=referral.recipient_organisation_id,
            kind=InvolvementKind.SPECIALIST_TEAM,
            share_id=referral.share_id,
        ):
            involvement_end(actor=actor, involvement=involvement, request=request)
    trajectory = Trajectory.objects.filter(referral=referral, ended_at__isnull=True).first()
    if trajectory is not None:
        trajectory.ended_at = now
        trajectory.save(update_fields=["ended_at"])
        TrajectoryLead.objects.filter(trajectory=trajectory, ended_at__isnull=True).update(
            ended_at=now
        )
        Subcontract.objects.filter(trajectory=trajectory, ended_at__isnull=True).update(
            ended_at=now
        )


# --- create ------------------------------------------------------------------------------


def _effective_referrer_type(actor: User) -> str:
    """As whom the actor refers: a family member as self-referrer (06), a professional
    as their recorded COD327 type."""
    if actor.role == Role.FAMILY:
        return ReferrerType.SELF_REFERRAL.value
    return actor.referrer_type


def referral_check_referrer(*, actor: User, referrer_type: str | None = None) -> str:
    """The COD327 type the actor refers as, in the actor's region; refuses with the rule
    named: a role that never refers, no referrer type, a claimed type that is not the
    actor's, or a type the region does not allow. Used by :func:`referral_create` and
    by pages that want to say so before the form."""
    if not getattr(actor, "is_authenticated", False) or actor.region is None:
        raise ReferralActionNotAllowed
    if actor.role not in REFERRING_ROLES:
        raise ReferralActionNotAllowed(
            gettext("Met uw rol kunt u niet verwijzen naar specialistische hulp.")
        )
    own = _effective_referrer_type(actor)
    if not own:
        raise ReferrerTypeMissing
    if referrer_type and referrer_type != own:
        raise ReferrerTypeMismatch(
            gettext(
                'U verwijst als "%(own)s", niet als "%(claimed)s": dat is uw vastgelegde '
                "verwijzertype (iJw COD327)."
            )
            % {"own": _referrer_label(own), "claimed": _referrer_label(referrer_type)},
            claimed=referrer_type,
            referrer_type=own,
        )
    if not region_allows_referrer(region=actor.region, referrer_type=own):
        raise ReferrerTypeNotAllowed(
            region_referrer_reason(region=actor.region, referrer_type=own), referrer_type=own
        )
    return own


def _referrer_label(code: str) -> str:
    return str(ReferrerType(code).label) if code in ReferrerType.values else code


def _goal_snapshot(
    *, actor: User, help_request: HelpRequest, goal_ids: Sequence[str]
) -> tuple[list[dict[str, str]], int | None]:
    wanted = list(dict.fromkeys(str(goal_id).strip() for goal_id in goal_ids if goal_id))
    if not wanted:
        return [], None
    household = help_request.household
    try:
        plan = family_plan_get_for(viewer=actor, household=household)
        version = plan_version_get_for(
            viewer=actor, household=household, number=plan.current_version_number
        )
    except (PlanNotFound, PlanVersionNotFound):
        raise GoalNotInPlan(
            gettext("Dit gezin heeft geen gezinsplan dat u kunt zien; kies geen doelen."),
            goal_ids=wanted,
        ) from None
    content = version.plan_content
    snapshot: list[dict[str, str]] = []
    for goal_id in wanted:
        goal = content.goal(goal_id)
        if goal is None:
            raise GoalNotInPlan(
                gettext(
                    'Doel "%(goal)s" staat niet in de huidige versie (%(version)d) van het '
                    "gezinsplan."
                )
                % {"goal": goal_id, "version": version.number},
                goal_ids=[goal_id],
            )
        snapshot.append({"id": goal_id, "text": goal.text, "domain": goal.domain})
    return snapshot, version.number


def _check_consent(consent: Consent, *, household_id: int) -> None:
    today = _today()
    if (
        consent.household_id != household_id
        or consent.purpose != ConsentPurpose.REFERRAL
        or consent.withdrawn_at is not None
        or consent.valid_from > today
        or (consent.valid_until is not None and consent.valid_until < today)
    ):
        raise ConsentNotValid(
            gettext(
                "Deze toestemming geldt niet voor een verwijzing van dit gezin: ze is van een "
                "ander gezin, voor een ander doel, ingetrokken of niet (meer) geldig."
            )
        )


@transaction.atomic
def referral_create(
    *,
    actor: User,
    help_request: HelpRequest,
    child: Child,
    question: str,
    goal_ids: Sequence[str],
    expertise_codes: Sequence[str],
    urgency: Urgency | str = "",
    consent: Consent | None = None,
    legal_ground: LegalGround | str = "",
    explanation: str = "",
    referrer_type: str | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Draft a referral of ``child`` from ``help_request``; returns it in status draft.

    Refused, with the rule named and nothing saved: a help request the actor cannot see
    (404) or that is closed; an actor whose role never refers, who has no referrer type,
    claims another ``referrer_type`` than their own, or whose type the region does not
    allow (:func:`referral_check_referrer`); a child of another household; no question;
    a goal id not in the current family plan; no or an unknown expertise code; an
    urgency not in the list; no consent of the family for purpose referral and no legal
    ground with an explanation (or both). ``urgency`` empty takes the triage urgency
    (else ``normaal``). ``goal_ids`` may be empty (no plan yet, e.g. a GP).
    """
    own_type = referral_check_referrer(actor=actor, referrer_type=referrer_type)
    visible = help_request_get_for(viewer=actor, public_id=help_request.public_id)
    household = visible.household
    if visible.status == HelpRequestStatus.CLOSED:
        raise HelpRequestClosed
    if child.household_id != household.pk:
        raise ChildNotInHousehold
    question = question.strip()
    if not question:
        raise QuestionRequired
    goals, plan_version = _goal_snapshot(actor=actor, help_request=visible, goal_ids=goal_ids)
    codes = list(dict.fromkeys(code.strip() for code in expertise_codes if code.strip()))
    if not codes:
        raise ExpertiseRequired
    try:
        expertise = expertise_resolve(region=household.region, codes=codes)
    except NetworkUnknownExpertise as exc:
        raise UnknownExpertise(exc.message, codes=exc.data.get("codes", codes)) from None
    chosen_urgency = _choice(urgency or visible.urgency or Urgency.NORMAL.value, Urgency, "urgency")
    explanation = explanation.strip()
    if consent is not None and legal_ground:
        raise ReferralBasisAmbiguous
    if legal_ground:
        legal_ground = _choice(legal_ground, LegalGround, "legal_ground")
        if not explanation:
            raise ExplanationRequired
    elif consent is not None:
        _check_consent(consent, household_id=household.pk)
    else:
        raise ReferralBasisRequired
    referral = Referral(
        region_id=household.region_id,
        household=household,
        child=child,
        help_request=visible,
        referrer=actor,
        referrer_type=own_type,
        referrer_organisation=actor.primary_organisation,
        question=question,
        goals=goals,
        plan_version=plan_version,
        urgency=chosen_urgency,
        priority=urgency_priority(chosen_urgency),
        consent=consent if not legal_ground else None,
        legal_ground=legal_ground,
        legal_ground_explanation=explanation if legal_ground else "",
        status=ReferralStatus.DRAFT,
    )
    referral.save(force_insert=True)
    referral.expertise.set(expertise)
    events.referral_created_event(referral=referral, actor=actor)
    _audit(
        actor=actor,
        action=Action.CREATE,
        referral=referral,
        reason="Verwijzing opgesteld",
        request=request,
    )
    return referral


# --- send --------------------------------------------------------------------------------


def _is_lead_provider_region(referral: Referral) -> bool:
    return region_specialist_structure(region=referral.region) == SpecialistStructure.LEAD_PROVIDER


def _recipient(
    referral: Referral, team: SpecialistTeam | None, provider: Provider | None
) -> tuple[SpecialistTeam | None, Provider | None, Organisation]:
    """Check the chosen team or provider; return them and the receiving organisation."""
    lead_model = _is_lead_provider_region(referral)
    if (team is None) == (provider is None):
        raise RecipientRequired(
            gettext("Kies één team of, in het model met een hoofdaannemer, één aanbieder.")
        )
    if team is not None:
        if team.region_id != referral.region_id or not team.active:
            raise TeamOutsideRegion(
                gettext("Dit team werkt niet (meer) in de regio van het gezin."), field="team"
            )
        if lead_model and (team.provider is None or not team.provider.can_be_lead_provider):
            raise ProviderCannotLead(
                gettext(
                    "In deze regio is één aanbieder verantwoordelijk voor het hele traject; "
                    "de aanbieder van dit team kan geen hoofdaannemer zijn."
                ),
                field="team",
            )
        return team, None, team.organisation
    assert provider is not None
    if not lead_model:
        raise RecipientRequired(
            gettext("In deze regio verwijst u naar een team, niet naar een aanbieder."),
            field="provider",
        )
    if provider.region_id != referral.region_id or not provider.active:
        raise TeamOutsideRegion(
            gettext("Deze aanbieder werkt niet (meer) in de regio van het gezin."),
            field="provider",
        )
    if not provider.can_be_lead_provider:
        raise ProviderCannotLead(
            gettext("Deze aanbieder kan geen hoofdaannemer zijn; kies een andere aanbieder.")
        )
    return None, provider, provider.organisation


def _consent_recipients(
    team: SpecialistTeam | None, provider: Provider | None, organisation: Organisation
) -> list[Organisation]:
    """Organisations a consent may name for this recipient: the team's (or provider's)
    own, or the consortium or provider that runs the team."""
    candidates = [organisation]
    if team is not None:
        runner = team.consortium or team.provider
        if runner is not None:
            candidates.append(runner.organisation)
    return candidates


def _consent_for(referral: Referral, candidates: Sequence[Organisation]) -> Consent | None:
    """The family's consent (purpose referral) that covers sharing with one of
    ``candidates``: the referral's own first, else another valid one."""
    own = referral.consent
    if own is not None and own.purpose == ConsentPurpose.REFERRAL:
        for organisation in candidates:
            if consent_covers(consent=own, recipient=organisation, item=SharedItem(own.item)):
                return own
    for organisation in candidates:
        for item in (SharedItem.WHOLE_FILE, SharedItem.PLAN, SharedItem.HELP_REQUEST):
            found = consent_valid_for(
                household=referral.household, recipient=organisation, item=item
            )
            if found is not None and found.purpose == ConsentPurpose.REFERRAL:
                return found
    return None


def _share(
    *,
    actor: User,
    referral: Referral,
    team: SpecialistTeam | None,
    provider: Provider | None,
    organisation: Organisation,
    request: HttpRequest | None,
) -> tuple[DataShare, Consent | None]:
    if referral.legal_ground:
        share = household_share(
            actor=actor,
            household=referral.household,
            recipient=organisation,
            item=SharedItem.WHOLE_FILE,
            legal_ground=referral.legal_ground,
            explanation=referral.legal_ground_explanation,
            request=request,
        )
        return share, None
    consent = _consent_for(referral, _consent_recipients(team, provider, organisation))
    if consent is None:
        raise ConsentNotForRecipient(
            gettext(
                "Het gezin gaf geen (geldige) toestemming om voor deze verwijzing gegevens "
                "te delen met %(name)s. Leg die toestemming eerst vast."
            )
            % {"name": organisation.name}
        )
    share = household_share(
        actor=actor,
        household=referral.household,
        recipient=consent.recipient,
        item=consent.item,
        consent=consent,
        request=request,
    )
    return share, consent


@transaction.atomic
def referral_send(
    *,
    actor: User,
    referral: Referral,
    team: SpecialistTeam | None = None,
    provider: Provider | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Send a draft to the team the referrer chose (after matching; never automatic), or
    in the lead-provider model to a provider that may be hoofdaannemer.

    Shares the file with the team's organisation (``household_share``, on the family's
    consent for purpose referral naming the team or its consortium/provider, or on the
    referral's legal ground) and involves that organisation with the household
    (as specialist team): its members see the family from now on, not before.
    Refused: not the referrer side (403), not a draft (409), no or two recipients, a team
    or provider of another region or inactive, a provider that cannot lead, no consent
    covering the recipient (409).
    """
    current = _lock(referral)
    _require_step(actor, current, "send")
    team, provider, organisation = _recipient(current, team, provider)
    share, consent = _share(
        actor=actor,
        referral=current,
        team=team,
        provider=provider,
        organisation=organisation,
        request=request,
    )
    involvement_add(
        actor=actor,
        household=current.household,
        kind=InvolvementKind.SPECIALIST_TEAM,
        # The team sees what was shared: the whole file only when that was shared.
        access_level=AccessLevel.FULL
        if share.item == SharedItem.WHOLE_FILE
        else AccessLevel.LIMITED,
        organisation=organisation,
        share=share,
        request=request,
    )
    changes: dict[str, object] = {
        "team": team,
        "provider": provider,
        "recipient_organisation": organisation,
        "share": share,
        "sent_at": timezone.now(),
    }
    if consent is not None:
        changes["consent"] = consent
    sent = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.REQUESTED,
        changes=changes,
        parameters={
            "team_id": team.pk if team else None,
            "provider_id": provider.pk if provider else None,
            "share_id": share.pk,
        },
        request=request,
    )
    notify(
        recipients=organisation_coordinators(organisation_id=organisation.pk),
        kind=NotificationKind.NEW_IN_INBOX,
        referral=sent,
        exclude=actor,
    )
    _sync(referral, sent)
    return sent


def _sync(original: Referral, saved: Referral) -> None:
    """Copy the saved row's state onto the instance the caller holds."""
    for field in Referral._meta.concrete_fields:
        setattr(original, field.attname, getattr(saved, field.attname))


# --- the team's steps --------------------------------------------------------------------


@transaction.atomic
def referral_receive(
    *, actor: User, referral: Referral, request: HttpRequest | None = None
) -> Referral:
    """A member of the receiving team confirms it arrived (stops the 3-day timer)."""
    current = _lock(referral)
    _require_step(actor, current, "receive")
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.RECEIVED,
        changes={"received_at": timezone.now()},
        request=request,
    )
    _sync(referral, saved)
    return saved


def _check_professional(team: SpecialistTeam | None, professional: User | None) -> None:
    if professional is None:
        return
    if (
        team is None
        or not TeamProfessional.objects.filter(team=team, user=professional, active=True).exists()
    ):
        raise ProfessionalNotInTeam


@transaction.atomic
def referral_accept(
    *,
    actor: User,
    referral: Referral,
    expected_start: date | None = None,
    professional: User | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """A coordinator of the receiving team accepts: the referral joins the waiting list.

    Capacity holds under concurrency: the team row is locked
    (:func:`~dichtbij.network.selectors.team_get_for_update`) and its live referrals are
    counted against its ceiling in this transaction, so when two coordinators accept
    the last free place at once exactly one succeeds; the other gets :class:`TeamFull`.
    A referral sent to a lead provider itself takes a place of the provider: all its
    teams' ceilings together (:class:`ProviderFull` when none is left), locked alike.
    ``professional`` (optional, continuity) must work in the team and have room.
    ``expected_start`` may not lie in the past. In the lead-provider model the provider
    becomes hoofdaannemer of a new :class:`Trajectory`.
    """
    current = _lock(referral)
    _require_step(actor, current, "accept")
    if expected_start is not None and expected_start < _today():
        raise ExpectedStartInPast
    _check_professional(current.team, professional)
    if current.team_id is not None:
        _hold_team_place(current.team_id, professional)
    elif current.provider_id is not None:
        _hold_provider_place(current)
    now = timezone.now()
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.ACCEPTED,
        changes={
            "accepted_at": now,
            "decided_at": now,
            "expected_start": expected_start,
            "assigned_professional": professional,
        },
        parameters={
            "expected_start": expected_start.isoformat() if expected_start else None,
            "professional_id": professional.pk if professional else None,
        },
        request=request,
    )
    lead = saved.provider or (saved.team.provider if saved.team is not None else None)
    if _is_lead_provider_region(saved) and lead is not None:
        trajectory = Trajectory.objects.create(
            referral=saved, region_id=saved.region_id, started_at=now
        )
        TrajectoryLead.objects.create(trajectory=trajectory, provider=lead, started_at=now)
        _audit(
            actor=actor,
            action=Action.CREATE,
            referral=saved,
            object_type="trajectory",
            object_id=str(trajectory.public_id),
            reason="Traject met hoofdaannemer gestart",
            request=request,
        )
    _sync(referral, saved)
    return saved


def _hold_team_place(team_id: int, professional: User | None) -> None:
    """Lock the team and check it (and ``professional``) has a free place."""
    team = team_get_for_update(team_id=team_id)
    load = team_loads(team_ids=[team.pk]).get(team.pk, NO_LOAD)
    capacity = team_capacity(team=team, load=load)
    if capacity.free <= 0:
        raise TeamFull(
            gettext(
                "%(team)s zit vol: %(load)d lopende verwijzingen bij een plafond van "
                "%(ceiling)d. Wijs af met reden 'geen plaats', of maak eerst plaats."
            )
            % {"team": team.name, "load": capacity.load, "ceiling": capacity.ceiling},
            load=capacity.load,
            ceiling=capacity.ceiling,
        )
    if professional is not None:
        own = next((p for p in capacity.professionals if p.user_id == professional.pk), None)
        if own is not None and own.free <= 0:
            raise ProfessionalFull(
                gettext("Deze hulpverlener heeft geen ruimte meer (%(load)d van %(ceiling)d).")
                % {"load": own.load, "ceiling": own.ceiling}
            )


def _hold_provider_place(referral: Referral) -> None:
    """Lock the lead provider and its teams and check the provider has a free place: its
    teams' ceilings together, against their live referrals plus those sent to the
    provider itself (the sum the ranking shows)."""
    provider = referral.provider
    assert provider is not None
    teams = provider_teams_for_update(provider_id=provider.pk)
    capacities = team_capacities(teams=teams, loads=team_loads(team_ids=[t.pk for t in teams]))
    own = provider_loads(region_id=referral.region_id, provider_ids=[provider.pk])
    ceiling = sum(capacity.ceiling for capacity in capacities.values())
    load = own.get(provider.pk, NO_LOAD).total + sum(c.load for c in capacities.values())
    if ceiling - load <= 0:
        raise ProviderFull(
            gettext(
                "%(provider)s zit vol: %(load)d lopende verwijzingen bij een plafond van "
                "%(ceiling)d voor al zijn teams samen. Wijs af met reden 'geen plaats', of "
                "maak eerst plaats."
            )
            % {"provider": provider.name, "load": load, "ceiling": ceiling},
            load=load,
            ceiling=ceiling,
        )


@transaction.atomic
def referral_reject(
    *,
    actor: User,
    referral: Referral,
    reason_code: RejectReason | str,
    reason: str,
    request: HttpRequest | None = None,
) -> Referral:
    """A coordinator of the receiving team rejects, with a reason from the list and an
    explanation for the referrer (both required). The team's access ends."""
    current = _lock(referral)
    _require_step(actor, current, "reject")
    code = _choice(reason_code, RejectReason, "reason_code")
    text = _reason(reason)
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.REJECTED,
        reason=text,
        changes={"reject_reason": code, "status_note": text, "decided_at": timezone.now()},
        parameters={"reject_reason": code},
        request=request,
    )
    _sync(referral, saved)
    return saved


@transaction.atomic
def referral_start(
    *,
    actor: User,
    referral: Referral,
    started_on: date | None = None,
    professional: User | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Help started on ``started_on`` (default today): not before the acceptance date
    (:class:`StartBeforeAcceptance`), not in the future. ``professional`` (optional)
    becomes the assigned hulpverlener."""
    current = _lock(referral)
    _require_step(actor, current, "start")
    day = started_on or _today()
    if day > _today():
        raise DateInFuture
    assert current.accepted_at is not None  # referral_accepted_at_when_accepted
    accepted_on = timezone.localdate(current.accepted_at)
    if day < accepted_on:
        raise StartBeforeAcceptance(
            gettext(
                "De hulp kan niet eerder starten (%(start)s) dan de verwijzing werd "
                "geaccepteerd (%(accepted)s)."
            )
            % {"start": day.strftime("%d-%m-%Y"), "accepted": accepted_on.strftime("%d-%m-%Y")}
        )
    _check_professional(current.team, professional)
    changes: dict[str, object] = {"started_on": day}
    if professional is not None:
        changes["assigned_professional"] = professional
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.IN_PROGRESS,
        changes=changes,
        parameters={"started_on": day.isoformat()},
        request=request,
    )
    _sync(referral, saved)
    return saved


@transaction.atomic
def referral_hold(
    *, actor: User, referral: Referral, reason: str = "", request: HttpRequest | None = None
) -> Referral:
    """Pause the help (on hold); the place stays taken."""
    current = _lock(referral)
    _require_step(actor, current, "hold")
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.ON_HOLD,
        reason=reason.strip()[:MAX_REASON_LENGTH],
        request=request,
    )
    _sync(referral, saved)
    return saved


@transaction.atomic
def referral_resume(
    *, actor: User, referral: Referral, request: HttpRequest | None = None
) -> Referral:
    """Resume paused help (on hold → in progress)."""
    current = _lock(referral)
    _require_step(actor, current, "resume")
    saved = referral_transition(
        referral=current, actor=actor, new=ReferralStatus.IN_PROGRESS, request=request
    )
    _sync(referral, saved)
    return saved


def _clean_goal_results(referral: Referral, goal_results: Mapping[str, str]) -> dict[str, str]:
    expected = set(referral.goal_ids)
    given = {str(key): value for key, value in goal_results.items()}
    unknown = sorted(set(given) - expected)
    missing = sorted(expected - set(given))
    if unknown or missing:
        raise GoalResultsInvalid(
            gettext(
                "Geef een resultaat voor elk doel van de verwijzing, en alleen daarvoor "
                "(ontbreekt: %(missing)s; onbekend: %(unknown)s)."
            )
            % {"missing": ", ".join(missing) or "-", "unknown": ", ".join(unknown) or "-"},
            missing=missing,
            unknown=unknown,
        )
    return {
        goal_id: _choice(result, GoalResult, f"goal_results.{goal_id}")
        for goal_id, result in given.items()
    }


@transaction.atomic
def referral_complete(
    *,
    actor: User,
    referral: Referral,
    end_reason: EndReason | str,
    goal_results: Mapping[str, str],
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """The help ended: an end reason from iJw JZ588 and a result for every goal of the
    referral (achieved, partly, not achieved, no longer relevant)."""
    current = _lock(referral)
    _require_step(actor, current, "complete")
    code = _choice(end_reason, EndReason, "end_reason")
    results = _clean_goal_results(current, goal_results)
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.COMPLETED,
        reason=note.strip()[:MAX_REASON_LENGTH],
        changes={"end_reason": code},
        parameters={"end_reason": code, "goal_results": results},
        request=request,
    )
    ReferralGoalResult.objects.bulk_create(
        [
            ReferralGoalResult(referral=saved, goal_id=goal_id, result=result)
            for goal_id, result in results.items()
        ]
    )
    _sync(referral, saved)
    return saved


def _end_reason(value: str) -> str:
    return _choice(value, EndReason, "end_reason") if value else ""


@transaction.atomic
def referral_cancel(
    *,
    actor: User,
    referral: Referral,
    reason: str,
    end_reason: EndReason | str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Cancel (reason required): by the referrer side, or a coordinator of the receiving
    team. ``end_reason`` (JZ588) is optional."""
    current = _lock(referral)
    _require_step(actor, current, "cancel")
    text = _reason(reason)
    code = _end_reason(end_reason)
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.CANCELLED,
        reason=text,
        changes={"status_note": text, "end_reason": code},
        parameters={"end_reason": code},
        request=request,
    )
    _sync(referral, saved)
    return saved


@transaction.atomic
def referral_fail(
    *,
    actor: User,
    referral: Referral,
    reason: str,
    end_reason: EndReason | str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """The help could not be given or finished (reason required; JZ588 optional)."""
    current = _lock(referral)
    _require_step(actor, current, "fail")
    text = _reason(reason)
    code = _end_reason(end_reason)
    saved = referral_transition(
        referral=current,
        actor=actor,
        new=ReferralStatus.FAILED,
        reason=text,
        changes={"status_note": text, "end_reason": code},
        parameters={"end_reason": code},
        request=request,
    )
    _sync(referral, saved)
    return saved


# --- lead provider -----------------------------------------------------------------------


@transaction.atomic
def trajectory_subcontract_add(
    *,
    actor: User,
    trajectory: Trajectory,
    provider: Provider,
    description: str,
    request: HttpRequest | None = None,
) -> Subcontract:
    """The lead provider (hoofdaannemer) adds a part delivered by another provider of the
    region (onderaannemer) and stays responsible for the whole trajectory.

    Only a member of the lead's organisation (or of the team it was sent to), while the
    trajectory is open. Refused: the lead itself, a provider of another region or
    inactive, one with an open subcontract already, an empty description.
    """
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    referral = Referral.objects.select_related("household", "region").get(pk=trajectory.referral_id)
    lead = TrajectoryLead.objects.filter(trajectory=trajectory, ended_at__isnull=True).first()
    if trajectory.ended_at is not None or lead is None:
        raise NotLeadProviderModel(gettext("Dit traject is afgesloten."))
    if not may_subcontract(actor, referral, lead_organisation_id=lead.provider.organisation_id):
        raise ReferralActionNotAllowed
    description = description.strip()
    if not description:
        raise SubcontractInvalid(
            gettext("Beschrijf welk deel de onderaannemer doet."), field="description"
        )
    if provider.pk == lead.provider_id:
        raise SubcontractInvalid(
            gettext("De hoofdaannemer kan niet ook onderaannemer van hetzelfde traject zijn.")
        )
    if provider.region_id != referral.region_id or not provider.active:
        raise SubcontractInvalid(
            gettext("Deze aanbieder werkt niet (meer) in de regio van het gezin.")
        )
    try:
        with transaction.atomic():
            subcontract = Subcontract.objects.create(
                trajectory=trajectory,
                provider=provider,
                description=description[:MAX_REASON_LENGTH],
                added_by=actor,
            )
    except IntegrityError:
        raise SubcontractInvalid(
            gettext("Deze aanbieder is al onderaannemer in dit traject.")
        ) from None
    events.subcontract_added_event(referral=referral, actor=actor, subcontract=subcontract)
    _audit(
        actor=actor,
        action=Action.CREATE,
        referral=referral,
        object_type="subcontract",
        object_id=str(subcontract.pk),
        reason="Onderaannemer toegevoegd aan traject",
        request=request,
    )
    return subcontract


# --- notifications -----------------------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, viewer: User, notification_ids: Sequence[int] | None = None) -> int:
    """Mark the viewer's own notifications read (``notification_ids``, or all unread);
    returns how many changed. Other people's ids are ignored."""
    unread = Notification.objects.filter(recipient_id=viewer.pk, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
