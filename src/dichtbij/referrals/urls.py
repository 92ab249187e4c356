"""Pages of the referrals app, under /verwijzingen/."""

from django.urls import URLPattern, URLResolver, path

from dichtbij.referrals import views
from dichtbij.referrals.steps import Step

app_name = "referrals"

#: The address of each step under the referral (the URL name is the verb).
STEP_SLUGS: dict[Step, str] = {
    "receive": "ontvangen",
    "accept": "accepteren",
    "reject": "afwijzen",
    "start": "starten",
    "hold": "pauzeren",
    "resume": "hervatten",
    "complete": "afsluiten",
    "cancel": "annuleren",
    "fail": "mislukt",
}

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.OverviewView.as_view(), name="mine"),
    path("meldingen/gelezen/", views.NotificationsReadView.as_view(), name="notifications_read"),
    path("nieuw/<uuid:help_request>/", views.ReferralCreateView.as_view(), name="create"),
    path("mijn-team/", views.MyTeamView.as_view(), name="my_team"),
    path("team/<int:team>/", views.TeamInboxView.as_view(), name="team"),
    path("<uuid:referral>/", views.ReferralDetailView.as_view(), name="detail"),
    path("<uuid:referral>/teams/", views.TeamChoiceView.as_view(), name="teams"),
    path("<uuid:referral>/onderaannemer/", views.SubcontractView.as_view(), name="subcontract"),
    *(
        path(f"<uuid:referral>/{slug}/", views.StepView.as_view(verb=verb), name=verb)
        for verb, slug in STEP_SLUGS.items()
    ),
]
