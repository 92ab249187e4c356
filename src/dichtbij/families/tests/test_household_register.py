"""Registering a household involves the registrant and the first-door team."""

from __future__ import annotations

import pytest

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import (
    DistrictOutsideMunicipality,
    MunicipalityOutsideRegion,
    NotAllowed,
)
from dichtbij.families.models import Involvement
from dichtbij.families.selectors import household_access_level_for, household_get_for
from dichtbij.families.services import household_register
from dichtbij.families.tests.factories import make_gp, make_worker
from dichtbij.regions.models import District, Municipality


def test_a_local_team_worker_registers_with_full_access_and_their_team_is_responsible(
    region,
) -> None:
    worker = make_worker(region=region)
    household = household_register(
        actor=worker, municipality=Municipality.objects.get(code="GM0307"), name="Gezin  Jansen"
    )
    assert household.name == "Gezin Jansen"
    assert household.region == region
    assert household_access_level_for(viewer=worker, household=household) == AccessLevel.FULL
    team = Involvement.objects.get(household=household, kind=InvolvementKind.RESPONSIBLE_TEAM)
    assert team.organisation.name == "Wijkteams Amersfoort"
    assert team.access_level == AccessLevel.FULL
    event = AuditEvent.objects.get(object_type="household", action=Action.CREATE)
    assert event.subject_id == str(household.public_id)
    assert "Jansen" not in event.reason


def test_a_gp_registers_with_limited_access_and_the_gemeentes_first_door_is_responsible(
    region,
) -> None:
    gp = make_gp(region=region)
    household = household_register(
        actor=gp, municipality=Municipality.objects.get(code="GM0308"), name="Gezin Baarn"
    )
    mine = Involvement.objects.get(household=household, user=gp)
    assert (mine.kind, mine.access_level) == (InvolvementKind.REFERRER, AccessLevel.LIMITED)
    team = Involvement.objects.get(household=household, kind=InvolvementKind.RESPONSIBLE_TEAM)
    assert team.organisation.name == "Sociaal Team Baarn"
    assert team.organisation.kind == OrganisationKind.LOCAL_TEAM
    assert household_get_for(viewer=gp, public_id=household.public_id, level=AccessLevel.LIMITED)


def test_a_gemeente_of_another_region_is_refused_at_the_field(region, other_region) -> None:
    worker = make_worker(region=region)
    utrecht = other_region.municipalities.first()
    with pytest.raises(MunicipalityOutsideRegion) as refused:
        household_register(actor=worker, municipality=utrecht, name="Gezin Elders")
    assert refused.value.data["field"] == "municipality"


def test_a_wijk_of_another_gemeente_is_refused(region) -> None:
    worker = make_worker(region=region)
    amersfoort = Municipality.objects.get(code="GM0307")
    elsewhere = District.objects.exclude(municipality=amersfoort).first()
    if elsewhere is None:
        pytest.skip("the region file has no wijken outside Amersfoort")
    with pytest.raises(DistrictOutsideMunicipality):
        household_register(
            actor=worker, municipality=amersfoort, name="Gezin X", district=elsewhere
        )


def test_a_policy_officer_cannot_register_a_family(region, user_factory) -> None:
    policy = user_factory(region=region, role=Role.POLICY)
    with pytest.raises(NotAllowed):
        household_register(
            actor=policy, municipality=Municipality.objects.get(code="GM0307"), name="Gezin X"
        )
