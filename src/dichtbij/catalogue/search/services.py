"""Writes of the search: keeping the index in step with the catalogue.

Call :func:`search_index_rebuild` after an import (all services, or one region's), and
:func:`search_index_update` after editing or marking some services. Both write the
documents and a new index version in one transaction; every process reloads its
in-memory copy on its next search.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet

from dichtbij.catalogue.models import Service, ServiceArea, ServiceAttribute
from dichtbij.catalogue.search.index import INDEX_KEY, document_fields
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


def services_for_indexing(services: QuerySet[Service]) -> QuerySet[Service]:
    """The services with what :func:`~.index.document_fields` reads, prefetched."""
    return services.select_related("organization").prefetch_related(
        Prefetch(
            "attributes",
            queryset=ServiceAttribute.objects.select_related("taxonomy_term").order_by("pk"),
        ),
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("municipality")),
    )


def _document(service: Service) -> SearchDocument:
    fields = document_fields(service)
    return SearchDocument(
        service=service,
        region_id=service.region_id,
        referral_required=service.referral_required,
        waiting_weeks=service.waiting_weeks,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
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


def _batches(services: QuerySet[Service]) -> Iterator[list[Service]]:
    batch: list[Service] = []
    for service in services_for_indexing(services).order_by("pk").iterator(chunk_size=BATCH):
        batch.append(service)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(services: QuerySet[Service]) -> int:
    count = 0
    for batch in _batches(services):
        SearchDocument.objects.bulk_create(
            [_document(service) for service in batch],
            update_conflicts=True,
            unique_fields=["service"],
            update_fields=_UPDATE_FIELDS,
        )
        if connection.vendor == "postgresql":
            _write_search_vectors([service.pk for service in batch])
        count += len(batch)
    return count


def _write_search_vectors(service_ids: list[object]) -> None:
    """PostgreSQL: the ``dutch`` tsvector of each document, from the catalogue's text."""
    document = SearchDocument._meta.db_table
    service = Service._meta.db_table
    organization = Service._meta.get_field("organization").related_model._meta.db_table  # type: ignore[union-attr]  # a FK always has a model
    attribute = ServiceAttribute._meta.db_table
    term = ServiceAttribute._meta.get_field("taxonomy_term").related_model._meta.db_table  # type: ignore[union-attr]  # a FK always has a model
    sql = f"""
        UPDATE {document} AS d SET search_vector =
            setweight(to_tsvector('dutch', s.name || ' ' || s.alternate_name), 'A')
            || setweight(to_tsvector('dutch', coalesce((
                SELECT string_agg(t.name, ' ') FROM {attribute} a
                JOIN {term} t ON t.id = a.taxonomy_term_id
                WHERE a.service_id = s.id
                  AND (t.code LIKE 'thema:%%' OR t.code LIKE 'soort:%%')), '')), 'B')
            || setweight(to_tsvector('dutch', s.description), 'C')
            || setweight(to_tsvector('dutch', s.eligibility_description || ' ' || o.name), 'D')
        FROM {service} AS s JOIN {organization} AS o ON o.id = s.organization_id
        WHERE d.service_id = s.id AND d.service_id = ANY(%s)
    """  # noqa: S608  # table names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [service_ids])


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
