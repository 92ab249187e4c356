"""API endpoints of the plans app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.plans import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("households/<uuid:id>/plan", api.FamilyPlanView.as_view(), name="api-household-plan"),
    path(
        "households/<uuid:id>/plan/versions",
        api.PlanVersionListCreateView.as_view(),
        name="api-household-plan-versions",
    ),
    path(
        "households/<uuid:id>/plan/versions/<int:number>",
        api.PlanVersionDetailView.as_view(),
        name="api-household-plan-version",
    ),
    path(
        "households/<uuid:id>/plan/agreements",
        api.PlanAgreementCreateView.as_view(),
        name="api-household-plan-agreements",
    ),
    path(
        "households/<uuid:id>/plan/evaluations",
        api.PlanEvaluationCreateView.as_view(),
        name="api-household-plan-evaluations",
    ),
    path(
        "households/<uuid:id>/plan/lead",
        api.PlanLeadView.as_view(),
        name="api-household-plan-lead",
    ),
]
