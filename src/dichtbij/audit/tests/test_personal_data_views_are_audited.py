"""Pages and endpoints with personal data write an audit row; forgetting to is caught."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import PASSWORD
from dichtbij.audit.auditing import AuditMissingError, audit_read, personal_data
from dichtbij.audit.models import AuditEvent


def test_own_profile_page_is_audited_with_subject_and_origin(client, region, user_factory) -> None:
    user = user_factory(region=region)
    client.force_login(user)
    response = client.get("/account/", HTTP_USER_AGENT="pytest-browser")
    assert response.status_code == 200
    event = AuditEvent.objects.get(object_type="gebruiker")
    assert (event.actor_id, event.subject_type, event.subject_id) == (user.pk, "user", str(user.pk))
    assert (event.channel, event.request_method, event.request_path) == ("web", "GET", "/account/")
    assert event.user_agent == "pytest-browser"
    assert event.ip_address == "127.0.0.1"


def test_api_me_is_audited_on_the_api_channel(client, region, user_factory) -> None:
    user = user_factory(region=region)
    client.force_login(user)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == user.username
    event = AuditEvent.objects.get(object_type="gebruiker")
    assert event.channel == "api"


def test_query_strings_are_not_stored(client, region, user_factory) -> None:
    officer = user_factory(region=region, role=Role.PRIVACY_OFFICER)
    client.force_login(officer)
    client.get("/privacy/auditlog/?subject_id=123456782&subject_type=user")
    event = AuditEvent.objects.get(object_type="auditlog")
    assert event.request_path == "/privacy/auditlog/"
    assert (event.subject_type, event.subject_id) == ("user", "123456782")


def test_login_and_logout_are_recorded(client, region, user_factory) -> None:
    user = user_factory(region=region)
    client.post("/account/inloggen/", {"username": user.username, "password": PASSWORD})
    client.post("/account/uitloggen/")
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "login",
        "logout",
    ]


def test_a_personal_data_view_that_forgets_to_audit_fails_loudly(region, user_factory) -> None:
    @personal_data(object_type="kind", reason="test")
    def forgetful(request: HttpRequest) -> HttpResponse:
        return HttpResponse("Jan, 12 jaar")

    request = RequestFactory().get("/kinderen/1/")
    request.user = user_factory(region=region)
    with pytest.raises(AuditMissingError, match="kinderen/1"):
        forgetful(request)


def test_a_personal_data_view_that_audits_passes(region, user_factory) -> None:
    @personal_data(object_type="kind", reason="test")
    def careful(request: HttpRequest) -> HttpResponse:
        audit_read(request, object_type="kind", reason="test")
        return HttpResponse("Jan, 12 jaar")

    request = RequestFactory().get("/kinderen/1/")
    request.user = user_factory(region=region)
    assert careful(request).status_code == 200
    assert AuditEvent.objects.filter(object_type="kind").count() == 1


def test_in_production_a_forgotten_audit_is_recorded_as_a_fallback(
    settings, region, user_factory
) -> None:
    settings.DEBUG = False
    settings.DICHTBIJ_ENV = "production"

    @personal_data(object_type="kind", reason="fallback")
    def forgetful(request: HttpRequest) -> HttpResponse:
        return HttpResponse("Jan, 12 jaar")

    request = RequestFactory().get("/kinderen/1/")
    request.user = user_factory(region=region)
    forgetful(request)
    assert AuditEvent.objects.get().reason == "fallback"


def test_refused_requests_write_no_read_row(client, region, user_factory) -> None:
    worker = user_factory(region=region)
    client.force_login(worker)
    assert client.get("/privacy/auditlog/").status_code == 404
    assert not AuditEvent.objects.filter(object_type="auditlog").exists()


def test_admin_pages_are_audited_for_staff(client, region, user_factory) -> None:
    admin = user_factory(region=region, role=Role.FUNCTIONAL_ADMIN, is_staff=True)
    client.force_login(admin)
    assert client.get("/beheer/").status_code == 200
    assert AuditEvent.objects.filter(channel="admin", object_type="beheer:index").count() == 1


def test_failed_logins_are_recorded_about_the_account(client, region, user_factory) -> None:
    user = user_factory(region=region)
    client.post("/account/inloggen/", {"username": user.username, "password": "fout"})
    client.post("/account/inloggen/", {"username": "niemand", "password": "fout"})
    known, unknown = AuditEvent.objects.filter(action="login_failed").order_by("id")
    assert (known.subject_id, known.subject_region_id) == (str(user.pk), region.pk)
    assert "niemand" not in unknown.reason
    assert unknown.subject_id == ""


def test_forwarded_for_is_ignored_without_a_proxy(client, region, user_factory, settings) -> None:
    settings.BEHIND_PROXY = False
    client.force_login(user_factory(region=region))
    client.get("/account/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AuditEvent.objects.get(object_type="gebruiker").ip_address == "127.0.0.1"


def test_forwarded_for_is_used_and_validated_behind_a_proxy(
    client, region, user_factory, settings
) -> None:
    settings.BEHIND_PROXY = True
    client.force_login(user_factory(region=region))
    client.get("/account/", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1")
    client.get("/account/", HTTP_X_FORWARDED_FOR="not-an-ip")
    addresses = list(
        AuditEvent.objects.filter(object_type="gebruiker")
        .order_by("id")
        .values_list("ip_address", flat=True)
    )
    assert addresses == ["203.0.113.7", "127.0.0.1"]
