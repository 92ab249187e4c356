"""Who may refer is the region's rule on the referrer's COD327 type, and refusals name it."""

from __future__ import annotations

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_region, make_user
from dichtbij.referrals.errors import (
    ReferralActionNotAllowed,
    ReferrerTypeMismatch,
    ReferrerTypeNotAllowed,
)
from dichtbij.referrals.models import Referral
from dichtbij.referrals.services import referral_check_referrer

pytestmark = pytest.mark.django_db


def _referrer(region, referrer_type: str, role: Role = Role.REFERRER):
    return make_user(
        region=region,
        role=role,
        organisation="Huisartsenpraktijk Spaarne",
        kind=OrganisationKind.GP_PRACTICE,
        referrer_type=referrer_type,
    )


def test_in_kennemerland_a_gp_may_refer_and_a_family_may_not_refer_itself() -> None:
    region = make_region("kennemerland")

    assert referral_check_referrer(actor=_referrer(region, "02")) == "02"
    parent = make_user(region=region, role=Role.FAMILY, organisation=None)
    with pytest.raises(ReferrerTypeNotAllowed) as refused:
        referral_check_referrer(actor=parent)
    assert refused.value.data["referrer_type"] == "06"


@pytest.mark.parametrize(
    ("region_code", "allowed"),
    [("kennemerland", False), ("amersfoort", True), ("utrecht", True), ("amsterdam", True)],
)
def test_a_jeugdarts_may_refer_except_where_the_region_sends_it_through_the_cjg(
    region_code: str, allowed: bool
) -> None:
    region = make_region(region_code)
    jeugdarts = _referrer(region, "03")

    if allowed:
        assert referral_check_referrer(actor=jeugdarts) == "03"
    else:
        with pytest.raises(ReferrerTypeNotAllowed) as refused:
            referral_check_referrer(actor=jeugdarts)
        # The refusal names the rule: who may refer here.
        assert '"Jeugdarts" niet verwijzen' in refused.value.message
        assert "Huisarts" in refused.value.message


def test_a_role_that_never_refers_is_refused_before_any_type_is_looked_at() -> None:
    region = make_region("kennemerland")
    specialist = make_user(region=region, role=Role.SPECIALIST, referrer_type="02")

    with pytest.raises(ReferralActionNotAllowed) as refused:
        referral_check_referrer(actor=specialist)

    assert "rol" in refused.value.message


def test_a_user_who_claims_another_referrer_type_is_refused_with_their_own_named() -> None:
    region = make_region("kennemerland")
    worker = _referrer(region, "01", role=Role.LOCAL_TEAM_WORKER)

    with pytest.raises(ReferrerTypeMismatch) as refused:
        referral_check_referrer(actor=worker, referrer_type="02")

    assert "COD327" in refused.value.message
    assert Referral.objects.count() == 0
