"""The public hulpwijzer: search with filters, results, safety first, service pages."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search.types import (
    MatchReason,
    SafetyNotice,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from dichtbij.catalogue.tests.factories import hsds_service, import_services

pytestmark = pytest.mark.django_db

URL = "/hulpwijzer/"


def _named(services: list[Service], name: str) -> Service:
    return next(service for service in services if service.name == name)


def _text(content: bytes) -> str:
    """The page's main content as text, whitespace collapsed."""
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


# --- Search ------------------------------------------------------------------------------


def test_the_search_page_asks_the_question_and_offers_themes(
    client: Client, catalogue: Any
) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    text = _text(response.content)
    assert "Waar zoekt u hulp bij?" in text
    assert "Alleen hulp zonder verwijzing" in text
    assert 'href="/hulpwijzer/?thema=thema%3Apesten"' in response.content.decode()
    assert response.context["result"] is None


def test_a_question_shows_matching_help_with_its_facts(client: Client, catalogue: Any) -> None:
    response = client.get(URL, {"q": "mijn kind wordt gepest", "gemeente": "GM0342"})

    assert response.status_code == 200
    text = _text(response.content)
    assert "Weerbaarheidstraining Sterk Staan" in text
    assert "Maatje op school" in text
    assert "Voetbal in de wijk" not in text  # only in Amersfoort, and not about bullying
    assert "Zonder verwijzing" in text
    assert "Direct terecht" in text
    assert "Wachttijd ongeveer 2 weken" in text
    assert "8 tot en met 12 jaar" in text
    assert "Waarom dit resultaat: Past bij het thema “Pesten”" in text


def test_help_without_referral_comes_before_specialist_help(client: Client, catalogue: Any) -> None:
    text = _text(client.get(URL, {"q": "mijn kind wordt gepest", "gemeente": "GM0342"}).content)

    assert text.index("Maatje op school") < text.index("Specialistische behandeling")
    assert "Verwijzing nodig" in text


def test_the_filter_without_referral_hides_help_that_needs_one(
    client: Client, catalogue: Any
) -> None:
    response = client.get(URL, {"q": "gepest", "gemeente": "GM0342", "zonder_verwijzing": "on"})

    text = _text(response.content)
    assert "Maatje op school" in text
    assert "Specialistische behandeling" not in text
    assert "Verwijzing nodig" not in text


def test_a_result_links_to_its_service_page_keeping_the_search(
    client: Client, catalogue: list[Service]
) -> None:
    buddy = _named(catalogue, "Maatje op school")

    response = client.get(URL, {"q": "gepest", "gemeente": "GM0342"})

    assert f'href="/hulpwijzer/{buddy.pk}/?q=gepest&amp;gemeente=GM0342"' in (
        response.content.decode()
    )


def test_the_filters_reach_the_search_as_its_query(
    client: Client, region: Any, monkeypatch: Any
) -> None:
    import_services([hsds_service("x", "Iets")])
    seen: list[SearchQuery] = []

    def capture(*, query: SearchQuery) -> SearchResult:
        seen.append(query)
        return SearchResult(query=query, hits=[])

    import dichtbij.catalogue.search as search_module

    monkeypatch.setattr(search_module, "catalogue_search", capture, raising=False)

    client.get(
        URL,
        {
            "q": "  faalangst  ",
            "gemeente": "GM0342",
            "leeftijd": "14",
            "thema": "thema:pesten",
            "soort": "soort:groepsactiviteit",
            "zonder_verwijzing": "on",
            "wachttijd": "2",
        },
    )

    (query,) = seen
    assert query.text == "faalangst"
    assert query.municipality is not None and query.municipality.name == "Soest"
    assert query.region == region
    assert query.age == 14
    assert query.theme == "thema:pesten"
    assert query.kind == "soort:groepsactiviteit"
    assert query.without_referral is True
    assert query.max_waiting_weeks == 2
    assert query.limit == 10


def test_without_a_gemeente_the_public_searches_every_region(
    client: Client, region: Any, monkeypatch: Any
) -> None:
    import_services([hsds_service("x", "Iets")])
    seen: list[SearchQuery] = []

    def capture(*, query: SearchQuery) -> SearchResult:
        seen.append(query)
        return SearchResult(query=query, hits=[])

    import dichtbij.catalogue.search as search_module

    monkeypatch.setattr(search_module, "catalogue_search", capture, raising=False)
    client.get(URL, {"q": "pesten"})

    assert seen[0].region is None and seen[0].municipality is None


