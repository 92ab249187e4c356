"""Writes of the families app: one use case per function, audited inside its transaction.

Audit rows refer to the household (``Subject.of(household)``) and to the object by its
id; a name, a BSN or a free text a professional wrote about the family never goes into a
reason, except the break-the-glass reason, which the privacy officer must read (BSNs in
it are redacted).
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from dichtbij.accounts.constants import OrganisationKind
from dichtbij.accounts.models import Organisation
from dichtbij.accounts.services import organisation_ensure
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record
from dichtbij.families.constants import (
    EMERGENCY_ACCESS_ROLES,
    FIRST_DOOR_ORGANISATION_KINDS,
    REGISTERING_ROLES,
    AccessLevel,
    ConsentMethod,
    ConsentPurpose,
    InvolvementKind,
    LegalGround,
    NetworkMemberKind,
    ShareBasis,
    SharedItem,
)
from dichtbij.families.errors import (
    BirthDateInFuture,
    ConsentAlreadyWithdrawn,
    ConsentGivenByRequired,
    ConsentPeriodInvalid,
    ConsentRequired,
    DistrictOutsideMunicipality,
    DuplicateChild,
    EmergencyReasonRequired,
    ExplanationRequired,
    HouseholdNotFound,
    InvalidBsn,
    InvolvementPartyInvalid,
    MunicipalityOutsideRegion,
    NameRequired,
    NotAllowed,
    OrganisationOutsideRegion,
    ParentalAuthorityOnlyForParents,
    SchoolOutsideRegion,
    ShareBasisAmbiguous,
    ShareItemNotAllowed,
)
from dichtbij.families.models import (
    Child,
    Consent,
    DataShare,
    EmergencyAccess,
    Household,
    Involvement,
    NetworkMember,
)
from dichtbij.families.selectors import (
    consent_covers,
    consent_purposes_for,
    consent_valid_for,
    household_access_level_for,
    share_items_for,
)
from dichtbij.regions.constants import FirstDoorKind
from dichtbij.regions.selectors import region_first_door, region_first_door_organisations_for
from dichtbij.utils.bsn import is_valid_bsn
from dichtbij.utils.crypto import encrypt_text, keyed_digest
from dichtbij.utils.logging import redact_bsns

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dichtbij.accounts.models import User
    from dichtbij.regions.models import District, Municipality, School


#: Digest purposes: equal strings of different kinds never share a digest.
BSN_DIGEST_PURPOSE = "bsn"
MATCH_DIGEST_PURPOSE = "child-name-birth-date"

_DEFAULT_EMERGENCY_ACCESS_HOURS = 8


# --- helpers -----------------------------------------------------------------------------


def normalise_bsn(value: str) -> str:
    """The BSN as typed, without spaces and dots (``1234.56.782`` → ``123456782``)."""
    return "".join(char for char in value if not char.isspace() and char not in ".-")


def normalise_person_name(value: str) -> str:
    """A name for comparison: case folded, accents removed, whitespace collapsed.

    Particles (``van der``, ``de``) are kept: "Van der Berg" and "Berg" are different
    people as far as duplicate detection is concerned.
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())


def child_match_key(*, first_name: str, last_name: str, birth_date: date) -> str:
    """The keyed digest of a child's normalised name and birth date."""
    name = normalise_person_name(f"{first_name} {last_name}")
    return keyed_digest(f"{name}|{birth_date.isoformat()}", purpose=MATCH_DIGEST_PURPOSE)


def _audit(
    *,
    actor: User | None,
    action: Action,
    household: Household,
    object_type: str,
    object_id: str,
    reason: str,
    request: HttpRequest | None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        subject=Subject.of(household),
        request=request,
    )


def _require_access(*, actor: User, household: Household, level: AccessLevel) -> None:
    """Refuse (as "not found") an actor who does not see ``household`` at ``level``."""
    access = household_access_level_for(viewer=actor, household=household)
    if access is None or (level == AccessLevel.FULL and access != AccessLevel.FULL):
        raise HouseholdNotFound


def _check_organisation(organisation: Organisation, household: Household, field: str) -> None:
    if organisation.region_id != household.region_id:
        raise OrganisationOutsideRegion(field=field)


# --- households --------------------------------------------------------------------------


