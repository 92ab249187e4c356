"""The network API through its URLs: teams and providers of the user's own region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.network.tests.factories import team_named
from dichtbij.regions.models import District, Region, School

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
Api = Callable[..., Any]


def api_for(client: Client, user: Any) -> Api:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {Token.objects.create(user=user).key}"}

    def get(path: str, **params: Any) -> Any:
        return client.get(f"/api/v1/{path}", params, **headers)

    return get


@pytest.fixture
def api(client: Client, amersfoort: Region) -> Api:
    return api_for(client, make_user(region=amersfoort, role=Role.LOCAL_TEAM_WORKER))


def test_the_team_list_is_the_users_region_in_file_order(api: Api, utrecht: Region) -> None:
    response = api("specialist-teams")

    assert response.status_code == 200
    teams = response.json()
    assert len(teams) == 10
    assert teams[0]["name"] == "MetMaya Amersfoort Centrum"
    noord = next(t for t in teams if t["name"] == "MetMaya Amersfoort Noord")
    assert noord["run_by"]["kind"] == "samenwerkingsverband"
    assert noord["run_by"]["name"] == "MetMaya"
    assert {"code": "lvb", "name": "Licht verstandelijke beperking (LVB)"} in noord["expertise"]
    assert noord["languages"][0] == {"code": "nl", "name": "Nederlands"}
    assert [d["name"] for d in noord["districts"]] == [
        "Koppel",
        "Kruiskamp",
        "Schothorst",
        "Zielhorst",
    ]
    assert noord["schools"][0]["name"] == "Scholengemeenschap Schothorst"
    assert (noord["caseload_per_professional"], noord["max_caseload"]) == (12, 80)


def test_the_team_list_filters_by_gemeente_wijk_school_and_expertise(
    api: Api, amersfoort: Region
) -> None:
    vathorst = District.objects.get(municipality__code="GM0307", name="Vathorst")
    eemhoeve = School.objects.get(name="SO De Eemhoeve")

    by_wijk = api("specialist-teams", gemeente="GM0307", wijk=vathorst.pk).json()
    by_school = api(
        "specialist-teams", gemeente="GM0307", wijk=vathorst.pk, school=eemhoeve.pk
    ).json()
    by_expertise = api("specialist-teams", gemeente="gm0342", expertise="lvb").json()

    assert [t["name"] for t in by_wijk] == ["MetMaya Vathorst-Hoogland", "MetMaya Regio Intensief"]
    assert "MetMaya Amersfoort Oost" in [t["name"] for t in by_school]
    assert [t["name"] for t in by_expertise] == ["MetMaya Soesterberg-Baarn"]


@pytest.mark.parametrize(
    ("params", "name", "reason"),
    [
        ({"gemeente": "GM0344"}, "gemeente", "Onbekende gemeente “GM0344” in uw regio"),
        ({"expertise": "ptss"}, "expertise", "Onbekende expertise “ptss” in uw regio."),
        ({"wijk": "Vathorst"}, "wijk", "Geef ook de gemeente"),
        ({"gemeente": "GM0307", "wijk": "abc"}, "wijk", "geldig getal"),
    ],
)
def test_bad_filters_are_a_problem_naming_the_parameter(
    api: Api, params: dict[str, Any], name: str, reason: str
) -> None:
    if params.get("wijk") == "Vathorst":  # a wijk that exists, by its id in this database
        params = {"wijk": District.objects.get(municipality__code="GM0307", name="Vathorst").pk}
    response = api("specialist-teams", **params)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    invalid = {p["name"]: p["reason"] for p in response.json()["invalid-params"]}
    assert reason in invalid[name]


def test_a_team_in_detail_and_another_regions_team_is_not_found(
    api: Api, amersfoort: Region, utrecht: Region
) -> None:
    noord = team_named(amersfoort, "MetMaya Amersfoort Noord")
    koos = team_named(utrecht, "KOOS West en Zuidwest")

    assert api(f"specialist-teams/{noord.pk}").json()["name"] == "MetMaya Amersfoort Noord"
    response = api(f"specialist-teams/{koos.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_providers_carry_agb_code_and_lead_provider_flags(
    client: Client, amsterdam: Region
) -> None:
    api = api_for(client, make_user(region=amsterdam, role=Role.SPECIALIST))

    providers = {p["name"]: p for p in api("providers").json()}

    amstel = providers["Jeugdhulp Amstel"]
    assert amstel["agb_code"] == "99990001"
    assert (amstel["can_be_lead_provider"], amstel["lead_provider_multiple"]) == (True, True)
    assert {t["name"] for t in amstel["teams"]} == {
        "Jeugdhulp Amstel Zuid en Oost",
        "Jeugdhulp Amstel Amstelland",
    }
    assert providers["Jong en Vrij Verslavingshulp"]["can_be_lead_provider"] is False


def test_consortium_members_are_providers_of_their_consortium(api: Api) -> None:
    providers = {p["name"]: p for p in api("providers").json()}

    assert set(providers) == {"De Rading", "GGz Centraal", "Youké"}
    assert providers["Youké"]["consortia"][0]["name"] == "MetMaya"
    assert providers["Youké"]["agb_code"] == ""


def test_families_and_anonymous_callers_are_refused(client: Client, amersfoort: Region) -> None:
    anonymous = client.get("/api/v1/specialist-teams")
    family = api_for(client, make_user(region=amersfoort, role=Role.FAMILY, organisation=None))(
        "specialist-teams"
    )

    assert anonymous.status_code in (401, 403)
    assert family.status_code == 403
    assert family["Content-Type"] == PROBLEM
