"""URLs of the HSDS 3.0 API, included at ``/api/hsds/``."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.catalogue.hsds import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", api.ApiInfoView.as_view(), name="hsds-api"),
    path("services", api.ServiceListView.as_view(), name="hsds-service-list"),
    path("services/<uuid:pk>", api.ServiceDetailView.as_view(), name="hsds-service-detail"),
    path("organizations", api.OrganizationListView.as_view(), name="hsds-organization-list"),
    path(
        "organizations/<uuid:pk>",
        api.OrganizationDetailView.as_view(),
        name="hsds-organization-detail",
    ),
    path(
        "service_at_locations",
        api.ServiceAtLocationListView.as_view(),
        name="hsds-service-at-location-list",
    ),
    path(
        "service_at_locations/<uuid:pk>",
        api.ServiceAtLocationDetailView.as_view(),
        name="hsds-service-at-location-detail",
    ),
    path("taxonomies", api.TaxonomyListView.as_view(), name="hsds-taxonomy-list"),
    path("taxonomies/<uuid:pk>", api.TaxonomyDetailView.as_view(), name="hsds-taxonomy-detail"),
    path("taxonomy_terms", api.TaxonomyTermListView.as_view(), name="hsds-taxonomy-term-list"),
    path(
        "taxonomy_terms/<uuid:pk>",
        api.TaxonomyTermDetailView.as_view(),
        name="hsds-taxonomy-term-detail",
    ),
]
