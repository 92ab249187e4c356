"""Zuid-Kennemerland/IJmond: contracted providers are reached by referral from the CJG,
a GP or a GI. A GP refers straight from their own help request (recording the family's
consent for that referral); a jeugdarts, whom the region sends through the CJG, is told
the rule before any form, and nothing is saved."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.families.constants import AccessLevel, ConsentPurpose, SharedItem
from dichtbij.families.selectors import household_access_level_for
from dichtbij.families.tests.factories import make_consent, make_household
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.models import Referral
from dichtbij.referrals.tests.factories import add_team_member as make_team_member
from dichtbij.referrals.tests.factories import expertise_codes, make_team
from dichtbij.requests.tests.factories import make_help_request

pytestmark = pytest.mark.django_db

HAARLEM = "GM0392"


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def kennemerland(db):
    return make_region("kennemerland", "Zuid-Kennemerland en IJmond")


def _referrer(region, referrer_type: str, organisation: str):
    return make_user(
        region=region,
        role=Role.REFERRER,
        organisation=organisation,
        kind=OrganisationKind.GP_PRACTICE,
        referrer_type=referrer_type,
    )


def test_a_gp_refers_from_their_own_help_request_to_a_contracted_team(
    client: Client, kennemerland
) -> None:
    gp = _referrer(kennemerland, "02", "Huisartsen Schalkwijk")
    team = make_team(kennemerland)
    household = make_household(region=kennemerland, actor=gp, municipality_code=HAARLEM)
    help_request = make_help_request(household=household, actor=gp, assessed=False)
    consent = make_consent(
        household=household,
        recipient=team.organisation,
        actor=gp,
        item=SharedItem.HELP_REQUEST,
        purpose=ConsentPurpose.REFERRAL,
    )
    client.force_login(gp)

    request_page = _text(client.get(reverse("requests:detail", args=[help_request.public_id])))
    assert "Verwijzen naar specialistische hulp" in request_page
    drafted = client.post(
        reverse("referrals:create", args=[help_request.public_id]),
        {
            "child": str(household.children.get().public_id),
            "question": "Aanhoudende somberheid; graag specialistische diagnostiek.",
            "expertise": expertise_codes(team),
            "consent": str(consent.pk),
        },
    )
    referral = Referral.objects.get(help_request=help_request)
    assert drafted.status_code == 302
    assert (referral.referrer_type, referral.goals) == ("02", [])
    choices = _text(client.get(reverse("referrals:teams", args=[referral.public_id])))
    assert team.name in choices

    sent = client.post(
        reverse("referrals:teams", args=[referral.public_id]), {"team": str(team.pk)}
    )

    assert sent.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.team) == (ReferralStatus.REQUESTED, team)
    detail = _text(client.get(reverse("referrals:detail", args=[referral.public_id])))
    assert "Huisarts" in detail
    # The team sees what the family agreed to share (the help request), not the file.
    assert (
        household_access_level_for(viewer=make_team_member(team), household=household)
        == AccessLevel.LIMITED
    )


def test_a_jeugdarts_is_told_the_rule_and_nothing_is_saved(client: Client, kennemerland) -> None:
    jeugdarts = _referrer(kennemerland, "03", "GGD Kennemerland")
    household = make_household(region=kennemerland, actor=jeugdarts, municipality_code=HAARLEM)
    help_request = make_help_request(household=household, actor=jeugdarts, assessed=False)
    client.force_login(jeugdarts)
    url = reverse("referrals:create", args=[help_request.public_id])

    page = client.get(url)
    posted = client.post(url, {"question": "Toch verwijzen", "expertise": ["jeugd_ggz"]})

    assert page.status_code == posted.status_code == 403
    text = _text(page)
    assert '"Jeugdarts" niet verwijzen' in text
    assert "Huisarts" in text  # the rule: who may refer here
    assert 'name="question"' not in page.content.decode()
    assert not Referral.objects.filter(help_request=help_request).exists()


def test_a_role_that_never_refers_gets_no_referral_link_and_is_refused(
    client: Client, kennemerland
) -> None:
    gp = _referrer(kennemerland, "02", "Huisartsen Schalkwijk")
    household = make_household(region=kennemerland, actor=gp, municipality_code=HAARLEM)
    help_request = make_help_request(household=household, actor=gp, assessed=False)
    policy = make_user(region=kennemerland, role=Role.POLICY, organisation="Gemeente Haarlem")
    client.force_login(policy)

    response = client.get(reverse("referrals:create", args=[help_request.public_id]))

    assert response.status_code == 404  # policy users never see a family
