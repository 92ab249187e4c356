"""Writing referrals over the API, under /api/v1/referrals, with Bearer-token authentication.

The whole closed loop (draft, matches, send, receive, accept, start, complete with a
result per goal), the side exits, and every kind of refusal: the service's rule as
problem+json with its ``code`` and ``data.field`` (403 not your step, 409 not from this
status, 400 bad input), 404 alike for a referral that is missing, of another region or
not the caller's business, and nothing changed by a refusal. Every successful call
leaves an audit row for its path. In the lead-provider model (Amsterdam) a provider is
chosen, becomes hoofdaannemer on acceptance and adds an onderaannemer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.models import Consent, Household
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.network.models import Provider, SpecialistTeam
from dichtbij.plans.tests.factories import make_plan_version
from dichtbij.referrals.constants import EndReason, EventType, ReferralStatus
from dichtbij.referrals.models import Referral, ReferralEvent, ReferralGoalResult, Subcontract
from dichtbij.referrals.tests.factories import (
    add_team_member,
    expertise_codes,
    make_referral,
    make_team,
    provider_coordinator,
    referral_consent,
    sync_network,
    team_coordinator,
)
from dichtbij.regions.models import Region
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.tests.factories import make_help_request

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _api(client: Any, user: User) -> Any:
    """Calls to /api/v1/ as ``user``, JSON in and out."""
    token = Token.objects.get_or_create(user=user)[0].key

    def call(method: str, path: str, data: Any = None) -> Any:
        kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(client, method)(f"/api/v1/{path}", **kwargs)

    return call


@dataclass
class Family:
    """A household in need of specialist help, and who is around it."""

    household: Household
    worker: User
    help_request: HelpRequest
    goal_ids: list[str]
    team: SpecialistTeam
    consent: Consent

    def draft(self, **overrides: Any) -> dict[str, Any]:
        """What the worker sends to draft a referral, with ``overrides``; ``None`` drops
        a key."""
        data: dict[str, Any] = {
            "help_request": str(self.help_request.public_id),
            "child": str(self.household.children.get().public_id),
            "question": "Hulp bij angst en schoolweigering.",
            "goal_ids": self.goal_ids,
            "expertise_codes": expertise_codes(self.team),
            "urgency": "normaal",
            "consent": str(self.consent.public_id),
        }
        data |= overrides
        return {key: value for key, value in data.items() if value is not None}


def _family(
    region: Region, *, team: SpecialistTeam | None = None, gemeente: str = "GM0307"
) -> Family:
    team = team or make_team(region)
    household = make_household(region=region, municipality_code=gemeente)
    worker = household.created_by
    assert worker is not None
    version = make_plan_version(household=household, goals=2)
    return Family(
        household=household,
        worker=worker,
        help_request=make_help_request(household=household, actor=worker),
        goal_ids=[str(goal.id) for goal in version.plan_content.goals],
        team=team,
        consent=referral_consent(household=household, recipient_organisation=team.organisation),
    )


@pytest.fixture
def family(region) -> Family:
    return _family(region)


def _created(client: Any, family: Family, **overrides: Any) -> dict[str, Any]:
    response = _api(client, family.worker)("post", "referrals", family.draft(**overrides))
    assert response.status_code == 201, response.content
    return dict(response.json())


def _referral_in(client: Any, family: Family, status: ReferralStatus) -> tuple[Referral, User, Any]:
    """A referral drafted over the API and walked along the happy path to ``status``;
    also the team's coordinator and a caller for them."""
    body = _created(client, family)
    worker = _api(client, family.worker)
    coordinator = team_coordinator(family.team)
    team = _api(client, coordinator)
    key = body["id"]
    walk = [
        (ReferralStatus.REQUESTED, worker, "send", {"team": family.team.pk}),
        (ReferralStatus.RECEIVED, team, "receive", None),
        (ReferralStatus.ACCEPTED, team, "accept", {"expected_start": _today().isoformat()}),
        (ReferralStatus.IN_PROGRESS, team, "start", {}),
    ]
    for reached, caller, step, data in walk:
        if body["status"] == status:
            break
        response = caller("post", f"referrals/{key}/{step}", data)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == reached
    assert body["status"] == status
    return Referral.objects.get(public_id=key), coordinator, team


