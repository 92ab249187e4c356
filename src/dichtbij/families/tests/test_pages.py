"""The families pages: register, dossier, forms, break the glass; audited, nothing half-saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import Organisation
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.models import Child, Consent, DataShare, Household, NetworkMember
from dichtbij.families.tests.factories import (
    make_bsn,
    make_child,
    make_consent,
    make_gp,
    make_household,
    make_worker,
)
from dichtbij.regions.models import Municipality


@pytest.fixture
def worker(region):
    return make_worker(region=region)


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def _register_data(**overrides):
    data = {
        "municipality": Municipality.objects.get(code="GM0307").pk,
        "district": "",
        "name": "Gezin de Vries",
        "first_name": "Noor",
        "last_name": "de Vries",
        "birth_date": "2016-04-02",
        "bsn": "",
        "parent_name": "Anna de Vries",
        "parent_relation": "moeder",
        "parent_has_authority": "ja",
    }
    data.update(overrides)
    return data


def _dossier(household) -> str:
    return f"/gezinnen/{household.public_id}/"


# --- register ---------------------------------------------------------------------------


def test_the_register_form_has_fieldsets_with_legends_and_labels(logged_in) -> None:
    page = logged_in.get("/gezinnen/nieuw/").content.decode()
    assert "<legend" in page
    for legend in ("Gezin", "Eerste kind", "Eerste ouder of verzorger"):
        assert legend in page
    assert 'for="id_bsn"' in page
    assert "register_anyway" not in page


def test_registering_saves_family_child_and_parent_together(logged_in, worker) -> None:
    bsn = make_bsn(5)
    response = logged_in.post("/gezinnen/nieuw/", _register_data(bsn=bsn))
    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _dossier(household)
    assert household.children.get().first_name == "Noor"
    parent = household.network.get()
    assert parent.has_parental_authority
    dossier = logged_in.get(_dossier(household)).content.decode()
    assert "******" + bsn[-3:] in dossier
    assert bsn not in dossier


def test_an_invalid_bsn_is_refused_at_the_field_and_nothing_is_saved(logged_in) -> None:
    response = logged_in.post("/gezinnen/nieuw/", _register_data(bsn="123456789"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_bsn_error"' in page
    assert "elfproef" in page
    assert 'href="#id_bsn"' in page  # the error summary links to the field
    assert not Household.objects.exists()
    assert not Child.objects.exists()


def test_a_missing_gezag_answer_is_refused_at_the_radio_group(logged_in) -> None:
    response = logged_in.post("/gezinnen/nieuw/", _register_data(parent_has_authority=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_parent_has_authority_error"' in page
    assert 'href="#id_parent_has_authority_0"' in page
    assert not Household.objects.exists()


def test_the_same_bsn_links_to_the_existing_dossier_for_whoever_may_see_it(
    logged_in, worker, region
) -> None:
    existing = make_household(region=region, actor=worker, children=0)
    make_child(household=existing, bsn=make_bsn(6))
    response = logged_in.post("/gezinnen/nieuw/", _register_data(bsn=make_bsn(6)))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Dit kind staat al geregistreerd" in page
    assert _dossier(existing) in page
    assert "register_anyway" not in page
    assert Household.objects.count() == 1
    assert AuditEvent.objects.filter(
        object_type="child", subject_id=str(existing.public_id), action=Action.READ
    ).exists()


def test_the_same_bsn_elsewhere_in_the_region_gives_an_instruction_not_a_link(
    client, region
) -> None:
    existing = make_household(region=region, children=0)
    make_child(household=existing, bsn=make_bsn(7))
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    client.force_login(stranger)
    response = client.post("/gezinnen/nieuw/", _register_data(bsn=make_bsn(7)))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dit kind staat al geregistreerd" in page
    assert str(existing.public_id) not in page
    assert "Neem contact op" in page


def test_the_same_name_and_birth_date_may_be_registered_anyway(logged_in, worker, region) -> None:
    existing = make_household(region=region, actor=worker, children=0)
    make_child(
        household=existing, first_name="Noor", last_name="de Vries", birth_date=date(2016, 4, 2)
    )
    refused = logged_in.post("/gezinnen/nieuw/", _register_data())
    assert refused.status_code == 409
    assert 'name="register_anyway"' in refused.content.decode()
    accepted = logged_in.post("/gezinnen/nieuw/", _register_data(register_anyway="on"))
    assert accepted.status_code == 302
    assert Child.objects.filter(first_name="Noor").count() == 2


def test_a_policy_officer_cannot_open_the_register_page(client, region, user_factory) -> None:
    client.force_login(user_factory(region=region, role=Role.POLICY))
    assert client.get("/gezinnen/nieuw/").status_code == 403


def test_pages_need_a_login(client, region) -> None:
    household = make_household(region=region)
    response = client.get(_dossier(household))
    assert response.status_code == 302
    assert "/account/" in response["Location"] or "login" in response["Location"]


# --- dossier and need to know -----------------------------------------------------------


def test_reading_the_dossier_is_audited_with_the_household_as_subject(logged_in, worker, region):
    household = make_household(region=region, actor=worker)
    page = logged_in.get(_dossier(household)).content.decode()
    assert household.name in page
    assert f"/hulpvragen/nieuw/{household.public_id}/" in page
    assert f"/gezinsplannen/{household.public_id}/" in page
    event = AuditEvent.objects.filter(action=Action.READ, object_type="household").latest("id")
    assert (event.subject_type, event.subject_id) == ("household", str(household.public_id))


def test_a_gp_sees_a_limited_dossier_without_network_or_consents(client, region) -> None:
    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    client.force_login(gp)
    page = client.get(_dossier(household)).content.decode()
    assert "beperkt dossier" in page
    assert "Ouder Test" not in page
    assert "Toestemmingen" not in page


def test_a_gp_records_only_the_familys_consent_for_a_referral(client, region) -> None:
    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    recipient = Organisation.objects.filter(region=region).exclude(memberships__user=gp).first()
    client.force_login(gp)
    url = f"{_dossier(household)}toestemmingen/nieuw/"
    form = client.get(url).content.decode()
    assert 'value="referral"' in form
    assert 'value="plan_sharing"' not in form and 'value="information_exchange"' not in form
    assert 'value="help_request"' in form and 'value="whole_file"' not in form
    entry = {
        "recipient": str(recipient.pk),
        "item": "help_request",
        "given_by": "Moeder Test",
        "method": "in_conversation",
        "valid_from": timezone.localdate().isoformat(),
    }

    refused = client.post(url, {**entry, "purpose": "plan_sharing"})
    recorded = client.post(url, {**entry, "purpose": "referral"})

    assert refused.status_code == 400
    assert recorded.status_code == 302
    consent = Consent.objects.get(household=household)
    assert (consent.purpose, consent.recorded_by) == ("referral", gp)


def test_a_worker_of_another_region_gets_not_found(client, region, other_region) -> None:
    household = make_household(region=region)
    client.force_login(make_worker(region=other_region, organisation="Buurtteam Utrecht"))
    assert client.get(_dossier(household)).status_code == 404
    assert client.get(f"{_dossier(household)}noodtoegang/").status_code == 404


def test_an_unknown_household_is_not_found(logged_in) -> None:
    assert logged_in.get("/gezinnen/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_an_uninvolved_worker_is_refused_then_breaks_the_glass(client, region, settings) -> None:
    settings.EMERGENCY_ACCESS_HOURS = 8
    household = make_household(region=region)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    client.force_login(stranger)
    refused = client.get(_dossier(household))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert household.name not in page
    assert "Noodtoegang nemen" in page
    empty = client.post(f"{_dossier(household)}noodtoegang/", {"reason": "  ", "next": ""})
    assert empty.status_code == 400
    assert 'id="id_reason_error"' in empty.content.decode()
    granted = client.post(
        f"{_dossier(household)}noodtoegang/",
        {"reason": "Politie belt over acute zorgen", "next": _dossier(household)},
    )
    assert granted.status_code == 302
    assert granted["Location"] == _dossier(household)
    assert household.name in client.get(_dossier(household)).content.decode()
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS)
    assert "Politie belt" in event.reason


def test_break_the_glass_does_not_redirect_off_site(client, region) -> None:
    household = make_household(region=region)
    client.force_login(make_worker(region=region, organisation="Sociaal Team Soest"))
    response = client.post(
        f"{_dossier(household)}noodtoegang/",
        {"reason": "Nood", "next": "https://evil.example/"},
    )
    assert response["Location"] == _dossier(household)


# --- forms in the dossier ---------------------------------------------------------------


def test_adding_a_child_with_an_invalid_bsn_is_refused_at_the_field(logged_in, worker, region):
    household = make_household(region=region, actor=worker, children=0)
    response = logged_in.post(
        f"{_dossier(household)}kinderen/nieuw/",
        {"first_name": "Mo", "last_name": "Test", "birth_date": "2018-01-01", "bsn": "111111111"},
    )
    assert response.status_code == 400
    assert 'id="id_bsn_error"' in response.content.decode()
    assert not household.children.exists()


def test_adding_a_child(logged_in, worker, region) -> None:
    household = make_household(region=region, actor=worker, children=0)
    response = logged_in.post(
        f"{_dossier(household)}kinderen/nieuw/",
        {"first_name": "Mo", "last_name": "Test", "birth_date": "2018-01-01", "bsn": ""},
    )
    assert response.status_code == 302
    assert household.children.get().first_name == "Mo"


def test_gezag_for_someone_who_is_not_a_parent_is_refused_at_the_field(
    logged_in, worker, region
) -> None:
    household = make_household(region=region, actor=worker, parent=False)
    response = logged_in.post(
        f"{_dossier(household)}netwerk/nieuw/",
        {"kind": "network_person", "name": "Opa Jan", "has_parental_authority": "ja"},
    )
    assert response.status_code == 400
    assert 'id="id_has_parental_authority_error"' in response.content.decode()
    assert not NetworkMember.objects.exists()


def _team(region):
    return make_user(
        region=region,
        role=Role.SPECIALIST,
        organisation="Jeugdteam Eemland",
        kind=OrganisationKind.SPECIALIST_TEAM,
    ).organisations.get()


def test_a_consent_ending_before_it_starts_is_refused_at_the_field(logged_in, worker, region):
    household = make_household(region=region, actor=worker)
    today = timezone.localdate()
    response = logged_in.post(
        f"{_dossier(household)}toestemmingen/nieuw/",
        {
            "recipient": _team(region).pk,
            "item": "plan",
            "purpose": "plan_sharing",
            "given_by": "Moeder",
            "method": "in_conversation",
            "valid_from": today.isoformat(),
            "valid_until": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert 'id="id_valid_until_error"' in response.content.decode()
    assert not Consent.objects.exists()


def test_withdrawing_from_the_dossier_ends_the_share(logged_in, worker, region) -> None:
    household = make_household(region=region, actor=worker)
    team = _team(region)
    consent = make_consent(household=household, recipient=team)
    shared = logged_in.post(
        f"{_dossier(household)}delen/", {"recipient": team.pk, "item": "plan", "basis": "consent"}
    )
    assert shared.status_code == 302
    page = logged_in.get(_dossier(household)).content.decode()
    assert "Intrekken" in page
    response = logged_in.post(f"{_dossier(household)}toestemmingen/{consent.public_id}/intrekken/")
    assert response.status_code == 302
    assert DataShare.objects.get().ended_at is not None
    again = logged_in.post(
        f"{_dossier(household)}delen/", {"recipient": team.pk, "item": "plan", "basis": "consent"}
    )
    assert again.status_code == 400
    assert 'id="id_consent_error"' in again.content.decode()


def test_sharing_on_a_legal_ground_needs_an_explanation(logged_in, worker, region) -> None:
    household = make_household(region=region, actor=worker)
    team = _team(region)
    data = {"recipient": team.pk, "item": "plan", "basis": "legal_ground", "legal_ground": "safety"}
    refused = logged_in.post(f"{_dossier(household)}delen/", data)
    assert refused.status_code == 400
    assert 'id="id_explanation_error"' in refused.content.decode()
    accepted = logged_in.post(
        f"{_dossier(household)}delen/", {**data, "explanation": "Meldcode: acute onveiligheid"}
    )
    assert accepted.status_code == 302
    assert DataShare.objects.get().legal_ground == "safety"


# --- the privacy officer ----------------------------------------------------------------


def test_the_privacy_officer_sees_who_broke_the_glass_and_why(client, region, user_factory):
    from dichtbij.families.services import emergency_access_open

    household = make_household(region=region)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest", username="invaller")
    emergency_access_open(actor=stranger, household=household, reason="Crisisdienst belde")
    client.force_login(user_factory(region=region, role=Role.PRIVACY_OFFICER))
    assert "/privacy/noodtoegang/" in client.get("/privacy/auditlog/").content.decode()
    page = client.get("/privacy/noodtoegang/").content.decode()
    assert "invaller" in page
    assert "Crisisdienst belde" in page
    assert str(household.public_id) in page
    assert household.name not in page


def test_only_the_privacy_officer_sees_the_emergency_access_overview(logged_in) -> None:
    assert logged_in.get("/privacy/noodtoegang/").status_code == 404
