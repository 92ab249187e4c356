"""The family plan over the API, under ``/api/v1/households/{id}/plan``.

The same selectors and services as the pages: a caller sees the plan with FULL access
to the household, or with LIMITED access when the plan was shared with their
organisation; only FULL access changes it. A plan the caller may not see is 404, alike
for a missing one. Refusals are problem+json with the service's ``code`` and
``data.field``; mistakes in plan content also list every field in ``invalid-params``
(``content.goals.0.domain``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.services import Subject
from dichtbij.families.constants import AccessLevel
from dichtbij.families.models import Household
from dichtbij.families.selectors import household_get_for
from dichtbij.plans.constants import AgreementMethod, GoalResult, PlanLead
from dichtbij.plans.errors import PlanContentInvalid, PlanNotFound
from dichtbij.plans.models import (
    FamilyPlan,
    PlanAgreement,
    PlanEvaluation,
    PlanEvaluationGoal,
    PlanEvaluationScore,
    PlanVersion,
)
from dichtbij.plans.schema import PlanContent
from dichtbij.plans.selectors import (
    family_plan_get_for,
    plan_evaluation_list,
    plan_version_get_for,
    plan_version_list_for,
)
from dichtbij.plans.services import (
    GoalOutcome,
    family_plan_agree,
    family_plan_create,
    family_plan_evaluate,
    family_plan_lead_hand_back,
    family_plan_lead_take_over,
    family_plan_revise,
)
from dichtbij.utils.problem import problem_response
from dichtbij.utils.serializers import CodeChoiceField

TAGS = ["gezinsplannen"]


class PlanContentField(serializers.JSONField):
    """A :class:`~dichtbij.plans.schema.PlanContent` as JSON; the service validates it."""


class _OpenApi30JsonSchema(GenerateJsonSchema):
    """pydantic's JSON schema in OpenAPI 3.0 terms: ``nullable`` instead of a null type."""

    @override
    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        if "$ref" in inner:
            return {"allOf": [inner], "nullable": True}
        return {**inner, "nullable": True}


class PlanContentFieldExtension(OpenApiSerializerFieldExtension):
    """Documents :class:`PlanContentField` with the schema of :class:`PlanContent` itself,
    so the OpenAPI document and the validation cannot drift apart."""

    target_class = PlanContentField

    @override
    def get_name(self) -> str:
        return "PlanContent"

    @override
    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema = PlanContent.model_json_schema(
            ref_template="#/components/schemas/{model}", schema_generator=_OpenApi30JsonSchema
        )
        for name, definition in schema.pop("$defs", {}).items():
            auto_schema.registry.register_on_missing(
                ResolvedComponent(  # type: ignore[no-untyped-call]  # drf-spectacular is untyped
                    name=name, type=ResolvedComponent.SCHEMA, object=name, schema=definition
                )
            )
        return schema


# --- output ------------------------------------------------------------------------------


class PlanAgreementOutSerializer(serializers.Serializer[PlanAgreement]):
    id = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    method = CodeChoiceField(choices=AgreementMethod.choices, read_only=True)
    agreed_on = serializers.DateField(read_only=True)
    agreed_by = serializers.CharField(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)


class PlanVersionOutSerializer(serializers.Serializer[PlanVersion]):
    number = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True, allow_null=True)
    change_note = serializers.CharField(read_only=True)
    content = PlanContentField(read_only=True)
    agreements = PlanAgreementOutSerializer(many=True, read_only=True)


class GoalResultOutSerializer(serializers.Serializer[PlanEvaluationGoal]):
    goal_id = serializers.CharField(read_only=True)
    result = CodeChoiceField(choices=GoalResult.choices, read_only=True)
    note = serializers.CharField(read_only=True)


class DomainScoreOutSerializer(serializers.Serializer[PlanEvaluationScore]):
    domain = serializers.CharField(read_only=True)
    score = serializers.IntegerField(read_only=True)


class PlanEvaluationOutSerializer(serializers.Serializer[PlanEvaluation]):
    id = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    evaluated_on = serializers.DateField(read_only=True)
    note = serializers.CharField(read_only=True)
    next_evaluation_on = serializers.DateField(read_only=True, allow_null=True)
    results = GoalResultOutSerializer(source="goal_results", many=True, read_only=True)
    scores = DomainScoreOutSerializer(many=True, read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)