def test_wrong_filter_values_are_explained_in_dutch_and_not_searched(
    client: Client, catalogue: Any
) -> None:
    response = client.get(URL, {"q": "pesten", "leeftijd": "twaalf", "gemeente": "GM9999"})

    text = _text(response.content)
    assert "Vul een leeftijd in hele jaren in." in text
    assert "Kies een gemeente uit de lijst." in text
    assert response.context["result"] is None
    # The panel with the wrong age opens, so that its message is seen.
    assert re.search(r'<details class="dichtbij-more"\s+open>', response.content.decode())


def test_more_results_asks_for_the_next_ten(client: Client, region: Any) -> None:
    import_services(
        hsds_service(f"groep-{i}", f"Pestgroep {i:02d}", description="Tegen pesten.")
        for i in range(12)
    )

    first = client.get(URL, {"q": "pesten"})
    assert len(first.context["hits"]) == 10
    assert first.context["more_query"] == "q=pesten&aantal=20"
    assert 'href="?q=pesten&amp;aantal=20#resultaat-11"' in first.content.decode()

    second = client.get(URL, {"q": "pesten", "aantal": "20"})
    assert len(second.context["hits"]) == 12
    assert second.context["more_query"] == ""
    assert 'id="resultaat-11"' in second.content.decode()


def test_a_question_about_danger_shows_the_crisis_lines_first(
    client: Client, catalogue: Any
) -> None:
    response = client.get(URL, {"q": "mijn vader slaat mij, ik ben in gevaar"})

    html = response.content.decode()
    assert 'role="alert"' in html
    alert = html.index("utrecht-alert--error")
    assert alert < html.index('class="dichtbij-search"')  # before the form and the results
    text = _text(response.content)
    assert "Direct hulp nodig?" in text
    assert "Bel 112" in text
    assert "Crisisdienst Jeugd" in text
    assert 'href="tel:0335550900"' in html


def test_an_out_of_scope_question_says_so_and_points_to_the_local_team(
    client: Client, catalogue: Any
) -> None:
    response = client.get(URL, {"q": "parkeervergunning aanvragen", "gemeente": "GM0342"})

    text = _text(response.content)
    result = response.context["result"]
    assert result.out_of_scope
    assert result.local_team_hint in text
    assert "Sociaal Team Soest" in text  # the first door of the gemeente


def test_the_page_shows_what_the_search_says_about_safety_and_scope(
    client: Client, catalogue: list[Service], monkeypatch: Any
) -> None:
    """The page renders the contract: safety message, crisis services, the hint."""
    crisis = _named(catalogue, "Crisisdienst Jeugd")
    buddy = _named(catalogue, "Maatje op school")

    def answer(*, query: SearchQuery) -> SearchResult:
        return SearchResult(
            query=query,
            hits=[SearchHit(buddy, 1.0, [MatchReason("theme", "onderwerp Pesten")])],
            safety=SafetyNotice("Praat erover met iemand die u vertrouwt.", [crisis]),
            out_of_scope=False,
        )

    import dichtbij.catalogue.search as search_module

    monkeypatch.setattr(search_module, "catalogue_search", answer, raising=False)
    text = _text(client.get(URL, {"q": "help"}).content)

    assert text.index("Praat erover met iemand die u vertrouwt.") < text.index("Resultaten")
    assert "Waarom dit resultaat: onderwerp Pesten" in text


def test_the_search_page_makes_as_many_queries_for_ten_results_as_for_one(
    client: Client, region: Any, monkeypatch: Any
) -> None:
    services = import_services(
        hsds_service(f"s{i}", f"Dienst {i}", gemeenten=("GM0342", "GM0307")) for i in range(10)
    )

    def answer_with(count: int) -> Any:
        def answer(*, query: SearchQuery) -> SearchResult:
            fresh = list(Service.objects.filter(pk__in=[s.pk for s in services[:count]]))
            return SearchResult(query=query, hits=[SearchHit(s, 1.0) for s in fresh])

        return answer

    import dichtbij.catalogue.search as search_module

    counts = []
    for count in (1, 10):
        monkeypatch.setattr(search_module, "catalogue_search", answer_with(count), raising=False)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "dienst"})
        assert len(response.context["hits"]) == count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- Service page --------------------------------------------------------------------------


