"""API errors are application/problem+json with a stable code."""

from __future__ import annotations


def test_unauthenticated_request_gets_problem_json(client, db) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "code"} <= body.keys()
    assert body["status"] == response.status_code


def test_bearer_token_authenticates_a_system(client, region, user_factory) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=user_factory(region=region))
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token.key}")
    assert response.status_code == 200


def test_invalid_filter_gives_invalid_params(client, region, user_factory) -> None:
    from dichtbij.accounts.constants import Role

    client.force_login(user_factory(region=region, role=Role.PRIVACY_OFFICER))
    response = client.get("/api/v1/audit-events?date_from=gisteren")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["invalid-params"][0]["name"] == "date_from"


def test_openapi_document_and_docs_are_served(client, db) -> None:
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/audit-events" in text
    assert "/api/v1/me" in text
    assert client.get("/api/docs/").status_code == 200


def test_unknown_api_urls_answer_problem_json(client, db) -> None:
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_unknown_pages_answer_html(client, db) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_persons_token_is_refused_where_2fa_is_required(
    client, region, user_factory, settings
) -> None:
    from rest_framework.authtoken.models import Token

    settings.TWO_FACTOR_REQUIRED = True
    person = Token.objects.create(user=user_factory(region=region))
    refused = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {person.key}")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    system = Token.objects.create(user=user_factory(region=region, username="koppeling"))
    system.user.set_unusable_password()
    system.user.save(update_fields=["password"])
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {system.key}").status_code == 200
