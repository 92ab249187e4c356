"""Reads of the families app, with need to know inside.

A professional sees a household only while involved: an active :class:`Involvement` of
the viewer or of one of the viewer's organisations, or an active :class:`EmergencyAccess`
("break the glass") of the viewer, always within the viewer's own region.
:func:`household_access_q` is that rule as one ``WHERE`` (``EXISTS`` subqueries on
indexed columns); every other selector builds on it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import Membership, Organisation
from dichtbij.families.constants import AccessLevel, ConsentPurpose, ShareBasis, SharedItem
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.models import (
    Child,
    Consent,
    DataShare,
    EmergencyAccess,
    Household,
    Involvement,
    NetworkMember,
)

if TYPE_CHECKING:
    from datetime import datetime

    from dichtbij.accounts.models import User
    from dichtbij.regions.models import Region


def _no_rows(prefix: str) -> Q:
    return Q(**{f"{prefix}pk__in": []})


def _viewer_organisations(viewer: User) -> QuerySet[Membership, int]:
    return Membership.objects.filter(user_id=viewer.pk).values_list("organisation_id", flat=True)


def _active_involvements(
    *, viewer: User, now: datetime, level: AccessLevel | None = None, through: str = "any"
) -> QuerySet[Involvement]:
    """Active involvements of the viewer: ``through`` ``"user"`` (the viewer personally),
    ``"organisation"`` (one of the viewer's organisations) or ``"any"``."""
    party = {
        "user": Q(user_id=viewer.pk),
        "organisation": Q(organisation_id__in=_viewer_organisations(viewer)),
    }
    condition = party.get(through, party["user"] | party["organisation"])
    involvements = Involvement.objects.filter(condition, ended_at__isnull=True, started_at__lte=now)
    if level == AccessLevel.FULL:
        involvements = involvements.filter(access_level=AccessLevel.FULL)
    return involvements


def _active_emergency_accesses(*, viewer: User, now: datetime) -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(
        user_id=viewer.pk, granted_at__lte=now, expires_at__gt=now
    )


def household_access_q(*, viewer: User, prefix: str = "", level: AccessLevel | None = None) -> Q:
    """The need-to-know condition over :class:`Household`, as one ``Q``.

    ``prefix`` applies it over a related model (``"household__"`` on a model with a
    ``household`` foreign key). ``level=FULL`` demands full access (a full involvement or
    an active emergency access); ``None`` or ``LIMITED`` accept either level.
    """
    if not getattr(viewer, "is_authenticated", False) or viewer.region_id is None:
        return _no_rows(prefix)
    now = timezone.now()
    outer = OuterRef(prefix.removesuffix("__")) if prefix else OuterRef("pk")
    # Three EXISTS rather than one with an OR inside, so that each can use its own index
    # (involvement by user, involvement by organisation, emergency access by user).
    conditions = [
        Exists(
            _active_involvements(viewer=viewer, now=now, level=level, through=through).filter(
                household_id=outer
            )
        )
        for through in ("user", "organisation")
    ]
    conditions.append(
        Exists(_active_emergency_accesses(viewer=viewer, now=now).filter(household_id=outer))
    )
    return Q(**{f"{prefix}region_id": viewer.region_id}) & (
        Q(conditions[0]) | Q(conditions[1]) | Q(conditions[2])
    )


def household_list_for(*, viewer: User, level: AccessLevel | None = None) -> QuerySet[Household]:
    """The households the viewer may see, by name, with gemeente, wijk and children.

    The number of queries does not grow with the number of households (one for the
    households, one for their children).
    """
    return (
        Household.objects.filter(household_access_q(viewer=viewer, level=level))
        .select_related("municipality", "district")
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("birth_date", "id")))
        .order_by("name", "id")
    )