class FamilyPlanOutSerializer(serializers.Serializer[FamilyPlan]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    current_version = serializers.IntegerField(source="current_version_number", read_only=True)
    agreed_version = serializers.IntegerField(
        source="agreed_version_number",
        read_only=True,
        allow_null=True,
        help_text=_("De nieuwste versie waarmee het gezin akkoord ging."),
    )
    is_agreed = serializers.BooleanField(
        read_only=True, help_text=_("Het gezin is akkoord met de huidige versie.")
    )
    lead = CodeChoiceField(choices=PlanLead.choices, read_only=True)
    lead_since = serializers.DateField(read_only=True, allow_null=True)
    next_evaluation_on = serializers.DateField(read_only=True, allow_null=True)
    last_evaluated_on = serializers.DateField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    current = PlanVersionOutSerializer(read_only=True, help_text=_("De huidige versie."))
    evaluations = PlanEvaluationOutSerializer(many=True, read_only=True)


# --- input -------------------------------------------------------------------------------


class PlanVersionInSerializer(serializers.Serializer[dict[str, Any]]):
    content = PlanContentField(
        help_text=_(
            "Het hele plan. Doelen zonder id zijn nieuw; laat lead en lead_history weg "
            "(regie verandert via /plan/lead)."
        )
    )
    change_note = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text=_("Wat is er veranderd (verplicht bij een wijziging)."),
    )
    based_on_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text=_(
            "De versie waarop de wijziging voortbouwt; 409 als het plan intussen veranderde."
        ),
    )

    def validate_content(self, value: object) -> object:
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Geef het plan als object."))
        return value


class PlanAgreementInSerializer(serializers.Serializer[dict[str, Any]]):
    version = serializers.IntegerField(min_value=1)
    method = CodeChoiceField(choices=AgreementMethod.choices)
    agreed_on = serializers.DateField()
    agreed_by = serializers.CharField(
        max_length=300, help_text=_("Namen van de jeugdige en de ouders die akkoord gaven.")
    )


class GoalResultInSerializer(serializers.Serializer[dict[str, Any]]):
    goal_id = serializers.CharField(max_length=36)
    result = CodeChoiceField(choices=GoalResult.choices)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DomainScoreInSerializer(serializers.Serializer[dict[str, Any]]):
    domain = serializers.CharField(max_length=50)
    score = serializers.IntegerField(min_value=1, max_value=5)


