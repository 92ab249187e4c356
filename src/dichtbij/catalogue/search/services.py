"""Writes of the search: keeping the index in step with the catalogue.

Call :func:`search_index_rebuild` after an import (all services, or one region's), and
:func:`search_index_update` after editing or marking some services. Both write the
documents and a new index version in one transaction; every process reloads its
in-memory copy on its next search.
"""

from __future__ import annotations

import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from dichtbij.catalogue.models import Service, ServiceArea, ServiceAttribute
from dichtbij.catalogue.search.index import INDEX_KEY, ServiceText, document_fields
from dichtbij.catalogue.search.models import SearchDocument, SearchIndexState
from dichtbij.regions.models import Region

BATCH = 500

_UPDATE_FIELDS = [
    "region",
    "searchable",
    "temporarily_closed",
    "referral_required",
    "waiting_weeks",
    "minimum_age",
    "maximum_age",
    "municipalities",
    "themes",
    "kinds",
    "title_terms",
    "topic_terms",
    "body_terms",
    "extra_terms",
    "words",
]


def service_texts(ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[ServiceText, dict[str, Any]]]:
    """The index's view of these services: text for analysis, and the filter columns."""
    terms: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
    for service_id, code, name in ServiceAttribute.objects.filter(service_id__in=ids).values_list(
        "service_id", "taxonomy_term__code", "taxonomy_term__name"
    ):
        terms[service_id].append((code, name))
    areas: dict[uuid.UUID, list[str]] = defaultdict(list)
    for service_id, code in ServiceArea.objects.filter(service_id__in=ids).values_list(
        "service_id", "municipality__code"
    ):
        areas[service_id].append(code)
    result: dict[uuid.UUID, tuple[ServiceText, dict[str, Any]]] = {}
    for row in Service.objects.filter(pk__in=ids).values(
        "pk",
        "region_id",
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "organization__name",
        "status",
        "outdated",
        "referral_required",
        "waiting_weeks",
        "minimum_age",
        "maximum_age",
    ):
        text = ServiceText(
            name=row["name"],
            alternate_name=row["alternate_name"],
            description=row["description"],
            eligibility_description=row["eligibility_description"],
            organization=row["organization__name"],
            status=row["status"],
            outdated=row["outdated"],
            terms=terms[row["pk"]],
            municipalities=areas[row["pk"]],
        )
        result[row["pk"]] = (text, dict(row))
    return result


def _document(text: ServiceText, row: dict[str, Any]) -> SearchDocument:
    fields = document_fields(text)
    return SearchDocument(
        service_id=row["pk"],
        region_id=row["region_id"],
        referral_required=row["referral_required"],
        waiting_weeks=row["waiting_weeks"],
        minimum_age=row["minimum_age"],
        maximum_age=row["maximum_age"],
        searchable=fields.searchable,
        temporarily_closed=fields.temporarily_closed,
        municipalities=fields.municipalities,
        themes=fields.themes,
        kinds=fields.kinds,
        title_terms=fields.title_terms,
        topic_terms=fields.topic_terms,
        body_terms=fields.body_terms,
        extra_terms=fields.extra_terms,
        words=fields.words,
    )


def _write(services: QuerySet[Service]) -> int:
    ids = list(services.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        texts = service_texts(ids[start : start + BATCH])
        SearchDocument.objects.bulk_create(
            [_document(text, row) for text, row in texts.values()],
            update_conflicts=True,
            unique_fields=["service"],
            update_fields=_UPDATE_FIELDS,
        )
        if connection.vendor == "postgresql":
            _write_search_vectors(texts)
    return len(ids)


def _write_search_vectors(texts: dict[uuid.UUID, tuple[ServiceText, dict[str, Any]]]) -> None:
    """PostgreSQL: the ``dutch`` tsvector of each document, from the catalogue's text."""
    table = SearchDocument._meta.db_table
    sql = f"""
        UPDATE {table} AS d SET search_vector =
            setweight(to_tsvector('dutch', v.title), 'A')
            || setweight(to_tsvector('dutch', v.topics), 'B')
            || setweight(to_tsvector('dutch', v.body), 'C')
            || setweight(to_tsvector('dutch', v.extra), 'D')
        FROM unnest(%s::uuid[], %s::text[], %s::text[], %s::text[], %s::text[])
             AS v(id, title, topics, body, extra)
        WHERE d.service_id = v.id
    """  # noqa: S608  # the table name comes from the model; values are parameters
    ids = list(texts)
    values = [text for text, _row in texts.values()]
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                ids,
                [text.title for text in values],
                [text.topics for text in values],
                [text.description for text in values],
                [text.extra for text in values],
            ],
        )


def _bump_version() -> int:
    version = secrets.randbits(62) or 1
    SearchIndexState.objects.update_or_create(key=INDEX_KEY, defaults={"version": version})
    return version


@transaction.atomic
def search_index_rebuild(*, region: Region | None = None) -> int:
    """Index every service (of ``region``, or all); returns how many were indexed.

    Documents of services that no longer exist go with them (cascade). Call this after
    an import of the catalogue.
    """
    services = Service.objects.all() if region is None else Service.objects.filter(region=region)
    count = _write(services)
    _bump_version()
    return count


@transaction.atomic
def search_index_update(*, services: Iterable[Service]) -> int:
    """Re-index these services (after an edit, or marking them outdated)."""
    ids = [service.pk for service in services]
    if not ids:
        return 0
    count = _write(Service.objects.filter(pk__in=ids))
    _bump_version()
    return count
