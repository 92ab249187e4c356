"""Registering (and assessing) a help request: who may, what is stored, what is refused."""

from __future__ import annotations

import pytest

from dichtbij.accounts.constants import Role
from dichtbij.audit.constants import Action
from dichtbij.audit.models import AuditEvent
from dichtbij.families.constants import AccessLevel, InvolvementKind
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.selectors import involvement_list_for_household
from dichtbij.families.services import involvement_add, involvement_end
from dichtbij.families.tests.factories import make_gp, make_household, make_worker
from dichtbij.regions.constants import ReferrerType
from dichtbij.requests.constants import (
    Answer,
    Asker,
    EventType,
    HelpRequestStatus,
    ProblemDuration,
    RequestSource,
    Severity,
)
from dichtbij.requests.errors import (
    ChildNotInHousehold,
    ChildrenRequired,
    HelpRequestActionNotAllowed,
    InvalidChoice,
    QuestionRequired,
    ScoreOutOfRange,
    UnknownTheme,
)
from dichtbij.requests.models import HelpRequest, HelpRequestEvent
from dichtbij.requests.services import help_request_assess, help_request_register
from dichtbij.requests.tests.factories import make_help_request


def _register(actor, household, **overrides):
    values = {
        "children": list(household.children.all()),
        "question": "Onze dochter slaapt slecht en is vaak boos.",
        "asker": Asker.PARENT,
        "themes": ["thema:emoties-somberheid"],
        "duration": ProblemDuration.SIX_TO_TWELVE_MONTHS,
        "unsafe_at_home": Answer.NO,
        "risk_of_harm": Answer.NO,
    } | overrides
    return help_request_register(actor=actor, household=household, **values)


def test_a_worker_registers_a_request_with_its_history_and_audit_row(worker, household) -> None:
    help_request = _register(worker, household)
    assert help_request.status == HelpRequestStatus.REGISTERED
    assert help_request.source == RequestSource.PROFESSIONAL
    assert help_request.referrer_type == ReferrerType.MUNICIPALITY  # the worker's, at the time
    assert help_request.region_id == household.region_id
    assert set(help_request.children.all()) == set(household.children.all())
    assert help_request.themes == ["thema:emoties-somberheid"]
    event = HelpRequestEvent.objects.get(help_request=help_request)
    assert event.type == EventType.HELP_REQUEST_REGISTERED
    assert event.actor == worker
    assert event.parameters["referrer_type"] == "01"
    audit = AuditEvent.objects.get(object_type="help_request", action=Action.CREATE)
    assert audit.subject_id == str(household.public_id)
    assert audit.object_id == str(help_request.public_id)
    assert "slaapt" not in audit.reason


def test_the_referrer_type_is_the_registrants_at_the_time(region, worker, household) -> None:
    help_request = _register(worker, household)
    worker.referrer_type = ""
    worker.save(update_fields=["referrer_type"])
    help_request.refresh_from_db()
    assert help_request.referrer_type == "01"


def test_registering_with_an_assessment_assesses_at_once(worker, household) -> None:
    help_request = _register(
        worker, household, severity=Severity.MODERATE, ordinary_help_enough=Answer.NO
    )
    assert help_request.status == HelpRequestStatus.ASSESSED
    assert help_request.is_assessed
    types = list(help_request.events.values_list("type", flat=True))
    assert types == [
        EventType.HELP_REQUEST_REGISTERED,
        EventType.HELP_REQUEST_ASSESSED,
        EventType.STATUS_CHANGED,
    ]


def test_the_family_itself_may_register_as_self_referral(region, household, user_factory) -> None:
    family = user_factory(region=region, role=Role.FAMILY, organisation=None)
    help_request = _register(family, household, asker=Asker.YOUTH)
    assert help_request.source == RequestSource.FAMILY
    assert help_request.referrer_type == ReferrerType.SELF_REFERRAL
    assert help_request.registered_by == family


def test_a_family_member_cannot_assess(region, household, user_factory) -> None:
    family = user_factory(region=region, role=Role.FAMILY, organisation=None)
    with pytest.raises(HelpRequestActionNotAllowed):
        _register(family, household, severity=Severity.MILD, ordinary_help_enough=Answer.YES)
    assert not HelpRequest.objects.exists()


