"""Forms of the hulpwijzer (search with filters) and of catalogue management."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.catalogue import selectors
from dichtbij.catalogue.models import Service, ServiceStatus
from dichtbij.catalogue.search.types import SearchQuery
from dichtbij.catalogue.services import ServiceChanges
from dichtbij.regions.models import Municipality, Region
from dichtbij.utils.forms import NLDesignFormMixin

#: Results per step of "Meer resultaten", and the most one page shows.
PAGE_STEP = 10
MAX_RESULTS = 100

WAITING_CHOICES = [
    ("", _("Maakt niet uit")),
    ("0", _("Direct terecht")),
    ("1", _("Binnen 1 week")),
    ("2", _("Binnen 2 weken")),
    ("4", _("Binnen 4 weken")),
    ("8", _("Binnen 8 weken")),
]


class HulpwijzerSearchForm(NLDesignFormMixin, forms.Form):
    """The question and filters of the hulpwijzer, read from the query string (GET).

    The public chooses from every gemeente (grouped by region); a professional's form
    offers the gemeenten of their own region and searches that region by default.
    """

    q = forms.CharField(
        label=_("Waar zoekt u hulp bij?"),
        required=False,
        max_length=300,
        help_text=_(
            "Beschrijf in uw eigen woorden wat er speelt, bijvoorbeeld: "
            "mijn zoon wordt gepest op school."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    zonder_verwijzing = forms.BooleanField(label=_("Alleen hulp zonder verwijzing"), required=False)
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van het kind"),
        required=False,
        min_value=0,
        max_value=27,
        help_text=_("In jaren."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een leeftijd in hele jaren in."),
            "min_value": _("Een leeftijd is 0 jaar of meer."),
            "max_value": _("Vul een leeftijd tot en met 27 jaar in."),
        },
    )
    thema = forms.ChoiceField(label=_("Onderwerp"), required=False)
    soort = forms.ChoiceField(label=_("Soort hulp"), required=False)
    wachttijd = forms.ChoiceField(
        label=_("Maximale wachttijd"), required=False, choices=WAITING_CHOICES
    )
    aantal = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_RESULTS,
        widget=forms.HiddenInput,
    )

    #: Fields shown under "Meer filters".
    MORE_FILTERS = ("leeftijd", "thema", "soort", "wachttijd")

    def __init__(
        self, *args: Any, region: Region | None = None, professional: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        if professional:
            self.fields["q"].label = _("Hulpvraag of trefwoorden")
            self.fields["q"].help_text = _(
                "Bijvoorbeeld: thuiszitter, KOPP, somber en teruggetrokken, scheiding."
            )
        gemeente: forms.ChoiceField = self.fields["gemeente"]  # type: ignore[assignment]  # declared above
        if region is None:
            gemeente.choices = [("", _("Alle gemeenten")), *selectors.municipality_choices()]
            gemeente.help_text = _("Kies uw gemeente om hulp bij u in de buurt te vinden.")
        else:
            gemeente.help_text = _("In %(region)s.") % {"region": region.name}
            gemeente.choices = [
                ("", _("Alle gemeenten")),
                *[
                    (m.code, m.name)
                    for m in Municipality.objects.filter(region=region).order_by("name")
                ],
            ]
        gemeente.error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        self._themes = selectors.taxonomy_term_choices(prefix="thema:")
        for name, terms, empty in (
            ("thema", self._themes, _("Alle onderwerpen")),
            ("soort", selectors.taxonomy_term_choices(prefix="soort:"), _("Alle soorten hulp")),
        ):
            field: forms.ChoiceField = self.fields[name]  # type: ignore[assignment]  # declared above
            field.choices = [("", empty), *terms]
            field.error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")

    def theme_choices(self) -> list[tuple[str, str]]:
        """The themes offered, ``(code, name)``, without the empty choice."""
        return list(self._themes)

    def has_question(self) -> bool:
        """Whether there is something to search for: words, a theme or a kind of help."""
        if not self.is_bound or not self.is_valid():
            return False
        data = self.cleaned_data
        return bool((data.get("q") or "").strip() or data.get("thema") or data.get("soort"))

    def more_filters_used(self) -> bool:
        """Whether a filter under "Meer filters" is set (then that panel starts open)."""
        if not self.is_bound:
            return False
        return any(self.data.get(name) not in (None, "") for name in self.MORE_FILTERS)

    def limit(self) -> int:
        value = self.cleaned_data.get("aantal") if self.is_bound and self.is_valid() else None
        return value or PAGE_STEP

    def search_query(self) -> SearchQuery:
        """The :class:`SearchQuery` of the valid form."""
        data = self.cleaned_data
        municipality = None
        if data.get("gemeente"):
            municipality = Municipality.objects.select_related("region").get(code=data["gemeente"])
        waiting: str = data.get("wachttijd") or ""
        return SearchQuery(
            text=(data.get("q") or "").strip(),
            region=municipality.region if municipality is not None else self.region,
            municipality=municipality,
            age=data.get("leeftijd"),
            theme=data.get("thema") or None,
            kind=data.get("soort") or None,
            without_referral=bool(data.get("zonder_verwijzing")),
            max_waiting_weeks=int(waiting) if waiting else None,
            limit=self.limit(),
        )

    def query_string(self, **overrides: object) -> str:
        """The form's own query string (valid values only), with ``overrides``."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        if self.is_bound and self.is_valid():
            for name, value in self.cleaned_data.items():
                if value in (None, "", False):
                    continue
                query[name] = "1" if value is True else str(value)
        for name, value in overrides.items():
            if value in (None, ""):
                query.pop(name, None)
            else:
                query[name] = str(value)
        return query.urlencode()


