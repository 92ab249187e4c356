"""Regions as configuration: a region, its gemeenten, wijken and schools.

A region's way of working (first door, who may refer, team structure, funding per kind of
help, life domains) is read from its data file in ``regions/data/`` and stored here by
:func:`dichtbij.regions.services.region_load`. Other apps read it through
:mod:`dichtbij.regions.selectors`, never by testing a region's name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.regions.constants import SchoolKind


class Region(models.Model):
    """A youth-care region (jeugdzorgregio): configuration, not code."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    #: The validated content of the region's data file, for rules read by later apps.
    config = models.JSONField(_("configuratie"), default=dict)
    source_file = models.CharField(_("bronbestand"), max_length=255)
    content_hash = models.CharField(_("inhoudshash"), max_length=64)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    @override
    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente, by its official CBS code (``GM0307``)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="municipalities")
    code = models.CharField(_("CBS-gemeentecode"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^GM[0-9]{4}$"), name="municipality_code_is_cbs"
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def ijw_code(self) -> str:
        """The 4-digit code iJw messages use (``0307``)."""
        return self.code[2:]


class District(models.Model):
    """A wijk (or kern) within a gemeente."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="districts"
    )
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name"),
        ]

    @override
    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """A school in a gemeente, optionally tied to a wijk."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="schools")
    district = models.ForeignKey(
        District, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools"
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=2, choices=SchoolKind.choices)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="school_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=SchoolKind.values), name="school_kind_valid"
            ),
        ]

    @override
    def __str__(self) -> str:
        return self.name
