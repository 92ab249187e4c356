"""Pages of the requests app, under /hulpvragen/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.requests import views

app_name = "requests"

urlpatterns: list[URLPattern | URLResolver] = [
    path("nieuw/<uuid:household>/", views.IntakeView.as_view(), name="intake"),
    path("<uuid:help_request>/", views.HelpRequestDetailView.as_view(), name="detail"),
    path("<uuid:help_request>/beoordeling/", views.AssessView.as_view(), name="assess"),
    path("<uuid:help_request>/advies/", views.AdviseView.as_view(), name="advise"),
    path("<uuid:help_request>/besluit/", views.DecideView.as_view(), name="decide"),
    path("<uuid:help_request>/afsluiten/", views.CloseView.as_view(), name="close"),
]