def test_a_gp_registers_and_the_first_door_is_involved_again(region, household, worker) -> None:
    gp = make_gp(region=region)
    involvement_add(
        actor=worker,
        household=household,
        kind=InvolvementKind.REFERRER,
        access_level=AccessLevel.LIMITED,
        user=gp,
    )
    for involvement in involvement_list_for_household(household=household).filter(
        kind=InvolvementKind.RESPONSIBLE_TEAM
    ):
        involvement_end(actor=worker, involvement=involvement)
    help_request = _register(gp, household)
    assert help_request.referrer_type == ReferrerType.GENERAL_PRACTITIONER
    teams = involvement_list_for_household(household=household).filter(
        kind=InvolvementKind.RESPONSIBLE_TEAM
    )
    assert [involvement.organisation.name for involvement in teams] == ["Wijkteams Amersfoort"]


def test_an_unknown_theme_is_refused_by_name_and_nothing_is_saved(worker, household) -> None:
    with pytest.raises(UnknownTheme) as refused:
        _register(worker, household, themes=["thema:pesten", "thema:ruimtevaart"])
    assert "thema:ruimtevaart" in refused.value.message
    assert refused.value.data["field"] == "themes"
    assert not HelpRequest.objects.exists()
    assert not HelpRequestEvent.objects.exists()


def test_a_kind_is_no_theme(worker, household) -> None:
    with pytest.raises(UnknownTheme):
        _register(worker, household, themes=["soort:crisis"])


def test_a_child_of_another_household_is_refused(region, worker, household) -> None:
    other = make_household(region=region, actor=worker)
    with pytest.raises(ChildNotInHousehold) as refused:
        _register(worker, household, children=[*household.children.all(), *other.children.all()])
    assert refused.value.data["field"] == "children"
    assert "hoort niet bij dit gezin" in refused.value.message
    assert not HelpRequest.objects.exists()


def test_a_request_needs_a_child_and_a_question(worker, household) -> None:
    with pytest.raises(ChildrenRequired):
        _register(worker, household, children=[])
    with pytest.raises(QuestionRequired):
        _register(worker, household, question="   ")
    assert not HelpRequest.objects.exists()


def test_a_value_outside_its_code_list_is_refused(worker, household) -> None:
    with pytest.raises(InvalidChoice) as refused:
        _register(worker, household, unsafe_at_home="misschien")
    assert refused.value.data["field"] == "unsafe_at_home"


def test_a_score_outside_one_to_five_is_refused_and_nothing_is_saved(worker, household) -> None:
    with pytest.raises(ScoreOutOfRange):
        _register(
            worker,
            household,
            severity=Severity.MILD,
            ordinary_help_enough=Answer.YES,
            lowest_score=6,
        )
    assert not HelpRequest.objects.exists()


def test_an_uninvolved_worker_cannot_register(region, household) -> None:
    stranger = make_worker(region=region, organisation="Sociaal Team Soest")
    with pytest.raises(HouseholdNotFound):
        _register(stranger, household)


def test_a_worker_of_another_region_cannot_register(other_region, household) -> None:
    stranger = make_worker(region=other_region, organisation="Buurtteams Utrecht")
    with pytest.raises(HouseholdNotFound):
        _register(stranger, household)


def test_a_policy_officer_cannot_register(region, household, user_factory) -> None:
    policy = user_factory(region=region, role=Role.POLICY, organisation="Gemeente Amersfoort")
    with pytest.raises(HelpRequestActionNotAllowed):
        _register(policy, household)


def test_reassessing_after_an_advice_asks_for_a_new_advice(worker, household) -> None:
    help_request = make_help_request(household=household, advised=True)
    assert help_request.status == HelpRequestStatus.ADVISED
    help_request_assess(
        actor=worker,
        help_request=help_request,
        severity=Severity.SEVERE,
        ordinary_help_enough=Answer.NO,
        lowest_score=2,
    )
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.ASSESSED
    assert (help_request.severity, help_request.lowest_score) == (Severity.SEVERE, 2)
