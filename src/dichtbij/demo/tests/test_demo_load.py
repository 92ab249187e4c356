"""`dichtbij demo load`: all four regions with working demo accounts, safely repeatable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import Membership, Organisation, User
from dichtbij.demo.services import DEMO_PASSWORD, demo_load
from dichtbij.network.models import SpecialistTeam, TeamProfessional
from dichtbij.regions.models import Region


@pytest.fixture
def loaded(db: None) -> str:
    out = StringIO()
    call_command("demo", "load", stdout=out)
    return out.getvalue()


def test_loads_the_four_regions_and_prints_the_accounts(loaded: str) -> None:
    assert set(Region.objects.values_list("code", flat=True)) == {
        "amersfoort",
        "utrecht",
        "amsterdam",
        "kennemerland",
    }
    assert "amersfoort.wijkteam" in loaded
    assert f"wachtwoord voor allemaal: {DEMO_PASSWORD}" in loaded


def test_every_role_has_a_demo_account(loaded: str) -> None:
    roles = set(User.objects.filter(is_demo=True).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_every_demo_account_can_log_in_and_sees_its_home_page(loaded: str, client) -> None:
    for user in User.objects.filter(is_demo=True):
        response = client.post(
            "/account/inloggen/", {"username": user.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, user.username
        page = client.get("/").content.decode()
        assert user.get_role_display() in page
        assert user.region is not None and user.region.name in page
        client.post("/account/uitloggen/")


def test_organisations_come_from_the_region_files(loaded: str) -> None:
    amersfoort = Region.objects.get(code="amersfoort")
    names = set(Organisation.objects.filter(region=amersfoort).values_list("name", flat=True))
    assert {"Wijkteams Amersfoort", "MetMaya Amersfoort Noord", "Gemeente Soest"} <= names
    assert User.objects.get(username="amersfoort.metmaya").organisations.get().name == (
        "MetMaya Amersfoort Noord"
    )


def test_running_twice_duplicates_nothing(loaded: str) -> None:
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    second = StringIO()
    call_command("demo", "load", stdout=second)
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert "Nieuwe demo-accounts: 0" in second.getvalue()


def test_refuses_in_production(db: None, settings) -> None:
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="niet toegestaan in productie"):
        call_command("demo", "load", stdout=StringIO())
    assert not User.objects.exists()


def test_demo_accounts_cannot_log_in_when_demo_accounts_are_off(
    loaded: str, client, settings
) -> None:
    settings.DEMO_ACCOUNTS_ALLOWED = False
    response = client.post(
        "/account/inloggen/", {"username": "amersfoort.wijkteam", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_service_returns_what_it_made(db: None) -> None:
    summary = demo_load(regions_dir=settings.REGIONS_DIR)
    assert len(summary.regions) == 4
    assert len(summary.created_users) == len(summary.accounts)


def test_each_region_gets_its_specialist_network_with_the_demo_professionals(
    loaded: str,
) -> None:
    for code in ("amersfoort", "utrecht", "amsterdam", "kennemerland"):
        assert SpecialistTeam.objects.filter(region__code=code, active=True).exists(), code
    assert TeamProfessional.objects.filter(
        user__username="amersfoort.coordinator", team__region__code="amersfoort"
    ).exists()
    assert "netwerk amersfoort" in loaded
