"""The sociale kaart: a catalogue of help, shaped after Open Referral HSDS 3.0.

Ids are the HSDS ids (UUIDs) and are kept on import, so that a second import updates
rather than duplicates. Fields that search, filters and pages use are columns; the
remaining HSDS detail of an object (phones, schedules, languages, cost options,
addresses, accessibility, ...) is kept as HSDS-shaped JSON lists, so that an export
gives back what was imported.

What HSDS lacks and the region needs is first-class: ``referral_required`` and the
``referrers`` who may refer, ``waiting_weeks``, ``at_school`` and the ``region``. In the
shared dataset these arrive as attributes (see its README); the importer derives the
columns from them and the exporter writes them back as attributes. The rules (and how a
service's region follows from its gemeenten) are in ``catalogue/hsds/README.md``.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.regions.models import District, Municipality, Region


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service status."""

    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Niet actief")
    DEFUNCT = "defunct", _("Opgeheven")
    TEMPORARILY_CLOSED = "temporarily closed", _("Tijdelijk gesloten")


class Taxonomy(models.Model):
    """A vocabulary of terms (HSDS ``taxonomy``), e.g. the region's help themes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("versie"), max_length=50, blank=True)
    #: HSDS detail kept as-is: ``metadata``, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("taxonomie")
        verbose_name_plural = _("taxonomieën")
        ordering = ["name"]

    @override
    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """One term of a taxonomy (HSDS ``taxonomy_term``); ``code`` like ``thema:pesten``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    language = models.CharField(_("taal"), max_length=10, blank=True)
    term_uri = models.URLField(_("URI"), max_length=500, blank=True)
    #: The taxonomy's name as HSDS writes it on an embedded term (``taxonomy``).
    taxonomy_label = models.CharField(_("taxonomie (tekst)"), max_length=200, blank=True)
    #: HSDS detail kept as-is: ``metadata``, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("taxonomieterm")
        verbose_name_plural = _("taxonomietermen")
        ordering = ["code", "name"]

    @override
    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """An organisation offering services (HSDS ``organization``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="catalogue_organizations"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("naam"), max_length=300)
    alternate_name = models.CharField(_("andere naam"), max_length=300, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    legal_status = models.CharField(_("rechtsvorm"), max_length=200, blank=True)
    year_incorporated = models.PositiveIntegerField(_("opgericht in"), null=True, blank=True)
    #: HSDS detail kept as-is: phones, contacts, funding, identifiers, urls, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    @override
    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """Where help is given (HSDS ``location``): physical, postal or virtual."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="locations"
    )
    location_type = models.CharField(_("soort locatie"), max_length=20, default="physical")
    name = models.CharField(_("naam"), max_length=300, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    transportation = models.TextField(_("bereikbaarheid"), blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    #: HSDS lists kept as-is: ``addresses``, ``accessibility``, ``phones``, ``schedules``,
    #: ``languages``, ``contacts``, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    @override
    def __str__(self) -> str:
        return self.name or str(self.id)


class Service(models.Model):
    """One offer of help (HSDS ``service``), with the region's own first-class facts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="services")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("naam"), max_length=300)
    alternate_name = models.CharField(_("andere naam"), max_length=300, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    application_process = models.TextField(_("aanmelden"), blank=True)
    fees_description = models.TextField(_("kosten"), blank=True)
    eligibility_description = models.TextField(_("voor wie"), blank=True)
    alert = models.TextField(_("melding"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("vanaf leeftijd"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("tot en met leeftijd"), null=True, blank=True)
    assured_date = models.DateField(_("gecontroleerd op"), null=True, blank=True)
    assurer_email = models.EmailField(_("gecontroleerd door"), blank=True)
    last_modified = models.DateTimeField(_("laatst gewijzigd"), default=timezone.now)

    # What HSDS lacks and the region needs.
    referral_required = models.BooleanField(_("verwijzing nodig"), default=False)
    #: Who may refer, as the dataset names them (``huisarts``, ``wijkteam-gemeente``, ...).
    referrers = models.JSONField(_("verwijzers"), default=list, blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(_("wachttijd in weken"), null=True, blank=True)
    at_school = models.BooleanField(_("op school"), default=False)
    outdated = models.BooleanField(
        _("verouderd"), default=False, help_text=_("Gemarkeerd door functioneel beheer.")
    )

    # HSDS lists kept as-is: phones, schedules, languages, cost_options, contacts,
    # funding, program, ... (see module docstring).
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "status"], name="service_region_status"),
            models.Index(fields=["last_modified"], name="service_last_modified"),
            models.Index(fields=["name", "id"], name="service_name_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ServiceStatus.values), name="service_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_ordered",
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """A gemeente (and optionally some of its wijken) a service is for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="service_areas"
    )
    districts = models.ManyToManyField(District, blank=True, related_name="service_areas")
    name = models.CharField(_("naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    #: HSDS ``extent`` (e.g. wijken named in text) and ``extent_type``.
    extent = models.TextField(_("gebied"), blank=True)
    extent_type = models.CharField(_("soort gebied"), max_length=20, blank=True)
    #: HSDS detail kept as-is: ``uri``, ``attributes``, ``metadata``, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("werkgebied")
        verbose_name_plural = _("werkgebieden")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality"], name="servicearea_unique_municipality"
            ),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.service} — {self.municipality}"


class ServiceAtLocation(models.Model):
    """A service offered at a location (HSDS ``service_at_location``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="service_at_locations"
    )
    description = models.TextField(_("beschrijving"), blank=True)
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("dienst op locatie")
        verbose_name_plural = _("diensten op locatie")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="sal_unique_pair"),
        ]

    @override
    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class ServiceAttribute(models.Model):
    """A taxonomy term attached to a service (HSDS ``attribute``), with an optional value."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="service_attributes"
    )
    link_type = models.CharField(_("soort koppeling"), max_length=50, blank=True)
    value = models.TextField(_("waarde"), blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    #: HSDS detail kept as-is: ``link_entity``, ``metadata``, ...
    hsds_extra = models.JSONField(_("overige HSDS-gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("kenmerk")
        verbose_name_plural = _("kenmerken")
        ordering = ["link_type", "taxonomy_term__code"]

    @override
    def __str__(self) -> str:
        return f"{self.service}: {self.taxonomy_term}"
