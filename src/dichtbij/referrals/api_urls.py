"""API endpoints of the referrals app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.referrals import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("referrals/<uuid:id>", api.ReferralDetailView.as_view(), name="api-referral"),
    path(
        "referrals/<uuid:id>/events",
        api.ReferralEventListView.as_view(),
        name="api-referral-events",
    ),
    path(
        "specialist-teams/<int:pk>/inbox",
        api.TeamInboxView.as_view(),
        name="api-team-inbox",
    ),
    path(
        "specialist-teams/<int:pk>/waiting-list",
        api.TeamWaitingListView.as_view(),
        name="api-team-waiting-list",
    ),
]