def household_get_for(
    *, viewer: User, public_id: uuid.UUID | str, level: AccessLevel = AccessLevel.FULL
) -> Household:
    """The household with ``public_id`` if the viewer may see it at ``level``.

    Raises :class:`HouseholdNotFound` alike for a missing household and a forbidden one.
    ``level=LIMITED`` accepts either level.
    """
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as exc:
        raise HouseholdNotFound from exc
    required = AccessLevel.FULL if level == AccessLevel.FULL else None
    household = (
        Household.objects.filter(household_access_q(viewer=viewer, level=required), public_id=key)
        .select_related("region", "municipality", "district")
        .first()
    )
    if household is None:
        raise HouseholdNotFound
    return household


def household_find(*, public_id: uuid.UUID | str) -> Household | None:
    """The household with ``public_id`` regardless of access, or ``None``.

    Only for deciding between "not found" and offering "break the glass"; never show
    anything of it without :func:`household_get_for`.
    """
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError:
        return None
    return Household.objects.filter(public_id=key).first()


def household_access_level_for(*, viewer: User, household: Household) -> AccessLevel | None:
    """How much of ``household`` the viewer sees now: FULL, LIMITED or nothing (``None``).

    FULL if any active full involvement or an active emergency access; LIMITED if only
    limited involvements.
    """
    if not getattr(viewer, "is_authenticated", False) or viewer.region_id != household.region_id:
        return None
    now = timezone.now()
    if _active_emergency_accesses(viewer=viewer, now=now).filter(household=household).exists():
        return AccessLevel.FULL
    levels = set(
        _active_involvements(viewer=viewer, now=now)
        .filter(household=household)
        .values_list("access_level", flat=True)
    )
    if AccessLevel.FULL in levels:
        return AccessLevel.FULL
    if levels:
        return AccessLevel.LIMITED
    return None


def consent_purposes_for(*, viewer: User, household: Household) -> list[ConsentPurpose]:
    """The purposes for which ``viewer`` may record the family's consent.

    Whoever sees the whole file records any consent. A referrer (GP, jeugdarts, medisch
    specialist) who sees the household limited records only the consent for a referral:
    they ask it of the family in the consultation where they refer. Anyone else: none.
    """
    access = household_access_level_for(viewer=viewer, household=household)
    if access == AccessLevel.FULL:
        return list(ConsentPurpose)
    if access == AccessLevel.LIMITED and viewer.role == Role.REFERRER:
        return [ConsentPurpose.REFERRAL]
    return []


def share_items_for(*, viewer: User, household: Household) -> list[SharedItem]:
    """What ``viewer`` may share of ``household``: everything with the whole file; a
    referrer who sees it limited only the help request (what they registered
    themselves), for the referral they make (:func:`consent_purposes_for`)."""
    access = household_access_level_for(viewer=viewer, household=household)
    if access == AccessLevel.FULL:
        return list(SharedItem)
    if access == AccessLevel.LIMITED and viewer.role == Role.REFERRER:
        return [SharedItem.HELP_REQUEST]
    return []


def _valid_consents(*, on: date) -> QuerySet[Consent]:
    return Consent.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        withdrawn_at__isnull=True,
        valid_from__lte=on,
    )


def consent_valid_for(
    *, household: Household, recipient: Organisation, item: SharedItem, on: date | None = None
) -> Consent | None:
    """A consent of the family, valid on ``on`` (today), to share ``item`` with
    ``recipient``: for that item or for the whole file, not withdrawn. ``None`` if none."""
    day = on or timezone.localdate()
    return (
        _valid_consents(on=day)
        .filter(
            household=household,
            recipient=recipient,
            item__in=[item, SharedItem.WHOLE_FILE],
        )
        .order_by("-valid_from", "-id")
        .first()
    )


def consent_covers(*, consent: Consent, recipient: Organisation, item: SharedItem) -> bool:
    """Whether ``consent`` allows sharing ``item`` with ``recipient`` today."""
    today = timezone.localdate()
    return (
        consent.withdrawn_at is None
        and consent.recipient_id == recipient.pk
        and consent.item in (item, SharedItem.WHOLE_FILE)
        and consent.valid_from <= today
        and (consent.valid_until is None or consent.valid_until >= today)
    )


