"""Families: households, children, their network, who is involved, consent and sharing.

A :class:`Household` is the unit of the family plan; it lives in one region and gemeente.
Children (:class:`Child`) carry the optional BSN, encrypted at rest with a keyed digest that
keeps it unique per region. Parents, carers, other people in the network and involved
organisations are :class:`NetworkMember` rows.

Need to know: a professional sees a household only through an active
:class:`Involvement` (as a user, or as a member of an involved organisation) or an active
:class:`EmergencyAccess` ("break the glass"). :mod:`dichtbij.families.selectors` turns
these into one ``WHERE``; no view decides access on its own.

Writes go through :mod:`dichtbij.families.services`; the models hold data and invariants.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.models import Organisation
from dichtbij.families.constants import (
    AccessLevel,
    ConsentMethod,
    ConsentPurpose,
    InvolvementKind,
    LegalGround,
    NetworkMemberKind,
    ShareBasis,
    SharedItem,
)
from dichtbij.regions.models import District, Municipality, Region, School


class Household(models.Model):
    """A family (gezin / huishouden): the unit of one family plan."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="households")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("gemeente"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("wijk"),
    )
    name = models.CharField(
        _("naam"),
        max_length=200,
        help_text=_("Hoe het gezin genoemd wil worden, bv. 'Gezin Jansen'."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        indexes = [models.Index(fields=["region", "name"], name="household_region_name")]

    @override
    def __str__(self) -> str:
        return self.name

    def audit_subject(self) -> tuple[str, str]:
        """How the audit log refers to this household: never by name."""
        return ("household", str(self.public_id))


class Child(models.Model):
    """A jeugdige: the person the help is for.

    ``bsn_ciphertext`` holds the BSN encrypted (``utils.crypto``); ``bsn_digest`` is its
    keyed digest, unique per region. ``match_key`` is a keyed digest of the normalised
    name and birth date, to offer an existing record instead of a duplicate.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="children")
    # Denormalised from the household so that uniqueness per region is a DB constraint.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    bsn_ciphertext = models.TextField(blank=True, default="", editable=False)
    # NULL, not "", for "no BSN": the partial unique constraint below skips NULLs, so any
    # number of children without a BSN may live in a region.
    bsn_digest = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    bsn_last_digits = models.CharField(
        max_length=3,
        blank=True,
        default="",
        editable=False,
        help_text=_("Voor gemaskeerde weergave."),
    )
    match_key = models.CharField(max_length=64, editable=False, db_index=True)
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jeugdige")
        verbose_name_plural = _("jeugdigen")
        ordering = ["birth_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "bsn_digest"],
                condition=Q(bsn_digest__isnull=False),
                name="child_bsn_unique_per_region",
            ),
        ]
        indexes = [models.Index(fields=["region", "match_key"], name="child_region_match_key")]

    @override
    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_digest)

    @property
    def masked_bsn(self) -> str:
        """The BSN as lists may show it: ``******123``, or empty without one."""
        return f"******{self.bsn_last_digits}" if self.bsn_digest else ""

    def audit_subject(self) -> tuple[str, str]:
        return ("child", str(self.public_id))


class NetworkMember(models.Model):
    """A parent or carer, another person in the child's network, or an involved organisation.

    ``has_parental_authority`` (gezag) only applies to parents and carers.
    ``organisation`` links an involved organisation known to the platform (a school, a GP
    practice); for others the name is enough.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="network")
    kind = models.CharField(_("soort"), max_length=20, choices=NetworkMemberKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    relation = models.CharField(
        _("relatie"),
        max_length=100,
        blank=True,
        help_text=_("Bv. moeder, opa, buurvrouw, intern begeleider."),
    )
    has_parental_authority = models.BooleanField(_("heeft gezag"), default=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerk")
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NetworkMemberKind.values), name="networkmember_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(has_parental_authority=False) | Q(kind=NetworkMemberKind.PARENT),
                name="networkmember_authority_only_parents",
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name


class Involvement(models.Model):
    """A professional (``user``) or an organisation is involved with a household.

    Exactly one of ``user`` and ``organisation`` is set. An involvement is active until
    ``ended_at``; access ends with it. ``access_level`` says how much it shows.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="involvements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="involvements",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="involvements"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=InvolvementKind.choices)
    access_level = models.CharField(
        _("toegang"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.FULL
    )
    started_at = models.DateTimeField(_("vanaf"))
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    #: The consent or share this involvement rests on, if any: withdrawal ends it.
    share = models.ForeignKey(
        "DataShare", on_delete=models.SET_NULL, null=True, blank=True, related_name="involvements"
    )

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, organisation__isnull=True)
                | Q(user__isnull=True, organisation__isnull=False),
                name="involvement_user_xor_organisation",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=InvolvementKind.values), name="involvement_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(access_level__in=AccessLevel.values), name="involvement_access_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="involvement_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "household"], name="involvement_user_household"),
            models.Index(fields=["organisation", "household"], name="involvement_org_household"),
        ]

    @override
    def __str__(self) -> str:
        party = f"user {self.user_id}" if self.user_id else f"organisation {self.organisation_id}"
        return f"{party}: {self.kind} ({self.access_level})"


class EmergencyAccess(models.Model):
    """ "Break the glass": a professional opened a file without being involved.

    The written reason is required and audited; the privacy officer sees every use. Access
    lasts until ``expires_at``.
    """

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField(_("geopend op"))
    expires_at = models.DateTimeField(_("verloopt op"))

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")),
                name="emergencyaccess_expires_after_grant",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="emergencyaccess_reason_required"),
        ]
        indexes = [
            models.Index(
                fields=["user", "household", "expires_at"], name="emergency_user_household"
            )
        ]

    @override
    def __str__(self) -> str:
        return f"Noodtoegang van user {self.user_id} tot {self.expires_at:%Y-%m-%d %H:%M}"


class Consent(models.Model):
    """What the family agreed to share, with whom, for what, from when until when.

    The recipient is an organisation known to the platform. ``withdrawn_at`` ends the
    consent at once; shares resting on it end with it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="consents")
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvanger")
    )
    purpose = models.CharField(_("doel"), max_length=30, choices=ConsentPurpose.choices)
    item = models.CharField(_("wat"), max_length=20, choices=SharedItem.choices)
    given_by = models.CharField(
        _("gegeven door"), max_length=200, help_text=_("Naam van de ouder of jongere.")
    )
    method = models.CharField(_("hoe"), max_length=20, choices=ConsentMethod.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="consent_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(item__in=SharedItem.values), name="consent_item_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=ConsentMethod.values), name="consent_method_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"Toestemming {self.public_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class DataShare(models.Model):
    """One act of sharing part of the file with a recipient, and what it rests on.

    Exactly one basis: a valid :class:`Consent`, or a legal ground with an explanation
    written by the professional. Shares are history: never changed, only ended.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="shares")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    item = models.CharField(_("wat"), max_length=20, choices=SharedItem.choices)
    basis = models.CharField(_("grondslag"), max_length=20, choices=ShareBasis.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="shares"
    )
    legal_ground = models.CharField(
        _("wettelijke grond"), max_length=30, choices=LegalGround.choices, blank=True
    )
    explanation = models.TextField(_("toelichting"), blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(_("gedeeld op"))
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("gedeelde gegevens")
        verbose_name_plural = _("gedeelde gegevens")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(basis=ShareBasis.CONSENT, consent__isnull=False, legal_ground="")
                    | Q(basis=ShareBasis.LEGAL_GROUND, consent__isnull=True)
                    & ~Q(legal_ground="")
                    & ~Q(explanation="")
                ),
                name="datashare_one_basis",
            ),
            models.CheckConstraint(
                condition=Q(item__in=SharedItem.values), name="datashare_item_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"Gedeeld {self.item} met organisation {self.recipient_id} ({self.basis})"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
