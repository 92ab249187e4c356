"""Forms of the families pages: they check the shape of the input; the services check the
domain rules and their errors are put back at the field they name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.models import Organisation
from dichtbij.families.constants import (
    ConsentMethod,
    ConsentPurpose,
    LegalGround,
    NetworkMemberKind,
    SharedItem,
)
from dichtbij.families.errors import InvalidBsn
from dichtbij.families.models import Consent, Household
from dichtbij.families.services import normalise_bsn
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.selectors import municipality_list_for_region, school_list_for_region
from dichtbij.utils.bsn import is_valid_bsn
from dichtbij.utils.forms import FieldsetFormMixin

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class _DistrictChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    @override
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.municipality.name} – {obj.name}"


class _ChildFields(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=_DateInput())
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        required=False,
        help_text=_("Burgerservicenummer, 9 cijfers. Niet verplicht."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self) -> str:
        value = normalise_bsn(str(self.cleaned_data.get("bsn") or ""))
        if value and not is_valid_bsn(value):
            raise forms.ValidationError(InvalidBsn.default_message)
        return value

    def clean_birth_date(self) -> Any:
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De geboortedatum ligt in de toekomst."))
        return value


class HouseholdRegisterForm(FieldsetFormMixin, _ChildFields):
    """A family with its first child and first parent or carer, saved together."""

    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=_("Kies een gemeente"),
    )
    district = _DistrictChoiceField(
        label=_("Wijk"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Geen of onbekend"),
    )
    name = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=200,
        help_text=_("Hoe het gezin genoemd wil worden, bijvoorbeeld 'Gezin Jansen'."),
    )
    parent_name = forms.CharField(label=_("Naam"), max_length=200)
    parent_relation = forms.CharField(
        label=_("Relatie tot het kind"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld moeder, vader, pleegouder."),
    )
    parent_has_authority = forms.ChoiceField(
        label=_("Heeft deze ouder of verzorger gezag?"), choices=YES_NO, widget=forms.RadioSelect
    )
    register_anyway = forms.BooleanField(
        label=_("Het is een ander kind: toch registreren"), required=False
    )

    fieldsets = [
        (_("Gezin"), ["municipality", "district", "name"]),
        (_("Eerste kind"), ["first_name", "last_name", "birth_date", "bsn"]),
        (
            _("Eerste ouder of verzorger"),
            ["parent_name", "parent_relation", "parent_has_authority"],
        ),
    ]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality_field = self.fields["municipality"]
        district_field = self.fields["district"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        assert isinstance(district_field, forms.ModelChoiceField)
        municipality_field.queryset = municipality_list_for_region(region=region)
        district_field.queryset = (
            District.objects.filter(municipality__region=region)
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        municipality, district = data.get("municipality"), data.get("district")
        if municipality and district and district.municipality_id != municipality.pk:
            self.add_error("district", _("Deze wijk hoort niet bij de gekozen gemeente."))
        return data


class ChildAddForm(FieldsetFormMixin, _ChildFields):
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("Geen of onbekend"),
    )
    register_anyway = forms.BooleanField(
        label=_("Het is een ander kind: toch registreren"), required=False
    )

    fieldsets = [(_("Kind"), ["first_name", "last_name", "birth_date", "bsn", "school"])]

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ModelChoiceField)
        school_field.queryset = school_list_for_region(region=household.region)


class NetworkMemberForm(FieldsetFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Wie is het?"), choices=NetworkMemberKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Naam"), max_length=200)
    relation = forms.CharField(
        label=_("Relatie"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld moeder, opa, buurvrouw, intern begeleider."),
    )
    has_parental_authority = forms.ChoiceField(
        label=_("Heeft gezag?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="nee",
        help_text=_("Alleen voor een ouder of verzorger."),
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    fieldsets = [
        (
            _("Netwerklid"),
            ["kind", "name", "relation", "has_parental_authority", "phone", "email"],
        )
    ]


class ConsentForm(FieldsetFormMixin, forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Met wie mag het gedeeld worden?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )
    item = forms.ChoiceField(label=_("Wat mag gedeeld worden?"), choices=SharedItem.choices)
    purpose = forms.ChoiceField(label=_("Waarvoor?"), choices=ConsentPurpose.choices)
    given_by = forms.CharField(
        label=_("Gegeven door"),
        max_length=200,
        help_text=_("Naam van de ouder of jongere die toestemming gaf."),
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    valid_from = forms.DateField(label=_("Geldig vanaf"), widget=_DateInput())
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        widget=_DateInput(),
        help_text=_("Leeg: tot de toestemming wordt ingetrokken."),
    )

    fieldsets = [
        (_("Toestemming"), ["recipient", "item", "purpose", "given_by", "method"]),
        (_("Periode"), ["valid_from", "valid_until"]),
    ]

    def __init__(
        self,
        *args: Any,
        recipients: Any,
        purposes: Sequence[ConsentPurpose] = tuple(ConsentPurpose),
        items: Sequence[SharedItem] = tuple(SharedItem),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        recipient_field = self.fields["recipient"]
        assert isinstance(recipient_field, forms.ModelChoiceField)
        recipient_field.queryset = recipients
        purpose_field = self.fields["purpose"]
        assert isinstance(purpose_field, forms.ChoiceField)
        purpose_field.choices = [(p.value, p.label) for p in purposes]
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.ChoiceField)
        item_field.choices = [(i.value, i.label) for i in items]

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("De einddatum ligt voor de begindatum."))
        return data


class _ConsentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    @override
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Consent)
        until = obj.valid_until.strftime("%d-%m-%Y") if obj.valid_until else _("doorlopend")
        return (
            f"{obj.recipient.name}: {obj.get_item_display()} ({obj.get_purpose_display()}, {until})"
        )


class ShareForm(FieldsetFormMixin, forms.Form):
    BASIS_CONSENT = "consent"
    BASIS_LEGAL_GROUND = "legal_ground"

    recipient = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )
    item = forms.ChoiceField(label=_("Wat deelt u?"), choices=SharedItem.choices)
    basis = forms.ChoiceField(
        label=_("Op welke grond?"),
        choices=[
            (BASIS_CONSENT, _("Toestemming van het gezin")),
            (BASIS_LEGAL_GROUND, _("Wettelijke grond")),
        ],
        widget=forms.RadioSelect,
        initial=BASIS_CONSENT,
    )
    consent = _ConsentChoiceField(
        label=_("Toestemming"),
        queryset=Consent.objects.none(),
        required=False,
        empty_label=_("Zoek de geldige toestemming zelf op"),
        help_text=_("Alleen bij delen met toestemming."),
    )
    legal_ground = forms.ChoiceField(
        label=_("Wettelijke grond"),
        choices=[("", _("Geen")), *LegalGround.choices],
        required=False,
        help_text=_("Alleen bij delen zonder toestemming."),
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij een wettelijke grond: waarom deelt u zonder toestemming?"),
    )

    fieldsets = [
        (_("Wat en met wie"), ["recipient", "item"]),
        (_("Grondslag"), ["basis", "consent", "legal_ground", "explanation"]),
    ]

    def __init__(self, *args: Any, recipients: Any, consents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient_field = self.fields["recipient"]
        consent_field = self.fields["consent"]
        assert isinstance(recipient_field, forms.ModelChoiceField)
        assert isinstance(consent_field, forms.ModelChoiceField)
        recipient_field.queryset = recipients
        consent_field.queryset = consents

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("basis") == self.BASIS_LEGAL_GROUND:
            if not data.get("legal_ground"):
                self.add_error("legal_ground", _("Kies de wettelijke grond."))
            if not (data.get("explanation") or "").strip():
                self.add_error(
                    "explanation", _("Licht toe waarom u op deze wettelijke grond deelt.")
                )
            data["consent"] = None
        else:
            data["legal_ground"] = ""
        return data


class EmergencyAccessForm(FieldsetFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom moet u dit dossier nu inzien?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Uw reden wordt vastgelegd en is zichtbaar voor de privacy officer van de regio. "
            "Noem geen BSN."
        ),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    fieldsets = [(_("Noodtoegang"), ["reason"])]

    def clean_reason(self) -> str:
        value = str(self.cleaned_data["reason"]).strip()
        if not value:
            raise forms.ValidationError(_("Schrijf op waarom u dit dossier moet inzien."))
        return value
