"""Functioneel beheer keeps the sociale kaart current: edit, mark outdated, mark checked."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.catalogue.models import Service
from dichtbij.catalogue.selectors import (
    ServiceAdminFilters,
    service_get_for_admin,
    service_list_for_admin,
)
from dichtbij.catalogue.services import (
    CatalogueEditRefused,
    ServiceChanges,
    service_mark_checked,
    service_mark_outdated,
    service_update,
)
from dichtbij.catalogue.tests.factories import hsds_service, import_services
from dichtbij.utils.errors import NotFoundOrForbidden

pytestmark = pytest.mark.django_db

LIST = "/hulpwijzer/beheer/"


def _text(content: bytes) -> str:
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


def _named(services: list[Service], name: str) -> Service:
    return next(service for service in services if service.name == name)


@pytest.fixture
def admin(region: Any) -> Any:
    return make_user(region=region, role=Role.FUNCTIONAL_ADMIN, email="beheer@example.nl")


def _form_data(service: Service, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": service.name,
        "description": service.description,
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "minimum_age": service.minimum_age if service.minimum_age is not None else "",
        "maximum_age": service.maximum_age if service.maximum_age is not None else "",
        "waiting_weeks": service.waiting_weeks if service.waiting_weeks is not None else "",
        "referrers": list(service.referrers),
        "status": service.status,
        "alert": service.alert,
    }
    if service.referral_required:
        data["referral_required"] = "on"
    if service.at_school:
        data["at_school"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may manage ----------------------------------------------------------------------------


def test_management_needs_a_login(client: Client, catalogue: list[Service]) -> None:
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.parametrize(
    "role", [Role.FAMILY, Role.LOCAL_TEAM_WORKER, Role.REFERRER, Role.POLICY, Role.PRIVACY_OFFICER]
)
def test_only_functioneel_beheer_may_manage_the_catalogue(
    client: Client, region: Any, catalogue: list[Service], role: Role
) -> None:
    client.force_login(make_user(region=region, role=role))
    service = catalogue[0]

    assert client.get(LIST).status_code == 403
    assert client.get(reverse("catalogue:manage_edit", args=[service.pk])).status_code == 403
    response = client.post(reverse("catalogue:manage_outdated", args=[service.pk]))
    assert response.status_code == 403
    service.refresh_from_db()
    assert not service.outdated


def test_a_service_of_another_region_is_not_found(
    client: Client, catalogue: list[Service], other_region: Any
) -> None:
    client.force_login(make_user(region=other_region, role=Role.FUNCTIONAL_ADMIN))
    service = catalogue[0]

    assert client.get(reverse("catalogue:manage_edit", args=[service.pk])).status_code == 404
    assert client.post(reverse("catalogue:manage_outdated", args=[service.pk])).status_code == 404
    assert client.post(reverse("catalogue:manage_checked", args=[service.pk])).status_code == 404
    assert service.name not in _text(client.get(LIST).content)


def test_the_access_helper_says_not_found_alike_for_missing_and_foreign_services(
    admin: Any, catalogue: list[Service], other_region: Any
) -> None:
    foreign_admin = make_user(region=other_region, role=Role.FUNCTIONAL_ADMIN)
    worker = make_user(region=admin.region, role=Role.LOCAL_TEAM_WORKER)
    service = catalogue[0]

    assert service_get_for_admin(viewer=admin, pk=service.pk) == service
    for viewer, pk in (
        (foreign_admin, service.pk),
        (worker, service.pk),
        (admin, "00000000-0000-0000-0000-000000000000"),
    ):
        with pytest.raises(NotFoundOrForbidden):
            service_get_for_admin(viewer=viewer, pk=pk)


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_the_services_of_the_region(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    client.force_login(admin)

    response = client.get(LIST)

    assert response.status_code == 200
    text = _text(response.content)
    for service in catalogue:
        assert service.name in text
    assert "5 diensten gevonden." in text


def test_services_not_checked_for_twelve_months_can_be_listed(
    admin: Any, catalogue: list[Service], client: Client
) -> None:
    (never,) = import_services([hsds_service("nooit", "Nooit gecontroleerd", assured_date=None)])
    today = datetime.date(2026, 11, 25)
    just_in_time = _named(catalogue, "Maatje op school")
    Service.objects.filter(pk=just_in_time.pk).update(assured_date=datetime.date(2025, 11, 26))

    unchecked = service_list_for_admin(
        viewer=admin, filters=ServiceAdminFilters(unchecked=True), today=today
    )

    # "Voetbal in de wijk" was checked on 2024-01-15; the others in 2026 or just within a year.
    assert {s.name for s in unchecked} == {"Voetbal in de wijk", never.name}

    # The page counts from the real today: checked 364 days ago is still within the year.
    Service.objects.filter(pk=just_in_time.pk).update(
        assured_date=timezone.localdate() - datetime.timedelta(days=364)
    )
    client.force_login(admin)
    text = _text(client.get(LIST, {"niet_gecontroleerd": "on"}).content)
    assert "Voetbal in de wijk" in text
    assert "Nooit gecontroleerd" in text
    assert "Maatje op school" not in text


def test_the_list_filters_outdated_services(
    admin: Any, catalogue: list[Service], client: Client
) -> None:
    old = _named(catalogue, "Voetbal in de wijk")
    service_mark_outdated(service=old, actor=admin)
    client.force_login(admin)

    only_outdated = _text(client.get(LIST, {"verouderd": "ja"}).content)
    not_outdated = _text(client.get(LIST, {"verouderd": "nee"}).content)

    assert "Voetbal in de wijk" in only_outdated and "Maatje op school" not in only_outdated
    assert "Voetbal in de wijk" not in not_outdated and "Maatje op school" in not_outdated


def test_the_list_pages_by_fifty(admin: Any, region: Any, client: Client) -> None:
    import_services(hsds_service(f"d{i:02d}", f"Dienst {i:02d}") for i in range(55))
    client.force_login(admin)

    first = client.get(LIST)
    second = client.get(LIST, {"pagina": "2"})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    assert "Pagina 2 van 2" in _text(second.content)


# --- Editing ------------------------------------------------------------------------------------


def test_an_edit_is_saved_and_stamps_last_modified(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    service = _named(catalogue, "Maatje op school")
    before = service.last_modified
    client.force_login(admin)

    response = client.post(
        reverse("catalogue:manage_edit", args=[service.pk]),
        _form_data(service, name="Maatje op school en in de wijk", waiting_weeks="3"),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Maatje op school en in de wijk"
    assert service.waiting_weeks == 3
    assert service.last_modified > before
    page = client.get(response["Location"])
    assert "De wijzigingen zijn opgeslagen." in page.content.decode()


def test_the_edit_page_shows_the_form_filled_in(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    service = _named(catalogue, "Specialistische behandeling bij pesttrauma")
    client.force_login(admin)

    response = client.get(reverse("catalogue:manage_edit", args=[service.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Specialistische behandeling bij pesttrauma"' in html
    assert 'value="huisarts" id="id_referrers_1" checked' in html
    assert 'value="medisch-specialist" id="id_referrers_3">' in html


def test_a_minimum_age_above_the_maximum_is_refused_in_dutch(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    service = _named(catalogue, "Maatje op school")
    client.force_login(admin)

    response = client.post(
        reverse("catalogue:manage_edit", args=[service.pk]),
        _form_data(service, minimum_age="14", maximum_age="8"),
    )

    assert response.status_code == 400
    text = _text(response.content)
    assert "Niet opgeslagen: verbeter het volgende" in text
    assert "De maximumleeftijd moet gelijk zijn aan of hoger zijn dan de minimumleeftijd." in text
    service.refresh_from_db()
    assert (service.minimum_age, service.maximum_age) == (6, 16)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Vul een naam in."),
        ({"waiting_weeks": "-1"}, "Vul 0 of meer in."),
        ({"waiting_weeks": "veel"}, "Vul een heel getal in."),
        ({"referral_required": "on", "referrers": []}, "Kies wie mag verwijzen"),
    ],
)
def test_wrong_input_is_explained_in_dutch(
    client: Client, admin: Any, catalogue: list[Service], changes: dict[str, Any], message: str
) -> None:
    service = _named(catalogue, "Maatje op school")
    client.force_login(admin)

    response = client.post(
        reverse("catalogue:manage_edit", args=[service.pk]), _form_data(service, **changes)
    )

    assert response.status_code == 400
    assert message in _text(response.content)


def test_help_without_referral_keeps_no_referrers(admin: Any, catalogue: list[Service]) -> None:
    service = _named(catalogue, "Specialistische behandeling bij pesttrauma")
    changes = ServiceChanges(
        name=service.name,
        description=service.description,
        application_process="Zelf aanmelden.",
        eligibility_description="",
        minimum_age=4,
        maximum_age=18,
        waiting_weeks=1,
        referral_required=False,
        referrers=["huisarts"],
        at_school=True,
        status="active",
        alert="",
    )

    service_update(service=service, actor=admin, changes=changes)

    service.refresh_from_db()
    assert service.referral_required is False
    assert service.referrers == []
    assert service.at_school is True


def test_the_service_refuses_an_age_range_upside_down(admin: Any, catalogue: list[Service]) -> None:
    service = catalogue[0]
    changes = ServiceChanges(
        name="X", description="", application_process="", eligibility_description="",
        minimum_age=12, maximum_age=4, waiting_weeks=None, referral_required=False,
        referrers=[], at_school=False, status="active", alert="",
    )  # fmt: skip

    with pytest.raises(CatalogueEditRefused) as refused:
        service_update(service=service, actor=admin, changes=changes)

    assert refused.value.message == "De minimumleeftijd is hoger dan de maximumleeftijd."
    service.refresh_from_db()
    assert service.name != "X"


# --- Outdated and checked -------------------------------------------------------------------------


def test_marking_a_service_outdated_removes_it_from_the_search(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    buddy = _named(catalogue, "Maatje op school")
    assert "Maatje op school" in _text(
        client.get("/hulpwijzer/", {"q": "gepest", "gemeente": "GM0342"}).content
    )
    client.force_login(admin)

    response = client.post(
        reverse("catalogue:manage_outdated", args=[buddy.pk]), {"verouderd": "1"}
    )

    assert response.status_code == 302
    buddy.refresh_from_db()
    assert buddy.outdated
    client.logout()
    text = _text(client.get("/hulpwijzer/", {"q": "gepest", "gemeente": "GM0342"}).content)
    assert "Maatje op school" not in text
    assert "Weerbaarheidstraining Sterk Staan" in text


def test_an_outdated_mark_can_be_taken_away(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    buddy = _named(catalogue, "Maatje op school")
    service_mark_outdated(service=buddy, actor=admin)
    client.force_login(admin)

    response = client.post(
        reverse("catalogue:manage_outdated", args=[buddy.pk]), {"verouderd": "0"}
    )

    buddy.refresh_from_db()
    assert not buddy.outdated
    assert "niet meer gemarkeerd als verouderd" in client.get(response["Location"]).content.decode()
    assert "Maatje op school" in _text(
        client.get("/hulpwijzer/", {"q": "gepest", "gemeente": "GM0342"}).content
    )


def test_marking_a_service_checked_records_the_date_and_who(
    client: Client, admin: Any, catalogue: list[Service]
) -> None:
    old = _named(catalogue, "Voetbal in de wijk")
    before = old.last_modified
    client.force_login(admin)

    response = client.post(reverse("catalogue:manage_checked", args=[old.pk]))

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.assured_date == timezone.localdate()
    assert old.assurer_email == "beheer@example.nl"
    assert old.last_modified > before
    assert not service_list_for_admin(
        viewer=admin, filters=ServiceAdminFilters(unchecked=True)
    ).filter(pk=old.pk)


def test_actions_only_accept_post(client: Client, admin: Any, catalogue: list[Service]) -> None:
    client.force_login(admin)

    response = client.get(reverse("catalogue:manage_checked", args=[catalogue[0].pk]))

    assert response.status_code == 405


def test_every_write_updates_the_search_index(
    admin: Any, catalogue: list[Service], monkeypatch: Any
) -> None:
    import dichtbij.catalogue.search as search_module

    updated: list[list[Service]] = []
    monkeypatch.setattr(
        search_module,
        "search_index_update",
        lambda *, services: updated.append(list(services)),
        raising=False,
    )
    service = catalogue[0]

    service_mark_outdated(service=service, actor=admin)
    service_mark_checked(service=service, actor=admin, on=datetime.date(2026, 1, 2))

    assert updated == [[service], [service]]


def test_the_home_page_of_functioneel_beheer_links_to_management(
    client: Client, admin: Any
) -> None:
    client.force_login(admin)

    assert (
        'href="/hulpwijzer/beheer/">Sociale kaart beheren</a>' in client.get("/").content.decode()
    )


def test_another_regions_admin_sees_only_their_own_catalogue(
    client: Client, catalogue: list[Service]
) -> None:
    utrecht = make_region("utrecht")
    client.force_login(make_user(region=utrecht, role=Role.FUNCTIONAL_ADMIN))

    assert "Geen aanbod gevonden voor dit filter." in _text(client.get(LIST).content)
