"""``GET /api/v1/catalogue/search``: the catalogue search over the API (public).

The same search as the hulpwijzer (:func:`~dichtbij.catalogue.search.catalogue_search`).
Catalogue data is not personal data: no login, no audit. Bad input is a 400
problem+json with a Dutch reason per parameter.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.catalogue.models import TaxonomyTerm
from dichtbij.catalogue.search.selectors import catalogue_search
from dichtbij.catalogue.search.types import SearchQuery, SearchResult
from dichtbij.regions.models import Municipality, Region

MAX_LIMIT = 50
MAX_PAGE = 10
MAX_AGE = 30


class SearchParametersSerializer(serializers.Serializer[dict[str, Any]]):
    """The query parameters, checked; ``validated_data`` holds model objects."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        trim_whitespace=True,
        help_text=_("De vraag in eigen woorden, bijv. 'mijn zoon wordt gepest'."),
    )
    gemeente = serializers.CharField(
        required=False, help_text=_("CBS-gemeentecode, bijv. GM0307 (Amersfoort).")
    )
    regio = serializers.CharField(
        required=False, help_text=_("Regiocode, bijv. amersfoort (als er geen gemeente is).")
    )
    age = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_("Leeftijd van het kind of de jongere in jaren (0-30)."),
        error_messages={
            "min_value": _("De leeftijd moet tussen 0 en 30 jaar liggen."),
            "max_value": _("De leeftijd moet tussen 0 en 30 jaar liggen."),
            "invalid": _("De leeftijd moet een heel getal zijn."),
        },
    )
    thema = serializers.CharField(
        required=False, help_text=_("Thema, bijv. thema:pesten (of alleen: pesten).")
    )
    soort = serializers.CharField(
        required=False, help_text=_("Soort hulp, bijv. soort:maatje (of alleen: maatje).")
    )
    zonder_verwijzing = serializers.BooleanField(
        required=False, default=False, help_text=_("Alleen hulp zonder verwijzing.")
    )
    max_wachttijd = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=104,
        help_text=_("Hoogstens zoveel weken wachttijd."),
        error_messages={
            "min_value": _("De wachttijd moet tussen 0 en 104 weken liggen."),
            "max_value": _("De wachttijd moet tussen 0 en 104 weken liggen."),
            "invalid": _("De wachttijd moet een heel aantal weken zijn."),
        },
    )
    limit = serializers.IntegerField(
        required=False,
        default=10,
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=_("Aantal resultaten per pagina (1-50)."),
        error_messages={
            "min_value": _("Vraag minstens 1 resultaat."),
            "max_value": _("Vraag hoogstens 50 resultaten per keer."),
            "invalid": _("Het aantal resultaten moet een heel getal zijn."),
        },
    )
    page = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=MAX_PAGE,
        help_text=_("Paginanummer (1-10)."),
        error_messages={
            "min_value": _("Het paginanummer begint bij 1."),
            "max_value": _("Hoogstens 10 pagina's; verfijn anders uw vraag."),
            "invalid": _("Het paginanummer moet een heel getal zijn."),
        },
    )

    def validate_gemeente(self, value: str) -> Municipality:
        municipality = (
            Municipality.objects.select_related("region").filter(code=value.upper()).first()
        )
        if municipality is None:
            raise serializers.ValidationError(
                _("Onbekende gemeente “%(code)s”: gebruik een CBS-code zoals GM0307.")
                % {"code": value}
            )
        return municipality

    def validate_regio(self, value: str) -> Region:
        region = Region.objects.filter(code=value.lower()).first()
        if region is None:
            raise serializers.ValidationError(_("Onbekende regio “%(code)s”.") % {"code": value})
        return region

    def _term(self, value: str, prefix: str, message: Any) -> str:
        code = value if value.startswith(prefix) else f"{prefix}{value}"
        if not TaxonomyTerm.objects.filter(code=code).exists():
            raise serializers.ValidationError(message % {"code": value})
        return code

    def validate_thema(self, value: str) -> str:
        return self._term(value, "thema:", _("Onbekend thema “%(code)s”."))

    def validate_soort(self, value: str) -> str:
        return self._term(value, "soort:", _("Onbekende soort hulp “%(code)s”."))

    @override
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        municipality = attrs.get("gemeente")
        region = attrs.get("regio")
        if municipality is not None and region is not None and municipality.region != region:
            raise serializers.ValidationError(
                {"gemeente": [_("Deze gemeente hoort niet bij de gekozen regio.")]}
            )
        return attrs


class ReasonSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text=_("theme, words, age, gemeente, kind, crisis, ..."))
    text = serializers.CharField(help_text=_("Waarom deze hulp past, in gewone taal."))


class HitSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(help_text=_("HSDS-id van de dienst."))
    name = serializers.CharField()
    organization = serializers.CharField()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)
    referral_required = serializers.BooleanField()
    waiting_weeks = serializers.IntegerField(allow_null=True)
    temporarily_closed = serializers.BooleanField()


class CrisisServiceSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    name = serializers.CharField()


class SafetySerializer(serializers.Serializer[Any]):
    message = serializers.CharField()
    crisis_services = CrisisServiceSerializer(many=True)


class ThemeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class SearchResponseSerializer(serializers.Serializer[Any]):
    results = HitSerializer(many=True)
    page = serializers.IntegerField()
    limit = serializers.IntegerField()
    has_more = serializers.BooleanField(help_text=_("Of er een volgende pagina is (page + 1)."))
    safety = SafetySerializer(allow_null=True)
    out_of_scope = serializers.BooleanField()
    local_team_hint = serializers.CharField(allow_blank=True)
    themes = ThemeSerializer(many=True)


def _body(result: SearchResult, *, page: int, limit: int) -> dict[str, Any]:
    start = (page - 1) * limit
    window = result.hits[start : start + limit]
    return {
        "results": [
            {
                "id": hit.service.pk,
                "name": hit.service.name,
                "organization": hit.service.organization.name,
                "score": hit.score,
                "reasons": [{"kind": r.kind, "text": r.text} for r in hit.reasons],
                "referral_required": hit.service.referral_required,
                "waiting_weeks": hit.service.waiting_weeks,
                "temporarily_closed": hit.service.status == "temporarily closed",
            }
            for hit in window
        ],
        "page": page,
        "limit": limit,
        "has_more": len(result.hits) > start + limit,
        "safety": None
        if result.safety is None
        else {
            "message": result.safety.message,
            "crisis_services": [
                {"id": service.pk, "name": service.name}
                for service in result.safety.crisis_services
            ],
        },
        "out_of_scope": result.out_of_scope,
        "local_team_hint": result.local_team_hint,
        "themes": [{"code": term.code, "name": term.name} for term in result.themes],
    }


class CatalogueSearchView(NotPersonalMixin, APIView):
    """Search the sociale kaart with a question in everyday words (public)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="catalogue_search",
        summary=_("Zoeken in de sociale kaart"),
        description=_(
            "Zoekt hulp bij een vraag in eigen woorden (Nederlands of Engels), met "
            "optioneel gemeente, leeftijd, thema, soort hulp, zonder verwijzing en "
            "maximale wachttijd. Hulp zonder verwijzing staat voorop bij gewone vragen. "
            "Bij een vraag die op acuut gevaar wijst staan crisishulp en Veilig Thuis "
            "eerst (safety). Past er niets, dan is out_of_scope waar en verwijst "
            "local_team_hint naar het lokale team."
        ),
        parameters=[SearchParametersSerializer],
        responses={200: SearchResponseSerializer},
        tags=["catalogue"],
    )
    def get(self, request: Request) -> Response:
        parameters = SearchParametersSerializer(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        data = parameters.validated_data
        page, limit = data["page"], data["limit"]
        municipality = data.get("gemeente")
        query = SearchQuery(
            text=data["q"],
            region=data.get("regio") or (municipality.region if municipality else None),
            municipality=municipality,
            age=data.get("age"),
            theme=data.get("thema"),
            kind=data.get("soort"),
            without_referral=data["zonder_verwijzing"],
            max_waiting_weeks=data.get("max_wachttijd"),
            limit=page * limit + 1,
        )
        result = catalogue_search(query=query)
        return Response(_body(result, page=page, limit=limit))
