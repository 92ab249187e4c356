"""URLs of this part of the catalogue (filled in by the issue 3 work)."""
app_name = "catalogue"

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
