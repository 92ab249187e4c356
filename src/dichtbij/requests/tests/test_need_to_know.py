"""Who sees which help requests: FULL access all of the household, LIMITED only their own,
others nothing, alike for missing and forbidden."""

from __future__ import annotations

import uuid

import pytest

from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.services import emergency_access_open, involvement_add
from dichtbij.families.tests.factories import make_gp, make_worker
from dichtbij.requests.constants import Severity, Urgency
from dichtbij.requests.errors import HelpRequestNotFound
from dichtbij.requests.selectors import (
    can_take_first_door_steps,
    help_request_get_for,
    help_request_list_for,
    help_requests_awaiting_triage_for,
)
from dichtbij.requests.tests.factories import make_help_request


@pytest.fixture
def gp(region, worker, household):
    gp = make_gp(region=region)
    involvement_add(
        actor=worker,
        household=household,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
        user=gp,
    )
    return gp


def test_a_limited_viewer_sees_only_the_requests_they_registered(worker, gp, household) -> None:
    by_worker = make_help_request(household=household)
    by_gp = make_help_request(household=household, actor=gp, assessed=False)
    assert list(help_request_list_for(viewer=gp)) == [by_gp]
    assert help_request_get_for(viewer=gp, public_id=by_gp.public_id) == by_gp
    with pytest.raises(HelpRequestNotFound):
        help_request_get_for(viewer=gp, public_id=by_worker.public_id)
    assert set(help_request_list_for(viewer=worker)) == {by_worker, by_gp}
    assert set(help_request_list_for(viewer=worker, household=household)) == {by_worker, by_gp}


def test_a_limited_viewer_may_not_take_the_first_doors_steps(worker, gp, household) -> None:
    by_gp = make_help_request(household=household, actor=gp, assessed=False)
    assert not can_take_first_door_steps(viewer=gp, help_request=by_gp)
    assert can_take_first_door_steps(viewer=worker, help_request=by_gp)


def test_an_uninvolved_worker_sees_nothing_until_breaking_the_glass(region, household) -> None:
    help_request = make_help_request(household=household)
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    assert not help_request_list_for(viewer=stranger).exists()
    with pytest.raises(HelpRequestNotFound):
        help_request_get_for(viewer=stranger, public_id=help_request.public_id)
    emergency_access_open(actor=stranger, household=household, reason="Crisis in de nacht.")
    assert help_request_get_for(viewer=stranger, public_id=help_request.public_id)


def test_another_region_sees_nothing(other_region, household) -> None:
    help_request = make_help_request(household=household)
    stranger = make_worker(region=other_region, organisation="Buurtteams Utrecht")
    with pytest.raises(HelpRequestNotFound):
        help_request_get_for(viewer=stranger, public_id=help_request.public_id)


def test_missing_and_malformed_ids_are_not_found_alike(worker, household) -> None:
    for key in (uuid.uuid4(), "geen-uuid"):
        with pytest.raises(HelpRequestNotFound):
            help_request_get_for(viewer=worker, public_id=key)


def test_the_caseload_lists_requests_awaiting_triage_most_urgent_first(
    worker, gp, household, catalogue
) -> None:
    decided = make_help_request(household=household, decided=True)
    waiting = make_help_request(household=household)  # assessed, no advice
    severe = make_help_request(household=household, severity=Severity.SEVERE, advised=True)
    unsafe = make_help_request(household=household, unsafe_at_home="ja", advised=True)
    awaiting = list(help_requests_awaiting_triage_for(viewer=worker))
    assert awaiting == [unsafe, severe, waiting]
    assert decided not in awaiting
    assert [r.urgency for r in awaiting] == [Urgency.URGENT, Urgency.HIGH, ""]
    assert not help_requests_awaiting_triage_for(viewer=gp).exists()
