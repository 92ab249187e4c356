"""Who sees a plan: FULL access, or LIMITED access with the plan shared; others get a
404 alike for a missing and a forbidden plan. Only FULL access changes it."""

from __future__ import annotations

from typing import Any

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.tests.factories import make_user
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.models import Involvement
from dichtbij.families.services import consent_withdraw, household_share
from dichtbij.families.tests.factories import (
    involve,
    make_consent,
    make_gp,
    make_household,
    make_worker,
)
from dichtbij.plans.constants import ActionOwner
from dichtbij.plans.errors import PlanNotFound, PlanVersionNotFound
from dichtbij.plans.models import PlanVersion
from dichtbij.plans.selectors import (
    family_plan_access_for,
    family_plan_get_for,
    plan_version_get_for,
    plan_version_list_for,
)
from dichtbij.plans.services import family_plan_create, family_plan_revise
from dichtbij.plans.tests.factories import plan_content


@pytest.fixture
def gp(region: Any, household: Any) -> Any:
    """A GP whose practice is involved with LIMITED access (it referred the family)."""
    gp = make_gp(region=region)
    involve(
        household=household,
        organisation=gp.primary_organisation,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
    )
    return gp


def _revise(plan: Any, actor: Any) -> Any:
    current = dict(PlanVersion.objects.get(plan=plan, number=plan.current_version_number).content)
    return family_plan_revise(
        actor=actor, plan=plan, content={**current, "goals": current["goals"][:1]}, change_note="x"
    )


def test_the_involved_worker_sees_and_edits_the_plan(
    plan: Any, household: Any, worker: Any
) -> None:
    assert family_plan_get_for(viewer=worker, household=household) == plan
    assert family_plan_access_for(viewer=worker, household=household).can_edit
    assert plan_version_get_for(viewer=worker, household=household, number=1).number == 1
    assert [v.number for v in plan_version_list_for(viewer=worker, household=household)] == [1]


def test_an_uninvolved_worker_gets_not_found_alike(
    plan: Any, household: Any, region: Any, other_region: Any
) -> None:
    colleague = make_worker(region=region, organisation="Ander wijkteam")
    elsewhere = make_worker(region=other_region, organisation="Buurtteam Utrecht")
    no_plan = make_household(region=region)

    for viewer in (colleague, elsewhere):
        with pytest.raises(PlanNotFound) as refused:
            family_plan_get_for(viewer=viewer, household=household)
        with pytest.raises(PlanVersionNotFound):
            plan_version_get_for(viewer=viewer, household=household, number=1)
        with pytest.raises(HouseholdNotFound):
            _revise(plan, viewer)
    with pytest.raises(PlanNotFound) as missing:
        family_plan_get_for(viewer=no_plan.created_by, household=no_plan)
    assert (refused.value.code, refused.value.status, refused.value.message) == (
        missing.value.code,
        missing.value.status,
        missing.value.message,
    )


def test_limited_access_without_a_share_does_not_show_the_plan(
    plan: Any, household: Any, gp: Any
) -> None:
    with pytest.raises(PlanNotFound):
        family_plan_get_for(viewer=gp, household=household)
    assert not family_plan_access_for(viewer=gp, household=household).can_view


def test_limited_access_with_the_plan_shared_shows_it_read_only_until_withdrawn(
    plan: Any, household: Any, gp: Any, worker: Any
) -> None:
    consent = make_consent(household=household, recipient=gp.primary_organisation, actor=worker)
    household_share(
        actor=worker, household=household, recipient=gp.primary_organisation, item="plan"
    )

    assert family_plan_get_for(viewer=gp, household=household) == plan
    assert family_plan_access_for(viewer=gp, household=household).can_edit is False
    with pytest.raises(HouseholdNotFound):
        _revise(plan, gp)

    consent_withdraw(actor=worker, consent=consent)
    with pytest.raises(PlanNotFound):
        family_plan_get_for(viewer=gp, household=household)


def test_an_organisation_named_in_the_plan_is_involved_limited_and_ended_when_dropped(
    region: Any, household: Any, worker: Any
) -> None:
    school_worker = make_user(
        region=region,
        role=Role.SPECIALIST,
        organisation="Welzijn Eemland",
        kind=OrganisationKind.PROVIDER,
    )
    organisation = school_worker.primary_organisation
    content = plan_content(household=household)
    content["goals"][0]["actions"].append(
        {"owner": ActionOwner.WELFARE, "organisation_id": organisation.pk, "what": "Maatje zoeken"}
    )
    plan = family_plan_create(actor=worker, household=household, content=content).plan

    involvement = Involvement.objects.get(
        household=household, organisation=organisation, ended_at__isnull=True
    )
    assert (involvement.kind, involvement.access_level) == (
        InvolvementKind.NAMED_IN_PLAN,
        AccessLevel.LIMITED,
    )
    with pytest.raises(PlanNotFound):
        family_plan_get_for(viewer=school_worker, household=household)

    current = dict(PlanVersion.objects.get(plan=plan).content)
    current["goals"][0]["actions"] = current["goals"][0]["actions"][:1]
    family_plan_revise(actor=worker, plan=plan, content=current, change_note="zonder welzijn")
    involvement.refresh_from_db()
    assert involvement.ended_at is not None