def _first_door_organisation(*, actor: User, municipality: Municipality) -> Organisation | None:
    """The team responsible for a new household: the actor's own first-door organisation,
    else the region's first door for the gemeente (created when not yet in the platform)."""
    own = (
        Organisation.objects.filter(
            memberships__user=actor,
            region_id=municipality.region_id,
            kind__in=FIRST_DOOR_ORGANISATION_KINDS,
        )
        .order_by("memberships__id")
        .first()
    )
    if own is not None:
        return own
    region = municipality.region
    configured = region_first_door_organisations_for(
        region=region, municipality_code=municipality.code
    )
    if not configured:
        return None
    name = configured[0].name
    existing = Organisation.objects.filter(region=region, name=name).first()
    if existing is not None:
        return existing
    kind = (
        OrganisationKind.CJG
        if region_first_door(region=region).kind == FirstDoorKind.CJG
        else OrganisationKind.LOCAL_TEAM
    )
    return organisation_ensure(region=region, kind=kind, name=name)


@transaction.atomic
def household_register(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    district: District | None = None,
    request: HttpRequest | None = None,
) -> Household:
    """Register a household in the actor's region and involve the actor and its team.

    The actor is involved as registered worker (FULL) when a local-team worker, or as
    referrer (LIMITED) when a GP or jeugdarts. The first-door organisation (the actor's
    own local team / CJG, else the region's first door for the gemeente) becomes the
    responsible team with full access.
    """
    if actor.role not in REGISTERING_ROLES or actor.region_id is None:
        raise NotAllowed
    if municipality.region_id != actor.region_id:
        raise MunicipalityOutsideRegion
    if district is not None and district.municipality_id != municipality.pk:
        raise DistrictOutsideMunicipality
    name = " ".join(name.split())
    if not name:
        raise NameRequired
    household = Household.objects.create(
        region_id=actor.region_id,
        municipality=municipality,
        district=district,
        name=name,
        created_by=actor,
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        household=household,
        object_type="household",
        object_id=str(household.public_id),
        reason="Gezin geregistreerd",
        request=request,
    )
    kind, level = REGISTERING_ROLES[actor.role]
    involvement_add(
        actor=actor, household=household, kind=kind, access_level=level, user=actor, request=request
    )
    team = _first_door_organisation(actor=actor, municipality=municipality)
    if team is not None:
        involvement_add(
            actor=actor,
            household=household,
            kind=InvolvementKind.RESPONSIBLE_TEAM,
            access_level=AccessLevel.FULL,
            organisation=team,
            request=request,
        )
    return household


# --- children ----------------------------------------------------------------------------


def child_find_duplicate(
    *,
    region_id: int,
    first_name: str,
    last_name: str,
    birth_date: date,
    bsn: str = "",
    include_name_match: bool = True,
) -> tuple[Child, str] | None:
    """An existing child in the region with the same BSN, or (if asked) the same
    normalised name and birth date, with the kind of match; ``None`` if none."""
    if bsn:
        digest = keyed_digest(bsn, purpose=BSN_DIGEST_PURPOSE)
        same_bsn = Child.objects.filter(region_id=region_id, bsn_digest=digest).first()
        if same_bsn is not None:
            return same_bsn, DuplicateChild.MATCH_BSN
    if include_name_match:
        key = child_match_key(first_name=first_name, last_name=last_name, birth_date=birth_date)
        same_name = Child.objects.filter(region_id=region_id, match_key=key).order_by("id").first()
        if same_name is not None:
            return same_name, DuplicateChild.MATCH_NAME_BIRTH_DATE
    return None


