"""Pages of the network app (filled in as they are built)."""

from django.urls import URLPattern, URLResolver

app_name = "network"

urlpatterns: list[URLPattern | URLResolver] = []
