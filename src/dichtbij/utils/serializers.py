"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from typing_extensions import override


class CodeChoiceField(serializers.ChoiceField):
    """A value from a code list (iJw JZ588, urgency, consent purpose…) that, when wrong,
    names the list: the API client learns the valid codes from the refusal itself, as the
    pages' users learn them from the choices they see."""

    default_error_messages = {
        "invalid_choice": _("“{input}” staat niet in de lijst. Kies uit: {codes}."),
    }

    @override
    def to_internal_value(self, data: Any) -> Any:
        if data == "" and self.allow_blank:
            return ""
        try:
            return self.choice_strings_to_values[str(data)]
        except KeyError:
            self.fail("invalid_choice", input=data, codes=self._codes())

    def _codes(self) -> str:
        return ", ".join(
            str(code) if str(label) == str(code) else f"{code} ({label})"
            for code, label in self.choices.items()
        )
