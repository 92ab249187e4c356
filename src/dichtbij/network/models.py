"""The specialist network of a region: providers, consortia, teams, their professionals.

Everything but the professionals comes from the region file (``[specialist_help]``) and is
written only by :func:`dichtbij.network.services.network_sync_from_region`; rows a file no
longer names are deactivated (``active=False``), never deleted, because referrals and
trajectories keep pointing at them.

Capacity is stored as ceilings only (per team, per professional). The current load is
derived from live trajectories by the referrals app and handed to the capacity selectors
(:mod:`dichtbij.network.capacity`); no counter is kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.accounts.models import Organisation
from dichtbij.regions.models import District, Municipality, Region, School

#: An AGB code (Vektis AGB register) is 8 digits.
AGB_CODE_REGEX = r"^[0-9]{8}$"
#: Expertise codes: as the region file's short codes.
EXPERTISE_CODE_REGEX = r"^[a-z][a-z0-9_]{0,49}$"


def default_languages() -> list[str]:
    """A team works in Dutch unless its region file says otherwise."""
    return ["nl"]


class Expertise(models.Model):
    """An expertise from the region's list (``specialist_help.expertise``), e.g. LVB."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="network_expertise")
    code = models.CharField(_("code"), max_length=50)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit: staat niet meer in het regiobestand.")
    )

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertises")
        ordering = ["region", "position"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="expertise_unique_code"),
            models.CheckConstraint(
                condition=models.Q(code__regex=EXPERTISE_CODE_REGEX), name="expertise_code_format"
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A youth-care provider (jeugdhulpaanbieder): a contractor or a consortium member."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="providers")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="provider"
    )
    agb_code = models.CharField(
        _("AGB-code"),
        max_length=8,
        blank=True,
        help_text=_("8 cijfers (Vektis AGB-register); leeg als het regiobestand er geen noemt."),
    )
    can_be_lead_provider = models.BooleanField(
        _("kan hoofdaannemer zijn"),
        default=False,
        help_text=_("Mag verantwoordelijk zijn voor een heel traject (hoofdaannemer)."),
    )
    lead_provider_single = models.BooleanField(
        _("hoofdaannemer enkelvoudige jeugdhulp"), default=False
    )
    lead_provider_multiple = models.BooleanField(
        _("hoofdaannemer meervoudige jeugdhulp"), default=False
    )
    description = models.TextField(_("beschrijving"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("jeugdhulpaanbieder")
        verbose_name_plural = _("jeugdhulpaanbieders")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agb_code="") | models.Q(agb_code__regex=AGB_CODE_REGEX),
                name="provider_agb_code_8_digits",
            ),
            models.UniqueConstraint(
                fields=["region", "agb_code"],
                condition=~models.Q(agb_code=""),
                name="provider_unique_agb_code",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(can_be_lead_provider=True)
                    & (models.Q(lead_provider_single=True) | models.Q(lead_provider_multiple=True))
                )
                | models.Q(
                    can_be_lead_provider=False,
                    lead_provider_single=False,
                    lead_provider_multiple=False,
                ),
                name="provider_lead_flags_agree",
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name


class Consortium(models.Model):
    """A consortium (samenwerkingsverband) of providers holding one contract."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="consortia")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="consortium"
    )
    members = models.ManyToManyField(
        Provider, related_name="consortia", blank=True, verbose_name=_("leden")
    )
    contract_start = models.PositiveSmallIntegerField(_("contract vanaf (jaar)"), null=True)
    contract_end = models.PositiveSmallIntegerField(_("contract tot en met (jaar)"), null=True)
    description = models.TextField(_("beschrijving"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_start__isnull=True)
                | models.Q(contract_end__isnull=True)
                | models.Q(contract_end__gte=models.F("contract_start")),
                name="consortium_contract_end_after_start",
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name


class SpecialistTeam(models.Model):
    """A multi-expertise team (gebiedsteam, buurtteam of a consortium, provider's team).

    Run by exactly one consortium or one provider. Its area is a set of whole gemeenten
    (``municipalities``) and single wijken (``districts``); ``schools`` are where it works
    with vaste gezichten.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="specialist_teams")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="specialist_team"
    )
    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, null=True, blank=True, related_name="teams"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="teams"
    )
    expertise = models.ManyToManyField(Expertise, related_name="teams", blank=True)
    languages = models.JSONField(
        _("talen"), default=default_languages, help_text=_("ISO 639-taalcodes, bijv. nl, en, tr.")
    )
    caseload_per_professional = models.PositiveSmallIntegerField(
        _("plafond per medewerker"), help_text=_("Standaard maximum aantal lopende trajecten.")
    )
    max_caseload = models.PositiveIntegerField(
        _("plafond van het team"),
        null=True,
        blank=True,
        help_text=_("Leeg: de som van de plafonds van de actieve medewerkers."),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="specialist_teams", blank=True, verbose_name=_("gemeenten")
    )
    districts = models.ManyToManyField(
        District, related_name="specialist_teams", blank=True, verbose_name=_("wijken")
    )
    schools = models.ManyToManyField(
        School, related_name="specialist_teams", blank=True, verbose_name=_("scholen")
    )
    description = models.TextField(_("beschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("specialistisch team")
        verbose_name_plural = _("specialistische teams")
        ordering = ["region", "position"]
        indexes = [models.Index(fields=["region", "active", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consortium__isnull=False, provider__isnull=True)
                | models.Q(consortium__isnull=True, provider__isnull=False),
                name="specialistteam_consortium_or_provider",
            ),
            models.CheckConstraint(
                condition=models.Q(caseload_per_professional__gte=1),
                name="specialistteam_caseload_per_professional_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(max_caseload__isnull=True) | models.Q(max_caseload__gte=1),
                name="specialistteam_max_caseload_positive",
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def runner(self) -> Consortium | Provider:
        """The consortium or provider that runs the team."""
        runner = self.consortium or self.provider
        assert runner is not None  # guaranteed by specialistteam_consortium_or_provider
        return runner


class TeamProfessional(models.Model):
    """A user working in a specialist team, with their own caseload ceiling."""

    team = models.ForeignKey(SpecialistTeam, on_delete=models.PROTECT, related_name="professionals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_positions"
    )
    caseload_ceiling = models.PositiveSmallIntegerField(
        _("plafond"), help_text=_("Maximum aantal lopende trajecten van deze medewerker.")
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medewerker van een team")
        verbose_name_plural = _("medewerkers van teams")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="teamprofessional_unique_user"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.user_id} @ {self.team_id}"


class SchoolLink(models.Model):
    """A vast gezicht: a professional of a team who is the team's face at a school."""

    professional = models.ForeignKey(
        TeamProfessional, on_delete=models.CASCADE, related_name="school_links"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="professional_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vast gezicht op school")
        verbose_name_plural = _("vaste gezichten op school")
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "school"], name="schoollink_unique_school"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.professional_id} @ {self.school_id}"
