"""The families API under ``/api/v1/``: the same selectors and services as the pages.

Households and consents are addressed by their public id. A BSN can be written but is
only ever returned masked (``******123``). Refusals are problem+json with the service's
``code`` and ``data.field``; a household the caller may not see is 404, alike for missing.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts.models import Organisation
from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.services import Subject
from dichtbij.families.constants import (
    AccessLevel,
    ConsentMethod,
    ConsentPurpose,
    LegalGround,
    SharedItem,
)
from dichtbij.families.errors import DuplicateChild, HouseholdNotFound
from dichtbij.families.models import Child, Consent, DataShare, Household, NetworkMember
from dichtbij.families.selectors import (
    consent_get_for,
    consent_list_for_household,
    household_access_level_for,
    household_find,
    household_get_for,
    household_list_for,
    network_list_for_household,
)
from dichtbij.families.services import (
    child_add,
    consent_give,
    consent_withdraw,
    emergency_access_open,
    household_register,
    household_share,
)
from dichtbij.regions.models import District, Municipality, School
from dichtbij.utils.problem import problem_response
from dichtbij.utils.serializers import CodeChoiceField

TAGS = ["gezinnen"]


# --- output ------------------------------------------------------------------------------


class ChildOutSerializer(serializers.Serializer[Child]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    birth_date = serializers.DateField(read_only=True)
    bsn = serializers.CharField(
        source="masked_bsn",
        read_only=True,
        help_text=_(
            "Gemaskeerd: ******123, of leeg zonder BSN. Het volledige BSN komt nooit terug."
        ),
    )
    school = serializers.IntegerField(source="school_id", read_only=True, allow_null=True)


class NetworkMemberOutSerializer(serializers.Serializer[NetworkMember]):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    relation = serializers.CharField(read_only=True)
    has_parental_authority = serializers.BooleanField(read_only=True)
    organisation = serializers.IntegerField(
        source="organisation_id", read_only=True, allow_null=True
    )
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)


class HouseholdSummarySerializer(serializers.Serializer[Household]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(read_only=True)
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    district = serializers.CharField(source="district.name", read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    children = ChildOutSerializer(many=True, read_only=True)


class HouseholdDetailSerializer(HouseholdSummarySerializer):
    access_level = CodeChoiceField(
        choices=AccessLevel.choices,
        read_only=True,
        help_text=_("Hoeveel u ziet: full (het hele dossier) of limited (de basis)."),
    )
    network = NetworkMemberOutSerializer(
        many=True, read_only=True, help_text=_("Leeg bij beperkte toegang.")
    )


class ConsentOutSerializer(serializers.Serializer[Consent]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    recipient = serializers.IntegerField(source="recipient_id", read_only=True)
    purpose = serializers.CharField(read_only=True)
    item = serializers.CharField(read_only=True)
    given_by = serializers.CharField(read_only=True)
    method = serializers.CharField(read_only=True)
    valid_from = serializers.DateField(read_only=True)
    valid_until = serializers.DateField(read_only=True, allow_null=True)
    recorded_at = serializers.DateTimeField(read_only=True)
    withdrawn_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ShareOutSerializer(serializers.Serializer[DataShare]):
    id = serializers.IntegerField(read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    recipient = serializers.IntegerField(source="recipient_id", read_only=True)
    item = serializers.CharField(read_only=True)
    basis = serializers.CharField(read_only=True)
    consent = serializers.UUIDField(source="consent.public_id", read_only=True, allow_null=True)
    legal_ground = serializers.CharField(read_only=True)
    explanation = serializers.CharField(read_only=True)
    shared_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)


class EmergencyAccessOutSerializer(serializers.Serializer[Any]):
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    granted_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


# --- input -------------------------------------------------------------------------------


class HouseholdInSerializer(serializers.Serializer[dict[str, Any]]):
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        help_text=_("CBS-gemeentecode, bv. GM0307."),
    )
    district = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Naam van de wijk (niet verplicht).")
    )
    name = serializers.CharField(max_length=200, help_text=_("Bv. 'Gezin Jansen'."))

    @override
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        name = (attrs.get("district") or "").strip()
        attrs["district"] = None
        if name:
            district = District.objects.filter(
                municipality=attrs["municipality"], name=name
            ).first()
            if district is None:
                raise serializers.ValidationError(
                    {"district": [_("Deze wijk hoort niet bij de gekozen gemeente.")]}
                )
            attrs["district"] = district
        return attrs


class ChildInSerializer(serializers.Serializer[dict[str, Any]]):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField()
    bsn = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=20,
        help_text=_("Niet verplicht; 9 cijfers die de elfproef doorstaan. Alleen schrijven."),
    )
    school = serializers.PrimaryKeyRelatedField(
        queryset=School.objects.all(), required=False, allow_null=True
    )
    allow_duplicate = serializers.BooleanField(
        default=False,
        help_text=_(
            "Toch registreren bij dezelfde naam en geboortedatum (nooit bij hetzelfde BSN)."
        ),
    )


class ConsentInSerializer(serializers.Serializer[dict[str, Any]]):
    recipient = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    purpose = CodeChoiceField(choices=ConsentPurpose.choices)
    item = CodeChoiceField(choices=SharedItem.choices)
    given_by = serializers.CharField(max_length=200)
    method = CodeChoiceField(choices=ConsentMethod.choices)
    valid_from = serializers.DateField(required=False, help_text=_("Standaard vandaag."))
    valid_until = serializers.DateField(required=False, allow_null=True)

    @override
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("valid_from"), attrs.get("valid_until")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"valid_until": [_("De einddatum ligt voor de begindatum.")]}
            )
        return attrs


class ShareInSerializer(serializers.Serializer[dict[str, Any]]):
    recipient = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    item = CodeChoiceField(choices=SharedItem.choices)
    consent = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=_("De toestemming om op te delen; leeg: een geldige wordt opgezocht."),
    )
    legal_ground = CodeChoiceField(
        choices=LegalGround.choices,
        required=False,
        allow_blank=True,
        help_text=_("Delen zonder toestemming op deze grond; dan is explanation verplicht."),
    )
    explanation = serializers.CharField(required=False, allow_blank=True)


class EmergencyAccessInSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(
        max_length=2000,
        help_text=_(
            "Waarom u het dossier zonder betrokkenheid moet inzien; de privacy officer ziet dit."
        ),
    )


# --- views -------------------------------------------------------------------------------


class _HouseholdAPIMixin(AuditedAPIMixin):
    audit_object_type = "household"
    audit_reason = "Gezinsdossier (API)"

    def household(self, public_id: uuid.UUID, level: AccessLevel = AccessLevel.FULL) -> Household:
        return household_get_for(
            viewer=request_user(self.request), public_id=public_id, level=level
        )

    def audit_household(self, household: Household) -> None:
        self.audit(subject=Subject.of(household), object_id=str(household.public_id))


class HouseholdListCreateView(_HouseholdAPIMixin, generics.ListAPIView[Household]):
    """The households the caller is involved with; register a new one."""

    serializer_class = HouseholdSummarySerializer

    @override
    def get_queryset(self) -> QuerySet[Household]:
        return household_list_for(viewer=request_user(self.request))

    @extend_schema(tags=TAGS, summary=_("Gezinnen waarbij u betrokken bent"))
    @override
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        households = list(page) if page is not None else []
        for household in households:
            self.audit_household(household)
        if not households:
            self.audit(reason="Lege lijst van gezinnen (API)")
        return self.get_paginated_response(self.get_serializer(households, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Gezin registreren"),
        request=HouseholdInSerializer,
        responses={201: HouseholdDetailSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(HouseholdInSerializer, request)
        household = household_register(
            actor=request_user(request),
            municipality=data["municipality"],
            district=data["district"],
            name=data["name"],
            request=request,
        )
        return Response(_detail(request, household), status=status.HTTP_201_CREATED)


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _detail(request: Request, household: Household) -> dict[str, Any]:
    """The household as the caller may see it: without network at limited access."""
    level = household_access_level_for(viewer=request_user(request), household=household)
    data = dict(HouseholdSummarySerializer(household).data)
    data["access_level"] = level
    network = network_list_for_household(household=household) if level == AccessLevel.FULL else []
    data["network"] = [NetworkMemberOutSerializer(member).data for member in network]
    return data


class HouseholdDetailView(_HouseholdAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Eén gezin"),
        description=_("Bij beperkte toegang (bv. een verwijzer) zonder netwerk."),
        responses={200: HouseholdDetailSerializer},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        found = self.household(id, level=AccessLevel.LIMITED)
        self.audit_household(found)
        return Response(_detail(request, found))


class ChildCreateView(_HouseholdAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Kind toevoegen"),
        description=_(
            "409 duplicate_child als het kind al in de regio staat: met hetzelfde BSN "
            "altijd; met dezelfde naam en geboortedatum tenzij allow_duplicate. "
            "data.existing_household noemt het gezin als u daarbij betrokken bent."
        ),
        request=ChildInSerializer,
        responses={201: ChildOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        found = self.household(id, level=AccessLevel.LIMITED)
        data = _valid(ChildInSerializer, request)
        try:
            child = child_add(
                actor=request_user(request),
                household=found,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                bsn=data.get("bsn", ""),
                school=data.get("school"),
                allow_duplicate=data["allow_duplicate"],
                request=request,
            )
        except DuplicateChild as exc:
            return self._duplicate(exc)
        return Response(ChildOutSerializer(child).data, status=status.HTTP_201_CREATED)

    def _duplicate(self, exc: DuplicateChild) -> Response:
        existing = exc.existing.household
        data = dict(exc.data)
        if household_access_level_for(viewer=request_user(self.request), household=existing):
            data["existing_household"] = str(existing.public_id)
            self.audit(
                subject=Subject.of(existing),
                object_id=str(existing.public_id),
                reason="Bestaande registratie getoond bij mogelijke dubbele registratie (API)",
            )
        return problem_response(
            status_code=exc.status,
            title=exc.message,
            detail=exc.message,
            code=exc.code,
            extra={"data": data},
        )


class ConsentListCreateView(_HouseholdAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Toestemmingen van een gezin"),
        responses={200: ConsentOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        found = self.household(id)
        self.audit_household(found)
        consents = consent_list_for_household(household=found)
        return Response([ConsentOutSerializer(consent).data for consent in consents])

    @extend_schema(
        tags=TAGS,
        summary=_("Toestemming vastleggen"),
        request=ConsentInSerializer,
        responses={201: ConsentOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        found = self.household(id)
        data = _valid(ConsentInSerializer, request)
        consent = consent_give(
            actor=request_user(request),
            household=found,
            recipient=data["recipient"],
            purpose=data["purpose"],
            item=data["item"],
            given_by=data["given_by"],
            method=data["method"],
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
            request=request,
        )
        return Response(ConsentOutSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentWithdrawalView(_HouseholdAPIMixin, APIView):
    audit_object_type = "consent"

    @extend_schema(
        tags=TAGS,
        summary=_("Toestemming intrekken"),
        description=_(
            "Werkt meteen: wat op deze toestemming gedeeld is, stopt. 409 als ze al ingetrokken is."
        ),
        request=None,
        responses={200: ConsentOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        found = consent_get_for(viewer=request_user(request), public_id=id)
        withdrawn = consent_withdraw(actor=request_user(request), consent=found, request=request)
        return Response(ConsentOutSerializer(withdrawn).data)


class ShareCreateView(_HouseholdAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Gegevens delen"),
        description=_(
            "Met een geldige toestemming (opgegeven of opgezocht) of op een wettelijke "
            "grond met toelichting; anders 400 consent_required."
        ),
        request=ShareInSerializer,
        responses={201: ShareOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        found = self.household(id)
        data = _valid(ShareInSerializer, request)
        consent = None
        if data.get("consent"):
            consent = (
                consent_list_for_household(household=found)
                .filter(public_id=data["consent"])
                .first()
            )
            if consent is None:
                raise serializers.ValidationError(
                    {"consent": [_("Deze toestemming hoort niet bij dit gezin.")]}
                )
        share = household_share(
            actor=request_user(request),
            household=found,
            recipient=data["recipient"],
            item=data["item"],
            consent=consent,
            legal_ground=data.get("legal_ground", ""),
            explanation=data.get("explanation", ""),
            request=request,
        )
        return Response(ShareOutSerializer(share).data, status=status.HTTP_201_CREATED)


class EmergencyAccessCreateView(_HouseholdAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Noodtoegang (break the glass)"),
        description=_(
            "Volledige toegang voor een paar uur tot een gezin van uw regio waarbij u niet "
            "betrokken bent, met een geschreven reden die de privacy officer ziet."
        ),
        request=EmergencyAccessInSerializer,
        responses={201: EmergencyAccessOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        found = household_find(public_id=id)
        if found is None:
            raise HouseholdNotFound
        data = _valid(EmergencyAccessInSerializer, request)
        access = emergency_access_open(
            actor=request_user(request), household=found, reason=data["reason"], request=request
        )
        return Response(EmergencyAccessOutSerializer(access).data, status=status.HTTP_201_CREATED)
