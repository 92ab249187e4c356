"""API endpoints of the requests app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.requests import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("help-requests", api.HelpRequestListCreateView.as_view(), name="api-help-request-list"),
    path("help-requests/<uuid:id>", api.HelpRequestDetailView.as_view(), name="api-help-request"),
    path(
        "help-requests/<uuid:id>/events",
        api.HelpRequestEventListView.as_view(),
        name="api-help-request-events",
    ),
    path(
        "help-requests/<uuid:id>/assessment",
        api.HelpRequestAssessmentView.as_view(),
        name="api-help-request-assessment",
    ),
    path(
        "help-requests/<uuid:id>/triage-advice",
        api.TriageAdviceView.as_view(),
        name="api-help-request-triage-advice",
    ),
    path(
        "help-requests/<uuid:id>/triage-decision",
        api.TriageDecisionView.as_view(),
        name="api-help-request-triage-decision",
    ),
    path(
        "help-requests/<uuid:id>/closure",
        api.HelpRequestClosureView.as_view(),
        name="api-help-request-closure",
    ),
]
