"""The privacy officer's audit log at realistic volume: writing, paging, filtering, export.

A region of ~100,000 professionals' reads a month is plausible; these run on
ROWS audit rows in one region (plus as many in another region that must be filtered out),
through the real URLs with a logged-in privacy officer. Upper bounds catch slow drift.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.audit.constants import Action, Channel
from dichtbij.audit.models import AuditEvent
from dichtbij.audit.services import Subject, audit_record

ROWS = 100_000
pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_volume(db: None):
    region = make_region("amersfoort")
    other = make_region("utrecht")
    officer = make_user(region=region, role=Role.PRIVACY_OFFICER, username="privacy")
    workers = [make_user(region=region, username=f"worker{n}") for n in range(50)]
    rare = make_user(region=region, username="rare")
    stranger = make_user(region=other, username="stranger")
    rng = random.Random(7)  # noqa: S311  # synthetic data, not security
    start = timezone.now() - timedelta(days=365)
    rows = []
    for index in range(ROWS * 2):
        in_region = index % 2 == 0
        actor = rng.choice(workers) if in_region else stranger
        if in_region and index % 5_000 == 0:
            actor = rare  # 20 rows spread over the year: a filter that must use an index
        rows.append(
            AuditEvent(
                occurred_at=start + timedelta(seconds=index * 150),
                actor_id=actor.pk,
                actor_username=actor.username,
                actor_role=actor.role,
                actor_organisation="Testorganisatie",
                region_id=actor.region_id,
                subject_type="child",
                subject_id=str(rng.randrange(2_000)),
                action=Action.READ,
                object_type="kind",
                reason="Betrokken hulpverlener",
                channel=Channel.WEB,
                request_method="GET",
                request_path="/gezinnen/1/",
            )
        )
    AuditEvent.objects.bulk_create(rows, batch_size=5_000)
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load in production: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE audit_auditevent")
    client = Client()
    client.force_login(officer)
    return client, workers


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        for _chunk in response.streaming_content:
            pass


def test_audit_log_pages(audit_volume, timer) -> None:
    client, workers = audit_volume
    newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[ROWS]
    bounds = {
        "first page, no filter": ("/privacy/auditlog/", 300),
        "filtered by person (child 42)": ("/privacy/auditlog/?subject_type=&subject_id=42", 300),
        "filtered by user": (f"/privacy/auditlog/?username={workers[3].username}", 300),
        "filtered by a rarely active user": ("/privacy/auditlog/?username=rare", 300),
        "filtered by period (one month)": (
            "/privacy/auditlog/?date_from=2026-03-01&date_to=2026-03-31",
            300,
        ),
        "keyset page halfway through": (f"/privacy/auditlog/?voor={newest}", 300),
    }
    for label, (url, bound) in bounds.items():
        median = timer.median_ms(
            f"audit page: {label} [{ROWS:,} rows]", lambda url=url: _get(client, url)
        )
        assert median < bound, f"{label}: {median:.0f} ms > {bound} ms"


def test_audit_log_csv_export(audit_volume, timer) -> None:
    client, _workers = audit_volume
    median = timer.median_ms(
        f"CSV export of the whole region [{ROWS:,} rows]",
        lambda: _get(client, "/privacy/auditlog/export.csv"),
        runs=3,
    )
    assert median < 20_000


def test_audit_record_write(audit_volume, timer) -> None:
    _client, workers = audit_volume
    actor = workers[0]

    def write_100() -> None:
        for n in range(100):
            audit_record(
                actor=actor,
                action=Action.READ,
                object_type="kind",
                reason="bench",
                subject=Subject("child", str(n)),
            )

    median = timer.median_ms("audit_record: 100 rows written one by one", write_100, runs=5)
    assert median < 2_000
