"""The help-requests API under ``/api/v1/``: the same selectors and services as the pages.

Requests, households and children are addressed by their public ids. Refusals are
problem+json with the service's ``code`` and ``data.field``; a request or household the
caller may not see is 404, alike for missing. Every response with personal data writes an
audit row (reads here, writes in the services).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.services import Subject
from dichtbij.families.constants import AccessLevel
from dichtbij.families.models import Child, Household
from dichtbij.families.selectors import child_list_for_household, household_get_for
from dichtbij.requests.constants import (
    Answer,
    Asker,
    CloseReason,
    EventType,
    HelpRequestStatus,
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.errors import (
    ChildNotInHousehold,
    TriageAdviceNotFound,
    TriageDecisionNotFound,
)
from dichtbij.requests.models import HelpRequest, HelpRequestEvent, TriageAdvice, TriageDecision
from dichtbij.requests.selectors import (
    help_request_event_list,
    help_request_get_for,
    help_request_list_for,
    triage_advice_latest,
    triage_decision_for,
)
from dichtbij.requests.services import (
    help_request_assess,
    help_request_close,
    help_request_register,
    help_request_triage,
    triage_decide,
)
from dichtbij.utils.pagination import KeysetPagination
from dichtbij.utils.serializers import CodeChoiceField

TAGS = ["hulpvragen"]


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- output ------------------------------------------------------------------------------


class ChildRefSerializer(serializers.Serializer[Child]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    first_name = serializers.CharField(read_only=True)


class HelpRequestOutSerializer(serializers.Serializer[HelpRequest]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    children = ChildRefSerializer(many=True, read_only=True)
    registered_at = serializers.DateTimeField(read_only=True)
    registered_by = serializers.IntegerField(
        source="registered_by_id", read_only=True, allow_null=True
    )
    referrer_type = serializers.CharField(
        read_only=True, help_text=_("COD327 van de aanmelder op dat moment; het gezin zelf: 06.")
    )
    # A field named "source" shadows Field.source in the stubs; DRF itself allows it.
    source = CodeChoiceField(choices=RequestSource.choices, read_only=True)  # type: ignore[assignment]
    question = serializers.CharField(read_only=True)
    asker = CodeChoiceField(choices=Asker.choices, read_only=True)
    asker_name = serializers.CharField(read_only=True)
    themes = serializers.ListField(child=serializers.CharField(), read_only=True)
    duration = CodeChoiceField(choices=ProblemDuration.choices, read_only=True)
    tried_before = serializers.CharField(read_only=True)
    ordinary_help_tried = serializers.BooleanField(read_only=True)
    unsafe_at_home = CodeChoiceField(choices=Answer.choices, read_only=True)
    risk_of_harm = CodeChoiceField(choices=Answer.choices, read_only=True)
    safety_note = serializers.CharField(read_only=True)
    severity = serializers.CharField(read_only=True, help_text=_("Leeg zolang niet beoordeeld."))
    ordinary_help_enough = serializers.CharField(read_only=True)
    lowest_score = serializers.IntegerField(read_only=True, allow_null=True)
    assessment_note = serializers.CharField(read_only=True)
    assessed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    status = CodeChoiceField(choices=HelpRequestStatus.choices, read_only=True)
    urgency = serializers.CharField(read_only=True, help_text=_("Leeg zolang er geen advies is."))
    outcome = serializers.CharField(read_only=True, help_text=_("Leeg zolang niet besloten."))
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    close_reason = serializers.CharField(read_only=True)


class TriageReasonSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(
        read_only=True, help_text=_("Code van de regel, of uitkomst:<uitkomst>.")
    )
    text = serializers.CharField(read_only=True)


class OfferSerializer(serializers.Serializer[Any]):
    service_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)
    organisation = serializers.CharField(read_only=True)
    why = serializers.CharField(read_only=True)
    referral_required = serializers.BooleanField(read_only=True)
    theme = serializers.CharField(read_only=True)


class TriageAdviceOutSerializer(serializers.Serializer[TriageAdvice]):
    id = serializers.IntegerField(read_only=True)
    help_request = serializers.UUIDField(source="help_request.public_id", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    outcome = CodeChoiceField(choices=TriageOutcome.choices, read_only=True)
    urgency = CodeChoiceField(choices=Urgency.choices, read_only=True)
    rule_code = serializers.CharField(read_only=True)
    reasons = TriageReasonSerializer(many=True, read_only=True)
    offers = OfferSerializer(many=True, read_only=True)
    facts = serializers.DictField(read_only=True)
    rules_version = serializers.CharField(read_only=True)
    rules_hash = serializers.CharField(read_only=True)


class TriageDecisionOutSerializer(serializers.Serializer[TriageDecision]):
    id = serializers.IntegerField(read_only=True)
    help_request = serializers.UUIDField(source="help_request.public_id", read_only=True)
    advice = serializers.IntegerField(source="advice_id", read_only=True)
    advised_outcome = serializers.CharField(read_only=True)
    advised_urgency = serializers.CharField(read_only=True)
    outcome = CodeChoiceField(choices=TriageOutcome.choices, read_only=True)
    urgency = CodeChoiceField(choices=Urgency.choices, read_only=True)
    followed_advice = serializers.BooleanField(read_only=True)
    override_reason = serializers.CharField(read_only=True)
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True)


class EventOutSerializer(serializers.Serializer[HelpRequestEvent]):
    id = serializers.IntegerField(read_only=True)
    type = CodeChoiceField(choices=EventType.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)
    parameters = serializers.DictField(read_only=True)


# --- input -------------------------------------------------------------------------------


class AssessmentInSerializer(serializers.Serializer[dict[str, Any]]):
    severity = CodeChoiceField(choices=Severity.choices)
    ordinary_help_enough = CodeChoiceField(choices=Answer.choices)
    lowest_score = serializers.IntegerField(
        min_value=1,
        max_value=5,
        required=False,
        allow_null=True,
        help_text=_("Laagste score op de zelfredzaamheidsschaal (1 acuut … 5 zelfredzaam)."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HelpRequestInSerializer(serializers.Serializer[dict[str, Any]]):
    household = serializers.UUIDField(help_text=_("Id van het gezin."))
    children = serializers.ListField(
        child=serializers.UUIDField(),
        min_length=1,
        help_text=_("Ids van de kinderen van dit gezin voor wie de vraag is (minstens één)."),
    )
    question = serializers.CharField(help_text=_("De vraag in de woorden van het gezin."))
    asker = CodeChoiceField(choices=Asker.choices)
    asker_name = serializers.CharField(required=False, allow_blank=True, default="")
    themes = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_("Thema's uit de sociale kaart, bv. thema:pesten; een onbekend thema: 400."),
    )
    duration = CodeChoiceField(choices=ProblemDuration.choices)
    tried_before = serializers.CharField(required=False, allow_blank=True, default="")
    ordinary_help_tried = serializers.BooleanField(required=False, default=False)
    unsafe_at_home = CodeChoiceField(choices=Answer.choices)
    risk_of_harm = CodeChoiceField(choices=Answer.choices)
    safety_note = serializers.CharField(required=False, allow_blank=True, default="")
    severity = CodeChoiceField(
        choices=Severity.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Met ordinary_help_enough: de hulpvraag is meteen beoordeeld."),
    )
    ordinary_help_enough = CodeChoiceField(
        choices=Answer.choices, required=False, allow_blank=True, default=""
    )
    lowest_score = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True, default=None
    )
    assessment_note = serializers.CharField(required=False, allow_blank=True, default="")


class TriageDecisionInSerializer(serializers.Serializer[dict[str, Any]]):
    outcome = CodeChoiceField(choices=TriageOutcome.choices)
    urgency = CodeChoiceField(choices=Urgency.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Verplicht als uitkomst of urgentie afwijkt van het advies."),
    )


class ClosureInSerializer(serializers.Serializer[dict[str, Any]]):
    reason = CodeChoiceField(choices=CloseReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- views -------------------------------------------------------------------------------


class _HelpRequestAPIMixin(AuditedAPIMixin):
    audit_object_type = "help_request"
    audit_reason = "Hulpvraag (API)"

    def help_request(self, public_id: uuid.UUID) -> HelpRequest:
        return help_request_get_for(viewer=request_user(self.request), public_id=public_id)

    def audit_request(self, help_request: HelpRequest, reason: str | None = None) -> None:
        self.audit(
            subject=Subject.of(help_request), object_id=str(help_request.public_id), reason=reason
        )


def _children_of(household: Household, ids: list[uuid.UUID]) -> list[Child]:
    children = {child.public_id: child for child in child_list_for_household(household=household)}
    if any(key not in children for key in ids):
        raise ChildNotInHousehold
    return [children[key] for key in dict.fromkeys(ids)]


class HelpRequestListCreateView(_HelpRequestAPIMixin, APIView):
    """The help requests the caller may see; register a new one."""

    pagination_class = KeysetPagination

    @extend_schema(
        tags=TAGS,
        summary=_("Hulpvragen die u mag zien"),
        description=_(
            "Bij volledige toegang tot een gezin alle hulpvragen ervan, bij beperkte toegang "
            "alleen die u zelf aanmeldde. Nieuwste eerst, met cursor-paginering."
        ),
        parameters=[
            OpenApiParameter("household", uuid.UUID, description="Alleen van dit gezin"),
        ],
        responses={200: HelpRequestOutSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        viewer = request_user(request)
        household = None
        if key := request.query_params.get("household"):
            household = household_get_for(viewer=viewer, public_id=key, level=AccessLevel.LIMITED)
        paginator = KeysetPagination()
        queryset = help_request_list_for(viewer=viewer, household=household)
        page = list(paginator.paginate_queryset(queryset, request, view=self) or [])
        for help_request in page:
            self.audit_request(help_request)
        if not page:
            self.audit(reason="Lege lijst van hulpvragen (API)")
        return paginator.get_paginated_response(
            [HelpRequestOutSerializer(help_request).data for help_request in page]
        )

    @extend_schema(
        tags=TAGS,
        summary=_("Hulpvraag aanmelden"),
        description=_(
            "Met severity en ordinary_help_enough is de hulpvraag meteen beoordeeld; vraag "
            "daarna het triage-advies op. Refusals: unknown_theme, child_not_in_household, "
            "question_required (400), help_request_action_not_allowed (403)."
        ),
        request=HelpRequestInSerializer,
        responses={201: HelpRequestOutSerializer},
    )
    def post(self, request: Request) -> Response:
        viewer = request_user(request)
        data = _valid(HelpRequestInSerializer, request)
        household = household_get_for(
            viewer=viewer, public_id=data["household"], level=AccessLevel.LIMITED
        )
        help_request = help_request_register(
            actor=viewer,
            household=household,
            children=_children_of(household, data["children"]),
            question=data["question"],
            asker=data["asker"],
            asker_name=data["asker_name"],
            themes=data["themes"],
            duration=data["duration"],
            tried_before=data["tried_before"],
            ordinary_help_tried=data["ordinary_help_tried"],
            unsafe_at_home=data["unsafe_at_home"],
            risk_of_harm=data["risk_of_harm"],
            safety_note=data["safety_note"],
            severity=data["severity"],
            ordinary_help_enough=data["ordinary_help_enough"],
            lowest_score=data["lowest_score"],
            assessment_note=data["assessment_note"],
            request=request,
        )
        found = help_request_get_for(viewer=viewer, public_id=help_request.public_id)
        return Response(HelpRequestOutSerializer(found).data, status=status.HTTP_201_CREATED)


class HelpRequestDetailView(_HelpRequestAPIMixin, APIView):
    @extend_schema(tags=TAGS, summary=_("Eén hulpvraag"), responses={200: HelpRequestOutSerializer})
    def get(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        self.audit_request(help_request)
        return Response(HelpRequestOutSerializer(help_request).data)


class HelpRequestEventListView(_HelpRequestAPIMixin, APIView):
    audit_object_type = "help_request_events"
    audit_reason = "Geschiedenis van een hulpvraag (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Geschiedenis van een hulpvraag"),
        description=_("Alle gebeurtenissen, oudste eerst; de geschiedenis wordt nooit gewijzigd."),
        responses={200: EventOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        self.audit_request(help_request)
        events = help_request_event_list(help_request=help_request)
        return Response([EventOutSerializer(event).data for event in events])


class HelpRequestAssessmentView(_HelpRequestAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulpvraag beoordelen"),
        description=_("Alleen de eerste deur met volledige toegang; kan tot er besloten is."),
        request=AssessmentInSerializer,
        responses={200: HelpRequestOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        data = _valid(AssessmentInSerializer, request)
        help_request_assess(
            actor=request_user(request),
            help_request=help_request,
            severity=data["severity"],
            ordinary_help_enough=data["ordinary_help_enough"],
            lowest_score=data.get("lowest_score"),
            note=data["note"],
            request=request,
        )
        return Response(HelpRequestOutSerializer(self.help_request(id)).data)


class TriageAdviceView(_HelpRequestAPIMixin, APIView):
    audit_object_type = "triage_advice"
    audit_reason = "Triage-advies van een hulpvraag (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Laatste triage-advies"),
        description=_("404 triage_advice_not_found als er nog geen advies is."),
        responses={200: TriageAdviceOutSerializer},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        advice = triage_advice_latest(help_request=help_request)
        if advice is None:
            raise TriageAdviceNotFound
        self.audit_request(help_request)
        return Response(TriageAdviceOutSerializer(advice).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Triage-advies opvragen"),
        description=_(
            "Past de triageregels van de regio toe en bewaart het advies met redenen en "
            "aanbod uit de sociale kaart. Vraagt een beoordeling, behalve als iemand thuis "
            "niet veilig is (409 help_request_not_assessed)."
        ),
        request=None,
        responses={201: TriageAdviceOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        advice = help_request_triage(
            actor=request_user(request), help_request=help_request, request=request
        )
        return Response(TriageAdviceOutSerializer(advice).data, status=status.HTTP_201_CREATED)


class TriageDecisionView(_HelpRequestAPIMixin, APIView):
    audit_object_type = "triage_decision"
    audit_reason = "Triagebesluit van een hulpvraag (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Triagebesluit"),
        description=_("404 triage_decision_not_found zolang er niet besloten is."),
        responses={200: TriageDecisionOutSerializer},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        decision = triage_decision_for(help_request=help_request)
        if decision is None:
            raise TriageDecisionNotFound
        self.audit_request(help_request)
        return Response(TriageDecisionOutSerializer(decision).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Besluiten na het advies"),
        description=_(
            "Volg het laatste advies, of kies anders met een reden (400 "
            "override_reason_required zonder reden). followed_advice wordt bewaard."
        ),
        request=TriageDecisionInSerializer,
        responses={201: TriageDecisionOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        data = _valid(TriageDecisionInSerializer, request)
        decision = triage_decide(
            actor=request_user(request),
            help_request=help_request,
            outcome=data["outcome"],
            urgency=data["urgency"],
            reason=data["reason"],
            request=request,
        )
        return Response(TriageDecisionOutSerializer(decision).data, status=status.HTTP_201_CREATED)


class HelpRequestClosureView(_HelpRequestAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulpvraag afsluiten"),
        request=ClosureInSerializer,
        responses={200: HelpRequestOutSerializer},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        help_request = self.help_request(id)
        data = _valid(ClosureInSerializer, request)
        help_request_close(
            actor=request_user(request),
            help_request=help_request,
            reason=data["reason"],
            note=data["note"],
            request=request,
        )
        return Response(HelpRequestOutSerializer(self.help_request(id)).data)
