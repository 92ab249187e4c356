"""/netwerk/: the region's specialist network for its professionals, in Dutch."""

from __future__ import annotations

import pytest
from django.test import Client

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.models import AuditEvent
from dichtbij.network.tests.factories import make_professional, team_named
from dichtbij.regions.models import District, Region

pytestmark = pytest.mark.django_db

URL = "/netwerk/"


@pytest.fixture
def worker_client(client: Client, amersfoort: Region) -> Client:
    client.force_login(make_user(region=amersfoort, role=Role.LOCAL_TEAM_WORKER))
    return client


def test_the_network_page_needs_a_login(client: Client, amersfoort: Region) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_a_family_member_does_not_see_the_network(client: Client, amersfoort: Region) -> None:
    client.force_login(make_user(region=amersfoort, role=Role.FAMILY, organisation=None))

    assert client.get(URL).status_code == 404


def test_a_professional_sees_teams_with_area_expertise_languages_and_ceilings(
    worker_client: Client, amersfoort: Region
) -> None:
    professional = make_professional(
        team_named(amersfoort, "MetMaya Amersfoort Noord"), first_name="Fatima", last_name="Zwart"
    )
    events = AuditEvent.objects.count()

    html = worker_client.get(URL).content.decode()

    assert "Specialistisch netwerk van Regio Amersfoort" in html
    assert "10 teams" in html
    assert "MetMaya Amersfoort Noord" in html
    assert "Amersfoort: Koppel, Kruiskamp, Schothorst, Zielhorst" in html
    assert "Baarn (hele gemeente)" in html
    assert "Licht verstandelijke beperking (LVB)" in html
    assert "Tamazight (Berbers)" in html
    assert "80 lopende trajecten voor het team, 12 per medewerker" in html
    assert "Scholengemeenschap Schothorst" in html
    assert "MetMaya</strong>: De Rading, GGz Centraal, Youké (contract 2024–2033)" in html
    # Employee data stays off the page; configuration needs no audit row.
    assert professional.user.last_name not in html
    assert AuditEvent.objects.count() == events


def test_filtering_by_wijk_shows_the_teams_that_reach_it(
    worker_client: Client, amersfoort: Region
) -> None:
    vathorst = District.objects.get(municipality__code="GM0307", name="Vathorst")

    html = worker_client.get(URL, {"wijk": vathorst.pk}).content.decode()

    assert "2 teams passen bij het filter" in html
    assert "MetMaya Vathorst-Hoogland" in html
    assert "MetMaya Soest" not in html


def test_filtering_by_expertise_and_language(worker_client: Client, amersfoort: Region) -> None:
    html = worker_client.get(URL, {"expertise": "lvb", "taal": "ar"}).content.decode()

    assert "2 teams passen bij het filter" in html
    assert "MetMaya Amersfoort Zuid" in html
    assert "MetMaya Amersfoort Noord" in html


def test_a_wijk_of_another_gemeente_is_an_error_at_the_field(
    worker_client: Client, amersfoort: Region
) -> None:
    vathorst = District.objects.get(municipality__code="GM0307", name="Vathorst")

    response = worker_client.get(URL, {"gemeente": "GM0308", "wijk": vathorst.pk})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Wijk Vathorst hoort niet bij gemeente Baarn." in html
    assert 'href="#id_wijk"' in html
    assert 'aria-invalid="true"' in html


def test_amsterdam_shows_providers_with_agb_codes_and_lead_provider(
    client: Client, amsterdam: Region
) -> None:
    client.force_login(make_user(region=amsterdam, role=Role.REFERRER))

    html = client.get(URL).content.decode()

    assert "Hoofdaannemer per traject" in html
    assert "99990001" in html
    assert "ja: enkelvoudige en meervoudige jeugdhulp" in html
    assert "Crisisdienst Jeugd Amstel-Zaan" in html
