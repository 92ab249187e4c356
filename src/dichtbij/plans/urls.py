"""Pages of the plans app, under /gezinsplannen/ (each needs only the household's uuid)."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.plans import views

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<uuid:household>/", views.PlanDetailView.as_view(), name="detail"),
    path("<uuid:household>/bewerken/", views.PlanEditView.as_view(), name="edit"),
    path("<uuid:household>/versies/<int:number>/", views.PlanVersionView.as_view(), name="version"),
    path(
        "<uuid:household>/versies/<int:number>/pdf/",
        views.PlanPdfView.as_view(),
        name="version_pdf",
    ),
    path("<uuid:household>/akkoord/", views.PlanAgreeView.as_view(), name="agree"),
    path("<uuid:household>/evaluatie/", views.PlanEvaluateView.as_view(), name="evaluate"),
    path("<uuid:household>/regie/", views.PlanLeadView.as_view(), name="lead"),
    path("<uuid:household>/pdf/", views.PlanPdfView.as_view(), name="pdf"),
]
