"""API endpoints of the network app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.network import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("specialist-teams", api.SpecialistTeamListView.as_view(), name="api-specialist-team-list"),
    path(
        "specialist-teams/<int:pk>",
        api.SpecialistTeamDetailView.as_view(),
        name="api-specialist-team-detail",
    ),
    path("providers", api.ProviderListView.as_view(), name="api-provider-list"),
]
