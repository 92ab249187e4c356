"""API endpoints of the referrals app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.views import APIView

from dichtbij.referrals import api

#: The steps of a referral, each a POST on ``referrals/<id>/<step>``.
STEPS: dict[str, type[APIView]] = {
    "send": api.ReferralSendView,
    "receive": api.ReferralReceiveView,
    "accept": api.ReferralAcceptView,
    "reject": api.ReferralRejectView,
    "start": api.ReferralStartView,
    "hold": api.ReferralHoldView,
    "resume": api.ReferralResumeView,
    "complete": api.ReferralCompleteView,
    "cancel": api.ReferralCancelView,
    "fail": api.ReferralFailView,
}

urlpatterns: list[URLPattern | URLResolver] = [
    path("referrals", api.ReferralCreateView.as_view(), name="api-referral-list"),
    path("referrals/<uuid:id>", api.ReferralDetailView.as_view(), name="api-referral"),
    path(
        "referrals/<uuid:id>/events",
        api.ReferralEventListView.as_view(),
        name="api-referral-events",
    ),
    path(
        "referrals/<uuid:id>/matches",
        api.ReferralMatchListView.as_view(),
        name="api-referral-matches",
    ),
    *[
        path(f"referrals/<uuid:id>/{step}", view.as_view(), name=f"api-referral-{step}")
        for step, view in STEPS.items()
    ],
    path(
        "referrals/<uuid:id>/trajectory",
        api.TrajectoryView.as_view(),
        name="api-referral-trajectory",
    ),
    path(
        "referrals/<uuid:id>/trajectory/subcontracts",
        api.SubcontractCreateView.as_view(),
        name="api-referral-subcontracts",
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
