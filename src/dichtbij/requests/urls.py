"""Pages of the requests app, under /hulpvragen/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.requests import views

app_name = "requests"

urlpatterns: list[URLPattern | URLResolver] = [
    path("nieuw/<uuid:household>/", views.IntakeView.as_view(), name="intake"),
    path("<uuid:request>/", views.HelpRequestDetailView.as_view(), name="detail"),
    path("<uuid:request>/beoordeling/", views.AssessView.as_view(), name="assess"),
    path("<uuid:request>/advies/", views.AdviseView.as_view(), name="advise"),
    path("<uuid:request>/besluit/", views.DecideView.as_view(), name="decide"),
    path("<uuid:request>/afsluiten/", views.CloseView.as_view(), name="close"),
]
