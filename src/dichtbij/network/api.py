"""``/api/v1/specialist-teams`` and ``/api/v1/providers``: the network of the user's region.

Configuration, not personal data (no audit); professionals only, and no names of
professionals. Lists are bounded by the region file, so they are not paged. Bad filters
are a 400 problem+json with a Dutch reason per parameter; a team of another region is 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.network import selectors
from dichtbij.network.models import Consortium, Provider, SpecialistTeam
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.selectors import region_of
from dichtbij.utils.serializers import CodeChoiceField

# --- Output ---------------------------------------------------------------------------


class CodeNameSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class RefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MunicipalityRefSerializer(serializers.ModelSerializer[Municipality]):
    class Meta:
        model = Municipality
        fields = ["code", "name"]


class DistrictRefSerializer(serializers.ModelSerializer[District]):
    municipality_code = serializers.CharField(source="municipality.code")

    class Meta:
        model = District
        fields = ["id", "name", "municipality_code"]


class SchoolRefSerializer(serializers.ModelSerializer[School]):
    class Meta:
        model = School
        fields = ["id", "name"]


class RunnerSerializer(serializers.Serializer[Any]):
    kind = CodeChoiceField(
        choices=["samenwerkingsverband", "aanbieder"],
        help_text=_("Wie het team uitvoert: een samenwerkingsverband of een aanbieder."),
    )
    id = serializers.IntegerField(help_text=_("Id van het samenwerkingsverband of de aanbieder."))
    name = serializers.CharField()


class SpecialistTeamSerializer(serializers.ModelSerializer[SpecialistTeam]):
    name = serializers.CharField(source="organisation.name")
    run_by = serializers.SerializerMethodField()
    expertise = CodeNameSerializer(many=True, read_only=True)
    languages = serializers.SerializerMethodField()
    municipalities = MunicipalityRefSerializer(
        many=True, read_only=True, help_text=_("Gemeenten waar het team helemaal werkt.")
    )
    districts = DistrictRefSerializer(
        many=True, read_only=True, help_text=_("Wijken (of kernen) waar het team werkt.")
    )
    schools = SchoolRefSerializer(
        many=True, read_only=True, help_text=_("Scholen waar het team vaste gezichten heeft.")
    )
    # Declared, not derived from the model: the derived range differs per database
    # (a small integer on PostgreSQL, any integer on SQLite), and the contract may not.
    caseload_per_professional = serializers.IntegerField(
        read_only=True, help_text=_("Plafond per medewerker: lopende trajecten per hulpverlener.")
    )
    max_caseload = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Plafond van het team; leeg: de som van de plafonds per medewerker."),
    )

    class Meta:
        model = SpecialistTeam
        fields = [
            "id",
            "name",
            "run_by",
            "expertise",
            "languages",
            "municipalities",
            "districts",
            "schools",
            "caseload_per_professional",
            "max_caseload",
            "description",
            "active",
        ]

    @extend_schema_field(RunnerSerializer)
    def get_run_by(self, team: SpecialistTeam) -> dict[str, Any]:
        runner = team.runner
        kind = "samenwerkingsverband" if isinstance(runner, Consortium) else "aanbieder"
        return {"kind": kind, "id": runner.pk, "name": runner.name}

    @extend_schema_field(CodeNameSerializer(many=True))
    def get_languages(self, team: SpecialistTeam) -> list[dict[str, str]]:
        return [{"code": code, "name": selectors.language_name(code)} for code in team.languages]


class ProviderSerializer(serializers.ModelSerializer[Provider]):
    name = serializers.CharField(source="organisation.name")
    consortia = serializers.SerializerMethodField()
    teams = serializers.SerializerMethodField()

    class Meta:
        model = Provider
        fields = [
            "id",
            "name",
            "agb_code",
            "can_be_lead_provider",
            "lead_provider_single",
            "lead_provider_multiple",
            "consortia",
            "teams",
            "description",
        ]

    @extend_schema_field(RefSerializer(many=True))
    def get_consortia(self, provider: Provider) -> list[dict[str, Any]]:
        return [{"id": c.pk, "name": c.name} for c in provider.consortia.all()]

    @extend_schema_field(RefSerializer(many=True))
    def get_teams(self, provider: Provider) -> list[dict[str, Any]]:
        return [{"id": t.pk, "name": t.name} for t in provider.teams.all()]


# --- Input ----------------------------------------------------------------------------


class TeamFilterSerializer(serializers.Serializer[dict[str, Any]]):
    """Query parameters of the team list; ``validated_data`` holds rows of the region."""

    gemeente = serializers.CharField(
        required=False, help_text=_("CBS-gemeentecode, bijv. GM0307: teams die daar werken.")
    )
    wijk = serializers.IntegerField(
        required=False, help_text=_("Id van een wijk (zie /api/v1/regions); vraagt gemeente.")
    )
    school = serializers.IntegerField(
        required=False, help_text=_("Id van een school: ook teams die daar vaste gezichten hebben.")
    )
    expertise = serializers.CharField(
        required=False, help_text=_("Expertisecode uit de lijst van de regio, bijv. lvb.")
    )

    def _region(self) -> Region:
        region = self.context["region"]
        assert isinstance(region, Region)
        return region

    def validate_gemeente(self, value: str) -> Municipality:
        municipality = Municipality.objects.filter(
            region=self._region(), code=value.upper()
        ).first()
        if municipality is None:
            raise serializers.ValidationError(
                _("Onbekende gemeente “%(code)s” in uw regio: gebruik een CBS-code zoals GM0307.")
                % {"code": value}
            )
        return municipality

    def validate_wijk(self, value: int) -> District:
        district = District.objects.filter(municipality__region=self._region(), pk=value).first()
        if district is None:
            raise serializers.ValidationError(_("Onbekende wijk in uw regio."))
        return district

    def validate_school(self, value: int) -> School:
        school = (
            School.objects.select_related("municipality", "district")
            .filter(municipality__region=self._region(), pk=value)
            .first()
        )
        if school is None:
            raise serializers.ValidationError(_("Onbekende school in uw regio."))
        return school

    def validate_expertise(self, value: str) -> str:
        if not selectors.expertise_list_for_region(region=self._region()).filter(code=value):
            raise serializers.ValidationError(
                _("Onbekende expertise “%(code)s” in uw regio.") % {"code": value}
            )
        return value

    @override
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        municipality, district = attrs.get("gemeente"), attrs.get("wijk")
        if district is not None:
            if municipality is None:
                raise serializers.ValidationError(
                    {"wijk": [_("Geef ook de gemeente (gemeente=GM…).")]}
                )
            if district.municipality_id != municipality.pk:
                raise serializers.ValidationError(
                    {"wijk": [_("Deze wijk hoort niet bij de gekozen gemeente.")]}
                )
        if attrs.get("school") is not None and municipality is None:
            raise serializers.ValidationError(
                {"school": [_("Geef ook de gemeente waar het kind woont (gemeente=GM…).")]}
            )
        return attrs


# --- Views ----------------------------------------------------------------------------


class IsProfessional(permissions.BasePermission):
    """Professionals of a region only (not families)."""

    message = _("Alleen professionals van de regio zien het specialistische netwerk.")

    @override
    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return isinstance(user, User) and user.is_professional and user.region_id is not None


def _region(request: Request) -> Region:
    """The requesting professional's region (404 problem+json without one)."""
    return region_of(viewer=request.user)


