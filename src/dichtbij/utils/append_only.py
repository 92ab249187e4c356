"""Append-only history tables (events of requests, plans, referrals).

A history row is written once and never changed. :class:`AppendOnlyQuerySet` refuses
``update`` and ``bulk_update`` in the application, :class:`AppendOnlyModel` refuses saving
an existing row, and the migration operation :func:`refuse_updates` adds a database
trigger (PostgreSQL and SQLite) that refuses ``UPDATE`` from raw SQL too.

Deleting stays possible, only as a cascade when the whole file is removed (retention,
right to erasure); the audit log itself is stricter (see ``dichtbij.audit``).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import migrations, models
from typing_extensions import override


class HistoryIsAppendOnly(Exception):
    """Raised on an attempt to change a row of an append-only history."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """A queryset that cannot change rows."""

    @override
    def update(self, **kwargs: Any) -> NoReturn:
        raise HistoryIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")

    @override
    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise HistoryIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")


class AppendOnlyModel(models.Model):
    """Base for history rows: inserted once, never saved again."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    @override
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryIsAppendOnly(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)


def refuse_updates(table: str) -> migrations.RunPython:
    """A migration operation adding a trigger that refuses UPDATE on ``table``."""
    trigger = f"{table}_no_update"

    def forward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION dichtbij_refuse_update() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION USING
                        MESSAGE = TG_TABLE_NAME || ' is append-only: UPDATE refused',
                        ERRCODE = 'insufficient_privilege';
                END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER {trigger} BEFORE UPDATE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION dichtbij_refuse_update();
                """
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"""CREATE TRIGGER {trigger} BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END;"""
            )

    def backward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger};")

    return migrations.RunPython(forward, backward)
