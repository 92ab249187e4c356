"""Give Django form widgets the NL Design System classes and accessible attributes."""

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


def form_add_refusal(form: forms.Form, error: DichtbijError) -> None:
    """Show a service's refusal at the form field it names (``error.data["field"]``), or
    above the form when it names none or a field the form does not have."""
    field = str(error.data.get("field", ""))
    form.add_error(field if field in form.fields else None, error.message)
