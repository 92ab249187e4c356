"""Reads for the HSDS export and API: querysets that fetch whole HSDS objects.

Catalogue data is public (no personal data), so these reads need no viewer. Related
rows are prefetched (one query per relation, whatever the number of services), never
joined: joins would repeat the wide JSON rows of organisations and locations.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from dichtbij.regions.models import Region


@dataclass(frozen=True)
class HsdsFilters:
    """The filters of the HSDS API's lists (all optional).

    ``search`` matches every word in the name or description (a simple text match, not
    the hulpwijzer's search). ``taxonomy_term_ids`` keeps objects with any of the terms.
    """

    search: str = ""
    taxonomy_term_ids: Sequence[uuid.UUID] = ()
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: dt.datetime | None = None
    parent_id: uuid.UUID | None = None
    region: Region | None = None


def _words(text: str) -> list[str]:
    return [word for word in text.split() if word]


def _text_match(words: list[str], *fields: str) -> Q:
    condition = Q()
    for word in words:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return condition


def _has_term(filters: HsdsFilters, service_ref: str) -> Q:
    condition = Q()
    if filters.taxonomy_term_ids:
        condition &= Q(
            Exists(
                ServiceAttribute.objects.filter(
                    service=OuterRef(service_ref), taxonomy_term_id__in=filters.taxonomy_term_ids
                )
            )
        )
    if filters.taxonomy_id is not None:
        condition &= Q(
            Exists(
                ServiceAttribute.objects.filter(
                    service=OuterRef(service_ref), taxonomy_term__taxonomy_id=filters.taxonomy_id
                )
            )
        )
    return condition


# --- Services ------------------------------------------------------------------------


def hsds_service_prefetches() -> list[str | Prefetch[str, QuerySet[Any], str]]:
    """What a fully nested HSDS service needs, one query per relation."""
    return [
        "organization",
        Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name", "id")),
        Prefetch("attributes", queryset=ServiceAttribute.objects.order_by("link_type", "id")),
        "attributes__taxonomy_term",
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.order_by("id")),
        "service_at_locations__location",
    ]


def hsds_service_list(
    *, filters: HsdsFilters | None = None, full: bool = False
) -> QuerySet[Service]:
    """Services by name, filtered; ``full`` prefetches everything a nested one needs."""
    filters = filters or HsdsFilters()
    services = Service.objects.all()
    if filters.region is not None:
        services = services.filter(region=filters.region)
    if words := _words(filters.search):
        services = services.filter(_text_match(words, "name", "description"))
    services = services.filter(_has_term(filters, "pk"))
    if filters.organization_id is not None:
        services = services.filter(organization_id=filters.organization_id)
    if filters.modified_after is not None:
        services = services.filter(last_modified__gte=filters.modified_after)
    if full:
        services = services.prefetch_related(*hsds_service_prefetches())
    return services.order_by("name", "id")


def hsds_service_get(*, pk: uuid.UUID) -> Service | None:
    """One service with everything a nested HSDS service needs, or ``None``."""
    return Service.objects.filter(pk=pk).prefetch_related(*hsds_service_prefetches()).first()


# --- Service at location --------------------------------------------------------------


def hsds_service_at_location_list(
    *, filters: HsdsFilters | None = None, full: bool = False
) -> QuerySet[ServiceAtLocation]:
    filters = filters or HsdsFilters()
    items = ServiceAtLocation.objects.all()
    if filters.region is not None:
        items = items.filter(service__region=filters.region)
    if words := _words(filters.search):
        items = items.filter(
            _text_match(words, "service__name", "service__description", "location__name")
        )
    items = items.filter(_has_term(filters, "service_id"))
    if filters.organization_id is not None:
        items = items.filter(service__organization_id=filters.organization_id)
    if filters.modified_after is not None:
        items = items.filter(service__last_modified__gte=filters.modified_after)
    if full:
        items = items.prefetch_related("location", "service")
    return items.order_by("service__name", "id")


def hsds_service_at_location_get(*, pk: uuid.UUID) -> ServiceAtLocation | None:
    return ServiceAtLocation.objects.filter(pk=pk).prefetch_related("location", "service").first()


# --- Organizations ---------------------------------------------------------------------


def hsds_organization_list(*, filters: HsdsFilters | None = None) -> QuerySet[Organization]:
    filters = filters or HsdsFilters()
    organizations = Organization.objects.all()
    if filters.region is not None:
        organizations = organizations.filter(region=filters.region)
    if words := _words(filters.search):
        organizations = organizations.filter(_text_match(words, "name", "description"))
    if filters.taxonomy_term_ids or filters.taxonomy_id is not None:
        services = Service.objects.filter(organization=OuterRef("pk")).filter(
            _has_term(filters, "pk")
        )
        organizations = organizations.filter(Exists(services))
    return organizations.order_by("name", "id")


def hsds_organization_get(*, pk: uuid.UUID) -> Organization | None:
    return (
        Organization.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("name", "id")),
            Prefetch("services", queryset=Service.objects.order_by("name", "id")),
        )
        .first()
    )


# --- Taxonomies ----------------------------------------------------------------------


def hsds_taxonomy_list(*, filters: HsdsFilters | None = None) -> QuerySet[Taxonomy]:
    filters = filters or HsdsFilters()
    taxonomies = Taxonomy.objects.all()
    if words := _words(filters.search):
        taxonomies = taxonomies.filter(_text_match(words, "name", "description"))
    return taxonomies.order_by("name", "id")


def hsds_taxonomy_term_list(*, filters: HsdsFilters | None = None) -> QuerySet[TaxonomyTerm]:
    filters = filters or HsdsFilters()
    terms = TaxonomyTerm.objects.all()
    if words := _words(filters.search):
        terms = terms.filter(_text_match(words, "name", "description", "code"))
    if filters.taxonomy_id is not None:
        terms = terms.filter(taxonomy_id=filters.taxonomy_id)
    if filters.parent_id is not None:
        terms = terms.filter(parent_id=filters.parent_id)
    return terms.order_by("code", "name", "id")
