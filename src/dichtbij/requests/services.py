"""Writes of the requests app: one use case per function, transactional, audited inside.

Every change of a help request writes its event(s) (:mod:`dichtbij.requests.events`) and
an audit row in the same transaction. Audit rows refer to the household
(``Subject.of(help_request)``) and to the request by its public id; the question and
other free text never go into a reason.

Callers (pages, API) fetch the household and the request through the selectors, which
apply need to know; services check again what they need (role, region, full access for
the first door's steps) and the domain rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.services import organisation_ensure
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record
from dichtbij.catalogue.search import catalogue_search
from dichtbij.catalogue.search.types import SearchHit, SearchQuery
from dichtbij.catalogue.selectors import taxonomy_term_choices
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.selectors import household_access_level_for, involvement_list_for_household
from dichtbij.families.services import involvement_add
from dichtbij.regions.constants import FirstDoorKind, ReferrerType
from dichtbij.regions.schema import TriageOfferSearch
from dichtbij.regions.selectors import (
    region_allows_referrer,
    region_central_entry_for,
    region_contractors_for,
    region_first_door,
    region_first_door_organisations_for,
    region_referrer_reason,
    region_referrers,
    region_specialist_teams_for,
    region_triage,
)
from dichtbij.requests import events
from dichtbij.requests.constants import (
    SCORE_MAX,
    SCORE_MIN,
    THEME_PREFIX,
    Answer,
    Asker,
    CloseReason,
    HelpRequestStatus,
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.errors import (
    ChildNotInHousehold,
    ChildrenRequired,
    CloseReasonRequired,
    HelpRequestActionNotAllowed,
    HelpRequestNotAssessed,
    HelpRequestStatusConflict,
    InvalidChoice,
    OverrideReasonRequired,
    QuestionRequired,
    ScoreOutOfRange,
    TriageAdviceMissing,
    UnknownTheme,
)
from dichtbij.requests.models import HelpRequest, TriageAdvice, TriageDecision
from dichtbij.requests.triage import (
    TriageFacts,
    TriageReason,
    fact_placeholders,
    fill,
    triage_evaluate,
    triage_rules_hash,
)

if TYPE_CHECKING:
    from django.db.models import TextChoices
    from django.http import HttpRequest

    from dichtbij.accounts.models import User
    from dichtbij.families.models import Child, Household

#: Who may register a help request: the first door, referrers and the family itself.
REGISTERING_ROLES = frozenset(
    {Role.LOCAL_TEAM_WORKER, Role.TEAM_COORDINATOR, Role.REFERRER, Role.FAMILY}
)
#: Who takes the first door's steps (assess, triage, decide, close), with full access.
FIRST_DOOR_ROLES = frozenset({Role.LOCAL_TEAM_WORKER, Role.TEAM_COORDINATOR})

#: At most this many offers are kept in an advice.
MAX_OFFERS = 8

#: Reason code added when the question's own words signal danger (the catalogue search's
#: safety signal) while the advice is not acute.
SAFETY_SIGNAL_REASON = "signaal_in_de_vraag"

OBJECT_TYPE = "help_request"


# --- helpers -----------------------------------------------------------------------------


def _audit(
    *,
    actor: User | None,
    action: Action,
    help_request: HelpRequest,
    reason: str,
    request: HttpRequest | None,
    object_type: str = OBJECT_TYPE,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(help_request.public_id),
        reason=reason,
        subject=Subject.of(help_request),
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


def _require_first_door(*, actor: User, household: Household) -> None:
    """The first door's steps need its role and full access to the household."""
    if actor.role not in FIRST_DOOR_ROLES:
        raise HelpRequestActionNotAllowed
    if household_access_level_for(viewer=actor, household=household) != AccessLevel.FULL:
        raise HouseholdNotFound


def _set_status(
    *, help_request: HelpRequest, actor: User | None, status: HelpRequestStatus
) -> list[str]:
    """Change the status (with its event); returns the fields to save."""
    old = help_request.status
    if old == status:
        return []
    help_request.status = status
    events.status_changed_event(help_request=help_request, actor=actor, old=old, new=status)
    return ["status"]


