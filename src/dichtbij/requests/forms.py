"""Forms of the requests pages: intake (with assessment), assessment, decision, closing.

Forms check shape and show errors at the field; the domain rules are the services'
(a refusal carries the field it belongs to, and the view puts it there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.families.models import Child
from dichtbij.requests.constants import (
    Answer,
    Asker,
    CloseReason,
    ProblemDuration,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.utils.forms import FieldsetFormMixin

SCORE_CHOICES = [
    ("", _("Niet ingevuld")),
    ("1", _("1 – acuut probleem")),
    ("2", _("2 – niet zelfredzaam")),
    ("3", _("3 – beperkt zelfredzaam")),
    ("4", _("4 – voldoende zelfredzaam")),
    ("5", _("5 – volledig zelfredzaam")),
]

REQUIRED = {"required": _("Dit is verplicht.")}


def _radio(choices: Any, label: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages=REQUIRED, **kwargs
    )


class AssessmentFieldsMixin(forms.Form):
    """The professional's assessment: severity, is ordinary help enough, lowest score."""

    severity = _radio(Severity.choices, _("Hoe ernstig zijn de problemen?"), required=False)
    ordinary_help_enough = _radio(
        Answer.choices,
        _("Kan gewone hulp (zonder verwijzing) genoeg zijn?"),
        required=False,
    )
    lowest_score = forms.TypedChoiceField(
        label=_("Laagste score op de zelfredzaamheidsschaal"),
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("De score van het leefdomein waar het het minst goed gaat."),
    )
    assessment_note = forms.CharField(
        label=_("Toelichting bij de beoordeling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    #: Whether the assessment is required (a separate assessment form) or optional.
    assessment_required = False

    def clean_assessment(self, cleaned: dict[str, Any]) -> None:
        severity, enough = cleaned.get("severity"), cleaned.get("ordinary_help_enough")
        if self.assessment_required or severity or enough or cleaned.get("lowest_score"):
            if not severity:
                self.add_error("severity", _("Kies hoe ernstig de problemen zijn."))
            if not enough:
                self.add_error("ordinary_help_enough", _("Kies of gewone hulp genoeg kan zijn."))


class IntakeForm(AssessmentFieldsMixin, FieldsetFormMixin, forms.Form):
    """The intake of a help request, with the safety screen and (for the first door) the
    assessment, so that the advice can follow at once."""

    question = forms.CharField(
        label=_("Wat is de hulpvraag?"),
        help_text=_("Schrijf de vraag zo veel mogelijk in de woorden van het gezin."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Beschrijf de hulpvraag.")},
    )
    asker = _radio(Asker.choices, _("Wie stelt de vraag?"))
    asker_name = forms.CharField(
        label=_("Naam van wie de vraag stelt"), max_length=200, required=False
    )
    children = forms.MultipleChoiceField(
        label=_("Voor welke kinderen is de vraag?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één kind.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Waar gaat de vraag over?"),
        help_text=_("Kies een of meer thema's uit de sociale kaart."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    duration = _radio(ProblemDuration.choices, _("Hoe lang speelt het al?"))
    tried_before = forms.CharField(
        label=_("Wat is al geprobeerd?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ordinary_help_tried = forms.BooleanField(
        label=_("Gewone hulp (zonder verwijzing) is al geprobeerd"), required=False
    )
    unsafe_at_home = _radio(Answer.choices, _("Is iemand thuis niet veilig?"))
    risk_of_harm = _radio(
        Answer.choices, _("Is er een risico dat iemand zichzelf of een ander iets aandoet?")
    )
    safety_note = forms.CharField(
        label=_("Toelichting veiligheid"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    safety_legend = _("Veiligheid")
    fieldsets = (
        (_("De vraag"), ("question", "asker", "asker_name", "children", "themes")),
        (
            _("Wat speelt er en wat is geprobeerd"),
            ("duration", "tried_before", "ordinary_help_tried"),
        ),
        (safety_legend, ("unsafe_at_home", "risk_of_harm", "safety_note")),
        (
            _("Beoordeling door u als professional"),
            ("severity", "ordinary_help_enough", "lowest_score", "assessment_note"),
        ),
    )
    ASSESSMENT_FIELDS = ("severity", "ordinary_help_enough", "lowest_score", "assessment_note")

    def __init__(
        self,
        *args: Any,
        children: Sequence[Child],
        themes: Sequence[tuple[str, str]],
        can_assess: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        children_field = self.fields["children"]
        assert isinstance(children_field, forms.MultipleChoiceField)
        children_field.choices = [
            (str(child.public_id), f"{child.first_name} {child.last_name} ({child.birth_date:%Y})")
            for child in children
        ]
        if len(children) == 1:
            self.initial.setdefault("children", [str(children[0].public_id)])
        themes_field = self.fields["themes"]
        assert isinstance(themes_field, forms.MultipleChoiceField)
        themes_field.choices = list(themes)
        self.can_assess = can_assess
        if not can_assess:
            for name in self.ASSESSMENT_FIELDS:
                del self.fields[name]

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.can_assess:
            self.clean_assessment(cleaned)
        return cleaned


class AssessmentForm(AssessmentFieldsMixin, FieldsetFormMixin, forms.Form):
    """The assessment on its own, for a request registered without one."""

    assessment_required = True
    fieldsets = (
        (
            _("Beoordeling"),
            ("severity", "ordinary_help_enough", "lowest_score", "assessment_note"),
        ),
    )

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_assessment(cleaned)
        return cleaned


FOLLOW, OTHERWISE = "volgen", "anders"


class DecisionForm(FieldsetFormMixin, forms.Form):
    """Follow the advice, or choose otherwise (outcome, urgency) with a reason."""

    choice = _radio(
        [(FOLLOW, _("Ik volg het advies")), (OTHERWISE, _("Ik besluit anders"))],
        _("Wat besluit u?"),
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Kies als u anders besluit")), *TriageOutcome.choices],
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=[("", _("Kies als u anders besluit")), *Urgency.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Waarom besluit u anders?"),
        help_text=_("Verplicht als u afwijkt van het advies; de reden wordt bewaard."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    fieldsets = (
        (_("Besluit"), ("choice",)),
        (_("Als u anders besluit"), ("outcome", "urgency", "reason")),
    )

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("choice") == OTHERWISE:
            if not cleaned.get("outcome"):
                self.add_error("outcome", _("Kies de uitkomst die u besluit."))
            if not cleaned.get("urgency"):
                self.add_error("urgency", _("Kies de urgentie die u besluit."))
        return cleaned


class CloseForm(FieldsetFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom sluit u de hulpvraag af?"),
        choices=[("", _("Kies een reden")), *CloseReason.choices],
        error_messages={"required": _("Kies een reden.")},
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fieldsets = ((_("Afsluiten"), ("reason", "note")),)
