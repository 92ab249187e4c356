"""Break the glass: refused first, then with a written reason, audited, for a few hours."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.errors import EmergencyReasonRequired, HouseholdNotFound
from dichtbij.families.models import EmergencyAccess
from dichtbij.families.selectors import emergency_access_list_for_region, household_get_for
from dichtbij.families.services import emergency_access_open
from dichtbij.families.tests.factories import make_bsn, make_household, make_worker


@pytest.fixture
def household(region):
    return make_household(region=region)


@pytest.fixture
def stranger(region):
    return make_worker(region=region, organisation="Sociaal Team Soest")


def test_an_uninvolved_worker_is_refused_then_gets_access_with_a_reason(
    household, stranger, settings
) -> None:
    settings.EMERGENCY_ACCESS_HOURS = 3
    with pytest.raises(HouseholdNotFound):
        household_get_for(viewer=stranger, public_id=household.public_id)
    access = emergency_access_open(
        actor=stranger, household=household, reason="Melding acute onveiligheid in de nacht"
    )
    assert access.expires_at - access.granted_at == timedelta(hours=3)
    assert household_get_for(viewer=stranger, public_id=household.public_id) == household
    later = timezone.now() + timedelta(hours=3, minutes=1)
    with time_machine.travel(later), pytest.raises(HouseholdNotFound):
        household_get_for(viewer=stranger, public_id=household.public_id)


def test_break_the_glass_is_audited_with_the_reason_for_the_region(
    region, household, stranger
) -> None:
    emergency_access_open(actor=stranger, household=household, reason="Crisis, BSN 999900006")
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS)
    assert event.actor_id == stranger.pk
    assert event.subject_id == str(household.public_id)
    assert event.subject_region_id == region.pk
    assert "Crisis" in event.reason
    assert "999900006" not in event.reason
    assert [a.user for a in emergency_access_list_for_region(region=region)] == [stranger]


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_empty_reason_is_refused_and_nothing_is_opened(household, stranger, reason) -> None:
    with pytest.raises(EmergencyReasonRequired) as refused:
        emergency_access_open(actor=stranger, household=household, reason=reason)
    assert refused.value.data["field"] == "reason"
    assert not EmergencyAccess.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.BREAK_GLASS).exists()


def test_nobody_of_another_region_can_break_the_glass(household, other_region) -> None:
    elsewhere = make_worker(region=other_region, organisation="Buurtteam Utrecht")
    with pytest.raises(HouseholdNotFound):
        emergency_access_open(actor=elsewhere, household=household, reason="Nood")
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("role", [Role.POLICY, Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN])
def test_roles_that_do_not_care_for_families_cannot_break_the_glass(
    region, household, user_factory, role
) -> None:
    with pytest.raises(HouseholdNotFound):
        emergency_access_open(
            actor=user_factory(region=region, role=role), household=household, reason="Nood"
        )


def test_the_registered_bsn_never_reaches_the_emergency_reason(region, stranger) -> None:
    household = make_household(region=region, bsns=True)
    bsn = make_bsn(0)
    access = emergency_access_open(actor=stranger, household=household, reason=f"kind {bsn}")
    assert bsn not in access.reason
