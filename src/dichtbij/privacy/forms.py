"""The filter form of the audit log page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.privacy.selectors import AuditFilters
from dichtbij.utils.forms import NLDesignFormMixin

SUBJECT_TYPES = [
    ("", _("Alle soorten")),
    ("user", _("Gebruiker")),
    ("household", _("Gezin")),
    ("child", _("Jeugdige")),
]


class AuditFilterForm(NLDesignFormMixin, forms.Form):
    subject_type = forms.ChoiceField(
        label=_("Soort persoon"), choices=SUBJECT_TYPES, required=False
    )
    subject_id = forms.CharField(
        label=_("Persoon (nummer)"),
        required=False,
        max_length=64,
        help_text=_("Het nummer van de persoon over wie de gegevens gaan."),
    )
    username = forms.CharField(
        label=_("Gebruiker (gebruikersnaam)"), required=False, max_length=150
    )
    date_from = forms.DateField(
        label=_("Vanaf datum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met datum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    @override
    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data

    def filters(self) -> AuditFilters:
        """The validated filters; call after ``is_valid()``."""
        data = self.cleaned_data
        return AuditFilters(
            subject_type=data.get("subject_type") or "",
            subject_id=(data.get("subject_id") or "").strip(),
            username=(data.get("username") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