@transaction.atomic
def child_add(
    *,
    actor: User,
    household: Household,
    first_name: str,
    last_name: str,
    birth_date: date,
    bsn: str = "",
    school: School | None = None,
    allow_duplicate: bool = False,
    request: HttpRequest | None = None,
) -> Child:
    """Add a child to the household.

    The BSN is optional; when given it must pass the elfproef (:class:`InvalidBsn`), is
    stored encrypted with a keyed digest, and must be new in the region
    (:class:`DuplicateChild`, even with ``allow_duplicate``). A child with the same
    normalised name and birth date is refused as a duplicate unless ``allow_duplicate``.
    """
    _require_access(actor=actor, household=household, level=AccessLevel.LIMITED)
    first_name = " ".join(first_name.split())
    last_name = " ".join(last_name.split())
    if not first_name:
        raise NameRequired(field="first_name")
    if not last_name:
        raise NameRequired(field="last_name")
    if birth_date > timezone.localdate():
        raise BirthDateInFuture
    bsn = normalise_bsn(bsn)
    if bsn and not is_valid_bsn(bsn):
        raise InvalidBsn
    if school is not None and school.municipality.region_id != household.region_id:
        raise SchoolOutsideRegion
    duplicate = child_find_duplicate(
        region_id=household.region_id,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        bsn=bsn,
        include_name_match=not allow_duplicate,
    )
    if duplicate is not None:
        raise DuplicateChild(existing=duplicate[0], match=duplicate[1])
    child = Child(
        household=household,
        region_id=household.region_id,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        school=school,
        match_key=child_match_key(
            first_name=first_name, last_name=last_name, birth_date=birth_date
        ),
    )
    if bsn:
        child.bsn_ciphertext = encrypt_text(bsn)
        child.bsn_digest = keyed_digest(bsn, purpose=BSN_DIGEST_PURPOSE)
        child.bsn_last_digits = bsn[-3:]
    try:
        with transaction.atomic():
            child.save(force_insert=True)
    except IntegrityError:
        # Registered at the same moment by someone else: the unique digest caught it.
        existing = Child.objects.filter(
            region_id=household.region_id, bsn_digest=child.bsn_digest
        ).first()
        if existing is None:
            raise
        raise DuplicateChild(existing=existing, match=DuplicateChild.MATCH_BSN) from None
    _audit(
        actor=actor,
        action=Action.CREATE,
        household=household,
        object_type="child",
        object_id=str(child.public_id),
        reason="Jeugdige toegevoegd" + (" (met BSN)" if bsn else ""),
        request=request,
    )
    return child


# --- network -----------------------------------------------------------------------------


@transaction.atomic
def network_member_add(
    *,
    actor: User,
    household: Household,
    kind: NetworkMemberKind | str,
    name: str,
    relation: str = "",
    has_parental_authority: bool = False,
    organisation: Organisation | None = None,
    phone: str = "",
    email: str = "",
    request: HttpRequest | None = None,
) -> NetworkMember:
    """Add a parent or carer (with or without gezag), another person of the child's
    network, or an involved organisation to the household."""
    _require_access(actor=actor, household=household, level=AccessLevel.LIMITED)
    kind = NetworkMemberKind(kind)
    name = " ".join(name.split())
    if not name and organisation is not None:
        name = organisation.name
    if not name:
        raise NameRequired
    if has_parental_authority and kind != NetworkMemberKind.PARENT:
        raise ParentalAuthorityOnlyForParents
    if organisation is not None:
        _check_organisation(organisation, household, "organisation")
    member = NetworkMember.objects.create(
        household=household,
        kind=kind,
        name=name,
        relation=relation.strip(),
        has_parental_authority=has_parental_authority,
        organisation=organisation,
        phone=phone.strip(),
        email=email.strip(),
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        household=household,
        object_type="network_member",
        object_id=str(member.pk),
        reason=f"Netwerklid toegevoegd ({kind.value})",
        request=request,
    )
    return member


# --- involvement -------------------------------------------------------------------------


@transaction.atomic
def involvement_add(
    *,
    actor: User | None,
    household: Household,
    kind: InvolvementKind | str,
    access_level: AccessLevel | str,
    user: User | None = None,
    organisation: Organisation | None = None,
    note: str = "",
    share: DataShare | None = None,
    request: HttpRequest | None = None,
) -> Involvement:
    """Involve a professional (``user``) or an organisation with the household.

    Returns the existing active involvement of the same party, kind and share instead of
    a second one; asked for FULL where it is LIMITED, it is widened. Party and household
    must be in the same region.
    """
    kind = InvolvementKind(kind)
    access_level = AccessLevel(access_level)
    if (user is None) == (organisation is None):
        raise InvolvementPartyInvalid
    if user is not None and user.region_id != household.region_id:
        raise InvolvementPartyInvalid(field="user")
    if organisation is not None:
        _check_organisation(organisation, household, "organisation")
    # Lock the household so two parallel calls do not both create the involvement.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    existing = Involvement.objects.filter(
        household=household,
        user=user,
        organisation=organisation,
        kind=kind,
        share=share,
        ended_at__isnull=True,
    ).first()
    if existing is not None:
        if access_level == AccessLevel.FULL and existing.access_level != AccessLevel.FULL:
            existing.access_level = AccessLevel.FULL
            existing.save(update_fields=["access_level"])
            _audit_involvement(actor, existing, Action.UPDATE, request)
        return existing
    involvement = Involvement.objects.create(
        household=household,
        user=user,
        organisation=organisation,
        kind=kind,
        access_level=access_level,
        started_at=timezone.now(),
        note=note.strip()[:300],
        share=share,
    )
    _audit_involvement(actor, involvement, Action.CREATE, request)
    return involvement