@extend_schema(
    summary="Specialistische teams van uw regio",
    parameters=[
        OpenApiParameter("gemeente", str, description="CBS-gemeentecode, bijv. GM0307"),
        OpenApiParameter("wijk", int, description="Id van een wijk van die gemeente"),
        OpenApiParameter("school", int, description="Id van een school in uw regio"),
        OpenApiParameter("expertise", str, description="Expertisecode, bijv. lvb"),
    ],
)
class SpecialistTeamListView(NotPersonalMixin, generics.ListAPIView[SpecialistTeam]):
    """The active teams of the user's region in file order; with ``gemeente`` (and
    ``wijk``, ``school``) only the teams that can reach a child there."""

    serializer_class = SpecialistTeamSerializer
    permission_classes = [permissions.IsAuthenticated, IsProfessional]
    pagination_class = None

    @override
    def get_queryset(self) -> QuerySet[SpecialistTeam]:
        region = _region(self.request)
        params = TeamFilterSerializer(data=self.request.query_params, context={"region": region})
        if not params.is_valid():
            raise ValidationError(params.errors)
        data = params.validated_data
        if data.get("gemeente") is not None:
            teams = selectors.teams_covering(
                region=region,
                municipality=data["gemeente"],
                district=data.get("wijk"),
                school=data.get("school"),
            )
        else:
            teams = selectors.team_list_for_region(region=region)
        if data.get("expertise"):
            teams = teams.filter(expertise__code=data["expertise"])
        return teams


@extend_schema(summary="Eén specialistisch team van uw regio")
class SpecialistTeamDetailView(NotPersonalMixin, generics.RetrieveAPIView[SpecialistTeam]):
    """A team of the user's region (also an inactive one); another region's team is 404."""

    serializer_class = SpecialistTeamSerializer
    permission_classes = [permissions.IsAuthenticated, IsProfessional]

    @override
    def get_object(self) -> SpecialistTeam:
        return selectors.team_get(region=_region(self.request), team_id=int(self.kwargs["pk"]))


@extend_schema(summary="Jeugdhulpaanbieders van uw regio")
class ProviderListView(NotPersonalMixin, generics.ListAPIView[Provider]):
    """The active providers of the user's region by name: AGB code, whether they may be
    lead provider (hoofdaannemer), their consortia and teams."""

    serializer_class = ProviderSerializer
    permission_classes = [permissions.IsAuthenticated, IsProfessional]
    pagination_class = None

    @override
    def get_queryset(self) -> QuerySet[Provider]:
        return selectors.provider_list_for_region(region=_region(self.request))
