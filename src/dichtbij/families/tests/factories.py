"""Households, children and consents for tests, built through the families services.

Other apps' tests use these: ``make_household(region=region)`` gives a household in
Amersfoort registered by a fresh local-team worker (``household.created_by``) with one
child; that worker and the responsible team see it in full.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import Organisation, User
from dichtbij.accounts.tests.factories import make_user
from dichtbij.families.constants import (
    AccessLevel,
    ConsentMethod,
    ConsentPurpose,
    InvolvementKind,
    NetworkMemberKind,
    SharedItem,
)
from dichtbij.families.models import Child, Consent, Household, Involvement
from dichtbij.families.services import (
    child_add,
    consent_give,
    household_register,
    involvement_add,
    network_member_add,
)
from dichtbij.regions.models import Municipality, Region
from dichtbij.utils.bsn import is_valid_bsn

_counter = itertools.count(1)


def make_bsn(n: int) -> str:
    """The ``n``-th (0-based) BSN of the ``9999xxxxx`` test range that passes the elfproef."""
    found = -1
    for candidate in range(999900000, 1000000000):
        value = str(candidate)
        if is_valid_bsn(value):
            found += 1
            if found == n:
                return value
    raise ValueError(n)


def make_worker(
    *, region: Region, organisation: str = "Wijkteams Amersfoort", **extra: Any
) -> User:
    """A local-team worker of ``organisation`` (a local team) in ``region``."""
    return make_user(
        region=region,
        role=Role.LOCAL_TEAM_WORKER,
        organisation=organisation,
        kind=OrganisationKind.LOCAL_TEAM,
        **extra,
    )


def make_gp(*, region: Region, organisation: str = "Huisartsenpraktijk De Linde") -> User:
    """A GP (referrer) of a GP practice in ``region``."""
    return make_user(
        region=region,
        role=Role.REFERRER,
        organisation=organisation,
        kind=OrganisationKind.GP_PRACTICE,
    )


def make_household(
    *,
    region: Region,
    actor: User | None = None,
    municipality_code: str = "GM0307",
    children: int = 1,
    name: str | None = None,
    parent: bool = True,
    bsns: bool = False,
    **kw: Any,
) -> Household:
    """A household registered by ``actor`` (default: a new local-team worker of the
    region's first door), with ``children`` children (``Kind1 <name>``...) and a parent with
    gezag. ``bsns=True`` gives each child a test BSN. ``kw`` goes to ``household_register``
    (``district``)."""
    if actor is None:
        actor = make_worker(region=region)
    n = next(_counter)
    municipality = Municipality.objects.get(code=municipality_code)
    household = household_register(
        actor=actor, municipality=municipality, name=name or f"Gezin Test{n}", **kw
    )
    for index in range(children):
        make_child(
            household=household,
            actor=actor,
            first_name=f"Kind{index + 1}",
            last_name=f"Test{n}",
            birth_date=date(2012 + index % 10, 1 + index % 12, 1 + n % 28),
            bsn=make_bsn(n * 10 + index) if bsns else "",
        )
    if parent:
        network_member_add(
            actor=actor,
            household=household,
            kind=NetworkMemberKind.PARENT,
            name=f"Ouder Test{n}",
            relation="moeder",
            has_parental_authority=True,
        )
    return household


def make_child(
    *,
    household: Household,
    actor: User | None = None,
    first_name: str | None = None,
    last_name: str = "Test",
    birth_date: date = date(2014, 5, 1),
    bsn: str = "",
    **kw: Any,
) -> Child:
    """A child added to ``household`` (by its registering worker unless ``actor``)."""
    return child_add(
        actor=actor or _registrar(household),
        household=household,
        first_name=first_name or f"Kind{next(_counter)}",
        last_name=last_name,
        birth_date=birth_date,
        bsn=bsn,
        **kw,
    )


def make_consent(
    *,
    household: Household,
    recipient: Organisation,
    actor: User | None = None,
    item: SharedItem = SharedItem.PLAN,
    purpose: ConsentPurpose = ConsentPurpose.PLAN_SHARING,
    **kw: Any,
) -> Consent:
    """A consent of the family to share ``item`` with ``recipient``, valid from today."""
    return consent_give(
        actor=actor or _registrar(household),
        household=household,
        recipient=recipient,
        purpose=purpose,
        item=item,
        given_by="Ouder",
        method=ConsentMethod.IN_CONVERSATION,
        **kw,
    )


def involve(
    *,
    household: Household,
    user: User | None = None,
    organisation: Organisation | None = None,
    kind: InvolvementKind = InvolvementKind.NAMED_IN_PLAN,
    access_level: AccessLevel = AccessLevel.FULL,
) -> Involvement:
    """Involve a user or organisation with ``household`` (as named in the plan, FULL)."""
    return involvement_add(
        actor=_registrar(household),
        household=household,
        kind=kind,
        access_level=access_level,
        user=user,
        organisation=organisation,
    )


def _registrar(household: Household) -> User:
    if household.created_by is None:
        raise ValueError("household has no registering user; pass actor=")
    return household.created_by
