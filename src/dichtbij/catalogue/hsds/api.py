"""The HSDS 3.0 API: the sociale kaart read-only, public, under ``/api/hsds/``.

In the shape of the Open Referral HSDS 3.0 API: ``/services``, ``/services/{id}``
(fully nested), ``/organizations``, ``/service_at_locations``, ``/taxonomies``,
``/taxonomy_terms`` and their ``{id}``. Lists are pages
``{total_items, total_pages, page_number, size, first_page, last_page, empty, contents}``
with ``page`` and ``per_page`` (at most 100). Catalogue data is not personal data: no
login, nothing audited.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.catalogue.hsds import selectors
from dichtbij.catalogue.hsds.exporter import HsdsRenderer
from dichtbij.catalogue.hsds.serializers import (
    HsdsOrganizationListSerializer,
    HsdsOrganizationSerializer,
    HsdsQuerySerializer,
    HsdsServiceAtLocationListSerializer,
    HsdsServiceAtLocationSerializer,
    HsdsServiceListSerializer,
    HsdsServiceSerializer,
    HsdsTaxonomySerializer,
    HsdsTaxonomyTermSerializer,
)
from dichtbij.catalogue.models import (
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100


class HsdsPagination(BasePagination):
    """HSDS pages: ``page`` (from 1) and ``per_page`` (1-100, default 50)."""

    def __init__(self) -> None:
        self.page = 1
        self.per_page = DEFAULT_PER_PAGE
        self.total = 0

    @override
    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any]:
        self.page = _positive(request.query_params.get("page"), "page", 1)
        self.per_page = min(
            _positive(request.query_params.get("per_page"), "per_page", DEFAULT_PER_PAGE),
            MAX_PER_PAGE,
        )
        self.total = queryset.count()
        start = (self.page - 1) * self.per_page
        if start >= self.total:
            return []
        return list(queryset[start : start + self.per_page])

    @override
    def get_paginated_response(self, data: Any) -> Response:
        items = list(data)
        total_pages = math.ceil(self.total / self.per_page)
        return Response(
            {
                "total_items": self.total,
                "total_pages": total_pages,
                "page_number": self.page,
                "size": len(items),
                "first_page": self.page == 1,
                "last_page": self.page >= total_pages,
                "empty": not items,
                "contents": items,
            }
        )

    @override
    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": [
                "total_items",
                "total_pages",
                "page_number",
                "size",
                "first_page",
                "last_page",
                "empty",
                "contents",
            ],
            "properties": {
                "total_items": {"type": "integer", "description": "Aantal objecten in totaal."},
                "total_pages": {"type": "integer", "description": "Aantal pagina's."},
                "page_number": {"type": "integer", "description": "Deze pagina (vanaf 1)."},
                "size": {"type": "integer", "description": "Aantal objecten op deze pagina."},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean", "description": "Deze pagina is leeg."},
                "contents": schema,
            },
        }

    @override
    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Paginanummer, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "per_page",
                "in": "query",
                "required": False,
                "description": f"Objecten per pagina (standaard {DEFAULT_PER_PAGE}, "
                f"hoogstens {MAX_PER_PAGE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            },
        ]


def _positive(value: str | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValidationError({name: [gettext("Moet een geheel getal van 1 of meer zijn.")]})
    return number


# --- Parameters ----------------------------------------------------------------------

_SEARCH = OpenApiParameter(
    "search",
    str,
    description="Woorden die in de naam of beschrijving staan (eenvoudige tekstmatch; "
    "de hulpwijzer-zoekfunctie is /api/v1/catalogue/search).",
)
_TERM = OpenApiParameter(
    "taxonomy_term_id",
    str,
    description="Alleen met (een van) deze taxonomieterm(en); ids kommagescheiden.",
)
_TAXONOMY = OpenApiParameter("taxonomy_id", OpenApiTypes.UUID, description="Taxonomie.")
_ORGANIZATION = OpenApiParameter(
    "organization_id", OpenApiTypes.UUID, description="Alleen van deze organisatie."
)
_MODIFIED = OpenApiParameter(
    "modified_after",
    OpenApiTypes.DATETIME,
    description="Alleen gewijzigd op of na dit moment (ISO 8601).",
)
_FULL = OpenApiParameter(
    "full", bool, description="Volledig geneste objecten in plaats van alleen hun velden."
)
_PARENT = OpenApiParameter("parent_id", OpenApiTypes.UUID, description="Bovenliggende term.")


class _HsdsView(NotPersonalMixin, generics.GenericAPIView[Any]):
    """Public and read-only: no authentication, so no session and no CSRF."""

    authentication_classes: Sequence[type[BaseAuthentication]] = []
    permission_classes = [AllowAny]
    pagination_class: type[BasePagination] | None = HsdsPagination

    def filters(self) -> tuple[selectors.HsdsFilters, bool]:
        query = HsdsQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = selectors.HsdsFilters(
            search=data.get("search", ""),
            taxonomy_term_ids=[uuid.UUID(pk) for pk in data.get("taxonomy_term_id", [])],
            taxonomy_id=data.get("taxonomy_id"),
            organization_id=data.get("organization_id"),
            modified_after=data.get("modified_after"),
            parent_id=data.get("parent_id"),
        )
        return filters, bool(data.get("full"))

    @override
    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["renderer"] = HsdsRenderer()
        return context


def _found(instance: Model | None) -> Model:
    if instance is None:
        raise Http404
    return instance


# --- Services --------------------------------------------------------------------------


@extend_schema(
    tags=["HSDS"],
    summary="Diensten (alleen hun eigen velden; met full=true volledig genest)",
    parameters=[_SEARCH, _TERM, _TAXONOMY, _ORGANIZATION, _MODIFIED, _FULL],
)
class ServiceListView(_HsdsView, generics.ListAPIView[Service]):
    """Services by name: their one-to-one fields, or fully nested with ``full=true``."""

    serializer_class = HsdsServiceListSerializer

    @override
    def get_queryset(self) -> QuerySet[Service]:
        filters, full = self.filters()
        return selectors.hsds_service_list(filters=filters, full=full)

    @override
    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        _filters, full = self.filters()
        return HsdsServiceSerializer if full else HsdsServiceListSerializer


@extend_schema(tags=["HSDS"], summary="Eén dienst, volledig genest")
class ServiceDetailView(_HsdsView, generics.RetrieveAPIView[Service]):
    """One service, fully nested as in the shared dataset."""

    serializer_class = HsdsServiceSerializer

    @override
    def get_object(self) -> Service:
        service = _found(selectors.hsds_service_get(pk=self.kwargs["pk"]))
        assert isinstance(service, Service)
        return service


# --- Organizations ---------------------------------------------------------------------


@extend_schema(tags=["HSDS"], summary="Organisaties", parameters=[_SEARCH, _TERM, _TAXONOMY])
class OrganizationListView(_HsdsView, generics.ListAPIView[Organization]):
    """Organisations by name, with their own fields and lists."""

    serializer_class = HsdsOrganizationListSerializer

    @override
    def get_queryset(self) -> QuerySet[Organization]:
        filters, _full = self.filters()
        return selectors.hsds_organization_list(filters=filters)


@extend_schema(tags=["HSDS"], summary="Eén organisatie, met locaties en diensten")
class OrganizationDetailView(_HsdsView, generics.RetrieveAPIView[Organization]):
    """One organisation with its locations and (one-to-one) services."""

    serializer_class = HsdsOrganizationSerializer

    @override
    def get_object(self) -> Organization:
        organization = _found(selectors.hsds_organization_get(pk=self.kwargs["pk"]))
        assert isinstance(organization, Organization)
        return organization


# --- Service at location ---------------------------------------------------------------


@extend_schema(
    tags=["HSDS"],
    summary="Diensten op locatie",
    parameters=[_SEARCH, _TERM, _TAXONOMY, _ORGANIZATION, _MODIFIED, _FULL],
)
class ServiceAtLocationListView(_HsdsView, generics.ListAPIView[ServiceAtLocation]):
    """Services at locations: flat ids, or with location and service (``full=true``)."""

    serializer_class = HsdsServiceAtLocationListSerializer

    @override
    def get_queryset(self) -> QuerySet[ServiceAtLocation]:
        filters, full = self.filters()
        return selectors.hsds_service_at_location_list(filters=filters, full=full)

    @override
    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        _filters, full = self.filters()
        return HsdsServiceAtLocationSerializer if full else HsdsServiceAtLocationListSerializer


@extend_schema(tags=["HSDS"], summary="Eén dienst op locatie, met locatie en dienst")
class ServiceAtLocationDetailView(_HsdsView, generics.RetrieveAPIView[ServiceAtLocation]):
    """One service at a location, with the location and the service's fields."""

    serializer_class = HsdsServiceAtLocationSerializer

    @override
    def get_object(self) -> ServiceAtLocation:
        item = _found(selectors.hsds_service_at_location_get(pk=self.kwargs["pk"]))
        assert isinstance(item, ServiceAtLocation)
        return item


