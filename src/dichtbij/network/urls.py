"""Pages of the network app, under /netwerk/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.network import views

app_name = "network"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.NetworkOverviewView.as_view(), name="overview"),
]
