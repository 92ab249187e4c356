"""Children: the BSN is validated, encrypted and unique per region; duplicates are offered."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.db import connection

from dichtbij.audit.models import AuditEvent
from dichtbij.families.errors import DuplicateChild, InvalidBsn
from dichtbij.families.models import Child
from dichtbij.families.services import child_add, normalise_person_name
from dichtbij.families.tests.factories import make_bsn, make_household, make_worker
from dichtbij.utils.crypto import decrypt_text

BIRTH = date(2015, 3, 14)


def _add(household, bsn="", first="Sem", last="van der Berg", **kw):
    return child_add(
        actor=household.created_by,
        household=household,
        first_name=first,
        last_name=last,
        birth_date=BIRTH,
        bsn=bsn,
        **kw,
    )


def test_the_stored_row_holds_no_plain_bsn(region) -> None:
    household = make_household(region=region, children=0)
    bsn = make_bsn(0)
    child = _add(household, bsn=bsn)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM families_child WHERE id = %s", [child.pk])
        row = cursor.fetchone()
    assert all(bsn not in str(value) for value in row)
    assert decrypt_text(child.bsn_ciphertext) == bsn
    assert child.masked_bsn == f"******{bsn[-3:]}"


def test_an_invalid_bsn_is_refused_with_a_dutch_message_at_the_field(region) -> None:
    household = make_household(region=region, children=0)
    with pytest.raises(InvalidBsn) as refused:
        _add(household, bsn="123456789")
    assert refused.value.data["field"] == "bsn"
    assert "elfproef" in refused.value.message
    assert not Child.objects.exists()


def test_the_same_bsn_in_the_region_is_refused_even_when_allowing_duplicates(region) -> None:
    first = make_household(region=region, children=0)
    existing = _add(first, bsn=make_bsn(1))
    second = make_household(region=region, children=0)
    with pytest.raises(DuplicateChild) as refused:
        _add(second, bsn=make_bsn(1), first="Ander", allow_duplicate=True)
    assert refused.value.existing == existing
    assert not refused.value.may_register_anyway


def test_the_same_bsn_in_another_region_is_allowed(region, other_region) -> None:
    _add(make_household(region=region, children=0), bsn=make_bsn(2))
    utrecht = make_household(
        region=other_region,
        actor=make_worker(region=other_region, organisation="Buurtteam Utrecht"),
        municipality_code=other_region.municipalities.first().code,
        children=0,
    )
    assert _add(utrecht, bsn=make_bsn(2)).has_bsn


def test_the_same_name_and_birth_date_is_offered_unless_registered_anyway(region) -> None:
    existing = _add(make_household(region=region, children=0))
    other = make_household(region=region, children=0)
    with pytest.raises(DuplicateChild) as refused:
        _add(other, first="  SEM ", last="Van  der Berg")
    assert refused.value.existing == existing
    assert refused.value.may_register_anyway
    assert _add(other, allow_duplicate=True).household == other


def test_names_are_normalised_keeping_particles() -> None:
    assert normalise_person_name("  Zoë   VAN der  Bérg ") == "zoe van der berg"
    assert normalise_person_name("Berg") != normalise_person_name("van der Berg")


def test_a_bsn_is_never_logged_nor_audited(region, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    household = make_household(region=region, children=0)
    bsn = make_bsn(3)
    _add(household, bsn=bsn)
    with pytest.raises(DuplicateChild):
        _add(make_household(region=region, children=0), bsn=bsn)
    assert bsn not in caplog.text
    for event in AuditEvent.objects.all():
        assert bsn not in " ".join(str(value) for value in event.__dict__.values())
        assert "Berg" not in event.reason


def test_a_simultaneous_registration_of_the_same_bsn_is_caught_by_the_database(
    region, monkeypatch
) -> None:
    from dichtbij.families import services

    existing = _add(make_household(region=region, children=0), bsn=make_bsn(4))
    # As if the other registration committed between our check and our insert.
    monkeypatch.setattr(services, "child_find_duplicate", lambda **_: None)
    other = make_household(region=region, children=0)
    with pytest.raises(DuplicateChild) as refused:
        _add(other, bsn=make_bsn(4), first="Ander")
    assert refused.value.existing == existing
    assert not other.children.exists()


def test_registering_through_the_page_logs_no_bsn(client, region, caplog) -> None:
    from dichtbij.regions.models import Municipality

    caplog.set_level(logging.DEBUG)
    worker = make_worker(region=region)
    client.force_login(worker)
    bsn = make_bsn(10)
    data = {
        "municipality": Municipality.objects.get(code="GM0307").pk,
        "name": "Gezin Log",
        "first_name": "Sem",
        "last_name": "Log",
        "birth_date": "2015-01-01",
        "bsn": bsn,
        "parent_name": "Ouder Log",
        "parent_has_authority": "nee",
    }
    assert client.post("/gezinnen/nieuw/", data).status_code == 302
    assert client.post("/gezinnen/nieuw/", {**data, "name": "Gezin Log 2"}).status_code == 409
    assert bsn not in caplog.text
    assert not AuditEvent.objects.filter(reason__contains=bsn).exists()
