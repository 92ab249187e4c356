"""Give Django form widgets the NL Design System classes and accessible attributes."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms.widgets import Input

from dichtbij.utils.errors import DichtbijError

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


class NLDesignFormMixin:
    """Adds the Utrecht component class to every widget and links help and error texts.

    ``aria-describedby`` points at the ids that ``web/_form.html`` gives to a field's
    description and error message, and ``aria-invalid`` marks fields with errors.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(widget, widget_type):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
                    break

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        bound: Any = self
        for name, field in self.fields.items():
            described = []
            if field.help_text:
                described.append(f"{bound[name].auto_id}_helptext")
            if name in bound.errors:
                described.append(f"{bound[name].auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def error_summary(self) -> list[tuple[str, str]]:
        """``(anchor id, message)`` per error, for the summary above the form (see
        :func:`error_summary`)."""
        form: Any = self
        return error_summary(form)


class FieldsetFormMixin(NLDesignFormMixin):
    """A form shown in fieldsets: ``fieldsets = [(legend, [field names])]``.

    Names the form does not have (a field left out for this user) are skipped, and the
    error summary follows the order of the fieldsets.
    """

    fieldsets: Sequence[tuple[Any, Sequence[str]]] = ()

    def grouped(self) -> list[tuple[Any, list[forms.BoundField]]]:
        form: Any = self
        return [
            (legend, [form[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]


def field_anchor(bound: forms.BoundField) -> str:
    """The id a link to this field points at. A group of radio buttons or checkboxes has
    no id of its own (``web/_field.html`` gives one to each option), so: its first option.
    """
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or str(bound.auto_id or "")


def error_summary(*forms_: forms.BaseForm) -> list[tuple[str, str]]:
    """``(anchor id, message)`` for every error of ``forms_``, for ``web/_error_summary.html``.

    Per form: its field errors in the order the page shows the fields (the form's
    ``fieldsets`` first when it has them, then the other fields), then its errors that
    belong to no field, with an empty anchor.
    """
    summary: list[tuple[str, str]] = []
    for form in forms_:
        shown = [name for _legend, names in getattr(form, "fieldsets", ()) for name in names]
        order = [name for name in shown if name in form.fields]
        order += [name for name in form.fields if name not in order]
        for name in order:
            bound = form[name]
            summary.extend((field_anchor(bound), f"{bound.label}: {e}") for e in bound.errors)
        summary.extend(("", str(error)) for error in form.non_field_errors())
    return summary


def form_add_refusal(form: forms.Form, error: DichtbijError) -> None:
    """Show a service's refusal at the form field it names (``error.data["field"]``), or
    above the form when it names none or a field the form does not have."""
    field = str(error.data.get("field", ""))
    form.add_error(field if field in form.fields else None, error.message)
