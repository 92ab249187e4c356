"""The catalogue search API, under ``/api/v1/catalogue/``."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.catalogue.search import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("search", api.CatalogueSearchView.as_view(), name="api-catalogue-search"),
]
