"""Domain errors of the referrals app.

Each error has a stable ``code``, an HTTP ``status`` for the API and a Dutch message that
names the rule. When an error belongs to one input field, ``data["field"]`` names it (as
the API's input serializers and the pages' forms call it).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dichtbij.referrals.constants import TRANSITIONS, ReferralStatus
from dichtbij.utils.errors import DichtbijError, NotFoundOrForbidden


class ReferralError(DichtbijError):
    """Base of the referrals errors: a default Dutch message and the field it belongs to."""

    default_message: ClassVar[str | Promise] = _("Dit kan niet met deze verwijzing.")
    field: ClassVar[str] = ""

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        if self.field and "field" not in data:
            data["field"] = self.field
        super().__init__(self.default_message if message is None else message, **data)


class ReferralNotFound(NotFoundOrForbidden):
    """The referral does not exist or the viewer may not see it (alike, 404)."""

    code = "referral_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Deze verwijzing bestaat niet of u heeft er geen toegang toe.")
        super().__init__(default if message is None else message, **data)


class TeamNotFound(NotFoundOrForbidden):
    """The team does not exist, is of another region, or the viewer is not in it."""

    code = "team_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Dit team bestaat niet of u hoort er niet bij.")
        super().__init__(default if message is None else message, **data)


class IllegalTransition(ReferralError):
    """The referral's status does not allow this step (409), e.g. accepting a completed one."""

    code = "illegal_transition"
    status = 409

    def __init__(self, *, old: str, new: str, sources: Collection[str] | None = None) -> None:
        super().__init__(
            gettext(
                'Een verwijzing met status "%(old)s" kan niet naar "%(new)s".'
                " Dit kan alleen vanuit: %(allowed)s."
            )
            % {
                "old": _label(old),
                "new": _label(new),
                "allowed": _sources(new, sources),
            },
            from_status=old,
            to_status=new,
        )


def _label(status: str) -> str:
    try:
        return str(ReferralStatus(status).label)
    except ValueError:
        return status


def _sources(new: str, sources: Collection[str] | None) -> str:
    """The statuses the step may be taken from: ``sources``, else every status the
    table allows ``new`` from."""
    labels = [
        str(old.label)
        for old, targets in TRANSITIONS.items()
        if (old in sources if sources is not None else new in targets)
    ]
    return ", ".join(f'"{label}"' for label in labels) or gettext("geen enkele status")


class ReferralActionNotAllowed(ReferralError):
    """The actor may not take this step with this referral (wrong role or party)."""

    code = "referral_action_not_allowed"
    status = 403
    default_message = _("U mag deze stap met deze verwijzing niet zetten.")


class ReferrerTypeMissing(ReferralError):
    """The actor has no referrer type (COD327): they cannot refer."""

    code = "referrer_type_missing"
    status = 403
    default_message = _(
        "U heeft geen verwijzertype (iJw COD327) en kunt daarom niet verwijzen naar "
        "specialistische hulp. Vraag functioneel beheer om uw verwijzertype vast te leggen."
    )


class ReferrerTypeMismatch(ReferralError):
    """The actor claims another referrer type than the one recorded for them."""

    code = "referrer_type_mismatch"
    status = 403
    field = "referrer_type"


class ReferrerTypeNotAllowed(ReferralError):
    """The region does not allow this referrer type to refer (the rule is named)."""

    code = "referrer_type_not_allowed"
    status = 403
    field = "referrer_type"


class ChildNotInHousehold(ReferralError):
    code = "child_not_in_household"
    field = "child"
    default_message = _("Dit kind hoort niet bij het gezin van deze hulpvraag.")


class QuestionRequired(ReferralError):
    code = "question_required"
    field = "question"
    default_message = _("Beschrijf de vraag voor het team.")


class GoalNotInPlan(ReferralError):
    """A goal id that is not in the current version of the family plan."""

    code = "goal_not_in_plan"
    field = "goal_ids"


