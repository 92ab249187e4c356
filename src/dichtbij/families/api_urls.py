"""API endpoints of the families app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.families import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("households", api.HouseholdListCreateView.as_view(), name="api-household-list"),
    path("households/<uuid:id>", api.HouseholdDetailView.as_view(), name="api-household"),
    path(
        "households/<uuid:id>/children",
        api.ChildCreateView.as_view(),
        name="api-household-children",
    ),
    path(
        "households/<uuid:id>/consents",
        api.ConsentListCreateView.as_view(),
        name="api-household-consents",
    ),
    path(
        "consents/<uuid:id>/withdrawal",
        api.ConsentWithdrawalView.as_view(),
        name="api-consent-withdrawal",
    ),
    path(
        "households/<uuid:id>/shares",
        api.ShareCreateView.as_view(),
        name="api-household-shares",
    ),
    path(
        "households/<uuid:id>/emergency-access",
        api.EmergencyAccessCreateView.as_view(),
        name="api-household-emergency-access",
    ),
]
