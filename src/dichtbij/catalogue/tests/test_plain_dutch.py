"""Facts of a service in plain Dutch: opening times, ages, waiting times, phone links."""

from __future__ import annotations

import pytest

from dichtbij.catalogue.selectors import (
    age_range_text,
    phone_href,
    referrer_label,
    schedule_text,
    waiting_time_text,
)
from dichtbij.catalogue.tests.factories import weekly


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (weekly("TH", "16:00", "17:30"), "Elke donderdag 16:00–17:30"),
        (weekly("TU,TH", "09:00", "12:00"), "Elke dinsdag en donderdag 09:00–12:00"),
        (weekly("MO,WE,FR", "13:00", "15:00"), "Elke maandag, woensdag en vrijdag 13:00–15:00"),
        (weekly("MO,TU,WE,TH,FR", "09:00", "17:00"), "Maandag tot en met vrijdag 09:00–17:00"),
        (weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"), "Dag en nacht, elke dag"),
        (
            weekly("1WE", "19:30", "21:30", freq="MONTHLY"),
            "Elke eerste woensdag van de maand 19:30–21:30",
        ),
        (
            weekly("2FR,4FR", "10:00", "12:00", freq="MONTHLY"),
            "Elke tweede en vierde vrijdag van de maand 10:00–12:00",
        ),
        (
            weekly("3SA", "13:30", "16:30", freq="MONTHLY", interval=3),
            "Om de 3 maanden op de derde zaterdag van de maand 13:30–16:30",
        ),
        (
            weekly("TH", "16:00", "17:30", dtstart="2027-01-14", count=8),
            "8 keer op donderdag 16:00–17:30, vanaf 14 januari 2027",
        ),
        (weekly("WE", "14:00", "16:00", interval=2), "Om de 2 weken op woensdag 14:00–16:00"),
    ],
)
def test_schedules_read_as_plain_dutch(schedule: dict[str, object], text: str) -> None:
    assert schedule_text(schedule) == text


def test_a_schedule_without_a_rule_falls_back_to_its_description() -> None:
    assert schedule_text({"description": "Op afspraak."}) == "Op afspraak."
    assert schedule_text({"freq": "WEEKLY", "byday": "XX", "description": "Soms."}) == "Soms."


def test_ages_read_as_a_range() -> None:
    assert age_range_text(minimum=4, maximum=12) == "4 tot en met 12 jaar"
    assert age_range_text(minimum=12, maximum=None) == "vanaf 12 jaar"
    assert age_range_text(minimum=None, maximum=3) == "tot en met 3 jaar"
    assert age_range_text(minimum=0, maximum=None) == ""
    assert age_range_text(minimum=None, maximum=None) == ""


def test_waiting_time_zero_means_direct_help() -> None:
    assert waiting_time_text(weeks=0) == "Direct terecht"
    assert waiting_time_text(weeks=1) == "Wachttijd ongeveer 1 week"
    assert waiting_time_text(weeks=6) == "Wachttijd ongeveer 6 weken"
    assert waiting_time_text(weeks=None) == "Wachttijd onbekend"


def test_phone_links_keep_only_digits() -> None:
    assert phone_href("0800-2000") == "tel:08002000"
    assert phone_href("+31 33 555 0100") == "tel:+31335550100"


def test_referrer_codes_have_dutch_labels() -> None:
    assert referrer_label("wijkteam-gemeente") == "Wijkteam of gemeente"
    assert referrer_label("gecertificeerde-instelling") == "Gecertificeerde instelling"
    assert referrer_label("onbekend-type") == "onbekend-type"


def test_only_web_addresses_become_links() -> None:
    from dichtbij.catalogue.selectors import _is_web_address

    assert _is_web_address("https://www.example.nl")
    assert not _is_web_address("javascript:alert(1)")
    assert not _is_web_address("")