class PlanEvaluationInSerializer(serializers.Serializer[dict[str, Any]]):
    evaluated_on = serializers.DateField()
    results = GoalResultInSerializer(
        many=True, help_text=_("Een resultaat voor elk doel van de huidige versie.")
    )
    scores = DomainScoreInSerializer(many=True, required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    next_evaluation_on = serializers.DateField(required=False, allow_null=True, default=None)


class PlanLeadInSerializer(serializers.Serializer[dict[str, Any]]):
    holder = CodeChoiceField(
        choices=PlanLead.choices,
        help_text=_(
            "lokaal_team: het lokale team neemt de regie over (reason verplicht); "
            "gezin: het team geeft de regie terug."
        ),
    )
    since = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


# --- views -------------------------------------------------------------------------------


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _content_problem(exc: PlanContentInvalid) -> Response:
    return problem_response(
        status_code=exc.status,
        title=exc.message,
        detail=exc.message,
        code=exc.code,
        extra={
            "invalid-params": [
                {"name": f"content.{error.field}", "code": "invalid", "reason": error.message}
                for error in exc.errors
            ],
            "data": dict(exc.data),
        },
    )


class _PlanAPI(AuditedAPIMixin, APIView):
    audit_object_type = "family_plan"
    audit_reason = "Gezinsplan (API)"

    def household(self, public_id: uuid.UUID) -> Household:
        return household_get_for(
            viewer=request_user(self.request), public_id=public_id, level=AccessLevel.LIMITED
        )

    def plan(self, household: Household) -> FamilyPlan:
        return family_plan_get_for(viewer=request_user(self.request), household=household)

    def audit_plan(self, household: Household, plan: FamilyPlan, reason: str = "") -> None:
        self.audit(
            subject=Subject.of(household), object_id=str(plan.public_id), reason=reason or None
        )


def _plan_data(plan: FamilyPlan, current: PlanVersion) -> dict[str, Any]:
    plan.current = current  # type: ignore[attr-defined]  # read by the serializer
    plan.evaluations_list = list(plan_evaluation_list(plan=plan))  # type: ignore[attr-defined]
    data = dict(FamilyPlanOutSerializer(plan).data)
    data["evaluations"] = PlanEvaluationOutSerializer(plan.evaluations_list, many=True).data  # type: ignore[attr-defined]
    return data


class FamilyPlanView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Het gezinsplan van een gezin"),
        description=_("De huidige versie, het akkoord, de regie en de evaluaties."),
        responses={200: FamilyPlanOutSerializer},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        plan = self.plan(household)
        current = plan_version_get_for(
            viewer=request_user(request), household=household, number=plan.current_version_number
        )
        self.audit_plan(household, plan)
        return Response(_plan_data(plan, current))


class PlanVersionListCreateView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Alle versies van het gezinsplan"),
        description=_("Nieuwste eerst; eerdere versies blijven zoals ze waren."),
        responses={200: PlanVersionOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        versions = list(plan_version_list_for(viewer=request_user(request), household=household))
        self.audit_plan(household, versions[0].plan if versions else self.plan(household))
        return Response([PlanVersionOutSerializer(version).data for version in versions])

    @extend_schema(
        tags=TAGS,
        summary=_("Gezinsplan maken of wijzigen (nieuwe versie)"),
        description=_(
            "Zonder plan: maakt het plan (versie 1). Met plan: slaat de inhoud op als "
            "nieuwe versie; dezelfde inhoud als de huidige versie wordt geweigerd "
            "(plan_unchanged)."
        ),
        request=PlanVersionInSerializer,
        responses={201: PlanVersionOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        data = _valid(PlanVersionInSerializer, request)
        viewer = request_user(request)
        try:
            plan: FamilyPlan | None = self.plan(household)
        except PlanNotFound:
            plan = None
        try:
            if plan is None:
                version = family_plan_create(
                    actor=viewer,
                    household=household,
                    content=data["content"],
                    change_note=data.get("change_note") or "",
                    request=request,
                )
            else:
                version = family_plan_revise(
                    actor=viewer,
                    plan=plan,
                    content=data["content"],
                    change_note=data.get("change_note") or "",
                    based_on=data.get("based_on_version"),
                    request=request,
                )
        except PlanContentInvalid as exc:
            return _content_problem(exc)
        return Response(PlanVersionOutSerializer(version).data, status=status.HTTP_201_CREATED)


class PlanVersionDetailView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Eén versie van het gezinsplan"),
        responses={200: PlanVersionOutSerializer},
    )
    def get(self, request: Request, id: uuid.UUID, number: int) -> Response:
        household = self.household(id)
        version = plan_version_get_for(
            viewer=request_user(request), household=household, number=number
        )
        self.audit_plan(household, version.plan, reason=f"Gezinsplan versie {number} (API)")
        return Response(PlanVersionOutSerializer(version).data)


class PlanAgreementCreateView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Akkoord van het gezin vastleggen"),
        description=_("Het akkoord geldt alleen voor de genoemde versie."),
        request=PlanAgreementInSerializer,
        responses={201: PlanAgreementOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        plan = self.plan(household)
        data = _valid(PlanAgreementInSerializer, request)
        agreement = family_plan_agree(
            actor=request_user(request),
            plan=plan,
            version=data["version"],
            method=data["method"],
            agreed_on=data["agreed_on"],
            agreed_by=data["agreed_by"],
            request=request,
        )
        return Response(PlanAgreementOutSerializer(agreement).data, status=status.HTTP_201_CREATED)


class PlanEvaluationCreateView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Evaluatie vastleggen"),
        description=_(
            "Een resultaat voor elk doel van de huidige versie; scores per leefdomein "
            "(1–5) en de volgende evaluatiedatum zijn niet verplicht."
        ),
        request=PlanEvaluationInSerializer,
        responses={201: PlanEvaluationOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        plan = self.plan(household)
        data = _valid(PlanEvaluationInSerializer, request)
        scores: dict[str, int] = {}
        for row in data["scores"]:
            if row["domain"] in scores:
                raise serializers.ValidationError(
                    {"scores": [_("Elk leefdomein krijgt hoogstens één score.")]}
                )
            scores[row["domain"]] = row["score"]
        evaluation = family_plan_evaluate(
            actor=request_user(request),
            plan=plan,
            evaluated_on=data["evaluated_on"],
            results=[
                GoalOutcome(goal_id=row["goal_id"], result=row["result"], note=row["note"])
                for row in data["results"]
            ],
            scores=scores,
            note=data["note"],
            next_evaluation_on=data["next_evaluation_on"],
            request=request,
        )
        evaluation = plan_evaluation_list(plan=plan).get(pk=evaluation.pk)
        return Response(
            PlanEvaluationOutSerializer(evaluation).data, status=status.HTTP_201_CREATED
        )


class PlanLeadView(_PlanAPI):
    @extend_schema(
        tags=TAGS,
        summary=_("Regie overnemen of teruggeven"),
        description=_("Maakt een nieuwe versie van het plan met de regie, reden en datum."),
        request=PlanLeadInSerializer,
        responses={201: PlanVersionOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        household = self.household(id)
        plan = self.plan(household)
        data = _valid(PlanLeadInSerializer, request)
        if data["holder"] == PlanLead.LOCAL_TEAM:
            version = family_plan_lead_take_over(
                actor=request_user(request),
                plan=plan,
                reason=data["reason"],
                since=data["since"],
                request=request,
            )
        else:
            version = family_plan_lead_hand_back(
                actor=request_user(request),
                plan=plan,
                since=data["since"],
                note=data["note"],
                request=request,
            )
        return Response(PlanVersionOutSerializer(version).data, status=status.HTTP_201_CREATED)
