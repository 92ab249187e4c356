"""Consent: what the family agreed to share; withdrawal at once; legal ground with reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import (
    AccessLevel,
    ConsentMethod,
    ConsentPurpose,
    LegalGround,
    ShareBasis,
    SharedItem,
)
from dichtbij.families.errors import (
    ConsentAlreadyWithdrawn,
    ConsentPeriodInvalid,
    ConsentRequired,
    ExplanationRequired,
    HouseholdNotFound,
    OrganisationOutsideRegion,
    ShareItemNotAllowed,
)
from dichtbij.families.models import Consent, DataShare, Involvement
from dichtbij.families.selectors import (
    consent_valid_for,
    household_get_for,
    household_shared_with,
)
from dichtbij.families.services import consent_give, consent_withdraw, household_share
from dichtbij.families.tests.factories import make_consent, make_gp, make_household


@pytest.fixture
def household(region):
    return make_household(region=region)


@pytest.fixture
def specialist(region):
    return make_user(
        region=region,
        role=Role.SPECIALIST,
        organisation="Jeugdteam Eemland",
        kind=OrganisationKind.SPECIALIST_TEAM,
    )


@pytest.fixture
def team(specialist):
    return specialist.organisations.get()


def _share(household, team, **kw):
    return household_share(
        actor=household.created_by, household=household, recipient=team, item=SharedItem.PLAN, **kw
    )


def test_a_consent_ending_before_it_starts_is_refused_at_the_field(household, team) -> None:
    today = timezone.localdate()
    with pytest.raises(ConsentPeriodInvalid) as refused:
        make_consent(
            household=household,
            recipient=team,
            valid_from=today,
            valid_until=today - timedelta(days=1),
        )
    assert refused.value.data["field"] == "valid_until"
    assert not Consent.objects.exists()


def test_sharing_with_consent_involves_the_recipient_with_limited_access(
    household, team, specialist
) -> None:
    consent = make_consent(household=household, recipient=team)
    share = _share(household, team)
    assert share.consent == consent
    assert share.basis == ShareBasis.CONSENT
    assert household_shared_with(viewer=specialist, household=household, item=SharedItem.PLAN)
    assert not household_shared_with(
        viewer=specialist, household=household, item=SharedItem.HELP_REQUEST
    )
    assert household_get_for(
        viewer=specialist, public_id=household.public_id, level=AccessLevel.LIMITED
    )
    with pytest.raises(HouseholdNotFound):
        household_get_for(viewer=specialist, public_id=household.public_id)
    assert AuditEvent.objects.filter(
        object_type="data_share", action=Action.CREATE, subject_id=str(household.public_id)
    ).exists()


def test_sharing_without_consent_or_legal_ground_is_refused(household, team) -> None:
    with pytest.raises(ConsentRequired):
        _share(household, team)
    assert not DataShare.objects.exists()


def test_withdrawal_ends_shares_and_involvements_at_once_and_blocks_a_new_share(
    household, team, specialist
) -> None:
    consent = make_consent(household=household, recipient=team)
    share = _share(household, team)
    consent_withdraw(actor=household.created_by, consent=consent)
    share.refresh_from_db()
    assert share.ended_at is not None
    assert not Involvement.objects.filter(share=share, ended_at__isnull=True).exists()
    assert not household_shared_with(viewer=specialist, household=household, item=SharedItem.PLAN)
    with pytest.raises(HouseholdNotFound):
        household_get_for(
            viewer=specialist, public_id=household.public_id, level=AccessLevel.LIMITED
        )
    with pytest.raises(ConsentRequired):
        _share(household, team)
    with pytest.raises(ConsentRequired):
        _share(household, team, consent=consent)
    with pytest.raises(ConsentAlreadyWithdrawn):
        consent_withdraw(actor=household.created_by, consent=consent)
    assert AuditEvent.objects.filter(
        object_type="consent", action=Action.UPDATE, object_id=str(consent.public_id)
    ).exists()


def test_a_consent_for_the_whole_file_covers_the_plan(household, team) -> None:
    consent = make_consent(household=household, recipient=team, item=SharedItem.WHOLE_FILE)
    assert consent_valid_for(household=household, recipient=team, item=SharedItem.PLAN) == consent


def test_an_expired_consent_no_longer_counts(household, team, specialist) -> None:
    today = timezone.localdate()
    make_consent(household=household, recipient=team, valid_until=today + timedelta(days=2))
    _share(household, team)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert not household_shared_with(
            viewer=specialist, household=household, item=SharedItem.PLAN
        )
        assert consent_valid_for(household=household, recipient=team, item=SharedItem.PLAN) is None


def test_a_legal_ground_needs_an_explanation(household, team) -> None:
    with pytest.raises(ExplanationRequired) as refused:
        _share(household, team, legal_ground=LegalGround.SAFETY, explanation="  ")
    assert refused.value.data["field"] == "explanation"
    share = _share(household, team, legal_ground=LegalGround.SAFETY, explanation="Meldcode, stap 5")
    assert share.basis == ShareBasis.LEGAL_GROUND
    event = AuditEvent.objects.get(object_type="data_share")
    assert "safety" in event.reason
    assert "Meldcode" not in event.reason


def test_a_gp_with_limited_access_cannot_record_consent(region, team) -> None:
    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    with pytest.raises(HouseholdNotFound):
        consent_give(
            actor=gp,
            household=household,
            recipient=team,
            purpose=ConsentPurpose.PLAN_SHARING,
            item=SharedItem.PLAN,
            given_by="Moeder",
            method=ConsentMethod.IN_CONVERSATION,
        )


def test_a_recipient_of_another_region_is_refused(household, other_region) -> None:
    foreign = make_user(
        region=other_region, organisation="Elders", kind=OrganisationKind.SPECIALIST_TEAM
    ).organisations.get()
    with pytest.raises(OrganisationOutsideRegion) as refused:
        make_consent(household=household, recipient=foreign)
    assert refused.value.data["field"] == "recipient"


def test_a_gp_with_limited_access_shares_only_the_help_request_for_a_referral(region, team) -> None:
    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    with pytest.raises(HouseholdNotFound):
        make_consent(household=household, recipient=team, actor=gp)  # plan sharing: not theirs
    for item in (SharedItem.WHOLE_FILE, SharedItem.HELP_REQUEST):
        make_consent(
            household=household,
            recipient=team,
            actor=gp,
            item=item,
            purpose=ConsentPurpose.REFERRAL,
        )

    with pytest.raises(ShareItemNotAllowed):
        household_share(actor=gp, household=household, recipient=team, item=SharedItem.WHOLE_FILE)
    share = household_share(
        actor=gp, household=household, recipient=team, item=SharedItem.HELP_REQUEST
    )

    assert DataShare.objects.filter(household=household).get() == share
    assert share.item == SharedItem.HELP_REQUEST
