"""URLs of this part of the catalogue (filled in by the issue 3 work)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
