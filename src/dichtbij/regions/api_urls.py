from django.urls import path

from dichtbij.regions import api

urlpatterns = [
    path("regions", api.RegionListView.as_view(), name="api-region-list"),
    path("regions/<slug:code>", api.RegionDetailView.as_view(), name="api-region-detail"),
]
