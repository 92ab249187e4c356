"""The privacy officer's audit log: filters, paging, CSV export, and who may see it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.audit.services import Subject, audit_record
from dichtbij.privacy import views


@pytest.fixture
def officer_client(client, region, user_factory):
    officer = user_factory(region=region, role=Role.PRIVACY_OFFICER, username="privacy")
    client.force_login(officer)
    return client


@pytest.fixture
def worker(region, user_factory):
    return user_factory(region=region, username="medewerker")


def _read(actor, child: str, reason: str = "Betrokken") -> AuditEvent:
    return audit_record(
        actor=actor,
        action=Action.READ,
        object_type="kind",
        reason=reason,
        subject=Subject("child", child, actor.region_id),
    )


def _rows(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(body), delimiter=";"))


def test_filter_by_person_shows_only_that_persons_rows(officer_client, worker) -> None:
    _read(worker, "7", reason="over zeven")
    _read(worker, "8", reason="over acht")
    page = officer_client.get("/privacy/auditlog/?subject_type=&subject_id=7").content.decode()
    assert "over zeven" in page
    assert "over acht" not in page


def test_filter_by_user_and_period(officer_client, worker, region, user_factory) -> None:
    other = user_factory(region=region, username="collega")
    _read(worker, "1", reason="oud")
    # Rows cannot be changed afterwards, so an old row is written with its old time.
    AuditEvent(
        occurred_at=timezone.now() - timedelta(days=40),
        actor_username="medewerker",
        region_id=region.pk,
        action="read",
        object_type="kind",
        reason="veertig dagen geleden",
        channel="web",
    ).save()
    _read(other, "2", reason="van collega")
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    page = officer_client.get(f"/privacy/auditlog/?username=medewerker&date_from={since}").content
    text = page.decode()
    assert "oud" in text
    assert "veertig dagen geleden" not in text
    assert "van collega" not in text


def test_an_invalid_period_shows_the_error_and_no_rows(officer_client, worker) -> None:
    _read(worker, "1", reason="zichtbaar")
    page = officer_client.get("/privacy/auditlog/?date_from=2026-05-01&date_to=2026-04-01")
    text = page.content.decode()
    assert "De begindatum ligt na de einddatum." in text
    assert "zichtbaar" not in text


def test_keyset_paging_walks_every_row_once(officer_client, worker, monkeypatch) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    for n in range(7):
        _read(worker, str(n), reason=f"rij-{n}")
    seen: list[str] = []
    url = "/privacy/auditlog/?username=medewerker"
    while url:
        response = officer_client.get(url)
        seen += [e.reason for e in response.context["events"]]
        next_query = response.context["next_query"]
        url = f"/privacy/auditlog/?{next_query}" if next_query else ""
    assert seen == [f"rij-{n}" for n in reversed(range(7))]


def test_csv_export_has_the_columns_and_defuses_formulas(officer_client, worker) -> None:
    _read(worker, "1", reason='=HYPERLINK("http://evil")')
    rows = _rows(officer_client.get("/privacy/auditlog/export.csv?username=medewerker"))
    assert list(rows[0]) == [header for _field, header in views.CSV_COLUMNS]
    assert rows[0]["reden"].startswith("'=")
    assert rows[0]["persoon"] == "1"


def test_viewing_and_exporting_are_themselves_audited(officer_client) -> None:
    officer_client.get("/privacy/auditlog/")
    b"".join(officer_client.get("/privacy/auditlog/export.csv").streaming_content)
    actions = list(
        AuditEvent.objects.filter(object_type="auditlog").values_list("action", flat=True)
    )
    assert sorted(actions) == ["export", "read"]


def test_rows_about_the_regions_people_by_outsiders_are_shown(
    officer_client, region, other_region, user_factory
) -> None:
    outsider = user_factory(region=other_region, username="buitenstaander")
    audit_record(
        actor=outsider,
        action=Action.READ,
        object_type="kind",
        reason="van buiten",
        subject=Subject("child", "5", region.pk),
    )
    assert "van buiten" in officer_client.get("/privacy/auditlog/").content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PRIVACY_OFFICER])
def test_other_roles_get_not_found_on_page_export_and_api(
    client, region, user_factory, role
) -> None:
    client.force_login(user_factory(region=region, role=role))
    assert client.get("/privacy/auditlog/").status_code == 404
    assert client.get("/privacy/auditlog/export.csv").status_code == 404
    api = client.get("/api/v1/audit-events")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/problem+json"
