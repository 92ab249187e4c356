"""``GET /api/v1/catalogue/search``: public, paged, validated with Dutch problem+json."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

URL = "/api/v1/catalogue/search"


def get(**params: Any) -> Any:
    return APIClient().get(URL, params)


def test_url_is_the_documented_one() -> None:
    assert reverse("api-catalogue-search") == URL


def test_search_is_public_and_returns_ranked_hits_with_reasons(
    small_catalogue: Any, region: Any
) -> None:
    response = get(q="mijn zoon wordt gepest", gemeente="GM0342", age=9, limit=10)

    assert response.status_code == 200
    body = response.json()
    first = body["results"][0]
    assert set(first) >= {
        "id", "name", "score", "reasons", "referral_required", "waiting_weeks",
    }  # fmt: skip
    assert first["id"] == str(small_catalogue["pest-ouderavond"].pk) or first["id"] == str(
        small_catalogue["weerbaar"].pk
    )
    assert {"kind": "gemeente", "text": "Voor inwoners van Soest"} in first["reasons"]
    assert body["safety"] is None
    assert body["out_of_scope"] is False
    assert body["themes"][0]["code"] == "thema:pesten"


def test_limit_and_page(small_catalogue: Any, region: Any) -> None:
    everything = get(q="gepest", regio="amersfoort", limit=50).json()["results"]
    first = get(q="gepest", regio="amersfoort", limit=1).json()
    second = get(q="gepest", regio="amersfoort", limit=1, page=2).json()

    assert len(everything) >= 3
    assert [r["id"] for r in first["results"]] == [everything[0]["id"]]
    assert [r["id"] for r in second["results"]] == [everything[1]["id"]]
    assert first["has_more"] is True
    assert get(q="gepest", regio="amersfoort", limit=50).json()["has_more"] is False


def test_filters_pass_through(small_catalogue: Any, region: Any) -> None:
    body = get(
        q="gepest", gemeente="GM0342", zonder_verwijzing="true", max_wachttijd=2, thema="pesten"
    ).json()

    assert [r["name"] for r in body["results"]] == ["Ouderavond: mijn kind wordt gepest"]


def test_safety_and_out_of_scope_in_the_body(small_catalogue: Any, region: Any) -> None:
    danger = get(q="hij slaat ons", gemeente="GM0342").json()
    permit = get(q="parkeervergunning", gemeente="GM0342").json()

    assert "0800-2000" in danger["safety"]["message"]
    assert danger["safety"]["crisis_services"]
    assert permit["out_of_scope"] is True
    assert permit["results"] == []
    assert "Sociaal Team Soest" in permit["local_team_hint"]


@pytest.mark.parametrize(
    ("params", "name", "reason"),
    [
        ({"gemeente": "GM9999"}, "gemeente", "Onbekende gemeente"),
        ({"age": "31"}, "age", "tussen 0 en 30 jaar"),
        ({"age": "-1"}, "age", "tussen 0 en 30 jaar"),
        ({"age": "tien"}, "age", "heel getal"),
        ({"limit": "51"}, "limit", "hoogstens 50"),
        ({"limit": "0"}, "limit", "minstens 1"),
        ({"thema": "parkeren"}, "thema", "Onbekend thema"),
        ({"soort": "raket"}, "soort", "Onbekende soort hulp"),
        ({"max_wachttijd": "-3"}, "max_wachttijd", "wachttijd"),
        ({"regio": "atlantis"}, "regio", "Onbekende regio"),
    ],
)
def test_bad_input_is_a_dutch_problem_json(
    small_catalogue: Any, region: Any, params: dict[str, str], name: str, reason: str
) -> None:
    response = get(q="gepest", **params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["title"] == "De invoer is niet geldig."
    params_by_name = {p["name"]: p["reason"] for p in body["invalid-params"]}
    assert reason in params_by_name[name]


def test_search_is_in_the_openapi_document(db: None) -> None:
    response = APIClient().get("/api/schema/", {"format": "json"})

    operation = response.json()["paths"][URL]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names >= {"q", "gemeente", "age", "limit", "thema", "soort", "zonder_verwijzing"}
