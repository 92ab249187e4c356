"""The filter form of the network overview page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.network.selectors import expertise_list_for_region, language_name
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import LANGUAGES
from dichtbij.regions.selectors import municipality_list_for_region, school_list_for_region
from dichtbij.utils.forms import NLDesignFormMixin


def _choices(field: forms.Field, choices: list[tuple[Any, Any]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class NetworkFilterForm(NLDesignFormMixin, forms.Form):
    """Which teams can reach a child here, with this expertise, in this language."""

    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    wijk = forms.ChoiceField(
        label=_("Wijk of kern"),
        required=False,
        help_text=_("Laat leeg voor de hele gemeente."),
    )
    school = forms.ChoiceField(
        label=_("School"),
        required=False,
        help_text=_("Teams die in het gebied van de school werken of er vaste gezichten hebben."),
    )
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    taal = forms.ChoiceField(label=_("Taal"), required=False)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        municipalities = list(
            municipality_list_for_region(region=region).prefetch_related("districts")
        )
        _choices(
            self.fields["gemeente"],
            [("", _("Alle gemeenten")), *((m.code, m.name) for m in municipalities)],
        )
        grouped: list[tuple[Any, Any]] = [("", _("Alle wijken"))]
        grouped += [
            (m.name, [(str(d.pk), d.name) for d in m.districts.all()])
            for m in municipalities
            if m.districts.all()
        ]
        _choices(self.fields["wijk"], grouped)
        schools = school_list_for_region(region=region)
        _choices(
            self.fields["school"],
            [
                ("", _("Geen school gekozen")),
                *((str(s.pk), f"{s.name} ({s.municipality.name})") for s in schools),
            ],
        )
        expertise = expertise_list_for_region(region=region)
        _choices(
            self.fields["expertise"],
            [("", _("Alle expertise")), *((e.code, e.name) for e in expertise)],
        )
        _choices(
            self.fields["taal"],
            [("", _("Alle talen")), *((code, language_name(code)) for code in LANGUAGES)],
        )

    def clean_gemeente(self) -> Municipality | None:
        code = self.cleaned_data.get("gemeente")
        if not code:
            return None
        return Municipality.objects.get(region=self.region, code=code)

    def clean_wijk(self) -> District | None:
        pk = self.cleaned_data.get("wijk")
        if not pk:
            return None
        return District.objects.select_related("municipality").get(
            municipality__region=self.region, pk=int(pk)
        )

    def clean_school(self) -> School | None:
        pk = self.cleaned_data.get("school")
        if not pk:
            return None
        return School.objects.select_related("municipality", "district").get(
            municipality__region=self.region, pk=int(pk)
        )

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        municipality, district = data.get("gemeente"), data.get("wijk")
        if district is not None:
            if municipality is None:
                data["gemeente"] = district.municipality
            elif district.municipality_id != municipality.pk:
                self.add_error(
                    "wijk",
                    _("Wijk %(wijk)s hoort niet bij gemeente %(gemeente)s.")
                    % {"wijk": district.name, "gemeente": municipality.name},
                )
        return data
