"""Demo families: every region has families at different stages, made through the services."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from dichtbij.accounts.models import User
from dichtbij.families.models import Child, Household
from dichtbij.plans.models import FamilyPlan
from dichtbij.requests.constants import HelpRequestStatus
from dichtbij.requests.models import HelpRequest
from dichtbij.utils.bsn import is_valid_bsn
from dichtbij.utils.crypto import decrypt_text
from dichtbij.web.caseload import caseload_for


@pytest.fixture
def loaded(db: None) -> str:
    out = StringIO()
    call_command("demo", "load", stdout=out)
    return out.getvalue()


def test_each_region_has_demo_families_at_different_stages(loaded: str) -> None:
    for code in ("amersfoort", "utrecht", "amsterdam", "kennemerland"):
        households = Household.objects.filter(region__code=code)
        assert households.count() >= 2, code
        statuses = set(
            HelpRequest.objects.filter(household__in=households).values_list("status", flat=True)
        )
        assert len(statuses) >= 2 or FamilyPlan.objects.filter(household__in=households), code
    stages = {
        "awaiting triage": HelpRequest.objects.filter(status=HelpRequestStatus.ASSESSED).exists(),
        "decided": HelpRequest.objects.filter(status=HelpRequestStatus.DECIDED).exists(),
        "plan not agreed": FamilyPlan.objects.filter(agreed_version_number__isnull=True).exists(),
        "agreed": FamilyPlan.objects.filter(agreed_version_number__isnull=False).exists(),
        "evaluated": FamilyPlan.objects.filter(last_evaluated_on__isnull=False).exists(),
    }
    assert all(stages.values()), stages


def test_demo_bsns_are_test_range_numbers_that_pass_the_elfproef(loaded: str) -> None:
    bsns = [decrypt_text(c.bsn_ciphertext) for c in Child.objects.exclude(bsn_ciphertext="")]
    assert bsns
    assert all(bsn.startswith("9999") and is_valid_bsn(bsn) for bsn in bsns)


def test_the_amersfoort_worker_finds_the_demo_families_on_the_caseload(loaded: str) -> None:
    worker = User.objects.get(username="amersfoort.wijkteam")
    names = {entry.household.name for entry in caseload_for(viewer=worker)}
    assert {"Gezin Demir", "Gezin Bakker"} <= names


def test_loading_twice_adds_no_family(loaded: str) -> None:
    before = Household.objects.count()
    out = StringIO()
    call_command("demo", "load", stdout=out)
    assert Household.objects.count() == before
    assert "0 nieuw" in out.getvalue()