def _audit_involvement(
    actor: User | None, involvement: Involvement, action: Action, request: HttpRequest | None
) -> None:
    verb = {Action.CREATE: "vastgelegd", Action.UPDATE: "verruimd"}.get(action, "beëindigd")
    _audit(
        actor=actor,
        action=action,
        household=involvement.household,
        object_type="involvement",
        object_id=str(involvement.pk),
        reason=f"Betrokkenheid {verb} ({involvement.kind}, {involvement.access_level})",
        request=request,
    )


@transaction.atomic
def involvement_end(
    *, actor: User | None, involvement: Involvement, request: HttpRequest | None = None
) -> Involvement:
    """End an involvement now; access resting on it ends with it. Ending twice is a no-op."""
    if involvement.ended_at is None:
        involvement.ended_at = timezone.now()
        involvement.save(update_fields=["ended_at"])
        _audit_involvement(actor, involvement, Action.DELETE, request)
    return involvement


# --- consent and sharing -----------------------------------------------------------------


@transaction.atomic
def consent_give(
    *,
    actor: User,
    household: Household,
    recipient: Organisation,
    purpose: ConsentPurpose | str,
    item: SharedItem | str,
    given_by: str,
    method: ConsentMethod | str,
    valid_from: date | None = None,
    valid_until: date | None = None,
    request: HttpRequest | None = None,
) -> Consent:
    """Record what the family agreed to share with ``recipient``, for what, until when.

    Who may record it for which purpose: :func:`~.selectors.consent_purposes_for` (the
    whole file; a referrer with limited access only for a referral); anyone else is
    refused as if the household did not exist. ``valid_from`` defaults to today;
    ``valid_until`` (inclusive) may be open.
    """
    purpose = ConsentPurpose(purpose)
    if purpose not in consent_purposes_for(viewer=actor, household=household):
        raise HouseholdNotFound
    item = SharedItem(item)
    method = ConsentMethod(method)
    _check_organisation(recipient, household, "recipient")
    given_by = " ".join(given_by.split())
    if not given_by:
        raise ConsentGivenByRequired
    start = valid_from or timezone.localdate()
    if valid_until is not None and valid_until < start:
        raise ConsentPeriodInvalid
    consent = Consent.objects.create(
        household=household,
        recipient=recipient,
        purpose=purpose,
        item=item,
        given_by=given_by,
        method=method,
        valid_from=start,
        valid_until=valid_until,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        household=household,
        object_type="consent",
        object_id=str(consent.public_id),
        reason=f"Toestemming vastgelegd ({item.value} voor {purpose.value})",
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: User, consent: Consent, request: HttpRequest | None = None
) -> Consent:
    """Withdraw a consent now: the shares resting on it and the involvements resting on
    those shares end at the same moment."""
    household = consent.household
    _require_access(actor=actor, household=household, level=AccessLevel.FULL)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ConsentAlreadyWithdrawn
    now = timezone.now()
    consent.withdrawn_at = now
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _audit(
        actor=actor,
        action=Action.UPDATE,
        household=household,
        object_type="consent",
        object_id=str(consent.public_id),
        reason="Toestemming ingetrokken",
        request=request,
    )
    shares = list(DataShare.objects.filter(consent=consent, ended_at__isnull=True))
    for share in shares:
        share.ended_at = now
        share.save(update_fields=["ended_at"])
        _audit(
            actor=actor,
            action=Action.UPDATE,
            household=household,
            object_type="data_share",
            object_id=str(share.pk),
            reason="Delen beëindigd: toestemming ingetrokken",
            request=request,
        )
    for involvement in Involvement.objects.filter(share__in=shares, ended_at__isnull=True):
        involvement_end(actor=actor, involvement=involvement, request=request)
    return consent