# --- Management ------------------------------------------------------------------------------

OUTDATED_CHOICES = [
    ("", _("Alle diensten")),
    ("ja", _("Alleen verouderd")),
    ("nee", _("Alleen niet verouderd")),
]


class ServiceAdminFilterForm(NLDesignFormMixin, forms.Form):
    zoek = forms.CharField(label=_("Naam of organisatie"), required=False, max_length=200)
    verouderd = forms.ChoiceField(label=_("Verouderd"), required=False, choices=OUTDATED_CHOICES)
    niet_gecontroleerd = forms.BooleanField(
        label=_("Alleen niet gecontroleerd in de afgelopen 12 maanden"), required=False
    )

    def filters(self) -> selectors.ServiceAdminFilters:
        """The validated filters; empty when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return selectors.ServiceAdminFilters()
        data = self.cleaned_data
        outdated = {"ja": True, "nee": False}.get(data.get("verouderd") or "")
        return selectors.ServiceAdminFilters(
            text=(data.get("zoek") or "").strip(),
            outdated=outdated,
            unchecked=bool(data.get("niet_gecontroleerd")),
        )


class ServiceEditForm(NLDesignFormMixin, forms.Form):
    """The fields functioneel beheer edits; :meth:`changes` gives them to the service."""

    name = forms.CharField(label=_("Naam"), max_length=300)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    eligibility_description = forms.CharField(
        label=_("Voor wie"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    application_process = forms.CharField(
        label=_("Aanmelden"),
        required=False,
        help_text=_("Hoe iemand zich aanmeldt of verwezen wordt."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minimum_age = forms.IntegerField(
        label=_("Vanaf leeftijd"),
        required=False,
        min_value=0,
        max_value=99,
        help_text=_("In jaren; leeg als er geen ondergrens is."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    maximum_age = forms.IntegerField(
        label=_("Tot en met leeftijd"),
        required=False,
        min_value=0,
        max_value=99,
        help_text=_("In jaren; leeg als er geen bovengrens is."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    waiting_weeks = forms.IntegerField(
        label=_("Wachttijd in weken"),
        required=False,
        min_value=0,
        max_value=104,
        help_text=_("De gebruikelijke wachttijd; 0 is direct terecht."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    referral_required = forms.BooleanField(label=_("Verwijzing nodig"), required=False)
    referrers = forms.MultipleChoiceField(
        label=_("Wie mag verwijzen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen als een verwijzing nodig is."),
    )
    at_school = forms.BooleanField(label=_("Ook op school"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    alert = forms.CharField(
        label=_("Melding"),
        required=False,
        help_text=_("Een tijdelijke melding bovenaan de pagina, bijvoorbeeld: vol tot januari."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        initial = {
            name: getattr(service, name)
            for name in (
                "name",
                "description",
                "eligibility_description",
                "application_process",
                "minimum_age",
                "maximum_age",
                "waiting_weeks",
                "referral_required",
                "referrers",
                "at_school",
                "status",
                "alert",
            )
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        referrers: forms.MultipleChoiceField = self.fields["referrers"]  # type: ignore[assignment]  # declared above
        referrers.choices = selectors.referrer_choices(extra=service.referrers)
        for name in ("minimum_age", "maximum_age", "waiting_weeks"):
            self.fields[name].error_messages.update(
                {
                    "invalid": _("Vul een heel getal in."),
                    "min_value": _("Vul 0 of meer in."),
                    "max_value": _("Vul ten hoogste %(limit_value)s in."),
                }
            )
        self.fields["name"].error_messages["required"] = _("Vul een naam in.")

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        minimum, maximum = data.get("minimum_age"), data.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error(
                "maximum_age",
                _("De maximumleeftijd moet gelijk zijn aan of hoger zijn dan de minimumleeftijd."),
            )
        if data.get("referral_required") and not data.get("referrers"):
            self.add_error("referrers", _("Kies wie mag verwijzen, of zet 'Verwijzing nodig' uit."))
        return data

    def changes(self) -> ServiceChanges:
        """The validated changes; call after ``is_valid()``."""
        data = self.cleaned_data
        return ServiceChanges(
            name=data["name"].strip(),
            description=data.get("description") or "",
            application_process=data.get("application_process") or "",
            eligibility_description=data.get("eligibility_description") or "",
            minimum_age=data.get("minimum_age"),
            maximum_age=data.get("maximum_age"),
            waiting_weeks=data.get("waiting_weeks"),
            referral_required=bool(data.get("referral_required")),
            referrers=list(data.get("referrers") or []),
            at_school=bool(data.get("at_school")),
            status=data["status"],
            alert=data.get("alert") or "",
        )
