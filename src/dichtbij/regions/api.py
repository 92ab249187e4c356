"""REST endpoints for region configuration: only the requesting user's own region."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import generics, serializers
from typing_extensions import override

from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.regions import selectors
from dichtbij.regions.models import District, Municipality, Region


class DistrictSerializer(serializers.ModelSerializer[District]):
    class Meta:
        model = District
        fields = ["id", "name"]


class MunicipalitySerializer(serializers.ModelSerializer[Municipality]):
    districts = DistrictSerializer(many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "districts"]


class RegionSerializer(serializers.ModelSerializer[Region]):
    municipalities = MunicipalitySerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "description", "config", "municipalities"]


class RegionListView(NotPersonalMixin, generics.ListAPIView[Region]):
    """The user's region (a list of one, for a uniform collection resource)."""

    serializer_class = RegionSerializer
    pagination_class = None

    @override
    def get_queryset(self) -> QuerySet[Region]:
        return selectors.region_list_for(viewer=self.request.user).prefetch_related(
            "municipalities__districts"
        )


class RegionDetailView(NotPersonalMixin, generics.RetrieveAPIView[Region]):
    """A region by code; another region than the user's own is 404."""

    serializer_class = RegionSerializer
    lookup_field = "code"

    @override
    def get_queryset(self) -> QuerySet[Region]:
        return selectors.region_list_for(viewer=self.request.user).prefetch_related(
            "municipalities__districts"
        )
