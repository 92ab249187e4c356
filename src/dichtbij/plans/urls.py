"""Pages of the plans app (filled in as they are built)."""

from django.urls import URLPattern, URLResolver

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = []
