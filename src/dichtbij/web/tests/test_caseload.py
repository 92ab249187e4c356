"""The local-team worker's caseload: my families, and what needs attention first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.plans.constants import AgreementMethod
from dichtbij.plans.services import family_plan_agree
from dichtbij.plans.tests.factories import make_plan
from dichtbij.requests.tests.factories import load_taxonomy, make_help_request
from dichtbij.web.caseload import caseload_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomy() -> None:
    load_taxonomy()


def test_caseload_lists_only_families_the_worker_is_personally_involved_with(region):
    worker = make_worker(region=region)
    colleague = make_worker(region=region)
    mine = make_household(region=region, actor=worker, name="Gezin Mijn")
    make_household(region=region, actor=colleague, name="Gezin Collega")

    names = [entry.household.name for entry in caseload_for(viewer=worker)]

    assert names == [mine.name]


def test_request_awaiting_triage_and_due_evaluation_need_attention_and_come_first(region):
    worker = make_worker(region=region)
    quiet = make_household(region=region, actor=worker, name="Gezin Aa")
    waiting = make_household(region=region, actor=worker, name="Gezin Zz")
    make_help_request(household=waiting)
    due = make_household(region=region, actor=worker, name="Gezin Mm")
    make_plan(household=due, next_evaluation_on=timezone.localdate() + timedelta(days=3))
    quiet_plan = make_plan(
        household=quiet, next_evaluation_on=timezone.localdate() + timedelta(days=90)
    )
    family_plan_agree(
        actor=worker,
        plan=quiet_plan,
        version=1,
        method=AgreementMethod.IN_CONVERSATION,
        agreed_on=timezone.localdate(),
        agreed_by="Ouder Aa",
    )

    entries = caseload_for(viewer=worker)

    assert [e.household.name for e in entries] == ["Gezin Mm", "Gezin Zz", "Gezin Aa"]
    by_name = {e.household.name: e for e in entries}
    assert by_name["Gezin Zz"].awaiting_triage == 1
    assert any("triage" in item for item in by_name["Gezin Zz"].attention)
    assert any("Evaluatie op" in item for item in by_name["Gezin Mm"].attention)
    assert any("niet akkoord" in item for item in by_name["Gezin Mm"].attention)
    assert by_name["Gezin Aa"].attention == []
    assert by_name["Gezin Aa"].plan_agreed


def test_caseload_query_count_does_not_grow_with_the_number_of_families(region):
    worker = make_worker(region=region)
    for n in range(3):
        make_household(region=region, actor=worker, name=f"Gezin {n}")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            caseload_for(viewer=worker)
        return len(context.captured_queries)

    few = queries()
    for n in range(3, 12):
        household = make_household(region=region, actor=worker, name=f"Gezin {n}", children=2)
        make_help_request(household=household)
        make_plan(household=household)
    assert queries() == few


def test_caseload_page_shows_families_and_audits_each_one(client, region):
    worker = make_worker(region=region)
    household = make_household(region=region, actor=worker, name="Gezin Pagina")
    client.force_login(worker)

    response = client.get(reverse("web:caseload"))

    assert response.status_code == 200
    assert "Gezin Pagina" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=worker, object_type="caseload", subject_id=str(household.public_id)
    ).exists()


def test_family_users_have_no_caseload(client, region, user_factory):
    family = user_factory(region=region, role=Role.FAMILY, organisation=None)
    client.force_login(family)

    assert client.get(reverse("web:caseload")).status_code == 404


def test_caseload_requires_login(client):
    response = client.get(reverse("web:caseload"))

    assert response.status_code == 302
    assert "/account/" in response["Location"]