def household_shared_with(*, viewer: User, household: Household, item: SharedItem) -> bool:
    """Whether ``item`` of ``household`` is shared with one of the viewer's organisations.

    An active :class:`DataShare` for ``item`` or the whole file, on a legal ground or on a
    consent that is valid today and not withdrawn.
    """
    if not getattr(viewer, "is_authenticated", False) or viewer.region_id != household.region_id:
        return False
    today = timezone.localdate()
    return (
        DataShare.objects.filter(
            household=household,
            recipient_id__in=_viewer_organisations(viewer),
            item__in=[item, SharedItem.WHOLE_FILE],
            ended_at__isnull=True,
        )
        .filter(
            Q(basis=ShareBasis.LEGAL_GROUND)
            | Q(basis=ShareBasis.CONSENT, consent__in=_valid_consents(on=today))
        )
        .exists()
    )


def child_list_for_household(*, household: Household) -> QuerySet[Child]:
    """The household's children, youngest last (by birth date)."""
    return Child.objects.filter(household=household).select_related("school")


def network_list_for_household(*, household: Household) -> QuerySet[NetworkMember]:
    """Parents and carers, other people and organisations around the household."""
    return NetworkMember.objects.filter(household=household).select_related("organisation")


def involvement_list_for_household(
    *, household: Household, active_only: bool = True
) -> QuerySet[Involvement]:
    """Who is involved with the household (professionals and organisations)."""
    involvements = Involvement.objects.filter(household=household).select_related(
        "user", "organisation"
    )
    if active_only:
        involvements = involvements.filter(ended_at__isnull=True)
    return involvements.order_by("started_at", "id")


def consent_list_for_household(*, household: Household) -> QuerySet[Consent]:
    """Every consent of the household, newest first, withdrawn ones included."""
    return (
        Consent.objects.filter(household=household)
        .select_related("recipient", "recorded_by", "withdrawn_by")
        .order_by("-recorded_at", "-id")
    )


def consent_list_valid_for_purpose(
    *, household: Household, purpose: ConsentPurpose, on: date | None = None
) -> QuerySet[Consent]:
    """The household's consents for ``purpose`` that are valid on ``on`` (today): started,
    not ended, not withdrawn; newest first."""
    return (
        _valid_consents(on=on or timezone.localdate())
        .filter(household=household, purpose=purpose)
        .select_related("recipient")
        .order_by("-valid_from", "-id")
    )


def consent_get_for(*, viewer: User, public_id: uuid.UUID | str) -> Consent:
    """A consent of a household the viewer sees in full; else :class:`HouseholdNotFound`."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as exc:
        raise HouseholdNotFound from exc
    consent = (
        Consent.objects.filter(
            household_access_q(viewer=viewer, prefix="household__", level=AccessLevel.FULL),
            public_id=key,
        )
        .select_related("household", "recipient")
        .first()
    )
    if consent is None:
        raise HouseholdNotFound
    return consent


def share_list_for_household(*, household: Household) -> QuerySet[DataShare]:
    """Every act of sharing of the household, newest first, ended ones included."""
    return (
        DataShare.objects.filter(household=household)
        .select_related("recipient", "consent", "shared_by")
        .order_by("-shared_at", "-id")
    )


def share_recipient_choices(*, household: Household) -> QuerySet[Organisation]:
    """The organisations of the household's region it can be shared with."""
    return Organisation.objects.filter(region_id=household.region_id).order_by("name")


def emergency_access_list_for_region(*, region: Region) -> QuerySet[EmergencyAccess]:
    """Every "break the glass" in the region, newest first (for the privacy officer)."""
    return (
        EmergencyAccess.objects.filter(household__region=region)
        .select_related("user", "household")
        .order_by("-granted_at", "-id")
    )
