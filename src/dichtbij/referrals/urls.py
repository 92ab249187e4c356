"""Pages of the referrals app (filled in as they are built)."""

from django.urls import URLPattern, URLResolver

app_name = "referrals"

urlpatterns: list[URLPattern | URLResolver] = []
