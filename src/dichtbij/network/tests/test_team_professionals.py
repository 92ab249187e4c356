"""Professionals in teams and their vaste gezichten: who may, with which ceiling, audited."""

from __future__ import annotations

import pytest

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import Membership
from dichtbij.accounts.tests.factories import make_user
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.network.errors import CaseloadCeilingInvalid, ProfessionalNotAllowed, TeamInactive
from dichtbij.network.models import SchoolLink, SpecialistTeam, TeamProfessional
from dichtbij.network.selectors import team_professional_list
from dichtbij.network.services import (
    school_link_add,
    school_link_remove,
    team_professional_add,
    team_professional_deactivate,
)
from dichtbij.network.tests.factories import make_professional, team_named
from dichtbij.regions.models import Region, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def noord(amersfoort: Region) -> SpecialistTeam:
    return team_named(amersfoort, "MetMaya Amersfoort Noord")


def test_a_specialist_joins_a_team_with_its_default_ceiling_and_membership(
    noord: SpecialistTeam,
) -> None:
    user = make_user(region=noord.region, role=Role.SPECIALIST, first_name="Fatima")
    coordinator = make_user(region=noord.region, role=Role.TEAM_COORDINATOR)

    professional = team_professional_add(team=noord, user=user, actor=coordinator)

    assert professional.caseload_ceiling == 12
    assert professional.active
    assert Membership.objects.filter(user=user, organisation=noord.organisation).exists()
    event = AuditEvent.objects.get(object_type="team_professional")
    assert (event.action, event.subject_type, event.subject_id) == (
        Action.CREATE,
        "user",
        str(user.pk),
    )
    assert event.actor_id == coordinator.pk
    assert "Fatima" not in event.reason


def test_adding_again_updates_the_ceiling_without_a_duplicate(noord: SpecialistTeam) -> None:
    professional = make_professional(noord)

    again = team_professional_add(team=noord, user=professional.user, caseload_ceiling=8)

    assert again.pk == professional.pk
    assert TeamProfessional.objects.filter(team=noord).count() == 1
    assert again.caseload_ceiling == 8
    assert AuditEvent.objects.filter(object_type="team_professional").count() == 2


@pytest.mark.parametrize("role", [Role.LOCAL_TEAM_WORKER, Role.REFERRER, Role.FAMILY, Role.POLICY])
def test_only_specialists_and_coordinators_work_in_a_team(
    noord: SpecialistTeam, role: Role
) -> None:
    user = make_user(region=noord.region, role=role)

    with pytest.raises(ProfessionalNotAllowed, match="Alleen medewerkers van een specialistisch"):
        team_professional_add(team=noord, user=user)

    assert not TeamProfessional.objects.exists()
    assert not AuditEvent.objects.filter(object_type="team_professional").exists()


def test_a_professional_of_another_region_is_refused(
    noord: SpecialistTeam, utrecht: Region
) -> None:
    user = make_user(region=utrecht, role=Role.SPECIALIST)

    with pytest.raises(ProfessionalNotAllowed, match="hoort niet bij de regio van MetMaya"):
        team_professional_add(team=noord, user=user)


def test_an_inactive_team_takes_no_one(noord: SpecialistTeam) -> None:
    SpecialistTeam.objects.filter(pk=noord.pk).update(active=False)
    noord.refresh_from_db()

    with pytest.raises(TeamInactive):
        team_professional_add(team=noord, user=make_user(region=noord.region, role=Role.SPECIALIST))


@pytest.mark.parametrize("ceiling", [-1, 201])
def test_a_ceiling_must_be_sensible(noord: SpecialistTeam, ceiling: int) -> None:
    with pytest.raises(CaseloadCeilingInvalid, match="tussen 0 en 200"):
        make_professional(noord, caseload_ceiling=ceiling)


def test_a_deactivated_professional_leaves_the_list_and_gets_no_school(
    noord: SpecialistTeam,
) -> None:
    professional = make_professional(noord)

    team_professional_deactivate(professional=professional)

    assert list(team_professional_list(team=noord)) == []
    with pytest.raises(ProfessionalNotAllowed):
        school_link_add(
            professional=professional,
            school=School.objects.get(name="Scholengemeenschap Schothorst"),
        )


def test_a_vast_gezicht_is_linked_once_and_can_end(noord: SpecialistTeam) -> None:
    professional = make_professional(noord)
    schothorst = School.objects.get(name="Scholengemeenschap Schothorst")

    link = school_link_add(professional=professional, school=schothorst)
    assert school_link_add(professional=professional, school=schothorst).pk == link.pk
    assert [
        [s.school.name for s in p.school_links.all()] for p in team_professional_list(team=noord)
    ] == [["Scholengemeenschap Schothorst"]]

    school_link_remove(link=link)

    assert not SchoolLink.objects.exists()
    assert list(
        AuditEvent.objects.filter(object_type="school_link")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [Action.CREATE, Action.DELETE]
