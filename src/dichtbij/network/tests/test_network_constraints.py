"""The database holds the network's invariants, whoever writes (named constraints)."""

from __future__ import annotations

import pytest
from django.db import DataError, IntegrityError, transaction

from dichtbij.accounts.constants import OrganisationKind
from dichtbij.accounts.services import organisation_ensure
from dichtbij.network.models import Consortium, Expertise, Provider, SpecialistTeam
from dichtbij.network.tests.factories import team_named
from dichtbij.regions.models import Region

pytestmark = pytest.mark.django_db


def provider(region: Region, name: str, **values: object) -> Provider:
    organisation = organisation_ensure(region=region, kind=OrganisationKind.PROVIDER, name=name)
    return Provider.objects.create(region=region, organisation=organisation, **values)


@pytest.mark.parametrize("agb_code", ["1234567", "123456789", "1234567A", "abcdefgh"])
def test_an_agb_code_is_eight_digits(amsterdam: Region, agb_code: str) -> None:
    # PostgreSQL refuses nine characters already for the column's length.
    with transaction.atomic(), pytest.raises((IntegrityError, DataError)):
        provider(amsterdam, "Nieuwe Aanbieder", agb_code=agb_code)


def test_a_provider_without_agb_code_is_allowed(amsterdam: Region) -> None:
    assert provider(amsterdam, "Nieuwe Aanbieder").agb_code == ""


def test_an_agb_code_belongs_to_one_provider_in_a_region(amsterdam: Region) -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        provider(amsterdam, "Nieuwe Aanbieder", agb_code="99990001")


def test_lead_provider_flags_must_agree(amsterdam: Region) -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        provider(amsterdam, "Nieuwe Aanbieder", can_be_lead_provider=True)
    with transaction.atomic(), pytest.raises(IntegrityError):
        provider(amsterdam, "Andere Aanbieder", lead_provider_multiple=True)
    assert provider(
        amsterdam, "Derde Aanbieder", can_be_lead_provider=True, lead_provider_multiple=True
    ).can_be_lead_provider


def test_a_team_is_run_by_a_consortium_or_a_provider_not_both_not_neither(
    amersfoort: Region,
) -> None:
    team = team_named(amersfoort, "MetMaya Soest")
    youke = Provider.objects.get(region=amersfoort, organisation__name="Youké")

    with transaction.atomic(), pytest.raises(IntegrityError):
        SpecialistTeam.objects.filter(pk=team.pk).update(provider=youke)
    with transaction.atomic(), pytest.raises(IntegrityError):
        SpecialistTeam.objects.filter(pk=team.pk).update(consortium=None)
    SpecialistTeam.objects.filter(pk=team.pk).update(consortium=None, provider=youke)


def test_ceilings_are_positive(amersfoort: Region) -> None:
    team = team_named(amersfoort, "MetMaya Soest")

    with transaction.atomic(), pytest.raises(IntegrityError):
        SpecialistTeam.objects.filter(pk=team.pk).update(caseload_per_professional=0)
    with transaction.atomic(), pytest.raises(IntegrityError):
        SpecialistTeam.objects.filter(pk=team.pk).update(max_caseload=0)


def test_a_consortium_contract_does_not_end_before_it_starts(amersfoort: Region) -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        Consortium.objects.filter(region=amersfoort).update(contract_start=2030, contract_end=2024)


def test_an_expertise_code_is_unique_per_region_and_well_formed(amersfoort: Region) -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        Expertise.objects.create(region=amersfoort, code="lvb", name="Nog eens LVB")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Expertise.objects.create(region=amersfoort, code="Jeugd-GGZ", name="Vrije tekst")
