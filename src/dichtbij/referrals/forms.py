"""Forms of the referral pages: draft a referral, and the steps after it (accept, reject,
start, pause, complete with a result per goal, cancel, fail, add a sub-contracted part).

Forms check shape; the services check the domain rules and name the field a refusal
belongs to, which the view puts there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.functional import Promise as StrOrPromise
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.families.constants import LegalGround
from dichtbij.referrals.constants import EndReason, GoalResult, RejectReason, Urgency
from dichtbij.utils.forms import NLDesignFormMixin

REQUIRED = {"required": _("Dit is verplicht.")}
_DATE = forms.DateInput(attrs={"type": "date"})


class ReferralDraftForm(NLDesignFormMixin, forms.Form):
    """What the referral carries: child, question, goals from the plan, needed expertise,
    urgency, and on what sharing rests (the family's consent, or a legal ground)."""

    child = forms.ChoiceField(label=_("Voor welk kind?"), error_messages=REQUIRED)
    question = forms.CharField(
        label=_("Wat is de vraag aan het specialistische team?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beschrijf de vraag aan het team.")},
    )
    goals = forms.MultipleChoiceField(
        label=_("Doelen uit het gezinsplan"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    expertise = forms.MultipleChoiceField(
        label=_("Welke expertise is nodig?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één expertise.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=[("", _("Zoals bij de triage besloten")), *Urgency.choices],
        required=False,
    )
    consent = forms.ChoiceField(
        label=_("Toestemming van het gezin"),
        required=False,
        help_text=_("Een geldige toestemming voor het doel verwijzing."),
    )
    legal_ground = forms.ChoiceField(
        label=_("Of: wettelijke grondslag zonder toestemming"),
        choices=[("", _("Geen: op toestemming")), *LegalGround.choices],
        required=False,
    )
    explanation = forms.CharField(
        label=_("Toelichting bij de grondslag"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        children: Sequence[tuple[str, str]],
        goals: Sequence[tuple[str, str]],
        expertise: Sequence[tuple[str, str]],
        consents: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("child", list(children))
        self._set_choices("goals", list(goals))
        self._set_choices("expertise", list(expertise))
        self._set_choices("consent", [("", _("Kies een toestemming")), *consents])
        if len(children) == 1:
            self.initial.setdefault("child", children[0][0])
        if not goals:
            del self.fields["goals"]

    def _set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("consent") and not cleaned.get("legal_ground"):
            self.add_error(
                "consent",
                _("Kies de toestemming van het gezin, of leg een wettelijke grondslag vast."),
            )
        return cleaned


class AcceptForm(NLDesignFormMixin, forms.Form):
    expected_start = forms.DateField(
        label=_("Verwachte start van de hulp"), required=False, widget=_DATE
    )


class RejectForm(NLDesignFormMixin, forms.Form):
    reason_code = forms.ChoiceField(
        label=_("Reden van afwijzen"),
        choices=[("", _("Kies een reden")), *RejectReason.choices],
        error_messages={"required": _("Kies een reden.")},
    )
    reason = forms.CharField(
        label=_("Toelichting voor de verwijzer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Licht de afwijzing toe voor de verwijzer.")},
    )


class StartForm(NLDesignFormMixin, forms.Form):
    started_on = forms.DateField(
        label=_("De hulp is gestart op"),
        widget=_DATE,
        error_messages={
            "required": _("Vul de startdatum in."),
            "invalid": _("Geen geldige datum."),
        },
    )


class HoldForm(NLDesignFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom wordt de hulp gepauzeerd?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


def _end_reasons(empty: StrOrPromise) -> list[tuple[str, Any]]:
    return [("", empty), *((value, f"{value} {label}") for value, label in EndReason.choices)]


class CloseForm(NLDesignFormMixin, forms.Form):
    """Cancel or fail: a reason for the referrer, optionally an iJw end reason."""

    reason = forms.CharField(
        label=_("Toelichting voor de verwijzer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een toelichting.")},
    )
    end_reason = forms.ChoiceField(
        label=_("Reden beëindiging (iJw)"),
        choices=_end_reasons(_("Geen")),
        required=False,
    )


class CompleteForm(NLDesignFormMixin, forms.Form):
    """Complete: the iJw end reason (JZ588), a result for each goal of the referral (one
    field ``goal_<id>`` per goal), and a note."""

    end_reason = forms.ChoiceField(
        label=_("Reden beëindiging (iJw)"),
        choices=_end_reasons(_("Kies een reden")),
        initial=EndReason.AS_PLANNED,
        error_messages={"required": _("Kies een reden beëindiging.")},
    )
    note = forms.CharField(
        label=_("Afsluitende notitie"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, goals: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal_fields: list[tuple[str, str]] = []
        for goal_id, text in goals:
            name = f"goal_{goal_id}"
            self.fields[name] = forms.ChoiceField(
                label=_("Resultaat: %(goal)s") % {"goal": text},
                choices=[("", _("Kies een resultaat")), *GoalResult.choices],
                error_messages={"required": _("Kies het resultaat van dit doel.")},
            )
            self.goal_fields.append((goal_id, name))
        # The goal results first, then the end reason and the note.
        self.order_fields([name for _goal, name in self.goal_fields])

    def goal_results(self) -> dict[str, str]:
        return {goal_id: self.cleaned_data[name] for goal_id, name in self.goal_fields}


class SubcontractForm(NLDesignFormMixin, forms.Form):
    """The lead provider adds a part another provider delivers."""

    provider = forms.ChoiceField(
        label=_("Onderaannemer"), error_messages={"required": _("Kies een aanbieder.")}
    )
    description = forms.CharField(
        label=_("Welk deel doet de onderaannemer?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beschrijf welk deel de onderaannemer doet.")},
    )

    def __init__(self, *args: Any, providers: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Kies een aanbieder")), *providers]
