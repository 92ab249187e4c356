"""Users, the organisations they work for, and their memberships.

A user belongs to one region; everything they see is scoped to it. A user may work for
several organisations, all within that region (checked by
:func:`dichtbij.accounts.services.membership_add`).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.constants import PROFESSIONAL_ROLES, OrganisationKind, Role
from dichtbij.regions.constants import ReferrerType
from dichtbij.regions.models import Region


class Organisation(models.Model):
    """A local team, CJG, GP practice, provider, specialist team or gemeente."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: a professional, a family member or an administrator.

    ``region`` is required for everyone but the technical superuser; ``role`` decides the
    home page and what the user may do.
    """

    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    organisations: models.ManyToManyField[Organisation, Membership] = models.ManyToManyField(
        Organisation, through="Membership", related_name="members", blank=True
    )
    referrer_type = models.CharField(
        _("verwijzertype"),
        max_length=2,
        choices=ReferrerType.choices,
        blank=True,
        help_text=_(
            "Als wie deze gebruiker mag verwijzen (iJw COD327), bv. 01 gemeente voor het "
            "lokale team, 02 huisarts. Leeg: verwijst niet."
        ),
    )
    is_demo = models.BooleanField(
        _("demo-account"), default=False, help_text=_("Aangemaakt door 'demo load'.")
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(region__isnull=False) | models.Q(is_superuser=True),
                name="user_region_required",
            ),
            models.CheckConstraint(
                condition=models.Q(referrer_type="")
                | models.Q(referrer_type__in=ReferrerType.values),
                name="user_referrer_type_valid",
            ),
        ]

    @property
    def is_professional(self) -> bool:
        """True for every role that works with other people's data."""
        return self.role in PROFESSIONAL_ROLES

    @property
    def primary_organisation(self) -> Organisation | None:
        """The organisation the user joined first; shown in the header and audit log."""
        membership = self.memberships.select_related("organisation").order_by("id").first()
        return membership.organisation if membership else None

    def audit_subject(self) -> tuple[str, str]:
        """How the audit log refers to this person."""
        return ("user", str(self.pk))


class Membership(models.Model):
    """A user works for an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @override
    def clean(self) -> None:
        if self.user.region_id != self.organisation.region_id:
            raise ValidationError(
                _("%(organisation)s hoort niet bij de regio van deze gebruiker.")
                % {"organisation": self.organisation.name}
            )
