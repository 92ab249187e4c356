"""The professionals' sociale kaart: login, roles, referral details, own region first."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search.types import SearchQuery, SearchResult

pytestmark = pytest.mark.django_db

SEARCH = "/hulpwijzer/sociale-kaart/"


def _text(content: bytes) -> str:
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


def _named(services: list[Service], name: str) -> Service:
    return next(service for service in services if service.name == name)


def _login(client: Client, region: Any, role: Role, **extra: Any) -> Any:
    user = make_user(region=region, role=role, **extra)
    client.force_login(user)
    return user


def test_the_professional_pages_need_a_login(client: Client, catalogue: list[Service]) -> None:
    service = catalogue[0]
    for url in (SEARCH, reverse("catalogue:pro_service", args=[service.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.parametrize("role", [Role.FAMILY, Role.POLICY, Role.PRIVACY_OFFICER])
def test_roles_that_do_not_refer_or_help_are_refused(
    client: Client, catalogue: list[Service], role: Role
) -> None:
    _login(client, catalogue[0].region, role)

    assert client.get(SEARCH).status_code == 403
    assert client.get(reverse("catalogue:pro_service", args=[catalogue[0].pk])).status_code == 403


@pytest.mark.parametrize(
    "role",
    [
        Role.LOCAL_TEAM_WORKER,
        Role.REFERRER,
        Role.SPECIALIST,
        Role.TEAM_COORDINATOR,
        Role.FUNCTIONAL_ADMIN,
    ],
)
def test_professionals_may_use_the_sociale_kaart(
    client: Client, catalogue: list[Service], role: Role
) -> None:
    _login(client, catalogue[0].region, role)

    assert client.get(SEARCH).status_code == 200


def test_a_professional_searches_their_own_region_by_default(
    client: Client, region: Any, catalogue: list[Service], monkeypatch: Any
) -> None:
    _login(client, region, Role.LOCAL_TEAM_WORKER)
    seen: list[SearchQuery] = []

    def capture(*, query: SearchQuery) -> SearchResult:
        seen.append(query)
        return SearchResult(query=query, hits=[])

    import dichtbij.catalogue.search as search_module

    monkeypatch.setattr(search_module, "catalogue_search", capture, raising=False)
    response = client.get(SEARCH, {"q": "thuiszitter"})

    assert seen[0].region == region and seen[0].municipality is None
    assert "Gemeente In Regio Amersfoort. Alle gemeenten" in _text(response.content)
    # Only the gemeenten of the own region are offered.
    assert ">Soest</option>" in response.content.decode()
    assert ">Utrecht</option>" not in response.content.decode()


def test_results_for_professionals_link_to_the_professional_service_page(
    client: Client, region: Any, catalogue: list[Service]
) -> None:
    _login(client, region, Role.LOCAL_TEAM_WORKER)
    specialist = _named(catalogue, "Specialistische behandeling bij pesttrauma")

    response = client.get(SEARCH, {"q": "pesten", "gemeente": "GM0342"})

    html = response.content.decode()
    assert f'href="/hulpwijzer/sociale-kaart/{specialist.pk}/?q=pesten' in html
    assert "Wijkteam of gemeente, Huisarts, Jeugdarts" in _text(response.content)


def test_a_gp_sees_who_may_refer_and_the_rule_of_the_region(
    client: Client, region: Any, catalogue: list[Service]
) -> None:
    _login(
        client, region, Role.REFERRER, kind=OrganisationKind.GP_PRACTICE, organisation="De Linde"
    )
    specialist = _named(catalogue, "Specialistische behandeling bij pesttrauma")

    response = client.get(reverse("catalogue:pro_service", args=[specialist.pk]))

    text = _text(response.content)
    assert "Verwijzen" in text
    assert "Wie mag verwijzen" in text
    for label in ("Wijkteam of gemeente", "Huisarts", "Jeugdarts"):
        assert label in text
    assert (
        'In Regio Amersfoort mag verwijzer "Huisarts" verwijzen naar specialistische hulp.' in text
    )
    assert "U verwijst via de centrale toegang Entree." in text
    assert "U kunt naar dit aanbod verwijzen." in text
    assert "Wachttijd ongeveer 6 weken" in text


def test_a_specialist_sees_the_referrers_without_a_rule_of_their_own(
    client: Client, region: Any, catalogue: list[Service]
) -> None:
    _login(client, region, Role.SPECIALIST, kind=OrganisationKind.SPECIALIST_TEAM)
    specialist = _named(catalogue, "Specialistische behandeling bij pesttrauma")

    text = _text(client.get(reverse("catalogue:pro_service", args=[specialist.pk])).content)

    assert "Wie mag verwijzen" in text
    assert "Regel van uw regio" not in text


def test_help_without_referral_says_the_family_can_apply_itself(
    client: Client, region: Any, catalogue: list[Service]
) -> None:
    _login(client, region, Role.LOCAL_TEAM_WORKER)
    buddy = _named(catalogue, "Maatje op school")

    text = _text(client.get(reverse("catalogue:pro_service", args=[buddy.pk])).content)

    assert "Voor dit aanbod is geen verwijzing nodig" in text
    assert "Direct terecht" in text


def test_the_public_page_points_a_professional_to_their_variant(
    client: Client, region: Any, catalogue: list[Service]
) -> None:
    _login(client, region, Role.LOCAL_TEAM_WORKER)

    html = client.get("/hulpwijzer/", {"q": "pesten"}).content.decode()

    assert 'href="/hulpwijzer/sociale-kaart/?q=pesten"' in html


def test_the_home_page_links_the_sociale_kaart_for_local_teams(client: Client, region: Any) -> None:
    _login(client, region, Role.LOCAL_TEAM_WORKER)

    assert 'href="/hulpwijzer/sociale-kaart/">Sociale kaart</a>' in client.get("/").content.decode()
