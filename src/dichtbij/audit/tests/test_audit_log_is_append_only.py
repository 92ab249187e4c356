"""The audit log can only grow: no update or delete through the ORM or raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent, AuditLogIsAppendOnly
from dichtbij.audit.services import Subject, audit_record


@pytest.fixture
def event(region, user_factory) -> AuditEvent:
    user = user_factory(region=region)
    return audit_record(
        actor=user,
        action=Action.READ,
        object_type="gebruiker",
        reason="test",
        subject=Subject.of(user),
    )


def test_record_keeps_who_about_whom_what_and_why(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor_username.startswith("user")
    assert stored.actor_role == "local_team_worker"
    assert stored.actor_organisation == "Testorganisatie"
    assert stored.region is not None and stored.region.code == "amersfoort"
    assert (stored.subject_type, stored.action, stored.reason) == ("user", "read", "test")
    assert stored.channel == "command"


def test_saving_an_existing_row_is_refused(event: AuditEvent) -> None:
    event.reason = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()


def test_deleting_a_row_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()


def test_queryset_update_and_delete_are_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_raw_sql_update_is_refused_by_the_database(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'rewritten'")
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET reason = 'rewritten'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_postgres_trigger_refuses_raw_update_and_delete(event: AuditEvent, statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


@pytest.mark.postgres
def test_postgres_triggers_are_installed(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass "
            "AND NOT tgisinternal ORDER BY tgname"
        )
        names = [row[0] for row in cursor.fetchall()]
    assert names == ["audit_no_delete", "audit_no_update"]