@transaction.atomic
def household_share(
    *,
    actor: User,
    household: Household,
    recipient: Organisation,
    item: SharedItem | str,
    consent: Consent | None = None,
    legal_ground: LegalGround | str = "",
    explanation: str = "",
    request: HttpRequest | None = None,
) -> DataShare:
    """Share ``item`` of the household with ``recipient`` and involve it (LIMITED).

    Rests on a valid consent of the family (``consent``, or one looked up), or on a legal
    ground with the professional's explanation. Raises :class:`ConsentRequired` when
    there is neither. What the actor may share: :func:`~.selectors.share_items_for`
    (a referrer with limited access only the help request: :class:`ShareItemNotAllowed`).
    """
    _require_access(actor=actor, household=household, level=AccessLevel.LIMITED)
    item = SharedItem(item)
    if item not in share_items_for(viewer=actor, household=household):
        raise ShareItemNotAllowed
    _check_organisation(recipient, household, "recipient")
    explanation = explanation.strip()
    if legal_ground:
        ground = LegalGround(legal_ground)
        if consent is not None:
            raise ShareBasisAmbiguous
        if not explanation:
            raise ExplanationRequired
        share = DataShare.objects.create(
            household=household,
            recipient=recipient,
            item=item,
            basis=ShareBasis.LEGAL_GROUND,
            legal_ground=ground,
            explanation=explanation,
            shared_by=actor,
            shared_at=timezone.now(),
        )
        reason = f"Gegevens gedeeld ({item.value}) op wettelijke grond: {ground.value}"
    else:
        if consent is None:
            consent = consent_valid_for(household=household, recipient=recipient, item=item)
        elif consent.household_id != household.pk or not consent_covers(
            consent=Consent.objects.get(pk=consent.pk), recipient=recipient, item=item
        ):
            consent = None
        if consent is None:
            raise ConsentRequired
        share = DataShare.objects.create(
            household=household,
            recipient=recipient,
            item=item,
            basis=ShareBasis.CONSENT,
            consent=consent,
            explanation=explanation,
            shared_by=actor,
            shared_at=timezone.now(),
        )
        reason = f"Gegevens gedeeld ({item.value}) met toestemming"
    _audit(
        actor=actor,
        action=Action.CREATE,
        household=household,
        object_type="data_share",
        object_id=str(share.pk),
        reason=reason,
        request=request,
    )
    involvement_add(
        actor=actor,
        household=household,
        kind=InvolvementKind.SHARED_WITH,
        access_level=AccessLevel.LIMITED,
        organisation=recipient,
        share=share,
        request=request,
    )
    return share


# --- break the glass ---------------------------------------------------------------------


def emergency_access_hours() -> int:
    """How long a "break the glass" access lasts (``settings.EMERGENCY_ACCESS_HOURS``)."""
    return int(getattr(settings, "EMERGENCY_ACCESS_HOURS", _DEFAULT_EMERGENCY_ACCESS_HOURS))


@transaction.atomic
def emergency_access_open(
    *, actor: User, household: Household, reason: str, request: HttpRequest | None = None
) -> EmergencyAccess:
    """Break the glass: give a professional of the household's region who is not
    involved full access for a few hours, with a written reason.

    Recorded with :attr:`Action.BREAK_GLASS` and the reason (BSNs redacted), which the
    privacy officer of the region reads. Anyone outside the region or without a caring
    role gets :class:`HouseholdNotFound`, as if the household did not exist.
    """
    if (
        not getattr(actor, "is_authenticated", False)
        or actor.region_id != household.region_id
        or actor.role not in EMERGENCY_ACCESS_ROLES
    ):
        raise HouseholdNotFound
    reason = redact_bsns(reason.strip())
    if not reason:
        raise EmergencyReasonRequired
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        household=household,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=emergency_access_hours()),
    )
    _audit(
        actor=actor,
        action=Action.BREAK_GLASS,
        household=household,
        object_type="household",
        object_id=str(household.public_id),
        reason=f"Noodtoegang: {reason}",
        request=request,
    )
    return access