def theme_names(codes: Iterable[str] | None = None) -> dict[str, str]:
    """``{code: name}`` of the sociale kaart's themes (``thema:...``), all or ``codes``."""
    names = dict(taxonomy_term_choices(prefix=THEME_PREFIX))
    if codes is None:
        return names
    return {code: names[code] for code in codes if code in names}


def _clean_themes(themes: Iterable[str]) -> list[str]:
    """The themes without duplicates, in order; an unknown one is refused, by name."""
    cleaned = list(dict.fromkeys(theme.strip() for theme in themes if theme.strip()))
    if not cleaned:
        return []
    known = theme_names()
    for theme in cleaned:
        if not theme.startswith(THEME_PREFIX) or theme not in known:
            raise UnknownTheme(
                gettext('Het thema "%(theme)s" bestaat niet in de sociale kaart.')
                % {"theme": theme},
                value=theme,
            )
    return cleaned


def _ensure_first_door_involved(
    *, actor: User, household: Household, request: HttpRequest | None
) -> None:
    """A request registered by someone outside the first door (a GP, the family) must
    reach it: without an active responsible team, the region's first door for the
    household's gemeente becomes it (full access)."""
    responsible = involvement_list_for_household(household=household).filter(
        kind=InvolvementKind.RESPONSIBLE_TEAM
    )
    if responsible.exists():
        return
    region = household.region
    configured = region_first_door_organisations_for(
        region=region, municipality_code=household.municipality.code
    )
    if not configured:
        return
    kind = (
        OrganisationKind.CJG
        if region_first_door(region=region).kind == FirstDoorKind.CJG
        else OrganisationKind.LOCAL_TEAM
    )
    organisation = organisation_ensure(region=region, kind=kind, name=configured[0].name)
    involvement_add(
        actor=actor,
        household=household,
        kind=InvolvementKind.RESPONSIBLE_TEAM,
        access_level=AccessLevel.FULL,
        organisation=organisation,
        request=request,
    )


# --- register and assess ---------------------------------------------------------------


@transaction.atomic
def help_request_register(
    *,
    actor: User,
    household: Household,
    children: Sequence[Child],
    question: str,
    asker: Asker | str,
    themes: Sequence[str],
    duration: ProblemDuration | str,
    unsafe_at_home: Answer | str,
    risk_of_harm: Answer | str,
    tried_before: str = "",
    ordinary_help_tried: bool = False,
    safety_note: str = "",
    asker_name: str = "",
    severity: Severity | str = "",
    ordinary_help_enough: Answer | str = "",
    lowest_score: int | None = None,
    assessment_note: str = "",
    request: HttpRequest | None = None,
) -> HelpRequest:
    """Register a help request for ``children`` (at least one) of ``household``.

    The registrant is a local-team worker or coordinator, a referrer, or the family
    itself (``source`` family, referrer type 06); the referrer type is the actor's at this
    moment. The household's first door is involved if no team is responsible yet. With
    ``severity`` and ``ordinary_help_enough`` the request is assessed at once (see
    :func:`help_request_assess`). Nothing is saved when anything is refused.
    """
    if actor.role not in REGISTERING_ROLES or actor.region_id is None:
        raise HelpRequestActionNotAllowed
    if household.region_id != actor.region_id:
        raise HouseholdNotFound
    is_family = actor.role == Role.FAMILY
    # A family member reaches its own household through the portal (not built yet);
    # professionals only while involved.
    if not is_family and household_access_level_for(viewer=actor, household=household) is None:
        raise HouseholdNotFound
    question = question.strip()
    if not question:
        raise QuestionRequired
    chosen = list(dict.fromkeys(children))
    if not chosen:
        raise ChildrenRequired
    if any(child.household_id != household.pk for child in chosen):
        raise ChildNotInHousehold
    cleaned_themes = _clean_themes(themes)
    help_request = HelpRequest(
        household=household,
        region_id=household.region_id,
        registered_by=actor,
        registered_at=timezone.now(),
        referrer_type=ReferrerType.SELF_REFERRAL if is_family else actor.referrer_type,
        source=RequestSource.FAMILY if is_family else RequestSource.PROFESSIONAL,
        question=question,
        asker=_choice(asker, Asker, "asker"),
        asker_name=asker_name.strip()[:200],
        themes=cleaned_themes,
        duration=_choice(duration, ProblemDuration, "duration"),
        tried_before=tried_before.strip(),
        ordinary_help_tried=ordinary_help_tried,
        unsafe_at_home=_choice(unsafe_at_home, Answer, "unsafe_at_home"),
        risk_of_harm=_choice(risk_of_harm, Answer, "risk_of_harm"),
        safety_note=safety_note.strip(),
    )
    help_request.save(force_insert=True)
    help_request.children.set(chosen)
    events.help_request_registered_event(help_request=help_request, actor=actor)
    _audit(
        actor=actor,
        action=Action.CREATE,
        help_request=help_request,
        reason="Hulpvraag aangemeld",
        request=request,
    )
    _ensure_first_door_involved(actor=actor, household=household, request=request)
    if severity or ordinary_help_enough or lowest_score is not None:
        help_request_assess(
            actor=actor,
            help_request=help_request,
            severity=severity,
            ordinary_help_enough=ordinary_help_enough,
            lowest_score=lowest_score,
            note=assessment_note,
            request=request,
        )
    return help_request


