"""Pages of the families app, under /gezinnen/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.families import views

app_name = "families"

urlpatterns: list[URLPattern | URLResolver] = [
    path("nieuw/", views.HouseholdRegisterView.as_view(), name="register"),
    path("<uuid:household>/", views.HouseholdDetailView.as_view(), name="detail"),
    path("<uuid:household>/kinderen/nieuw/", views.ChildAddView.as_view(), name="child_add"),
    path(
        "<uuid:household>/netwerk/nieuw/",
        views.NetworkMemberAddView.as_view(),
        name="network_add",
    ),
    path(
        "<uuid:household>/toestemmingen/nieuw/",
        views.ConsentGiveView.as_view(),
        name="consent_give",
    ),
    path(
        "<uuid:household>/toestemmingen/<uuid:consent>/intrekken/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path("<uuid:household>/delen/", views.ShareView.as_view(), name="share"),
    path(
        "<uuid:household>/noodtoegang/",
        views.EmergencyAccessView.as_view(),
        name="emergency_access",
    ),
]
