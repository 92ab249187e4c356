"""A functional admin administers their own region only, and cannot grant power."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import Membership, Organisation, User
from dichtbij.audit.models import AuditEvent


@pytest.fixture
def admin_client(client, region, user_factory):
    admin = user_factory(region=region, role=Role.FUNCTIONAL_ADMIN, is_staff=True)
    admin.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts"))
    client.force_login(admin)
    return client, admin


def test_user_list_shows_only_the_own_region(admin_client, other_region, user_factory) -> None:
    client, _admin = admin_client
    stranger = user_factory(region=other_region, username="elders")
    page = client.get("/beheer/accounts/user/").content.decode()
    assert "elders" not in page
    assert client.get(f"/beheer/accounts/user/{stranger.pk}/change/").status_code == 302


def test_a_user_of_another_region_cannot_be_changed(
    admin_client, other_region, user_factory
) -> None:
    client, _admin = admin_client
    stranger = user_factory(region=other_region, username="elders", first_name="Eva")
    client.post(
        f"/beheer/accounts/user/{stranger.pk}/change/",
        {"username": "elders", "first_name": "Gewijzigd", "role": "policy"},
    )
    stranger.refresh_from_db()
    assert stranger.first_name == "Eva"


def test_an_admin_cannot_make_themselves_superuser(admin_client) -> None:
    client, admin = admin_client
    page = client.get(f"/beheer/accounts/user/{admin.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    assert 'name="is_staff"' not in page


def test_organisation_choices_are_limited_to_the_region(admin_client, other_region) -> None:
    client, admin = admin_client
    foreign = Organisation.objects.create(region=other_region, kind="cjg", name="CJG Elders")
    page = client.get(f"/beheer/accounts/user/{admin.pk}/change/").content.decode()
    assert "CJG Elders" not in page
    assert client.get(f"/beheer/accounts/organisation/{foreign.pk}/change/").status_code == 302


def test_membership_across_regions_is_invalid(region, other_region, user_factory) -> None:
    from django.core.exceptions import ValidationError

    user = user_factory(region=region)
    foreign = Organisation.objects.create(region=other_region, kind="cjg", name="CJG Elders")
    with pytest.raises(ValidationError):
        Membership(user=user, organisation=foreign).full_clean()


def test_admin_views_of_a_person_are_audited_with_that_person(
    admin_client, region, user_factory
) -> None:
    client, _admin = admin_client
    worker = user_factory(region=region, username="medewerker")
    client.get(f"/beheer/accounts/user/{worker.pk}/change/")
    event = AuditEvent.objects.get(object_type="beheer:accounts_user_change")
    assert (event.subject_type, event.subject_id) == ("user", str(worker.pk))
    assert event.subject_region_id == region.pk


def test_the_admin_login_page_sends_people_to_the_real_login(client, db) -> None:
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=")


def test_new_users_made_in_the_admin_land_in_the_admins_region(admin_client, region) -> None:
    client, _admin = admin_client
    client.post(
        "/beheer/accounts/user/add/",
        {
            "username": "nieuw",
            "role": "local_team_worker",
            "region": region.pk,
            "password1": "een lang en sterk wachtwoord 42",
            "password2": "een lang en sterk wachtwoord 42",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert User.objects.get(username="nieuw").region_id == region.pk
