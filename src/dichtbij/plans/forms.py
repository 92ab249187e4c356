"""Forms of the plan pages. They check shape only; the services check the plan's rules.

The editor is a plain form for the plan (scores, next evaluation, what changed) plus a
formset of goals; each goal form holds a fixed number of action rows, so that the page
works without JavaScript. :func:`plan_editor_content` turns the cleaned forms into
:class:`~dichtbij.plans.schema.PlanContent` data and remembers which form field each
content path came from, to put the service's messages back at the right field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dichtbij.accounts.models import Organisation
from dichtbij.plans.constants import (
    ActionOwner,
    AgreementMethod,
    GoalResult,
    GoalSetWith,
    SelfReliance,
)
from dichtbij.plans.schema import PlanContent, PlanGoal
from dichtbij.regions.schema import LifeDomain
from dichtbij.utils.forms import NLDesignFormMixin

#: Empty goal rows the editor offers below the existing goals.
EXTRA_GOAL_ROWS = 2
#: Action rows each goal offers at least (one more than it has).
MIN_ACTION_ROWS = 2

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_SCORE_CHOICES = [
    ("", _("Niet gescoord")),
    *[(str(value), format_lazy("{} – {}", value, label)) for value, label in SelfReliance.choices],
]


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanHeaderForm(NLDesignFormMixin, forms.Form):
    """The plan's own fields: the scores per life domain, next evaluation, what changed."""

    next_evaluation_on = forms.DateField(
        label=_("Volgende evaluatie"),
        required=False,
        widget=_DATE,
        help_text=_("Wanneer kijken jullie samen hoe het gaat?"),
    )
    change_note = forms.CharField(
        label=_("Wat is er veranderd?"),
        required=False,
        max_length=500,
        help_text=_("Kort, voor de geschiedenis van het plan."),
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, domains: list[LifeDomain], revising: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            self.fields[f"score_{domain.code}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=_SCORE_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
            )
        if revising:
            note = self.fields["change_note"]
            note.required = True
            note.error_messages["required"] = _("Schrijf kort op wat er veranderd is.")
        else:
            del self.fields["change_note"]
        self.order_fields([f"score_{d.code}" for d in domains])

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{domain.code}"] for domain in self.domains]


class GoalForm(NLDesignFormMixin, forms.Form):
    """One goal with its action rows; every field optional here, the service decides."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    domain = forms.ChoiceField(label=_("Leefdomein"), required=False)
    text = forms.CharField(
        label=_("Doel, in de woorden van het gezin"),
        required=False,
        widget=_textarea(),
        max_length=2000,
    )
    achieved_means = forms.CharField(
        label=_("Wanneer is het doel bereikt?"),
        required=False,
        widget=_textarea(),
        max_length=2000,
        help_text=_("Wat is er dan anders? Zo concreet mogelijk."),
    )
    target_date = forms.DateField(label=_("Streefdatum"), required=False, widget=_DATE)
    set_with = forms.MultipleChoiceField(
        label=_("Opgesteld met"),
        required=False,
        choices=GoalSetWith.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    remove = forms.BooleanField(label=_("Dit doel uit het plan halen"), required=False)

    def __init__(
        self,
        *args: Any,
        domains: list[LifeDomain],
        organisations: list[Organisation],
        action_rows: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.action_rows = action_rows
        domain_field = self.fields["domain"]
        assert isinstance(domain_field, forms.ChoiceField)
        domain_field.choices = [
            ("", _("Kies een leefdomein")),
            *[(d.code, d.name) for d in domains],
        ]
        org_choices = [
            ("", _("Geen organisatie uit Dichtbij")),
            *[(str(o.pk), o.name) for o in organisations],
        ]
        for row in range(action_rows):
            prefix = f"action_{row}_"
            self.fields[prefix + "owner"] = forms.ChoiceField(
                label=_("Wie"),
                required=False,
                choices=[("", _("Kies wie")), *ActionOwner.choices],
            )
            self.fields[prefix + "owner_name"] = forms.CharField(
                label=_("Naam of organisatie"), required=False, max_length=200
            )
            self.fields[prefix + "organisation_id"] = forms.TypedChoiceField(
                label=_("Organisatie in Dichtbij"),
                required=False,
                choices=org_choices,
                coerce=int,
                empty_value=None,
                help_text=_("Die organisatie wordt dan betrokken bij het gezin."),
            )
            self.fields[prefix + "what"] = forms.CharField(
                label=_("Wat"), required=False, max_length=2000, widget=_textarea(1)
            )
            self.fields[prefix + "due_on"] = forms.DateField(
                label=_("Wanneer klaar"), required=False, widget=_DATE
            )
            self.fields[prefix + "done"] = forms.BooleanField(label=_("Klaar"), required=False)
        if not self.initial.get("id"):
            del self.fields["remove"]

    def action_field_rows(self) -> list[list[forms.BoundField]]:
        names = ("owner", "owner_name", "organisation_id", "what", "due_on", "done")
        return [[self[f"action_{row}_{name}"] for name in names] for row in range(self.action_rows)]

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (
            data.get("id")
            or data.get("domain")
            or data.get("text")
            or data.get("achieved_means")
            or data.get("target_date")
        ) and not any(data.get(f"action_{row}_what") for row in range(self.action_rows))


class _GoalFormSet(BaseFormSet[GoalForm]):
    pass


GoalFormSet = formset_factory(GoalForm, formset=_GoalFormSet, extra=0, max_num=40)


def goal_initial(goal: PlanGoal) -> dict[str, Any]:
    """A stored goal as the editor's initial data."""
    initial: dict[str, Any] = {
        "id": goal.id or "",
        "domain": goal.domain,
        "text": goal.text,
        "achieved_means": goal.achieved_means,
        "target_date": goal.target_date,
        "set_with": list(goal.set_with),
    }
    for row, action in enumerate(goal.actions):
        prefix = f"action_{row}_"
        initial.update(
            {
                prefix + "owner": action.owner,
                prefix + "owner_name": action.owner_name,
                prefix + "organisation_id": action.organisation_id,
                prefix + "what": action.what,
                prefix + "due_on": action.due_on,
                prefix + "done": action.done,
            }
        )
    return initial


def editor_initial(
    content: PlanContent | None, next_evaluation_on: date | None
) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """Initial data of the header form and the goal formset, and the action rows per goal."""
    blank_goal = {"set_with": [GoalSetWith.CHILD.value, GoalSetWith.PARENTS.value]}
    if content is None:
        return {}, [dict(blank_goal) for _ in range(EXTRA_GOAL_ROWS + 1)], MIN_ACTION_ROWS
    header: dict[str, Any] = {"next_evaluation_on": next_evaluation_on}
    header.update({f"score_{s.domain}": s.score for s in content.domain_scores})
    goals = [goal_initial(goal) for goal in content.goals]
    goals += [dict(blank_goal) for _ in range(EXTRA_GOAL_ROWS)]
    most = max((len(goal.actions) for goal in content.goals), default=0)
    return header, goals, max(MIN_ACTION_ROWS, most + 1)


@dataclass
class EditorContent:
    """Content data built from the editor, and where each content path came from."""

    data: dict[str, Any]
    fields: dict[str, tuple[forms.Form, str]] = field(default_factory=dict)


def plan_editor_content(
    header: PlanHeaderForm, goals: BaseFormSet[GoalForm], *, lead: dict[str, Any] | None
) -> EditorContent:
    """The plan content the cleaned editor forms describe (blank goal rows skipped)."""
    result = EditorContent(data={})
    scores: list[dict[str, object]] = []
    for domain in header.domains:
        value = header.cleaned_data.get(f"score_{domain.code}")
        if value is not None:
            result.fields[f"domain_scores.{len(scores)}.score"] = (header, f"score_{domain.code}")
            result.fields[f"domain_scores.{len(scores)}.domain"] = (header, f"score_{domain.code}")
            scores.append({"domain": domain.code, "score": value})
    goal_rows: list[dict[str, Any]] = []
    for form in goals.forms:
        data = form.cleaned_data
        if form.is_blank() or data.get("remove"):
            continue
        index = len(goal_rows)
        goal: dict[str, Any] = {
            "domain": data.get("domain") or "",
            "text": data.get("text") or "",
            "achieved_means": data.get("achieved_means") or "",
            "target_date": data.get("target_date"),
            "set_with": list(data.get("set_with") or []),
            "actions": [],
        }
        if data.get("id"):
            goal["id"] = data["id"]
        for name in ("id", "domain", "text", "achieved_means", "target_date", "set_with"):
            result.fields[f"goals.{index}.{name}"] = (form, name if name != "id" else "text")
        result.fields[f"goals.{index}"] = (form, "text")
        for row in range(form.action_rows):
            prefix = f"action_{row}_"
            if not (data.get(prefix + "what") or data.get(prefix + "owner")):
                continue
            position = len(goal["actions"])
            goal["actions"].append(
                {
                    "owner": data.get(prefix + "owner") or "",
                    "owner_name": data.get(prefix + "owner_name") or "",
                    "organisation_id": data.get(prefix + "organisation_id"),
                    "what": data.get(prefix + "what") or "",
                    "due_on": data.get(prefix + "due_on"),
                    "done": bool(data.get(prefix + "done")),
                }
            )
            for name in ("owner", "owner_name", "organisation_id", "what", "due_on", "done"):
                result.fields[f"goals.{index}.actions.{position}.{name}"] = (form, prefix + name)
        goal_rows.append(goal)
    result.data = {
        "domain_scores": scores,
        "goals": goal_rows,
        "next_evaluation_on": header.cleaned_data.get("next_evaluation_on"),
    }
    result.fields["next_evaluation_on"] = (header, "next_evaluation_on")
    result.fields["change_note"] = (header, "change_note")
    if lead is not None:
        result.data.update(lead)
    return result


class AgreementForm(NLDesignFormMixin, forms.Form):
    """The family's agreement to one version."""

    version = forms.TypedChoiceField(label=_("Versie"), coerce=int)
    method = forms.ChoiceField(
        label=_("Hoe gaf het gezin akkoord?"), choices=AgreementMethod.choices
    )
    agreed_on = forms.DateField(label=_("Datum van het akkoord"), widget=_DATE)
    agreed_by = forms.CharField(
        label=_("Wie gaven akkoord?"),
        max_length=300,
        help_text=_("De namen van de jeugdige en de ouders, bv. 'Sanne en Mark Jansen'."),
    )

    def __init__(self, *args: Any, versions: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(str(n), _("Versie %(n)s") % {"n": n}) for n in versions]


class EvaluationForm(NLDesignFormMixin, forms.Form):
    """An evaluation: a result per goal, scores per life domain, a note and the next date."""

    evaluated_on = forms.DateField(label=_("Datum van de evaluatie"), widget=_DATE)
    note = forms.CharField(
        label=_("Wat is er besproken?"), required=False, widget=_textarea(4), max_length=5000
    )
    next_evaluation_on = forms.DateField(
        label=_("Volgende evaluatie"), required=False, widget=_DATE
    )

    def __init__(
        self, *args: Any, goals: list[PlanGoal], domains: list[LifeDomain], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.domains = domains
        for goal in goals:
            self.fields[f"result_{goal.id}"] = forms.ChoiceField(
                label=_("Resultaat"),
                choices=[("", _("Kies een resultaat")), *GoalResult.choices],
                error_messages={"required": _("Kies een resultaat voor dit doel.")},
            )
            self.fields[f"result_note_{goal.id}"] = forms.CharField(
                label=_("Toelichting"), required=False, max_length=1000
            )
        for domain in domains:
            self.fields[f"score_{domain.code}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=_SCORE_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
            )

    def goal_rows(self) -> list[tuple[PlanGoal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"result_{g.id}"], self[f"result_note_{g.id}"]) for g in self.goals]

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{domain.code}"] for domain in self.domains]

    def scores(self) -> dict[str, int]:
        return {
            domain.code: self.cleaned_data[f"score_{domain.code}"]
            for domain in self.domains
            if self.cleaned_data.get(f"score_{domain.code}") is not None
        }

    def field_for(self, service_field: str) -> str | None:
        """The form field of a service error's field (``results.<goal id>``, ...)."""
        kind, _dot, key = service_field.partition(".")
        name = {"results": f"result_{key}", "scores": f"score_{key}"}.get(kind, service_field)
        return name if name in self.fields else None


class LeadTakeOverForm(NLDesignFormMixin, forms.Form):
    """The local team takes over regie."""

    reason = forms.CharField(
        label=_("Waarom neemt het lokale team de regie over?"),
        widget=_textarea(3),
        max_length=1000,
        help_text=_("Dit staat in het plan; het gezin leest het ook."),
    )
    since = forms.DateField(label=_("Vanaf"), widget=_DATE)


class LeadHandBackForm(NLDesignFormMixin, forms.Form):
    """The local team hands regie back to the family."""

    since = forms.DateField(label=_("Het gezin heeft de regie weer vanaf"), widget=_DATE)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=_textarea(3), max_length=1000
    )
