"""Pages of the referrals app, under /verwijzingen/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.referrals import views

app_name = "referrals"

urlpatterns: list[URLPattern | URLResolver] = [
    path("nieuw/<uuid:help_request>/", views.ReferralCreateView.as_view(), name="create"),
    path("mijn-team/", views.MyTeamView.as_view(), name="my_team"),
    path("team/<int:team>/", views.TeamInboxView.as_view(), name="team"),
    path("<uuid:referral>/", views.ReferralDetailView.as_view(), name="detail"),
    path("<uuid:referral>/teams/", views.TeamChoiceView.as_view(), name="teams"),
    path("<uuid:referral>/ontvangen/", views.ReceiveView.as_view(), name="receive"),
    path("<uuid:referral>/accepteren/", views.AcceptView.as_view(), name="accept"),
    path("<uuid:referral>/afwijzen/", views.RejectView.as_view(), name="reject"),
]
