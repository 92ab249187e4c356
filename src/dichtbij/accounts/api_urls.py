from django.urls import path

from dichtbij.accounts import api

urlpatterns = [
    path("me", api.MeView.as_view(), name="api-me"),
    path("organisations", api.OrganisationListView.as_view(), name="api-organisation-list"),
    path(
        "organisations/<int:pk>",
        api.OrganisationDetailView.as_view(),
        name="api-organisation-detail",
    ),
]