def test_the_service_page_shows_who_it_is_for_how_to_apply_and_where(
    client: Client, catalogue: list[Service]
) -> None:
    training = _named(catalogue, "Weerbaarheidstraining Sterk Staan")

    response = client.get(reverse("catalogue:service", args=[training.pk]))

    assert response.status_code == 200
    text = _text(response.content)
    html = response.content.decode()
    assert "Weerbaarheidstraining Sterk Staan" in text
    assert "Door Welzijn Eemland" in text
    assert "Een training voor kinderen die gepest worden" in text
    assert "8 tot en met 12 jaar" in text  # who it is for
    assert "U kunt zich zelf aanmelden, zonder verwijzing." in text
    assert "Aanmelden kan via de website of telefonisch." in text  # application process
    assert "Wachttijd ongeveer 2 weken" in text
    assert 'href="tel:0355550101"' in html
    assert 'href="mailto:info@weerbaar.example.nl"' in html
    assert 'href="https://www.weerbaar.example.nl"' in html
    assert "Steenhoffstraat 46" in text and "3764 BM Soest" in text  # address
    assert "Rolstoeltoegankelijk." in text
    assert "8 keer op donderdag 16:00–17:30, vanaf 14 januari 2027" in text  # opening times
    assert "Nederlands, Engels" in text  # languages
    assert "Gratis." in text  # cost
    assert "Laatst gecontroleerd op 1 september 2026." in text
    assert "Amersfoort, Soest" in text  # gemeenten


def test_a_service_for_the_whole_region_says_so(client: Client, catalogue: list[Service]) -> None:
    crisis = _named(catalogue, "Crisisdienst Jeugd")

    text = _text(client.get(reverse("catalogue:service", args=[crisis.pk])).content)

    assert "Alle gemeenten van Regio Amersfoort" in text
    assert "Dag en nacht, elke dag" in text
    assert "Dag en nacht bereikbaar." in text


def test_the_service_page_of_help_with_referral_says_a_referral_is_needed(
    client: Client, catalogue: list[Service]
) -> None:
    specialist = _named(catalogue, "Specialistische behandeling bij pesttrauma")

    text = _text(client.get(reverse("catalogue:service", args=[specialist.pk])).content)

    assert "U hebt een verwijzing nodig." in text
    assert "Verwijzing nodig" in text
    assert "Wie mag verwijzen" not in text  # referral details are for professionals


def test_an_outdated_or_closed_service_page_warns(client: Client, region: Any) -> None:
    (closed,) = import_services(
        [hsds_service("dicht", "Zwemles", status="temporarily closed", alert="Vol tot maart.")]
    )
    Service.objects.filter(pk=closed.pk).update(outdated=True)

    text = _text(client.get(reverse("catalogue:service", args=[closed.pk])).content)

    assert "Tijdelijk gesloten." in text
    assert "Vol tot maart." in text
    assert "Deze informatie is mogelijk niet meer actueel." in text


def test_an_unknown_service_is_not_found(client: Client, db: None) -> None:
    response = client.get("/hulpwijzer/00000000-0000-0000-0000-000000000000/")

    assert response.status_code == 404


def test_the_back_link_returns_to_the_same_search(client: Client, catalogue: list[Service]) -> None:
    buddy = _named(catalogue, "Maatje op school")

    response = client.get(
        reverse("catalogue:service", args=[buddy.pk]), {"q": "gepest", "gemeente": "GM0342"}
    )

    assert 'href="/hulpwijzer/?q=gepest&amp;gemeente=GM0342">Terug naar de resultaten' in (
        response.content.decode()
    )


def test_the_service_page_needs_a_fixed_number_of_queries(
    client: Client, catalogue: list[Service]
) -> None:
    training = _named(catalogue, "Weerbaarheidstraining Sterk Staan")

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("catalogue:service", args=[training.pk]))

    assert len(queries) <= 5, [q["sql"] for q in queries]


# --- Home page and navigation ----------------------------------------------------------------


def test_the_public_home_page_has_a_search_box_for_the_hulpwijzer(client: Client, db: None) -> None:
    html = client.get("/").content.decode()

    assert 'action="/hulpwijzer/"' in html
    assert 'name="q"' in html
    assert '<a class="utrecht-link" href="/hulpwijzer/">Hulp zoeken</a>' in html


def test_without_a_hint_from_the_search_the_page_still_points_to_the_local_team(
    client: Client, catalogue: list[Service], monkeypatch: Any
) -> None:
    def nothing(*, query: SearchQuery) -> SearchResult:
        return SearchResult(query=query, hits=[], out_of_scope=True)

    import dichtbij.catalogue.search as search_module

    monkeypatch.setattr(search_module, "catalogue_search", nothing, raising=False)
    text = _text(client.get(URL, {"q": "iets"}).content)

    assert "We hebben geen hulp gevonden die bij uw vraag past." in text
    assert "Neem contact op met het lokale team" in text