def _today() -> date:
    return timezone.localdate()


def _unchanged(referral: Referral) -> tuple[str, int, int]:
    """What a refusal must leave alone: the status, the history, the change audit rows."""
    referral.refresh_from_db()
    return (
        referral.status,
        ReferralEvent.objects.filter(referral=referral).count(),
        AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(referral.public_id)).count(),
    )


def _refused(response: Any, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = dict(response.json())
    assert body["code"] == code
    if field is not None:
        assert body["data"]["field"] == field
    return body


# --- the closed loop ------------------------------------------------------------------


def test_a_worker_and_a_team_walk_a_referral_from_draft_to_completed_over_the_api(
    client, family
) -> None:
    worker = _api(client, family.worker)
    coordinator = team_coordinator(family.team)
    team = _api(client, coordinator)
    calls: list[str] = []

    def post(caller: Any, path: str, data: Any = None) -> dict[str, Any]:
        response = caller("post", path, data)
        assert response.status_code in (200, 201), response.content
        calls.append(f"/api/v1/{path}")
        return dict(response.json())

    draft = post(worker, "referrals", family.draft())
    key = draft["id"]
    assert draft["status"] == "draft"
    assert draft["help_request"] == str(family.help_request.public_id)
    assert [goal["id"] for goal in draft["goals"]] == family.goal_ids
    assert draft["expertise"] == expertise_codes(family.team)
    assert draft["consent"] == str(family.consent.public_id)
    assert draft["team"] is None

    matches = worker("get", f"referrals/{key}/matches")
    calls.append(f"/api/v1/referrals/{key}/matches")
    assert matches.status_code == 200
    ranked = matches.json()
    assert family.team.pk in [match["team"] for match in ranked]
    best = ranked[0]
    assert {part["part"] for part in best["parts"]} >= {"expertise", "area", "capacity"}
    assert all(part["explanation"] and part["label"] for part in best["parts"])
    assert best["score"] == sum(part["points"] for part in best["parts"])

    sent = post(worker, f"referrals/{key}/send", {"team": family.team.pk})
    assert (sent["status"], sent["team"]) == ("requested", family.team.pk)
    assert post(team, f"referrals/{key}/receive")["status"] == "received"
    start = _today()
    accepted = post(team, f"referrals/{key}/accept", {"expected_start": start.isoformat()})
    assert (accepted["status"], accepted["expected_start"]) == ("accepted", start.isoformat())
    started = post(team, f"referrals/{key}/start", {"started_on": start.isoformat()})
    assert (started["status"], started["started_on"]) == ("in_progress", start.isoformat())
    [first, second] = family.goal_ids
    completed = post(
        team,
        f"referrals/{key}/complete",
        {
            "end_reason": "31",
            "goal_results": {first: "achieved", second: "partly"},
            "note": "Volgens plan afgerond.",
        },
    )

    assert completed["status"] == "completed"
    assert completed["end_reason"] == "31"
    assert completed["goal_results"] == {first: "achieved", second: "partly"}
    assert completed["ended_at"] is not None
    referral = Referral.objects.get(public_id=key)
    assert dict(
        ReferralGoalResult.objects.filter(referral=referral).values_list("goal_id", "result")
    ) == {first: "achieved", second: "partly"}
    history = worker("get", f"referrals/{key}/events").json()
    assert [event["type"] for event in history] == [
        EventType.REFERRAL_CREATED,
        EventType.REFERRAL_SENT,
        EventType.REFERRAL_RECEIVED,
        EventType.REFERRAL_ACCEPTED,
        EventType.REFERRAL_STARTED,
        EventType.REFERRAL_COMPLETED,
    ]
    # Every call left an audit row on the API channel, naming the household, never the
    # family's words.
    for path in calls:
        rows = AuditEvent.objects.filter(request_path=path, channel="api", object_id=key)
        assert rows.exists(), path
        assert {row.subject_id for row in rows} == {str(family.household.public_id)}
        assert all("angst" not in row.reason for row in rows)
    actions = AuditEvent.objects.filter(object_type="referral", object_id=key)
    assert actions.filter(action=Action.CREATE, actor=family.worker).count() == 1
    assert actions.filter(action=Action.READ, reason="Verwijzing: teams vergelijken (API)").exists()
    assert actions.filter(action=Action.UPDATE, actor=coordinator).count() == 4


def test_help_is_paused_resumed_and_can_end_as_failed(client, family) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.IN_PROGRESS)
    key = referral.public_id

    paused = team("post", f"referrals/{key}/hold", {"reason": "Vakantie van het gezin."})
    resumed = team("post", f"referrals/{key}/resume")
    failed = team(
        "post", f"referrals/{key}/fail", {"reason": "Gezin niet bereikbaar.", "end_reason": "32"}
    )

    assert paused.json()["status"] == "on_hold"
    assert resumed.json()["status"] == "in_progress"
    assert failed.status_code == 200
    assert (failed.json()["status"], failed.json()["end_reason"]) == ("failed", "32")
    assert failed.json()["status_note"] == "Gezin niet bereikbaar."


