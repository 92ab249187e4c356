"""The referral page after acceptance: the team starts, pauses, resumes and completes
the help with a result per goal, or it fails; the referrer may cancel; in the
lead-provider model the hoofdaannemer adds a sub-contracted part. Each page offers only
the viewer's own steps; bad input is refused at the field in Dutch, nothing changed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dichtbij.accounts.tests.factories import make_region
from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_household
from dichtbij.referrals.constants import EndReason, GoalResult, ReferralStatus
from dichtbij.referrals.models import Referral, ReferralEvent, Subcontract
from dichtbij.referrals.tests.factories import (
    add_team_member,
    lead_provider,
    make_draft,
    make_referral,
    make_team,
    referral_consent,
    team_coordinator,
)

pytestmark = pytest.mark.django_db
S = ReferralStatus


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _url(verb: str, referral: Referral) -> str:
    return reverse(f"referrals:{verb}", args=[referral.public_id])


def _detail(client: Client, referral: Referral) -> str:
    response = client.get(_url("detail", referral))
    assert response.status_code == 200
    return _text(response)


@pytest.fixture
def team(region):
    return make_team(region)


def test_the_team_starts_pauses_resumes_and_completes_with_a_result_per_goal(
    client: Client, region, team
) -> None:
    referral = make_referral(region=region, team=team, status=S.ACCEPTED, goals=2)
    specialist = add_team_member(team)
    client.force_login(specialist)
    assert "Hulp starten" in _detail(client, referral)

    started = client.post(
        _url("start", referral), {"start-started_on": timezone.localdate().isoformat()}
    )
    assert started.status_code == 302
    assert "Hulp pauzeren" in _detail(client, referral)
    client.post(_url("hold", referral), {"hold-reason": "Gezin op vakantie."})
    assert Referral.objects.get(pk=referral.pk).status == S.ON_HOLD
    page = _detail(client, referral)
    assert "Hulp hervatten" in page
    assert "Hulp starten" not in page
    client.post(_url("resume", referral))
    assert Referral.objects.get(pk=referral.pk).status == S.IN_PROGRESS

    first, second = referral.goal_ids
    completed = client.post(
        _url("complete", referral),
        {
            f"complete-goal_{first}": GoalResult.ACHIEVED,
            f"complete-goal_{second}": GoalResult.PARTLY,
            "complete-end_reason": EndReason.AS_PLANNED,
            "complete-note": "Afgesloten in goed overleg.",
        },
    )

    assert completed.status_code == 302
    done = Referral.objects.get(pk=referral.pk)
    assert (done.status, done.end_reason) == (S.COMPLETED, EndReason.AS_PLANNED)
    assert dict(done.goal_results.values_list("goal_id", "result")) == {
        first: GoalResult.ACHIEVED,
        second: GoalResult.PARTLY,
    }
    page = _detail(client, referral)
    assert "Resultaat per doel" in page
    assert "Bereikt" in page and "Deels bereikt" in page
    assert "31 Volgens plan" in page
    assert "Hulp afsluiten" not in page


def test_completing_without_a_result_for_every_goal_is_refused_at_the_field(
    client: Client, region, team
) -> None:
    referral = make_referral(region=region, team=team, status=S.IN_PROGRESS, goals=2)
    first, second = referral.goal_ids
    client.force_login(team_coordinator(team))
    events = ReferralEvent.objects.filter(referral=referral).count()

    response = client.post(
        _url("complete", referral),
        {f"complete-goal_{first}": GoalResult.ACHIEVED, "complete-end_reason": "99"},
    )

    assert response.status_code == 400
    text = _text(response)
    assert "Kies het resultaat van dit doel." in text
    assert "Selecteer een geldige keuze" in text  # end reason 99 is not in JZ588
    assert Referral.objects.get(pk=referral.pk).status == S.IN_PROGRESS
    assert ReferralEvent.objects.filter(referral=referral).count() == events


def test_a_start_before_the_acceptance_is_refused_with_both_dates(
    client: Client, region, team
) -> None:
    referral = make_referral(region=region, team=team, status=S.ACCEPTED)
    client.force_login(team_coordinator(team))
    day_before = timezone.localdate() - timedelta(days=1)

    response = client.post(_url("start", referral), {"start-started_on": day_before.isoformat()})

    assert response.status_code == 400
    assert "kan niet eerder starten" in _text(response)
    assert Referral.objects.get(pk=referral.pk).status == S.ACCEPTED


def test_the_referrer_cancels_with_a_reason_and_sees_no_team_steps(
    client: Client, region, team
) -> None:
    referral = make_referral(region=region, team=team, status=S.ACCEPTED)
    client.force_login(referral.referrer)
    page = _detail(client, referral)
    assert "Verwijzing annuleren" in page
    assert "Hulp starten" not in page and "Accepteren" not in page

    refused = client.post(_url("cancel", referral), {"cancel-reason": " "})
    assert refused.status_code == 400
    assert "Geef een toelichting." in _text(refused)
    assert Referral.objects.get(pk=referral.pk).status == S.ACCEPTED

    done = client.post(
        _url("cancel", referral),
        {"cancel-reason": "Het gezin is verhuisd.", "cancel-end_reason": EndReason.OTHER_DOMAIN},
    )
    assert done.status_code == 302
    cancelled = Referral.objects.get(pk=referral.pk)
    assert (cancelled.status, cancelled.end_reason) == (S.CANCELLED, EndReason.OTHER_DOMAIN)
    assert "Het gezin is verhuisd." in _detail(client, referral)


def test_a_step_not_yours_is_refused_and_changes_nothing(client: Client, region, team) -> None:
    referral = make_referral(region=region, team=team, status=S.IN_PROGRESS)
    client.force_login(referral.referrer)

    response = client.post(_url("fail", referral), {"fail-reason": "Niet bereikbaar."})

    assert response.status_code == 403
    assert "U mag deze stap met deze verwijzing niet zetten." in _text(response)
    assert Referral.objects.get(pk=referral.pk).status == S.IN_PROGRESS


def test_the_team_records_that_help_failed(client: Client, region, team) -> None:
    referral = make_referral(region=region, team=team, status=S.ON_HOLD)
    client.force_login(team_coordinator(team))

    response = client.post(
        _url("fail", referral),
        {"fail-reason": "Gezin niet bereikbaar.", "fail-end_reason": EndReason.EARLY_BY_CLIENT},
    )

    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == S.FAILED
    assert AuditEvent.objects.filter(object_id=str(referral.public_id), action="update").exists()


# --- Amsterdam: lead provider and a sub-contracted part ----------------------------------


@pytest.fixture
def amsterdam(db):
    return make_region("amsterdam", "Amsterdam-Amstelland en Zaanstreek-Waterland")


def test_the_lead_provider_takes_up_the_referral_and_adds_a_sub_contracted_part(
    client: Client, amsterdam
) -> None:
    team = make_team(amsterdam, lead_capable=True)
    provider = team.provider
    other_team = next(
        t for t in (make_team(amsterdam, index=i) for i in range(6)) if t.provider_id != provider.pk
    )
    other = lead_provider(amsterdam, index=0)
    if other == provider:
        other = lead_provider(amsterdam, index=1)
    household = make_household(region=amsterdam, municipality_code="GM0363")
    draft = make_draft(
        region=amsterdam,
        team=team,
        household=household,
        consent=referral_consent(household=household, recipient_organisation=provider.organisation),
    )
    client.force_login(draft.referrer)
    sent = client.post(_url("teams", draft), {"provider": str(provider.pk)})
    assert sent.status_code == 302
    coordinator = team_coordinator(team)
    client.force_login(coordinator)

    inbox = _text(client.get(reverse("referrals:team", args=[team.pk])))
    assert draft.household.name in inbox
    client.force_login(team_coordinator(other_team))
    assert draft.household.name not in _text(
        client.get(reverse("referrals:team", args=[other_team.pk]))
    )
    client.force_login(coordinator)
    client.post(_url("receive", draft))
    client.post(_url("accept", draft), {"accept-expected_start": ""})
    page = _detail(client, draft)
    assert f"Hoofdaannemer: {provider.organisation.name}" in page
    assert "Onderaannemer toevoegen" in page

    refused = client.post(
        _url("subcontract", draft),
        {"subcontract-provider": str(other.pk), "subcontract-description": ""},
    )
    assert refused.status_code == 400
    assert "Beschrijf welk deel de onderaannemer doet." in _text(refused)

    added = client.post(
        _url("subcontract", draft),
        {"subcontract-provider": str(other.pk), "subcontract-description": "Gezinscoaching thuis"},
    )

    assert added.status_code == 302
    part = Subcontract.objects.get(trajectory__referral=draft)
    assert (part.provider, part.description) == (other, "Gezinscoaching thuis")
    page = _detail(client, draft)
    assert f"{other.organisation.name}: Gezinscoaching thuis" in page
    assert f"Hoofdaannemer: {provider.organisation.name}" in page
    client.force_login(draft.referrer)
    page = _detail(client, draft)
    assert f"Hoofdaannemer: {provider.organisation.name}" in page
    assert "Onderaannemer toevoegen" not in page
