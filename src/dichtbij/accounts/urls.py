from django.urls import path

from dichtbij.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path(
        "tweestapsverificatie/instellen/",
        views.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path("", views.ProfileView.as_view(), name="profile"),
]
