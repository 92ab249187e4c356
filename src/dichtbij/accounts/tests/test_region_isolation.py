"""Data of one region is never shown to a user of another region."""

from __future__ import annotations

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.errors import OrganisationOutsideRegion
from dichtbij.accounts.services import membership_add, organisation_ensure
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record


@pytest.fixture
def two_regions(region, other_region, user_factory):
    own = organisation_ensure(region=region, kind=OrganisationKind.CJG, name="CJG Eigen")
    foreign = organisation_ensure(
        region=other_region, kind=OrganisationKind.LOCAL_TEAM, name="Buurtteam Elders"
    )
    viewer = user_factory(region=region, role=Role.PRIVACY_OFFICER)
    stranger = user_factory(region=other_region)
    return viewer, stranger, own, foreign


def test_organisation_list_holds_only_the_own_region(client, two_regions) -> None:
    viewer, _stranger, own, foreign = two_regions
    client.force_login(viewer)
    names = [org["name"] for org in client.get("/api/v1/organisations").json()["results"]]
    assert own.name in names
    assert foreign.name not in names


def test_organisation_of_another_region_is_not_found(client, two_regions) -> None:
    viewer, _stranger, own, foreign = two_regions
    client.force_login(viewer)
    assert client.get(f"/api/v1/organisations/{own.pk}").status_code == 200
    response = client.get(f"/api/v1/organisations/{foreign.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_region_configuration_of_another_region_is_not_found(client, two_regions) -> None:
    viewer, *_rest = two_regions
    client.force_login(viewer)
    assert client.get("/api/v1/regions/amersfoort").status_code == 200
    assert client.get("/api/v1/regions/utrecht").status_code == 404
    assert [r["code"] for r in client.get("/api/v1/regions").json()] == ["amersfoort"]


def test_region_page_shows_the_own_region_only(client, two_regions) -> None:
    viewer, *_rest = two_regions
    client.force_login(viewer)
    page = client.get("/regio/").content.decode()
    assert "Regio Amersfoort" in page
    assert "Utrecht" not in page


def test_audit_log_shows_only_rows_of_the_own_region(client, two_regions) -> None:
    viewer, stranger, *_orgs = two_regions
    audit_record(
        actor=stranger,
        action=Action.READ,
        object_type="kind",
        reason="elders",
        subject=Subject("child", "42"),
    )
    client.force_login(viewer)
    page = client.get("/privacy/auditlog/").content.decode()
    assert "elders" not in page
    api = client.get("/api/v1/audit-events").json()["results"]
    assert all(row["reason"] != "elders" for row in api)
    export = b"".join(client.get("/privacy/auditlog/export.csv").streaming_content).decode()
    assert "elders" not in export


def test_a_user_cannot_join_an_organisation_of_another_region(two_regions) -> None:
    viewer, _stranger, _own, foreign = two_regions
    with pytest.raises(OrganisationOutsideRegion):
        membership_add(user=viewer, organisation=foreign)
