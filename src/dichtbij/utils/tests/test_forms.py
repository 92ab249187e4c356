"""The shared form pieces: error summary, anchors and the one field template."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string

from dichtbij.utils.forms import FieldsetFormMixin, NLDesignFormMixin, error_summary

CHOICES = [("a", "Een"), ("b", "Twee")]


class _Form(FieldsetFormMixin, forms.Form):
    name = forms.CharField(label="Naam")
    kind = forms.ChoiceField(label="Soort", choices=CHOICES, widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(
        label="Onderwerpen", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea)

    fieldsets = [("Eerst", ["topics", "kind"]), ("Dan", ["name", "not_for_this_user"])]

    def clean(self) -> dict[str, object]:
        self.add_error(None, "Het geheel klopt niet.")
        return super().clean()


class _Plain(NLDesignFormMixin, forms.Form):
    when = forms.DateField(label="Wanneer")


def test_the_summary_follows_the_fieldsets_and_links_a_group_to_its_first_option() -> None:
    form = _Form(data={})

    assert form.error_summary() == [
        ("id_topics_0", "Onderwerpen: Dit veld is vereist."),
        ("id_kind_0", "Soort: Dit veld is vereist."),
        ("id_name", "Naam: Dit veld is vereist."),
        ("", "Het geheel klopt niet."),
    ]


def test_grouped_skips_a_field_the_form_does_not_have() -> None:
    grouped = _Form().grouped()

    assert [(legend, [f.name for f in fields]) for legend, fields in grouped] == [
        ("Eerst", ["topics", "kind"]),
        ("Dan", ["name"]),
    ]


def test_one_summary_serves_several_forms_in_page_order() -> None:
    summary = error_summary(_Plain(data={"when": "gisteren"}), _Plain(data={}, prefix="b"))

    assert summary == [
        ("id_when", "Wanneer: Voer een geldige datum in."),
        ("id_b-when", "Wanneer: Dit veld is vereist."),
    ]


def _render(field: forms.BoundField, **context: object) -> str:
    return render_to_string("web/_field.html", {"field": field, **context})


def test_a_radio_group_is_a_fieldset_whose_options_carry_the_ids_the_summary_links_to() -> None:
    html = _render(_Form(data={})["kind"])

    assert html.count("<fieldset") == 1
    assert 'id="id_kind_0"' in html and 'id="id_kind_1"' in html
    assert 'type="radio"' in html and 'aria-invalid="true"' in html
    assert 'id="id_kind_error"' in html


def test_an_optional_field_says_so_unless_the_page_hides_it() -> None:
    note = _Form()["note"]

    assert "niet verplicht" in _render(note)
    assert "niet verplicht" not in _render(note, hide_optional=True)
    assert "niet verplicht" not in _render(_Form()["name"])