def test_a_coordinator_rejects_with_a_reason_for_the_referrer(client, family) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.RECEIVED)

    response = team(
        "post",
        f"referrals/{referral.public_id}/reject",
        {"reason_code": "expertise", "reason": "Past beter bij een ander team."},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reject_reason"]) == ("rejected", "expertise")
    assert body["status_note"] == "Past beter bij een ander team."


def test_the_referrer_cancels_a_draft_with_a_reason(client, family) -> None:
    key = _created(client, family)["id"]

    response = _api(client, family.worker)(
        "post", f"referrals/{key}/cancel", {"reason": "Het gezin wil het toch zelf proberen."}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_a_referral_can_rest_on_a_legal_ground_explained_instead_of_consent(client, family) -> None:
    body = _created(
        client,
        family,
        consent=None,
        legal_ground="safety",
        explanation="Meldcode: zorgen over de veiligheid van het kind.",
    )
    assert (body["consent"], body["legal_ground"]) == (None, "safety")


def test_matches_can_be_limited_and_the_limit_is_checked(client, family) -> None:
    key = _created(client, family)["id"]
    worker = _api(client, family.worker)

    assert len(worker("get", f"referrals/{key}/matches?limit=1").json()) == 1
    refused = worker("get", f"referrals/{key}/matches?limit=0")
    assert refused.status_code == 400
    assert [param["name"] for param in refused.json()["invalid-params"]] == ["limit"]


# --- refusals: the rule named, nothing changed ------------------------------------------


def test_a_step_the_status_does_not_allow_is_409_and_changes_nothing(client, family) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.RECEIVED)
    before = _unchanged(referral)

    again = team("post", f"referrals/{referral.public_id}/receive")
    early = team("post", f"referrals/{referral.public_id}/start", {})

    body = _refused(again, 409, "illegal_transition")
    assert body["data"] == {"from_status": "received", "to_status": "received"}
    assert "ontvangen" in body["detail"]
    _refused(early, 409, "illegal_transition")
    assert _unchanged(referral) == before


def test_a_step_that_is_not_yours_is_403_and_changes_nothing(client, family) -> None:
    """A specialist of the team sees the referral but only a coordinator decides; the
    referrer may not accept for the team either. The coordinator then may."""
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.RECEIVED)
    specialist = _api(client, add_team_member(family.team))
    path = f"referrals/{referral.public_id}/accept"
    before = _unchanged(referral)

    by_specialist = specialist("post", path, {})
    by_referrer = _api(client, family.worker)("post", path, {})

    body = _refused(by_specialist, 403, "referral_action_not_allowed")
    assert body["detail"] == "U mag deze stap met deze verwijzing niet zetten."
    _refused(by_referrer, 403, "referral_action_not_allowed")
    assert _unchanged(referral) == before
    assert team("post", path, {}).json()["status"] == "accepted"


