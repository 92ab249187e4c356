"""Errors of the plans app. Each names the form field it belongs to in ``data["field"]``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

from dichtbij.plans.schema import FieldError
from dichtbij.utils.errors import DichtbijError, NotFoundOrForbidden


class PlanNotFound(NotFoundOrForbidden):
    """There is no plan, or the viewer may not see it; the two look alike."""

    code = "plan_not_found"

    def __init__(self, message: str | None = None, **data: object) -> None:
        default = gettext("Er is geen gezinsplan, of u heeft er geen toegang toe.")
        super().__init__(default if message is None else message, **data)


class PlanVersionNotFound(NotFoundOrForbidden):
    """There is no such version, or the viewer may not see the plan."""

    code = "plan_version_not_found"

    def __init__(self, message: str | None = None, **data: object) -> None:
        default = gettext("Deze versie van het gezinsplan bestaat niet of is niet zichtbaar.")
        super().__init__(default if message is None else message, **data)


class PlanError(DichtbijError):
    """A plan rule refused the input; ``field`` names the field it belongs to."""

    code = "plan_invalid"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message, **({"field": field} if field else {}))
        self.field = field


class PlanAlreadyExists(PlanError):
    """A household has one plan; revise it instead of making a second."""

    code = "plan_already_exists"
    status = 409


class PlanVersionConflict(PlanError):
    """The plan changed since the version the editor started from."""

    code = "plan_version_conflict"
    status = 409


class PlanUnchanged(PlanError):
    """A revision with the same content as the current version: no new version."""

    code = "plan_unchanged"


class PlanContentInvalid(DichtbijError):
    """The content of a version has mistakes; ``errors`` lists each with its field."""

    code = "plan_content_invalid"

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        first = self.errors[0] if self.errors else FieldError("content", "")
        message = gettext("Het plan is niet opgeslagen: verbeter de velden met een fout.")
        super().__init__(
            message,
            field=first.field,
            errors=[error.as_dict() for error in self.errors],
        )


class AgreementInvalid(PlanError):
    """The agreement cannot be recorded as given."""

    code = "plan_agreement_invalid"


class EvaluationInvalid(PlanError):
    """The evaluation cannot be recorded as given."""

    code = "plan_evaluation_invalid"


class LeadChangeInvalid(PlanError):
    """A take-over or hand-back of regie that does not fit the plan's current regie."""

    code = "plan_lead_change_invalid"