# --- Taxonomies ------------------------------------------------------------------------


@extend_schema(tags=["HSDS"], summary="Taxonomieën", parameters=[_SEARCH])
class TaxonomyListView(_HsdsView, generics.ListAPIView[Taxonomy]):
    """The taxonomies (theme, kind of help, referral, target group, features)."""

    serializer_class = HsdsTaxonomySerializer

    @override
    def get_queryset(self) -> QuerySet[Taxonomy]:
        filters, _full = self.filters()
        return selectors.hsds_taxonomy_list(filters=filters)


@extend_schema(tags=["HSDS"], summary="Eén taxonomie")
class TaxonomyDetailView(_HsdsView, generics.RetrieveAPIView[Taxonomy]):
    """One taxonomy."""

    serializer_class = HsdsTaxonomySerializer
    queryset = Taxonomy.objects.all()


@extend_schema(tags=["HSDS"], summary="Taxonomietermen", parameters=[_SEARCH, _TAXONOMY, _PARENT])
class TaxonomyTermListView(_HsdsView, generics.ListAPIView[TaxonomyTerm]):
    """Taxonomy terms by code (``thema:pesten``, ``verwijzing:nodig``, ...)."""

    serializer_class = HsdsTaxonomyTermSerializer

    @override
    def get_queryset(self) -> QuerySet[TaxonomyTerm]:
        filters, _full = self.filters()
        return selectors.hsds_taxonomy_term_list(filters=filters)


@extend_schema(tags=["HSDS"], summary="Eén taxonomieterm")
class TaxonomyTermDetailView(_HsdsView, generics.RetrieveAPIView[TaxonomyTerm]):
    """One taxonomy term."""

    serializer_class = HsdsTaxonomyTermSerializer
    queryset = TaxonomyTerm.objects.all()


# --- About ---------------------------------------------------------------------------


@extend_schema(
    tags=["HSDS"],
    summary="Over deze HSDS-API",
    responses=inline_serializer(
        "HsdsApiInfo",
        {
            "version": serializers.CharField(),
            "description": serializers.CharField(),
            "openapi_url": serializers.URLField(),
        },
    ),
)
class ApiInfoView(_HsdsView):
    """What the HSDS API is (the HSDS 3.0 API's required ``/`` endpoint)."""

    pagination_class = None

    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": "3.0",
                "description": gettext(
                    "De sociale kaart van Dichtbij volgens Open Referral HSDS 3.0: "
                    "alleen lezen, openbaar."
                ),
                "openapi_url": request.build_absolute_uri("/api/schema/"),
            }
        )
