"""Pages of the requests app (filled in as they are built)."""

from django.urls import URLPattern, URLResolver

app_name = "requests"

urlpatterns: list[URLPattern | URLResolver] = []
