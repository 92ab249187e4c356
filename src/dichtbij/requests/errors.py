"""Domain errors of the requests app.

Each error has a stable ``code``, an HTTP ``status`` for the API and a Dutch message.
When an error belongs to one form field, ``data["field"]`` names it (the name the intake
form and the API's input serializers use), so both can show it at that field.
"""

from __future__ import annotations

from typing import ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dichtbij.utils.errors import DichtbijError, NotFoundOrForbidden


class RequestsError(DichtbijError):
    """Base of the requests errors: a default Dutch message and the field it belongs to."""

    default_message: ClassVar[str | Promise] = _("Dit kan niet.")
    field: ClassVar[str] = ""

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        if self.field and "field" not in data:
            data["field"] = self.field
        super().__init__(self.default_message if message is None else message, **data)


class HelpRequestNotFound(NotFoundOrForbidden):
    """The help request does not exist or the viewer may not see it (alike, 404)."""

    code = "help_request_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Deze hulpvraag bestaat niet of u heeft er geen toegang toe.")
        super().__init__(default if message is None else message, **data)


class TriageAdviceNotFound(NotFoundOrForbidden):
    """The request has no triage advice yet (404 on reading it)."""

    code = "triage_advice_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Deze hulpvraag heeft nog geen triage-advies.")
        super().__init__(default if message is None else message, **data)


class TriageDecisionNotFound(NotFoundOrForbidden):
    """No triage decision was taken yet (404 on reading it)."""

    code = "triage_decision_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Over deze hulpvraag is nog geen triagebesluit genomen.")
        super().__init__(default if message is None else message, **data)


class HelpRequestActionNotAllowed(RequestsError):
    """The actor's role (or access) does not allow this step."""

    code = "help_request_action_not_allowed"
    status = 403
    default_message = _("Met uw rol of toegang kunt u dit niet doen.")


class QuestionRequired(RequestsError):
    code = "question_required"
    field = "question"
    default_message = _("Beschrijf de hulpvraag, het liefst in de woorden van het gezin.")


class ChildrenRequired(RequestsError):
    code = "children_required"
    field = "children"
    default_message = _("Kies minstens één kind voor wie de hulpvraag is.")


class ChildNotInHousehold(RequestsError):
    code = "child_not_in_household"
    field = "children"
    default_message = _("Een gekozen kind hoort niet bij dit gezin.")


class UnknownTheme(RequestsError):
    code = "unknown_theme"
    field = "themes"


class InvalidChoice(RequestsError):
    """A value outside its code list (only reachable through the API or code)."""

    code = "invalid_choice"


class ScoreOutOfRange(RequestsError):
    code = "score_out_of_range"
    field = "lowest_score"
    default_message = _("De score op de zelfredzaamheidsschaal is 1, 2, 3, 4 of 5.")


class HelpRequestNotAssessed(RequestsError):
    """Triage needs the assessment, except when the safety screen says someone is unsafe."""

    code = "help_request_not_assessed"
    status = 409
    default_message = _(
        "Beoordeel de hulpvraag eerst (ernst en of gewone hulp genoeg is). Zonder "
        "beoordeling komt er alleen direct een advies als iemand thuis niet veilig is."
    )


class HelpRequestStatusConflict(RequestsError):
    """The step does not fit the request's status (decided already, closed, ...)."""

    code = "help_request_status_conflict"
    status = 409


class TriageAdviceMissing(RequestsError):
    code = "triage_advice_missing"
    status = 409
    default_message = _("Er is nog geen triage-advies. Vraag eerst een advies op.")


class OverrideReasonRequired(RequestsError):
    code = "override_reason_required"
    field = "reason"
    default_message = _("U kiest iets anders dan het advies. Schrijf op waarom; dat wordt bewaard.")


class CloseReasonRequired(RequestsError):
    code = "close_reason_required"
    field = "reason"
    default_message = _("Kies waarom de hulpvraag wordt afgesloten.")
