"""Pages of the families app (filled in as they are built)."""

from django.urls import URLPattern, URLResolver

app_name = "families"

urlpatterns: list[URLPattern | URLResolver] = []
