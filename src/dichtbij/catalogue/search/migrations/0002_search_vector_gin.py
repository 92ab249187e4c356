"""A GIN index on the ``dutch`` tsvector, on PostgreSQL only (SQLite leaves it empty)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEX = "searchdoc_vector_gin"


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_search_searchdocument "
            "USING gin (search_vector)"
        )


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
