from django.urls import path

from dichtbij.web import views

app_name = "web"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mijn-gezinnen/", views.CaseloadView.as_view(), name="caseload"),
]