class ExpertiseRequired(ReferralError):
    code = "expertise_required"
    field = "expertise_codes"
    default_message = _("Kies minstens één expertise die nodig is.")


class UnknownExpertise(ReferralError):
    """An expertise code that is not in the region's list."""

    code = "unknown_expertise"
    field = "expertise_codes"


class InvalidChoice(ReferralError):
    """A value that is not in its code list (urgency, end reason, reject reason, result)."""

    code = "invalid_choice"


class ReferralBasisRequired(ReferralError):
    """No consent of the family for a referral and no legal ground with explanation."""

    code = "referral_basis_required"
    field = "consent"
    default_message = _(
        "Er is geen geldige toestemming van het gezin voor een verwijzing, en geen "
        "wettelijke grond met toelichting. Leg eerst toestemming vast (doel: verwijzing), "
        "of kies een wettelijke grond en licht die toe."
    )


class ReferralBasisAmbiguous(ReferralError):
    code = "referral_basis_ambiguous"
    field = "legal_ground"
    default_message = _("Kies toestemming óf een wettelijke grond, niet allebei.")


class ExplanationRequired(ReferralError):
    code = "explanation_required"
    field = "explanation"
    default_message = _("Licht toe waarom u op deze wettelijke grond verwijst.")


class ConsentNotValid(ReferralError):
    """The consent is of another household, for another purpose, withdrawn or expired."""

    code = "consent_not_valid"
    field = "consent"


class ConsentNotForRecipient(ReferralError):
    """The family's consent does not cover sharing with the chosen team or provider."""

    code = "consent_not_for_recipient"
    status = 409
    field = "team"


class HelpRequestClosed(ReferralError):
    code = "help_request_closed"
    status = 409
    field = "help_request"
    default_message = _("Deze hulpvraag is afgesloten; daaruit kunt u niet meer verwijzen.")


class RecipientRequired(ReferralError):
    """Sending needs exactly one team, or (lead-provider model) one provider."""

    code = "recipient_required"
    field = "team"


class TeamOutsideRegion(ReferralError):
    """The chosen team or provider is not of the referral's region (or no longer active)."""

    code = "team_outside_region"
    field = "team"


class ProviderCannotLead(ReferralError):
    """In the lead-provider model the chosen provider may not be hoofdaannemer."""

    code = "provider_cannot_lead"
    field = "provider"


class TeamFull(ReferralError):
    """The team has no free place left (its live referrals reach its ceiling)."""

    code = "team_full"
    status = 409


class ProviderFull(TeamFull):
    """The lead provider has no free place left: the live referrals of its teams and
    those sent to the provider itself reach its teams' ceilings together."""

    code = "provider_full"


class ProfessionalNotInTeam(ReferralError):
    code = "professional_not_in_team"
    field = "professional"
    default_message = _("Deze hulpverlener werkt niet (meer) in dit team.")


class ProfessionalFull(ReferralError):
    code = "professional_full"
    status = 409
    field = "professional"


class ReasonRequired(ReferralError):
    code = "reason_required"
    field = "reason"
    default_message = _("Geef een reden.")


class StartBeforeAcceptance(ReferralError):
    code = "start_before_acceptance"
    field = "started_on"


class DateInFuture(ReferralError):
    code = "date_in_future"
    field = "started_on"
    default_message = _("Deze datum ligt in de toekomst.")


class ExpectedStartInPast(ReferralError):
    code = "expected_start_in_past"
    field = "expected_start"
    default_message = _("De verwachte start ligt in het verleden.")


class GoalResultsInvalid(ReferralError):
    """Completing needs a result for every goal of the referral, and only for those."""

    code = "goal_results_invalid"
    field = "goal_results"


class NotLeadProviderModel(ReferralError):
    code = "not_lead_provider_model"
    status = 409
    default_message = _("Deze verwijzing heeft geen traject met een hoofdaannemer.")


class SubcontractInvalid(ReferralError):
    code = "subcontract_invalid"
    field = "provider"