def test_a_referral_of_another_region_or_none_at_all_is_404_alike(
    client, family, other_region
) -> None:
    referral, _coordinator, _team = _referral_in(client, family, ReferralStatus.REQUESTED)
    elsewhere = _api(client, make_user(region=other_region, role=Role.TEAM_COORDINATOR))
    before = _unchanged(referral)

    foreign = elsewhere("post", f"referrals/{referral.public_id}/receive")
    missing = _api(client, family.worker)("post", f"referrals/{uuid.uuid4()}/receive")
    read = elsewhere("get", f"referrals/{referral.public_id}")

    assert _refused(foreign, 404, "referral_not_found") == _refused(
        missing, 404, "referral_not_found"
    )
    _refused(read, 404, "referral_not_found")
    assert _unchanged(referral) == before


def test_someone_of_another_organisation_gets_404_not_a_hint_that_it_exists(
    client, region, family
) -> None:
    """Need to know: the coordinator of another team in the region and a worker of
    another local team see nothing of this referral, for reading or for a step."""
    referral, _coordinator, _team = _referral_in(client, family, ReferralStatus.REQUESTED)
    other_team = make_team(region, index=1)
    assert other_team.organisation_id != family.team.organisation_id
    other_coordinator = _api(client, team_coordinator(other_team))
    other_worker = _api(client, make_worker(region=region, organisation="Wijkteam Elders"))
    key = referral.public_id
    before = _unchanged(referral)

    responses = [
        other_coordinator("post", f"referrals/{key}/receive"),
        other_coordinator("get", f"referrals/{key}/matches"),
        other_worker("post", f"referrals/{key}/cancel", {"reason": "Niet nodig."}),
        other_worker("get", f"referrals/{key}/events"),
    ]

    for response in responses:
        _refused(response, 404, "referral_not_found")
    assert _unchanged(referral) == before
    assert not AuditEvent.objects.filter(
        actor__in=[team_coordinator(other_team)], object_id=str(key)
    ).exists()


def test_an_unknown_end_reason_or_a_missing_goal_result_is_400_at_the_field(client, family) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.IN_PROGRESS)
    path = f"referrals/{referral.public_id}/complete"
    [first, _second] = family.goal_ids
    before = _unchanged(referral)

    bad_code = team("post", path, {"end_reason": "99", "goal_results": {first: "achieved"}})
    one_missing = team("post", path, {"end_reason": "31", "goal_results": {first: "achieved"}})

    body = _refused(bad_code, 400, "invalid")
    [param] = body["invalid-params"]
    assert param["name"] == "end_reason"
    # The refusal names the code list, so the client can correct itself.
    assert param["reason"].startswith("“99” staat niet in de lijst. Kies uit: 02 (Overlijden), ")
    assert all(f"{code} (" in param["reason"] for code in EndReason.values)
    body = _refused(one_missing, 400, "goal_results_invalid", field="goal_results")
    assert body["detail"].startswith("Geef een resultaat voor elk doel")
    assert _unchanged(referral) == before
    assert not ReferralGoalResult.objects.filter(referral=referral).exists()


