"""A code-list field names the list when a value is not on it."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from dichtbij.utils.serializers import CodeChoiceField


class _Step(serializers.Serializer):  # type: ignore[type-arg]
    reason = CodeChoiceField(choices=[("31", "Volgens plan"), ("32", "Voortijdig")])
    channel = CodeChoiceField(choices=["mail", "post"], required=False, allow_blank=True)


def test_a_listed_code_is_taken_as_is() -> None:
    step = _Step(data={"reason": "31", "channel": ""})

    assert step.is_valid(), step.errors
    assert step.validated_data == {"reason": "31", "channel": ""}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"reason": "99"},
            "reason",
            "“99” staat niet in de lijst. Kies uit: 31 (Volgens plan), 32 (Voortijdig).",
        ),
        (
            {"reason": "31", "channel": "fax"},
            "channel",
            "“fax” staat niet in de lijst. Kies uit: mail, post.",
        ),
    ],
)
def test_a_code_off_the_list_is_refused_naming_the_list(data, field, message) -> None:
    step = _Step(data=data)

    assert not step.is_valid()
    assert [str(e) for e in step.errors[field]] == [message]
    assert step.errors[field][0].code == "invalid_choice"
