"""Top-level URLs. Every view here is classified for the audit log (see audit.auditing)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dichtbij.audit.auditing import no_personal_data
from dichtbij.web import views as web_views

api_v1 = [
    path("", include("dichtbij.accounts.api_urls")),
    path("", include("dichtbij.regions.api_urls")),
    path("", include("dichtbij.privacy.api_urls")),
    path("catalogue/", include("dichtbij.catalogue.search.api_urls")),
    path("", include("dichtbij.families.api_urls")),
    path("", include("dichtbij.requests.api_urls")),
    path("", include("dichtbij.plans.api_urls")),
    path("", include("dichtbij.network.api_urls")),
    path("", include("dichtbij.referrals.api_urls")),
]

urlpatterns = [
    path("", include("dichtbij.web.urls")),
    path("account/", include("dichtbij.accounts.urls")),
    path("regio/", include("dichtbij.regions.urls")),
    path("hulpwijzer/", include("dichtbij.catalogue.urls")),
    path("privacy/", include("dichtbij.privacy.urls")),
    path(
        "gezinnen/<uuid:household>/geschiedenis/",
        web_views.HouseholdHistoryView.as_view(),
        name="household_history",
    ),
    path("gezinnen/", include("dichtbij.families.urls")),
    path("hulpvragen/", include("dichtbij.requests.urls")),
    path("gezinsplannen/", include("dichtbij.plans.urls")),
    path("netwerk/", include("dichtbij.network.urls")),
    path("verwijzingen/", include("dichtbij.referrals.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/setlang/", no_personal_data(set_language), name="set_language"),
    path("api/v1/", include(api_v1)),
    path("api/hsds/", include("dichtbij.catalogue.hsds.api_urls")),
    path("api/schema/", no_personal_data(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "api/docs/",
        no_personal_data(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

handler404 = "dichtbij.web.errors.page_not_found"
handler500 = "dichtbij.web.errors.server_error"