def test_the_coordinator_assigns_a_professional_of_the_team_and_no_one_else(
    client, region, family
) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.RECEIVED)
    path = f"referrals/{referral.public_id}/accept"
    outsider = add_team_member(make_team(region, index=1))
    own = add_team_member(family.team)
    before = _unchanged(referral)

    refused = team("post", path, {"professional": outsider.pk})
    unknown = team("post", path, {"professional": 999_999})

    _refused(refused, 400, "professional_not_in_team", field="professional")
    body = _refused(unknown, 400, "invalid")
    assert [param["name"] for param in body["invalid-params"]] == ["professional"]
    assert _unchanged(referral) == before
    accepted = team("post", path, {"professional": own.pk})
    assert accepted.json()["assigned_professional"] == own.pk


def test_help_cannot_start_before_the_referral_was_accepted(client, family) -> None:
    referral, _coordinator, team = _referral_in(client, family, ReferralStatus.ACCEPTED)
    yesterday = _today() - timedelta(days=1)
    before = _unchanged(referral)

    response = team(
        "post", f"referrals/{referral.public_id}/start", {"started_on": yesterday.isoformat()}
    )

    body = _refused(response, 400, "start_before_acceptance", field="started_on")
    assert "niet eerder starten" in body["detail"]
    assert yesterday.strftime("%d-%m-%Y") in body["detail"]
    assert _unchanged(referral) == before


def test_a_draft_without_consent_or_legal_ground_is_refused_and_not_saved(client, family) -> None:
    worker = _api(client, family.worker)

    neither = worker("post", "referrals", family.draft(consent=None))
    unexplained = worker("post", "referrals", family.draft(consent=None, legal_ground="safety"))
    both = worker(
        "post",
        "referrals",
        family.draft(legal_ground="safety", explanation="Meldcode."),
    )

    body = _refused(neither, 400, "referral_basis_required", field="consent")
    assert "toestemming" in body["detail"]
    _refused(unexplained, 400, "explanation_required", field="explanation")
    _refused(both, 400, "referral_basis_ambiguous", field="legal_ground")
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(object_type="referral").exists()


def test_a_consent_of_another_family_is_refused_at_the_field(client, region, family) -> None:
    other = make_household(region=region, actor=family.worker)
    foreign = referral_consent(household=other, recipient_organisation=family.team.organisation)

    response = _api(client, family.worker)(
        "post", "referrals", family.draft(consent=str(foreign.public_id))
    )

    _refused(response, 400, "consent_not_valid", field="consent")
    assert not Referral.objects.exists()


def test_a_child_of_another_family_or_a_help_request_out_of_sight_is_refused(
    client, region, family
) -> None:
    other = make_household(
        region=region, actor=make_worker(region=region, organisation="Wijkteam Elders")
    )
    stranger_request = make_help_request(household=other)
    worker = _api(client, family.worker)

    wrong_child = worker(
        "post", "referrals", family.draft(child=str(other.children.get().public_id))
    )
    unseen = worker("post", "referrals", family.draft(help_request=str(stranger_request.public_id)))

    _refused(wrong_child, 400, "child_not_in_household", field="child")
    _refused(unseen, 404, "help_request_not_found")
    assert not Referral.objects.exists()


def test_claiming_another_referrer_type_is_403_at_the_field(client, family) -> None:
    response = _api(client, family.worker)("post", "referrals", family.draft(referrer_type="02"))
    body = _refused(response, 403, "referrer_type_mismatch", field="referrer_type")
    assert "COD327" in body["detail"] and "Huisarts" in body["detail"]
    assert not Referral.objects.exists()


def test_sending_to_a_team_of_another_region_or_to_no_team_is_400(
    client, family, other_region
) -> None:
    key = _created(client, family)["id"]
    referral = Referral.objects.get(public_id=key)
    sync_network(other_region)
    foreign_team = SpecialistTeam.objects.filter(region=other_region).first()
    assert foreign_team is not None
    worker = _api(client, family.worker)
    before = _unchanged(referral)

    foreign = worker("post", f"referrals/{key}/send", {"team": foreign_team.pk})
    nobody = worker("post", f"referrals/{key}/send", {})
    unknown = worker("post", f"referrals/{key}/send", {"team": 999_999})

    _refused(foreign, 400, "team_outside_region", field="team")
    _refused(nobody, 400, "recipient_required", field="team")
    body = _refused(unknown, 400, "invalid")
    assert [param["name"] for param in body["invalid-params"]] == ["team"]
    assert _unchanged(referral) == before


