"""REST endpoints of the accounts app: the current user and the region's organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts import selectors
from dichtbij.accounts.models import Organisation, User
from dichtbij.audit.auditing import AuditedAPIMixin, NotPersonalMixin
from dichtbij.audit.services import Subject
from dichtbij.regions.models import Region


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region"]


class MeSerializer(serializers.ModelSerializer[User]):
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    organisations = OrganisationSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "region",
            "organisations",
        ]


class MeView(AuditedAPIMixin, APIView):
    """The authenticated user's own account."""

    audit_object_type = "gebruiker"
    audit_reason = "Eigen accountgegevens opvragen"

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        self.audit(subject=Subject.of(user), object_id=str(user.pk))
        return Response(MeSerializer(user).data)


class OrganisationListView(NotPersonalMixin, generics.ListAPIView[Organisation]):
    """Organisations in the user's region (no personal data)."""

    serializer_class = OrganisationSerializer

    @override
    def get_queryset(self) -> QuerySet[Organisation]:
        assert isinstance(self.request.user, User)
        return selectors.organisation_list_for(viewer=self.request.user)


class OrganisationDetailView(NotPersonalMixin, generics.RetrieveAPIView[Organisation]):
    """One organisation of the user's region; other regions' organisations are 404."""

    serializer_class = OrganisationSerializer

    @override
    def get_object(self) -> Organisation:
        assert isinstance(self.request.user, User)
        pk: Any = self.kwargs["pk"]
        return selectors.organisation_get_for(viewer=self.request.user, pk=int(pk))