@transaction.atomic
def help_request_assess(
    *,
    actor: User,
    help_request: HelpRequest,
    severity: Severity | str,
    ordinary_help_enough: Answer | str,
    lowest_score: int | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> HelpRequest:
    """Record the professional's assessment: severity, whether ordinary help can be
    enough, and optionally the lowest self-reliance score (1-5).

    Allowed until a triage decision is taken; a new assessment after an advice asks for a
    new advice (status back to assessed).
    """
    _require_first_door(actor=actor, household=help_request.household)
    if help_request.status not in (
        HelpRequestStatus.REGISTERED,
        HelpRequestStatus.ASSESSED,
        HelpRequestStatus.ADVISED,
    ):
        raise HelpRequestStatusConflict(
            gettext("Over deze hulpvraag is al besloten; de beoordeling kan niet meer veranderen.")
        )
    help_request.severity = _choice(severity, Severity, "severity")
    help_request.ordinary_help_enough = _choice(
        ordinary_help_enough, Answer, "ordinary_help_enough"
    )
    if lowest_score is not None and not SCORE_MIN <= lowest_score <= SCORE_MAX:
        raise ScoreOutOfRange
    help_request.lowest_score = lowest_score
    help_request.assessment_note = note.strip()
    help_request.assessed_by = actor
    help_request.assessed_at = timezone.now()
    fields = [
        "severity",
        "ordinary_help_enough",
        "lowest_score",
        "assessment_note",
        "assessed_by",
        "assessed_at",
    ]
    events.help_request_assessed_event(help_request=help_request, actor=actor)
    fields += _set_status(help_request=help_request, actor=actor, status=HelpRequestStatus.ASSESSED)
    help_request.save(update_fields=fields)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        help_request=help_request,
        reason="Hulpvraag beoordeeld",
        request=request,
    )
    return help_request


# --- triage ------------------------------------------------------------------------------


def triage_facts_for(*, help_request: HelpRequest) -> TriageFacts:
    """The facts the region's triage rules look at, from the request and its assessment."""
    referrer_type = help_request.referrer_type
    return TriageFacts(
        unsafe_at_home=help_request.unsafe_at_home,
        risk_of_harm=help_request.risk_of_harm,
        duration=help_request.duration,
        ordinary_help_tried=help_request.ordinary_help_tried,
        themes=tuple(help_request.themes),
        severity=help_request.severity or None,
        ordinary_help_enough=help_request.ordinary_help_enough or None,
        lowest_score=help_request.lowest_score,
        referrer_type=referrer_type,
        registrant_may_refer=bool(referrer_type)
        and region_allows_referrer(region=help_request.region, referrer_type=referrer_type),
        source=help_request.source,
    )