def test_without_a_token_the_api_refuses_as_problem_json(client, family) -> None:
    response = client.post(
        "/api/v1/referrals", data=family.draft(), content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM
    assert not Referral.objects.exists()


# --- the lead-provider model (Amsterdam) ------------------------------------------------


def test_in_amsterdam_a_lead_provider_is_chosen_accepts_and_adds_an_onderaannemer(
    client,
) -> None:
    amsterdam = make_region("amsterdam")
    family = _family(amsterdam, team=make_team(amsterdam, lead_capable=True), gemeente="GM0363")
    worker = _api(client, family.worker)
    key = _created(client, family)["id"]

    ranked = worker("get", f"referrals/{key}/matches").json()
    assert ranked, "Amsterdam has lead providers reaching the child"
    assert all(match["team"] is None and match["provider"] for match in ranked)
    lead = Provider.objects.get(pk=ranked[0]["provider"])
    assert lead.can_be_lead_provider
    # The family's consent must name the provider it is sent to.
    referral_consent(household=family.household, recipient_organisation=lead.organisation)
    sent = worker("post", f"referrals/{key}/send", {"provider": lead.pk})
    assert sent.status_code == 200, sent.content
    assert (sent.json()["provider"], sent.json()["team"]) == (lead.pk, None)

    coordinator = provider_coordinator(lead)
    team = _api(client, coordinator)
    assert team("post", f"referrals/{key}/receive").status_code == 200
    assert team("post", f"referrals/{key}/accept", {}).json()["status"] == "accepted"
    trajectory = team("get", f"referrals/{key}/trajectory")
    assert trajectory.status_code == 200
    assert (trajectory.json()["lead_provider"], trajectory.json()["subcontracts"]) == (
        lead.pk,
        [],
    )

    other = Provider.objects.filter(region=amsterdam, active=True).exclude(pk=lead.pk).first()
    assert other is not None
    path = f"referrals/{key}/trajectory/subcontracts"
    part = {"provider": other.pk, "description": "Ouderbegeleiding bij opvoedvragen."}
    added = team("post", path, part)
    by_referrer = worker("post", path, part)
    lead_itself = team("post", path, {"provider": lead.pk, "description": "Alles."})

    assert added.status_code == 201, added.content
    assert (added.json()["provider"], added.json()["description"]) == (
        other.pk,
        "Ouderbegeleiding bij opvoedvragen.",
    )
    _refused(by_referrer, 403, "referral_action_not_allowed")
    _refused(lead_itself, 400, "subcontract_invalid", field="provider")
    assert Subcontract.objects.filter(trajectory__referral__public_id=key).count() == 1
    shown = team("get", f"referrals/{key}/trajectory").json()
    assert [row["provider"] for row in shown["subcontracts"]] == [other.pk]
    assert AuditEvent.objects.filter(
        object_type="subcontract", action=Action.CREATE, channel="api", actor=coordinator
    ).exists()
    assert AuditEvent.objects.filter(
        object_type="trajectory",
        action=Action.READ,
        request_path=f"/api/v1/referrals/{key}/trajectory",
    ).exists()


def test_a_referral_without_a_trajectory_answers_409_not_lead_provider_model(
    client, region
) -> None:
    referral = make_referral(region=region, status=ReferralStatus.ACCEPTED)
    assert referral.referrer is not None

    response = _api(client, referral.referrer)("get", f"referrals/{referral.public_id}/trajectory")

    _refused(response, 409, "not_lead_provider_model")
