"""Serializers of the HSDS API: the shape for OpenAPI; the content from the renderer.

Every HSDS object is produced by :class:`~.exporter.HsdsRenderer` (the export's code), so
the API and the export cannot drift apart. The fields declared here describe that output
in the OpenAPI document; lists of HSDS detail (phones, schedules, ...) are described as
objects of the HSDS 3.0 schema they follow.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from typing_extensions import override

from dichtbij.catalogue.hsds.exporter import HsdsRenderer
from dichtbij.catalogue.hsds.mapping import parse_uuid
from dichtbij.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


def _objects(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.DictField(), required=False, help_text=help_text)


class _Rendered(serializers.Serializer):  # type: ignore[type-arg]  # read-only, any instance
    """Output through the renderer in the serializer context (``context["renderer"]``)."""

    def renderer(self) -> HsdsRenderer:
        renderer = self.context.get("renderer")
        if renderer is None:
            renderer = self.context["renderer"] = HsdsRenderer()
        assert isinstance(renderer, HsdsRenderer)
        return renderer

    def render(self, instance: Model) -> dict[str, Any]:
        raise NotImplementedError

    @override
    def to_representation(self, instance: Any) -> dict[str, Any]:
        return self.render(instance)


class HsdsTaxonomySerializer(_Rendered):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    uri = serializers.URLField(required=False)
    version = serializers.CharField(required=False)

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Taxonomy)
        return self.renderer().taxonomy(instance)


class HsdsTaxonomyTermSerializer(_Rendered):
    id = serializers.UUIDField()
    code = serializers.CharField(required=False, help_text=_("Bijvoorbeeld thema:pesten."))
    name = serializers.CharField()
    description = serializers.CharField()
    parent_id = serializers.UUIDField(required=False)
    taxonomy = serializers.CharField(required=False)
    language = serializers.CharField(required=False)
    taxonomy_id = serializers.UUIDField(required=False)
    term_uri = serializers.URLField(required=False)

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, TaxonomyTerm)
        return self.renderer().term(instance)


class HsdsAttributeSerializer(serializers.Serializer):  # type: ignore[type-arg]  # schema only
    id = serializers.UUIDField()
    link_id = serializers.UUIDField()
    taxonomy_term_id = serializers.UUIDField()
    link_type = serializers.CharField(required=False)
    link_entity = serializers.CharField(required=False)
    value = serializers.CharField(
        required=False,
        help_text=_(
            "Bij verwijzing:nodig de mogelijke verwijzers (kommagescheiden); bij "
            "kenmerk:wachttijd-weken het aantal weken."
        ),
    )
    # An HSDS field named like DRF's Field.label; the serializer metaclass takes it out.
    label = serializers.CharField(required=False)  # type: ignore[assignment]
    taxonomy_term = HsdsTaxonomyTermSerializer()


class HsdsLocationSerializer(_Rendered):
    id = serializers.UUIDField()
    location_type = serializers.ChoiceField(choices=["physical", "postal", "virtual"])
    url = serializers.URLField(required=False)
    organization_id = serializers.UUIDField(required=False)
    name = serializers.CharField(required=False)
    description = serializers.CharField(required=False)
    transportation = serializers.CharField(required=False)
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)
    addresses = _objects("HSDS address")
    accessibility = _objects("HSDS accessibility")
    phones = _objects("HSDS phone")
    schedules = _objects("HSDS schedule")

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Location)
        return self.renderer().location(instance)


class HsdsOrganizationListSerializer(_Rendered):
    """An organisation with its one-to-one fields and its own HSDS lists."""

    id = serializers.UUIDField()
    name = serializers.CharField()
    alternate_name = serializers.CharField(required=False)
    description = serializers.CharField()
    email = serializers.EmailField(required=False)
    website = serializers.URLField(required=False)
    legal_status = serializers.CharField(required=False)
    year_incorporated = serializers.IntegerField(required=False)
    parent_organization_id = serializers.UUIDField(required=False)
    phones = _objects("HSDS phone")
    contacts = _objects("HSDS contact")

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Organization)
        return self.renderer().organization(instance)


class HsdsServiceListSerializer(_Rendered):
    """A service with only its one-to-one fields (HSDS ``service_list``)."""

    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    alternate_name = serializers.CharField(required=False)
    description = serializers.CharField(required=False)
    url = serializers.URLField(required=False)
    email = serializers.EmailField(required=False)
    status = serializers.ChoiceField(
        choices=["active", "inactive", "defunct", "temporarily closed"]
    )
    application_process = serializers.CharField(required=False)
    fees_description = serializers.CharField(required=False)
    eligibility_description = serializers.CharField(required=False)
    minimum_age = serializers.IntegerField(required=False)
    maximum_age = serializers.IntegerField(required=False)
    assured_date = serializers.DateField(required=False)
    assurer_email = serializers.EmailField(required=False)
    alert = serializers.CharField(required=False)
    last_modified = serializers.DateTimeField()

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Service)
        return self.renderer().service(instance, full=False)


class HsdsServiceAreaSerializer(serializers.Serializer):  # type: ignore[type-arg]  # schema only
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    name = serializers.CharField(required=False, help_text=_("De gemeente."))
    description = serializers.CharField(
        required=False, help_text=_("Met de CBS-code, bijvoorbeeld (CBS GM0307).")
    )
    extent = serializers.CharField(required=False, help_text=_("Wijken of kernen, als tekst."))
    extent_type = serializers.CharField(required=False)


class HsdsNestedServiceAtLocationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    description = serializers.CharField(required=False)
    location = HsdsLocationSerializer()


class HsdsServiceSerializer(HsdsServiceListSerializer):
    """A fully nested service, as in the shared dataset."""

    phones = _objects("HSDS phone")
    schedules = _objects("HSDS schedule")
    service_areas = HsdsServiceAreaSerializer(many=True)
    service_at_locations = HsdsNestedServiceAtLocationSerializer(many=True, required=False)
    languages = _objects("HSDS language")
    organization = HsdsOrganizationListSerializer()
    cost_options = _objects("HSDS cost_option")
    attributes = HsdsAttributeSerializer(
        many=True,
        required=False,
        help_text=_(
            "Thema's, soort hulp, doelgroep, verwijzing (verwijzing:nodig / "
            "verwijzing:niet-nodig) en wachttijd (kenmerk:wachttijd-weken)."
        ),
    )

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Service)
        return self.renderer().service(instance, full=True)


class HsdsOrganizationSerializer(HsdsOrganizationListSerializer):
    """A fully nested organisation: its locations and (one-to-one) services."""

    locations = HsdsLocationSerializer(many=True, required=False)
    services = HsdsServiceListSerializer(many=True, required=False)

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, Organization)
        renderer = self.renderer()
        result = dict(renderer.organization(instance))
        result["locations"] = [renderer.location(item) for item in instance.locations.all()]
        result["services"] = [
            renderer.service(item, full=False) for item in instance.services.all()
        ]
        return result


class HsdsServiceAtLocationListSerializer(_Rendered):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    description = serializers.CharField(required=False)

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, ServiceAtLocation)
        return self.renderer().service_at_location(instance)


class HsdsServiceAtLocationSerializer(HsdsServiceAtLocationListSerializer):
    """A service_at_location with its location and its service's one-to-one fields."""

    location = HsdsLocationSerializer()
    service = HsdsServiceListSerializer()

    @override
    def render(self, instance: Model) -> dict[str, Any]:
        assert isinstance(instance, ServiceAtLocation)
        return self.renderer().service_at_location(instance, location=True, service=True)


class HsdsQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]  # input only
    """The query parameters of the HSDS lists."""

    search = serializers.CharField(required=False, allow_blank=True, max_length=200)
    taxonomy_term_id = serializers.CharField(required=False, allow_blank=True)
    taxonomy_id = serializers.UUIDField(required=False)
    organization_id = serializers.UUIDField(required=False)
    parent_id = serializers.UUIDField(required=False)
    modified_after = serializers.DateTimeField(required=False)
    full = serializers.BooleanField(required=False, default=False)

    def validate_taxonomy_term_id(self, value: str) -> list[str]:
        ids = [part.strip() for part in value.split(",") if part.strip()]
        wrong = [part for part in ids if parse_uuid(part) is None]
        if wrong:
            raise serializers.ValidationError(
                gettext("Geen geldige UUID: %(ids)s.") % {"ids": ", ".join(wrong)}
            )
        return ids
