"""A family's history: one timeline from requests, plan versions, consent and involvement."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dichtbij.audit.models import AuditEvent
from dichtbij.families.tests.factories import make_household, make_worker
from dichtbij.plans.tests.factories import make_plan
from dichtbij.requests.tests.factories import load_taxonomy, make_help_request
from dichtbij.web.history import household_history_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomy() -> None:
    load_taxonomy()


def test_history_merges_request_events_plan_versions_and_involvements_newest_first(region):
    worker = make_worker(region=region)
    household = make_household(region=region, actor=worker)
    make_help_request(household=household)
    make_plan(household=household)

    items = household_history_for(viewer=worker, household=household)

    kinds = {item.kind for item in items}
    assert {"Hulpvraag", "Gezinsplan", "Betrokkenheid"} <= kinds
    assert [item.at for item in items] == sorted((item.at for item in items), reverse=True)
    assert any(item.text.startswith("Versie 1 gemaakt") for item in items)


def test_history_page_is_audited_and_refused_to_uninvolved_workers(client, region):
    worker = make_worker(region=region)
    household = make_household(region=region, actor=worker)
    url = reverse("household_history", args=[household.public_id])

    client.force_login(make_worker(region=region, organisation="Sociaal Team Baarn"))
    assert client.get(url).status_code == 404

    client.force_login(worker)
    response = client.get(url)
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        actor=worker, object_type="household_history", subject_id=str(household.public_id)
    ).exists()
