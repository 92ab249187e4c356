"""Need to know: a professional sees a family only while involved, in their own region."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.selectors import (
    household_access_level_for,
    household_get_for,
    household_list_for,
)
from dichtbij.families.services import involvement_end
from dichtbij.families.tests.factories import involve, make_gp, make_household, make_worker


@pytest.fixture
def household(region):
    return make_household(region=region)


def _sees(viewer, household, level=AccessLevel.FULL) -> bool:
    try:
        household_get_for(viewer=viewer, public_id=household.public_id, level=level)
    except HouseholdNotFound:
        return False
    return True


def test_the_registering_worker_sees_the_family(household) -> None:
    assert _sees(household.created_by, household)
    assert list(household_list_for(viewer=household.created_by)) == [household]


def test_a_member_of_the_responsible_team_sees_the_family(region, household) -> None:
    colleague = make_worker(region=region, organisation="Wijkteams Amersfoort")
    assert _sees(colleague, household)


def test_an_uninvolved_worker_of_another_local_team_gets_not_found(region, household) -> None:
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    assert not _sees(stranger, household, level=AccessLevel.LIMITED)
    assert list(household_list_for(viewer=stranger)) == []
    assert household_access_level_for(viewer=stranger, household=household) is None


def test_a_worker_of_another_region_gets_not_found_even_when_involved(
    region, other_region, household
) -> None:
    # An involvement across regions cannot even be made; the region check holds regardless.
    elsewhere = make_worker(region=other_region, organisation="Wijkteams Amersfoort")
    assert not _sees(elsewhere, household, level=AccessLevel.LIMITED)
    assert list(household_list_for(viewer=elsewhere)) == []


def test_access_ends_with_the_involvement(region, household) -> None:
    specialist = make_worker(region=region, organisation="Sociaal Team Soest")
    involvement = involve(household=household, user=specialist)
    assert _sees(specialist, household)
    involvement_end(actor=household.created_by, involvement=involvement)
    assert not _sees(specialist, household, level=AccessLevel.LIMITED)


def test_an_organisation_involvement_gives_access_to_its_members(region, household) -> None:
    member = make_user_of(region, "Jeugdteam Eemland", OrganisationKind.SPECIALIST_TEAM)
    organisation = member.organisations.get()
    involve(household=household, organisation=organisation, kind=InvolvementKind.SPECIALIST_TEAM)
    assert _sees(member, household)


def make_user_of(region, organisation, kind):
    from dichtbij.accounts.tests.factories import make_user

    return make_user(region=region, role=Role.SPECIALIST, organisation=organisation, kind=kind)


def test_a_gp_who_referred_sees_the_limited_file_only(region) -> None:
    gp = make_gp(region=region)
    household = make_household(region=region, actor=gp)
    assert _sees(gp, household, level=AccessLevel.LIMITED)
    assert not _sees(gp, household, level=AccessLevel.FULL)
    assert household_access_level_for(viewer=gp, household=household) == AccessLevel.LIMITED
    assert list(household_list_for(viewer=gp, level=AccessLevel.FULL)) == []
    assert list(household_list_for(viewer=gp)) == [household]


def test_another_gp_of_the_same_kind_of_practice_sees_nothing(region) -> None:
    household = make_household(region=region, actor=make_gp(region=region))
    other_gp = make_gp(region=region, organisation="Huisartsen Vathorst")
    assert not _sees(other_gp, household, level=AccessLevel.LIMITED)


def test_a_malformed_id_is_not_found(household) -> None:
    with pytest.raises(HouseholdNotFound):
        household_get_for(viewer=household.created_by, public_id="not-a-uuid")


def test_household_list_for_takes_the_same_number_of_queries_for_1_and_20_households(
    region,
) -> None:
    worker = make_worker(region=region)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for household in household_list_for(viewer=worker):
                _ = (
                    household.municipality.name,
                    household.district,
                    list(household.children.all()),
                )
        return len(queries)

    make_household(region=region, actor=worker, children=2)
    one = count()
    for _ in range(19):
        make_household(region=region, actor=worker, children=2)
    assert len(household_list_for(viewer=worker)) == 20
    assert count() == one == 2