def _join(names: Sequence[str], last: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def triage_context_for(*, help_request: HelpRequest) -> dict[str, str]:
    """The placeholders of triage texts that come from the region and the household."""
    region = help_request.region
    household = help_request.household
    municipality = household.municipality
    district = household.district.name if household.district is not None else None
    and_ = gettext("en")
    allowed = [str(referrer.label) for referrer in region_referrers(region=region)]
    referrer_type = help_request.referrer_type
    if referrer_type:
        referrer_reason = region_referrer_reason(region=region, referrer_type=referrer_type)
    else:
        referrer_reason = gettext("Naar specialistische hulp verwijzen hier: %(allowed)s.") % {
            "allowed": ", ".join(allowed)
        }
    via_entry: dict[str, list[str]] = {}
    for code in ReferrerType:
        entry = region_central_entry_for(region=region, referrer_type=code.value)
        if entry:
            via_entry.setdefault(entry, []).append(str(code.label).lower())
    central_entry = " ".join(
        gettext("Een verwijzing van %(referrers)s loopt via %(entry)s.")
        % {"referrers": _join(labels, gettext("of")), "entry": entry}
        for entry, labels in via_entry.items()
    )
    teams = [
        team.name
        for team in region_specialist_teams_for(
            region=region, municipality_code=municipality.code, district_name=district
        )
    ] or [
        contractor.name
        for contractor in region_contractors_for(
            region=region, municipality_code=municipality.code, district_name=district
        )
    ]
    organisations = [
        organisation.name
        for organisation in region_first_door_organisations_for(
            region=region, municipality_code=municipality.code
        )
    ]
    door = region_first_door(region=region)
    names = theme_names(help_request.themes)
    return {
        "region": region.name,
        "gemeente": municipality.name,
        "first_door": door.name,
        "first_door_organisations": _join(organisations, and_) or door.name,
        "referrers": _join(allowed, and_),
        "referrer_reason": referrer_reason,
        "central_entry": central_entry,
        "specialist_teams": _join(teams, and_),
        "themes": ", ".join(names[code][:1].lower() + names[code][1:] for code in names),
    }


def _age_on(birth_date: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


@dataclass
class _OfferSearchResult:
    offers: list[dict[str, object]]
    safety_signal: bool


#: Reasons of a search hit worth repeating with an offer.
_OFFER_REASON_KINDS = ("crisis", "age", "no_referral", "closed")


def _offer(hit: SearchHit, *, why: str, theme: str | None, theme_label: str) -> dict[str, object]:
    if not why:
        parts = []
        if theme:
            parts.append(gettext("Past bij het thema “%(theme)s”") % {"theme": theme_label})
        parts += [r.text for r in hit.reasons if r.kind in _OFFER_REASON_KINDS]
        why = ". ".join(parts) + ("." if parts else "")
    service = hit.service
    return {
        "service_id": str(service.pk),
        "name": service.name,
        "organisation": service.organization.name,
        "why": why,
        "referral_required": service.referral_required,
        "theme": theme or "",
    }


def _search_offers(
    *,
    help_request: HelpRequest,
    searches: Sequence[TriageOfferSearch],
    values: dict[str, str],
) -> _OfferSearchResult:
    """Run the advice's searches of the sociale kaart: in the household's gemeente, for
    each child's age, per theme of the request where asked; hits shared round-robin over
    the themes, each service once, at most :data:`MAX_OFFERS`."""
    household = help_request.household
    today = timezone.localdate()
    ages: list[int | None] = [
        *sorted({_age_on(child.birth_date, today) for child in help_request.children.all()})
    ] or [None]
    names = theme_names(help_request.themes)
    chosen: dict[str, dict[str, object]] = {}
    safety_signal = False
    for spec in searches:
        by_request = spec.themes_of_request
        themes: list[str | None] = [*help_request.themes] or [None] if by_request else [spec.theme]
        text = spec.text or (help_request.question if by_request else "")
        why = fill(spec.why, values) if spec.why else ""
        per_theme: list[list[dict[str, object]]] = []
        for theme in themes:
            found: dict[str, dict[str, object]] = {}
            for age in ages:
                result = catalogue_search(
                    query=SearchQuery(
                        text=text,
                        region=household.region,
                        municipality=household.municipality,
                        age=age,
                        theme=theme,
                        kind=spec.kind,
                        without_referral=spec.without_referral,
                        limit=spec.limit + len(chosen) + 3,
                    )
                )
                safety_signal |= by_request and result.safety is not None
                for hit in result.hits:
                    key = str(hit.service.pk)
                    if key not in chosen and key not in found:
                        found[key] = _offer(
                            hit, why=why, theme=theme, theme_label=names.get(theme or "", "")
                        )
            per_theme.append(list(found.values()))
        taken = 0
        for rank in range(max((len(hits) for hits in per_theme), default=0)):
            for hits in per_theme:
                if rank < len(hits) and taken < spec.limit:
                    offer = hits[rank]
                    key = str(offer["service_id"])
                    if key not in chosen:
                        chosen[key] = offer
                        taken += 1
    offers = list(chosen.values())[:MAX_OFFERS]
    return _OfferSearchResult(offers=offers, safety_signal=safety_signal)


@transaction.atomic
def help_request_triage(
    *, actor: User, help_request: HelpRequest, request: HttpRequest | None = None
) -> TriageAdvice:
    """Advise by the region's triage rules and store the advice with its reasons and
    concrete offers from the sociale kaart.

    Needs an assessment, except when the safety screen says someone is unsafe or at risk
    (safety does not wait). Until a decision is taken a new advice may be asked (after a
    new assessment); the latest counts.
    """
    _require_first_door(actor=actor, household=help_request.household)
    if help_request.status not in (
        HelpRequestStatus.REGISTERED,
        HelpRequestStatus.ASSESSED,
        HelpRequestStatus.ADVISED,
    ):
        raise HelpRequestStatusConflict(
            gettext("Over deze hulpvraag is al besloten of ze is afgesloten.")
        )
    if not help_request.is_assessed and not help_request.safety_concern:
        raise HelpRequestNotAssessed
    region = help_request.region
    triage = region_triage(region=region)
    facts = triage_facts_for(help_request=help_request)
    context = triage_context_for(help_request=help_request)
    result = triage_evaluate(facts=facts, triage=triage, context=context)
    searched = _search_offers(
        help_request=help_request,
        searches=result.offer_searches,
        values=context | fact_placeholders(facts),
    )
    reasons = list(result.reasons)
    if searched.safety_signal and result.outcome != TriageOutcome.ACUTE:
        reasons.append(
            TriageReason(
                code=SAFETY_SIGNAL_REASON,
                text=gettext(
                    "In de woorden van de hulpvraag staat mogelijk een signaal van gevaar. "
                    "Bespreek de veiligheid nog eens met het gezin; bij twijfel: vraag advies "
                    "aan Veilig Thuis (0800-2000), bij direct gevaar: bel 112."
                ),
            )
        )
    advice = TriageAdvice(
        help_request=help_request,
        created_by=actor,
        created_at=timezone.now(),
        outcome=result.outcome,
        urgency=result.urgency,
        rule_code=result.rule_code,
        reasons=[reason.as_json() for reason in reasons],
        offers=searched.offers,
        facts=facts.as_json(),
        rules_version=triage.version,
        rules_hash=triage_rules_hash(triage),
    )
    advice.save(force_insert=True)
    events.triage_advised_event(help_request=help_request, actor=actor, advice=advice)
    help_request.urgency = result.urgency
    fields = ["urgency"]
    fields += _set_status(help_request=help_request, actor=actor, status=HelpRequestStatus.ADVISED)
    help_request.save(update_fields=fields)
    _audit(
        actor=actor,
        action=Action.CREATE,
        help_request=help_request,
        reason="Triage-advies gegeven",
        request=request,
        object_type="triage_advice",
    )
    return advice


@transaction.atomic
def triage_decide(
    *,
    actor: User,
    help_request: HelpRequest,
    outcome: TriageOutcome | str,
    urgency: Urgency | str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> TriageDecision:
    """Decide after the latest advice: follow it, or choose otherwise with a reason.

    ``followed_advice`` is stored as a fact (the choice equals the advice), and the event
    is ``TRIAGE_DECIDED`` or ``TRIAGE_OVERRIDDEN``. One decision per request.
    """
    _require_first_door(actor=actor, household=help_request.household)
    outcome = _choice(outcome, TriageOutcome, "outcome")
    urgency = _choice(urgency, Urgency, "urgency")
    # Lock the request so that two decisions cannot race.
    HelpRequest.objects.select_for_update().filter(pk=help_request.pk).first()
    help_request.refresh_from_db(fields=["status"])
    if help_request.status in (HelpRequestStatus.DECIDED, HelpRequestStatus.CLOSED):
        raise HelpRequestStatusConflict(
            gettext("Over deze hulpvraag is al besloten of ze is afgesloten.")
        )
    if help_request.status != HelpRequestStatus.ADVISED:
        raise TriageAdviceMissing
    advice = help_request.triage_advices.order_by("-created_at", "-id").first()
    if advice is None:
        raise TriageAdviceMissing
    followed = outcome == advice.outcome and urgency == advice.urgency
    reason = reason.strip()
    if not followed and not reason:
        raise OverrideReasonRequired
    decision = TriageDecision(
        help_request=help_request,
        advice=advice,
        advised_outcome=advice.outcome,
        advised_urgency=advice.urgency,
        outcome=outcome,
        urgency=urgency,
        followed_advice=followed,
        override_reason="" if followed else reason,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    decision.save(force_insert=True)
    writer = events.triage_decided_event if followed else events.triage_overridden_event
    writer(help_request=help_request, actor=actor, decision=decision)
    help_request.outcome = outcome
    help_request.urgency = urgency
    fields = ["outcome", "urgency"]
    fields += _set_status(help_request=help_request, actor=actor, status=HelpRequestStatus.DECIDED)
    help_request.save(update_fields=fields)
    _audit(
        actor=actor,
        action=Action.CREATE,
        help_request=help_request,
        reason="Triagebesluit volgens advies" if followed else "Triagebesluit afwijkend van advies",
        request=request,
        object_type="triage_decision",
    )
    return decision


@transaction.atomic
def help_request_close(
    *,
    actor: User,
    help_request: HelpRequest,
    reason: CloseReason | str,
    note: str = "",
    request: HttpRequest | None = None,
) -> HelpRequest:
    """Close the request (help arranged, no longer needed, declined, duplicate, moved)."""
    _require_first_door(actor=actor, household=help_request.household)
    if not reason:
        raise CloseReasonRequired
    reason = _choice(reason, CloseReason, "reason")
    if help_request.status == HelpRequestStatus.CLOSED:
        raise HelpRequestStatusConflict(gettext("Deze hulpvraag is al afgesloten."))
    help_request.closed_at = timezone.now()
    help_request.close_reason = reason
    help_request.close_note = note.strip()
    fields = ["closed_at", "close_reason", "close_note"]
    fields += _set_status(help_request=help_request, actor=actor, status=HelpRequestStatus.CLOSED)
    events.help_request_closed_event(help_request=help_request, actor=actor)
    help_request.save(update_fields=fields)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        help_request=help_request,
        reason="Hulpvraag afgesloten",
        request=request,
    )
    return help_request
