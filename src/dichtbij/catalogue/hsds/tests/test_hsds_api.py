"""The HSDS API: public, paged HSDS-style, filters, nested detail, constant query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dichtbij.catalogue.hsds.exporter import HsdsRenderer
from dichtbij.catalogue.hsds.selectors import hsds_service_get
from dichtbij.catalogue.hsds.tests.helpers import load_own
from dichtbij.catalogue.models import (
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from dichtbij.regions.models import Region

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def catalogue(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_lists_are_hsds_pages(client: Client, catalogue: None) -> None:
    page = get(client, "/api/hsds/services?per_page=10&page=2")

    assert set(page) == PAGE_KEYS
    assert page["total_items"] == 23
    assert page["total_pages"] == 3
    assert page["page_number"] == 2
    assert page["size"] == 10
    assert (page["first_page"], page["last_page"], page["empty"]) == (False, False, False)
    names = [s["name"] for s in page["contents"]]
    assert names == list(
        Service.objects.order_by("name", "id").values_list("name", flat=True)[10:20]
    )


def test_the_last_page_and_beyond(client: Client, catalogue: None) -> None:
    last = get(client, "/api/hsds/services?per_page=10&page=3")
    assert (last["size"], last["last_page"], last["empty"]) == (3, True, False)

    beyond = get(client, "/api/hsds/services?per_page=10&page=9")
    assert (beyond["size"], beyond["last_page"], beyond["empty"]) == (0, True, True)
    assert beyond["contents"] == []


def test_per_page_is_capped_at_100(client: Client, catalogue: None) -> None:
    page = get(client, "/api/hsds/taxonomy_terms?per_page=500")
    assert page["size"] == TaxonomyTerm.objects.count() <= 100
    assert page["total_pages"] == 1


@pytest.mark.parametrize("query", ["page=0", "page=x", "per_page=-1", "modified_after=gisteren"])
def test_bad_paging_or_filters_are_problems(client: Client, catalogue: None, query: str) -> None:
    response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_the_api_is_public_and_needs_no_login(client: Client, catalogue: None) -> None:
    for url in (
        "/api/hsds/",
        "/api/hsds/services",
        "/api/hsds/organizations",
        "/api/hsds/service_at_locations",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
    ):
        assert client.get(url).status_code == 200, url


def test_list_items_hold_one_to_one_fields_only(client: Client, catalogue: None) -> None:
    service = get(client, "/api/hsds/services?per_page=1")["contents"][0]
    assert "name" in service and "organization_id" in service
    assert not {"attributes", "service_areas", "organization", "phones"} & set(service)


def test_full_lists_hold_nested_services(client: Client, catalogue: None) -> None:
    service = get(client, "/api/hsds/services?per_page=1&full=true")["contents"][0]
    assert {"attributes", "service_areas", "organization", "phones"} <= set(service)


def test_service_detail_is_fully_nested_like_the_export(client: Client, catalogue: None) -> None:
    service = Service.objects.get(name="Buurtteam Jeugd en Gezin")

    body = get(client, f"/api/hsds/services/{service.pk}")

    stored = hsds_service_get(pk=service.pk)
    assert stored is not None
    assert body == HsdsRenderer().service(stored)
    assert body["organization"]["name"] == "Buurtteams Utrecht"
    assert len(body["service_at_locations"]) == 3
    assert body["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Utrecht"
    codes = {a["taxonomy_term"]["code"]: a.get("value") for a in body["attributes"]}
    assert codes["verwijzing:niet-nodig"] is None
    assert codes["kenmerk:wachttijd-weken"] == "1"


def test_unknown_ids_are_404(client: Client, catalogue: None) -> None:
    for resource in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        response = client.get(f"/api/hsds/{resource}/00000000-0000-0000-0000-000000000000")
        assert response.status_code == 404, resource
        assert response["Content-Type"] == "application/problem+json"


def test_search_matches_every_word_in_name_or_description(client: Client, catalogue: None) -> None:
    page = get(client, "/api/hsds/services?search=jongerenwerker chat")
    assert [s["name"] for s in page["contents"]] == ["Chat met een jongerenwerker"]
    assert get(client, "/api/hsds/services?search=zeppelin")["empty"] is True


def test_filter_on_taxonomy_terms(client: Client, catalogue: None) -> None:
    term = TaxonomyTerm.objects.get(code="verwijzing:nodig")
    crisis = TaxonomyTerm.objects.get(code="thema:crisis")

    page = get(client, f"/api/hsds/services?taxonomy_term_id={term.pk}&per_page=100")
    either = get(client, f"/api/hsds/services?taxonomy_term_id={term.pk},{crisis.pk}&per_page=100")

    assert page["total_items"] == Service.objects.filter(referral_required=True).count() == 5
    assert {s["id"] for s in page["contents"]} == {
        str(pk)
        for pk in Service.objects.filter(referral_required=True).values_list("pk", flat=True)
    }
    assert either["total_items"] == 7


def test_filter_on_taxonomy(client: Client, catalogue: None) -> None:
    taxonomy = Taxonomy.objects.get(terms__code="thema:pesten")
    terms = get(client, f"/api/hsds/taxonomy_terms?taxonomy_id={taxonomy.pk}&per_page=100")
    assert terms["total_items"] == 33
    services = get(client, f"/api/hsds/services?taxonomy_id={taxonomy.pk}")
    assert services["total_items"] == 23  # every service has a theme


def test_filter_on_organisation(client: Client, catalogue: None) -> None:
    koos = Organization.objects.get(name="KOOS")
    page = get(client, f"/api/hsds/services?organization_id={koos.pk}")
    assert page["total_items"] == 3
    sal = get(client, f"/api/hsds/service_at_locations?organization_id={koos.pk}")
    assert (
        sal["total_items"] == ServiceAtLocation.objects.filter(service__organization=koos).count()
    )


def test_filter_on_modified_after(client: Client, catalogue: None) -> None:
    moment = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    Service.objects.filter(name__startswith="Spoor030").update(last_modified=moment)

    page = get(client, "/api/hsds/services?modified_after=2026-11-15T00:00:00Z")
    same = get(client, "/api/hsds/services?modified_after=2026-11-20T00:00:00%2B00:00")

    assert page["total_items"] == same["total_items"] == 2


def test_organisation_detail_has_its_locations_and_services(
    client: Client, catalogue: None
) -> None:
    koos = Organization.objects.get(name="KOOS")
    body = get(client, f"/api/hsds/organizations/{koos.pk}")
    assert len(body["services"]) == 3
    assert {loc["name"] for loc in body["locations"]} == {"KOOS Leidsche Rijn", "KOOS West"}


def test_organisations_filtered_by_term(client: Client, catalogue: None) -> None:
    term = TaxonomyTerm.objects.get(code="soort:gezinsbehandeling")
    page = get(client, f"/api/hsds/organizations?taxonomy_term_id={term.pk}")
    assert {o["name"] for o in page["contents"]} == {"KOOS", "Spoor030"}


def test_service_at_location_detail(client: Client, catalogue: None) -> None:
    item = ServiceAtLocation.objects.select_related("service", "location").first()
    assert item is not None
    body = get(client, f"/api/hsds/service_at_locations/{item.pk}")
    assert body["location"]["name"] == item.location.name
    assert body["service"]["name"] == item.service.name


def test_taxonomy_detail(client: Client, catalogue: None) -> None:
    taxonomy = Taxonomy.objects.order_by("name").first()
    assert taxonomy is not None
    assert get(client, f"/api/hsds/taxonomies/{taxonomy.pk}")["name"] == taxonomy.name


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services?full=true",
        "/api/hsds/services",
        "/api/hsds/service_at_locations?full=true",
        "/api/hsds/organizations",
        "/api/hsds/taxonomy_terms",
    ],
)
def test_query_count_does_not_grow_with_the_page(client: Client, catalogue: None, url: str) -> None:
    counts = []
    for per_page in (3, 8, 20):  # each page has services with and without locations
        with CaptureQueriesContext(connection) as queries:
            get(client, f"{url}{'&' if '?' in url else '?'}per_page={per_page}")
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
