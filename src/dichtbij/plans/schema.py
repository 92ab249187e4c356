"""The content of one version of a family plan, as pydantic models.

:class:`PlanContent` is what :attr:`PlanVersion.content <dichtbij.plans.models.PlanVersion.content>`
stores (``model_dump(mode="json")``) and what the API sends and receives. Each model forbids
unknown keys. Checks that need the region (is this one of its life domains?) run when a
``context={"domains": {...}}`` is passed to ``model_validate``; :func:`plan_content_parse`
does that and turns every pydantic error into a Dutch message with the path of its field.

Goal ids are stable across versions: a goal without ``id`` is new and gets one when the
version is stored; referrals refer to goals by this id.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Self

from django.utils.translation import gettext
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from dichtbij.plans.constants import ActionOwner, GoalSetWith, PlanLead

#: Custom error type of this module; its message is already Dutch.
ERROR_TYPE = "plan_value"


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError(ERROR_TYPE, "{message}", {"message": message})


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise _fail(gettext("Vul dit veld in."))
    return value


def _one_of(choices: Collection[str]) -> Any:
    def check(value: str) -> str:
        if value not in choices:
            raise _fail(gettext("Kies een van de mogelijkheden."))
        return value

    return AfterValidator(check)


Text = Annotated[str, AfterValidator(_text)]
OptionalText = Annotated[str, AfterValidator(str.strip)]


def _domain_known(value: str, info: ValidationInfo) -> str:
    domains = (info.context or {}).get("domains")
    if domains is not None and value not in domains:
        raise _fail(gettext("Kies een leefdomein van deze regio."))
    return value


def _goal_id(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise _fail(gettext("Onbekend doel.")) from None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=2000)


class DomainScore(_Model):
    """How self-reliant the family is on one life domain (1 acuut … 5 volledig)."""

    domain: Annotated[str, AfterValidator(_domain_known)]
    score: Annotated[int, Field(ge=1, le=5)]


class PlanAction(_Model):
    """Who does what, by when, for a goal.

    ``organisation_id`` names an organisation known to the platform (same region); it then
    becomes involved with the family (named in the plan). ``owner_name`` is the name of a
    person or an organisation outside the platform.
    """

    owner: Annotated[str, _one_of(ActionOwner.values)]
    owner_name: Annotated[OptionalText, Field(max_length=200)] = ""
    organisation_id: int | None = None
    what: Text
    due_on: date | None = None
    done: bool = False


class PlanGoal(_Model):
    """A goal in the family's own words, tied to one life domain."""

    id: Annotated[str | None, AfterValidator(_goal_id)] = None
    domain: Annotated[str, AfterValidator(_domain_known)]
    text: Text
    achieved_means: Text
    target_date: date
    set_with: Annotated[list[Annotated[str, _one_of(GoalSetWith.values)]], Field(min_length=1)]
    actions: list[PlanAction] = []

    @field_validator("set_with")
    @classmethod
    def _unique_set_with(cls, value: list[str]) -> list[str]:
        return [choice for choice in GoalSetWith.values if choice in value]


class Lead(_Model):
    """Who holds regie: the family, or the local team (with a reason and a date)."""

    holder: Annotated[str, _one_of(PlanLead.values)] = PlanLead.FAMILY.value
    reason: OptionalText = ""
    since: date | None = None

    @model_validator(mode="after")
    def _local_team_needs_reason(self) -> Self:
        if self.holder == PlanLead.LOCAL_TEAM:
            if not self.reason:
                raise _fail(gettext("Geef de reden waarom het lokale team de regie heeft."))
            if self.since is None:
                raise _fail(gettext("Geef de datum waarop het lokale team de regie nam."))
        return self


class LeadPeriod(_Model):
    """An ended period in which the local team held regie."""

    reason: Text
    since: date
    until: date
    hand_back_note: OptionalText = ""


