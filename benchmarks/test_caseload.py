"""A local-team worker's caseload and a family plan, in a region of 50,000 families.

The worker's own 60 families are made through the real services (registration, child,
help request, plan) exactly as the pages make them; the 49,940 other families, their
children, requests, involvements and plans are bulk-inserted with the same shape, so that
need to know and the caseload's counts have a realistic haystack to search. Measured
through the real URLs (server side: the Django test client, no network), as the worker.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from dichtbij.accounts.models import Organisation
from dichtbij.accounts.tests.factories import make_region
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.models import Child, Household, Involvement
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.plans.models import FamilyPlan, PlanVersion
from dichtbij.plans.tests.factories import make_plan, plan_content
from dichtbij.regions.models import Municipality
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.tests.factories import help_request_row, load_taxonomy, make_help_request

FAMILIES = 50_000
CASELOAD = 60
GOALS = 10
#: Upper bounds (ms) for p95; the issue's target is 100 ms on PostgreSQL.
P95_BOUND_MS = 100.0

pytestmark = pytest.mark.django_db


def _bulk_families(*, region, municipalities, workers, organisation, count: int) -> None:
    """``count`` families like the real ones, inserted in bulk (no services: speed)."""
    rng = random.Random(4)  # noqa: S311  # synthetic data, not security
    now = timezone.now()
    households = Household.objects.bulk_create(
        [
            Household(
                region=region,
                municipality=rng.choice(municipalities),
                name=f"Gezin Bulk {n:05d}",
                created_by=rng.choice(workers),
            )
            for n in range(count)
        ],
        batch_size=5_000,
    )
    if connection.vendor == "sqlite":
        # SQLite's bulk_create returns no primary keys on every version: read them back.
        households = list(Household.objects.filter(name__startswith="Gezin Bulk ").order_by("pk"))
    Child.objects.bulk_create(
        [
            Child(
                household=household,
                region=region,
                first_name="Kind",
                last_name=f"Bulk {n:05d}",
                birth_date=date(2008, 1, 1) + timedelta(days=n % 5_000),
                match_key=f"bulk-{n}",
            )
            for n, household in enumerate(households)
        ],
        batch_size=5_000,
    )
    Involvement.objects.bulk_create(
        [
            Involvement(
                household=household,
                user=workers[n % len(workers)],
                kind=InvolvementKind.REGISTERED_WORKER,
                access_level=AccessLevel.FULL,
                started_at=now,
            )
            for n, household in enumerate(households)
        ]
        + [
            Involvement(
                household=household,
                organisation=organisation,
                kind=InvolvementKind.RESPONSIBLE_TEAM,
                access_level=AccessLevel.FULL,
                started_at=now,
            )
            for household in households
        ],
        batch_size=5_000,
    )
    HelpRequest.objects.bulk_create(
        [
            help_request_row(
                household=household,
                registered_by=workers[n % len(workers)],
                status="decided" if n % 3 else "registered",
                urgency="normaal" if n % 3 else "",
                outcome="ordinary_help" if n % 3 else "",
                severity="licht" if n % 3 else "",
                ordinary_help_enough="ja" if n % 3 else "",
                assessed_at=now if n % 3 else None,
            )
            for n, household in enumerate(households)
        ],
        batch_size=5_000,
    )
    template = plan_content(household=households[0], goals=3)
    plans = FamilyPlan.objects.bulk_create(
        [
            FamilyPlan(
                household=household,
                region=region,
                next_evaluation_on=now.date() + timedelta(days=n % 120),
                created_by=workers[0],
            )
            for n, household in enumerate(households)
            if n % 2 == 0
        ],
        batch_size=5_000,
    )
    if connection.vendor == "sqlite":
        plans = list(FamilyPlan.objects.filter(household__name__startswith="Gezin Bulk "))
    PlanVersion.objects.bulk_create(
        [PlanVersion(plan=plan, number=1, content=template, author=workers[0]) for plan in plans],
        batch_size=5_000,
    )


@pytest.fixture
def big_region(db: None):
    region = make_region("amersfoort")
    load_taxonomy()
    worker = make_worker(region=region)
    colleagues = [make_worker(region=region) for _ in range(40)]
    organisation = Organisation.objects.get(region=region, name="Wijkteams Amersfoort")
    municipalities = list(Municipality.objects.filter(region=region))
    _bulk_families(
        region=region,
        municipalities=municipalities,
        workers=colleagues,
        organisation=organisation,
        count=FAMILIES - CASELOAD,
    )
    mine = []
    for n in range(CASELOAD):
        household = make_household(region=region, actor=worker, name=f"Gezin Eigen {n:02d}")
        make_help_request(household=household, advised=n % 2 == 0)
        if n % 3 == 0:
            make_plan(household=household, goals=2)
        mine.append(household)
    big_plan_household = mine[1]
    make_plan(household=big_plan_household, goals=GOALS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(worker)
    return client, big_plan_household


def test_caseload_and_plan_pages(big_region, timer) -> None:
    client, household = big_region
    assert Household.objects.count() == FAMILIES

    def caseload() -> None:
        response = client.get("/mijn-gezinnen/")
        assert response.status_code == 200
        assert response.content.count(b"Gezin Eigen") >= CASELOAD

    def plan() -> None:
        response = client.get(f"/gezinsplannen/{household.public_id}/")
        assert response.status_code == 200

    note = f"{FAMILIES:,} families, {CASELOAD} on the caseload"
    _, caseload_p95 = timer.p50_p95("caseload page (60 families)", caseload, note=note)
    _, plan_p95 = timer.p50_p95(f"family plan page ({GOALS} goals)", plan, note=note)
    assert caseload_p95 < P95_BOUND_MS * (3 if connection.vendor == "sqlite" else 1)
    assert plan_p95 < P95_BOUND_MS * (3 if connection.vendor == "sqlite" else 1)
