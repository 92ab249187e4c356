"""Fixtures of the search tests: small catalogues built through the HSDS importer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search.index import forget_memory_index
from dichtbij.catalogue.tests.factories import hsds_service, import_services

NEEDS_SHARED = "needs ../shared/data (DICHTBIJ_SHARED_DATA)"
SHARED_FILE = "sociale-kaart-regio-amersfoort.json"


@pytest.fixture(autouse=True)
def _fresh_memory_index() -> Iterator[None]:
    """Each test starts without this process's cached index (the database rolls back)."""
    forget_memory_index()
    yield
    forget_memory_index()


@pytest.fixture
def make_services(region: Any) -> Callable[..., list[Service]]:
    """Import HSDS services (see ``hsds_service``) and index them."""

    def make(*specs: dict[str, Any]) -> list[Service]:
        return import_services(list(specs))

    return make


@pytest.fixture
def small_catalogue(region: Any) -> dict[str, Service]:
    """A catalogue of Soest and Amersfoort with ordinary, specialist and crisis help."""
    services = import_services(
        [
            hsds_service(
                "pest-ouderavond",
                "Ouderavond: mijn kind wordt gepest",
                description="Wat helpt als je kind gepest wordt? Tips voor thuis en school.",
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:pesten", "thema:opvoeden"),
                kind="soort:informatie-advies",
                minimum_age=4,
                maximum_age=16,
                waiting_weeks=1,
            ),
            hsds_service(
                "weerbaar",
                "Weerbaarheidstraining Sterk Staan",
                description="Een training voor kinderen die gepest worden: voor jezelf opkomen.",
                gemeenten=("GM0342",),
                themes=("thema:pesten", "thema:sociale-vaardigheden"),
                kind="soort:cursus-training",
                minimum_age=8,
                maximum_age=12,
                waiting_weeks=3,
            ),
            hsds_service(
                "pest-behandeling",
                "Behandeling bij trauma na pesten",
                description="Specialistische behandeling voor kinderen met trauma na langdurig "
                "pesten, met EMDR of gesprekken met een psycholoog.",
                organization="MetMaya team Soest",
                gemeenten=("GM0342",),
                themes=("thema:pesten", "thema:trauma"),
                kind="soort:ambulante-specialistische-hulp",
                referrers=("wijkteam-gemeente", "huisarts"),
                waiting_weeks=8,
                minimum_age=4,
                maximum_age=18,
            ),
            hsds_service(
                "schulden",
                "Schuldhulpverlening voor gezinnen",
                description="Hulp bij schulden en rekeningen die niet betaald kunnen worden.",
                organization="Geldwijs",
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:geldzorgen-schulden",),
                kind="soort:individuele-ondersteuning",
                waiting_weeks=1,
            ),
            hsds_service(
                "crisislijn",
                "Crisislijn Jeugd en Gezin",
                description="Bij een acute crisis thuis: dag en nacht bereikbaar. Bij direct "
                "gevaar bel je 112.",
                organization="Crisisdienst Eemland",
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:crisis", "thema:huiselijk-geweld-veiligheid"),
                kind="soort:crisis",
                minimum_age=0,
                maximum_age=23,
            ),
            hsds_service(
                "veilig-thuis",
                "Advies en melding bij huiselijk geweld",
                description="Advies of een melding over huiselijk geweld en kindermishandeling.",
                organization="Veilig Thuis",
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:huiselijk-geweld-veiligheid", "thema:crisis"),
                kind="soort:informatie-advies",
            ),
            hsds_service(
                "zwemmen",
                "Zwemlessen voor kinderen",
                description="Een goedkope zwemcursus voor kinderen zonder zwemdiploma.",
                organization="Sportief Amersfoort",
                gemeenten=("GM0307",),
                themes=("thema:vrije-tijd-sport",),
                kind="soort:cursus-training",
                minimum_age=6,
                maximum_age=12,
                waiting_weeks=10,
                status="temporarily closed",
                alert="Tijdelijk vol.",
            ),
            hsds_service(
                "voetbal",
                "Voetbal in de wijk",
                description="Elke week samen voetballen op het pleintje.",
                organization="Sportief Amersfoort",
                gemeenten=("GM0307",),
                themes=("thema:vrije-tijd-sport",),
                kind="soort:groepsactiviteit",
                minimum_age=6,
                maximum_age=14,
            ),
            hsds_service(
                "dyslexie",
                "Dyslexiezorg",
                description="Onderzoek en behandeling bij ernstige dyslexie.",
                organization="Letterwerk",
                gemeenten=("GM0342", "GM0307"),
                themes=("thema:leren-huiswerk", "thema:taal-lezen"),
                kind="soort:ambulante-specialistische-hulp",
                referrers=("huisarts",),
                waiting_weeks=6,
                minimum_age=7,
                maximum_age=13,
            ),
        ]
    )
    return {service.url.split("//www.")[1].split(".example")[0]: service for service in services}


@pytest.fixture
def shared_catalogue(region: Any) -> None:
    """The shared regio Amersfoort catalogue, imported and indexed (skips without it)."""
    from dichtbij.catalogue.hsds.importer import catalogue_import_file
    from dichtbij.catalogue.search.services import search_index_rebuild

    path = Path(settings.SHARED_DATA_DIR) / SHARED_FILE
    if not path.exists():
        pytest.skip(f"{NEEDS_SHARED}: {path} is absent")
    catalogue_import_file(path=path, reindex=False)
    search_index_rebuild()