class PlanContent(_Model):
    """One version of the family plan."""

    domain_scores: list[DomainScore] = []
    goals: Annotated[list[PlanGoal], Field(min_length=1)]
    lead: Lead = Lead()
    lead_history: list[LeadPeriod] = []
    next_evaluation_on: date | None = None

    @model_validator(mode="after")
    def _unique(self) -> Self:
        domains = [score.domain for score in self.domain_scores]
        if len(domains) != len(set(domains)):
            raise _fail(gettext("Elk leefdomein krijgt hoogstens één score."))
        ids = [goal.id for goal in self.goals if goal.id is not None]
        if len(ids) != len(set(ids)):
            raise _fail(gettext("Een doel staat twee keer in het plan."))
        return self

    def score_for(self, domain: str) -> int | None:
        """The score of ``domain``, or ``None`` if it was not scored."""
        return next((s.score for s in self.domain_scores if s.domain == domain), None)

    def goal(self, goal_id: str) -> PlanGoal | None:
        """The goal with ``goal_id``, or ``None``."""
        return next((goal for goal in self.goals if goal.id == goal_id), None)

    def as_json(self) -> dict[str, Any]:
        """What :attr:`PlanVersion.content` stores."""
        return self.model_dump(mode="json")


# --- Parsing with Dutch messages -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldError:
    """One mistake in plan content: the dotted path of the field and a Dutch message."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def field_path(loc: Sequence[int | str]) -> str:
    """``("goals", 0, "domain")`` -> ``goals.0.domain``."""
    return ".".join(str(part) for part in loc)


def _message(error: ErrorDetails) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == ERROR_TYPE:
        return str(error["msg"])
    loc = error["loc"]
    if kind == "too_short" and loc == ("goals",):
        return gettext("Een plan heeft minstens één doel.")
    if kind == "too_short" and loc and loc[-1] == "set_with":
        return gettext("Kies met wie het doel is opgesteld.")
    if kind in {"greater_than_equal", "less_than_equal"} and loc and loc[-1] == "score":
        return gettext("Kies een score van 1 tot en met 5.")
    simple = {
        "missing": gettext("Dit veld is verplicht."),
        "extra_forbidden": gettext("Onbekend veld."),
        "string_type": gettext("Vul tekst in."),
        "string_too_short": gettext("Vul dit veld in."),
        "string_too_long": gettext("Deze tekst is te lang (hoogstens %(max)s tekens).")
        % {"max": ctx.get("max_length")},
        "int_type": gettext("Vul een heel getal in."),
        "int_parsing": gettext("Vul een heel getal in."),
        "int_from_float": gettext("Vul een heel getal in."),
        "bool_type": gettext("Kies ja of nee."),
        "bool_parsing": gettext("Kies ja of nee."),
        "date_type": gettext("Vul een geldige datum in."),
        "date_parsing": gettext("Vul een geldige datum in."),
        "date_from_datetime_parsing": gettext("Vul een geldige datum in."),
        "date_from_datetime_inexact": gettext("Vul een datum in zonder tijd."),
        "list_type": gettext("Geef een lijst."),
        "model_type": gettext("Geef een object."),
        "model_attributes_type": gettext("Geef een object."),
        "dict_type": gettext("Geef een object."),
        "too_short": gettext("Vul minstens één in."),
    }
    if kind in simple:
        return simple[kind]
    if kind == "greater_than_equal":
        return gettext("Moet minstens %(limit)s zijn.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return gettext("Mag hoogstens %(limit)s zijn.") % {"limit": ctx.get("le")}
    return gettext("Ongeldige waarde.")


def plan_content_errors(error: ValidationError) -> list[FieldError]:
    """Every problem of a pydantic ``ValidationError`` as a Dutch :class:`FieldError`."""
    return [FieldError(field_path(e["loc"]) or "content", _message(e)) for e in error.errors()]


def plan_content_validate(
    data: PlanContent | Mapping[str, object], *, domains: Collection[str] | None
) -> PlanContent:
    """Validate ``data`` (raises pydantic's ``ValidationError``).

    With ``domains``, life-domain codes must be among them (new content); without, stored
    content is read as it is.
    """
    raw = data.as_json() if isinstance(data, PlanContent) else data
    return PlanContent.model_validate(
        raw, context={"domains": set(domains)} if domains is not None else None
    )
