"""TOTP two-factor authentication: required for professionals in production mode."""

from __future__ import annotations

import pytest
from django_otp.oath import totp

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import PASSWORD
from dichtbij.accounts.two_factor import pending_device


def _current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def production_2fa(settings):
    settings.TWO_FACTOR_REQUIRED = True
    # django-otp delays the next try after a wrong code; these tests try right after.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _login(client, user) -> None:
    response = client.post("/account/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_professional_without_device_is_sent_to_setup(
    client, region, user_factory, production_2fa
) -> None:
    user = user_factory(region=region)
    _login(client, user)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweestapsverificatie/instellen/")


def test_api_answers_problem_json_until_the_second_factor_is_confirmed(
    client, region, user_factory, production_2fa
) -> None:
    user = user_factory(region=region)
    _login(client, user)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "two_factor_required"


def test_setup_with_a_valid_code_lets_the_user_in(
    client, region, user_factory, production_2fa
) -> None:
    user = user_factory(region=region)
    _login(client, user)
    page = client.get("/account/tweestapsverificatie/instellen/")
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    device = pending_device(user)
    assert (
        client.post("/account/tweestapsverificatie/instellen/", {"token": "000000"}).status_code
        == 400
    )
    response = client.post(
        "/account/tweestapsverificatie/instellen/", {"token": _current_code(device)}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_next_login_asks_for_the_code_and_refuses_a_wrong_one(
    client, region, user_factory, production_2fa
) -> None:
    user = user_factory(region=region)
    device = pending_device(user)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _login(client, user)
    assert client.get("/account/")["Location"].startswith("/account/tweestapsverificatie/?")
    wrong = client.post("/account/tweestapsverificatie/", {"token": "123456", "next": "/account/"})
    assert wrong.status_code == 400
    assert "klopt niet" in wrong.content.decode()
    right = client.post(
        "/account/tweestapsverificatie/", {"token": _current_code(device), "next": "/account/"}
    )
    assert right["Location"] == "/account/"


def test_family_members_are_not_forced_to_use_two_factor(
    client, region, user_factory, production_2fa
) -> None:
    parent = user_factory(region=region, role=Role.FAMILY, organisation=None)
    _login(client, parent)
    assert client.get("/account/").status_code == 200


def test_in_the_demo_two_factor_is_optional(client, region, user_factory, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = False
    user = user_factory(region=region)
    _login(client, user)
    assert client.get("/account/").status_code == 200


def test_a_password_alone_cannot_enrol_a_second_device(
    client, region, user_factory, production_2fa
) -> None:
    """The attack: log in with the password, then enrol a new app to get past 2FA."""
    user = user_factory(region=region)
    device = pending_device(user)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _login(client, user)

    page = client.get("/account/tweestapsverificatie/instellen/")
    assert page["Location"] == "/account/tweestapsverificatie/"
    attempt = client.post("/account/tweestapsverificatie/instellen/", {"token": "000000"})
    assert attempt["Location"] == "/account/tweestapsverificatie/"
    assert "data:image/svg+xml" not in attempt.content.decode()
    assert user.totpdevice_set.count() == 1
    assert client.get("/account/").status_code == 302


def test_enrolment_is_audited(client, region, user_factory, production_2fa) -> None:
    from dichtbij.audit.models import AuditEvent

    user = user_factory(region=region)
    _login(client, user)
    device = pending_device(user)
    client.post("/account/tweestapsverificatie/instellen/", {"token": _current_code(device)})
    event = AuditEvent.objects.get(object_type="tweestapsverificatie")
    assert (event.action, event.subject_id) == ("create", str(user.pk))
