"""The referrals API under ``/api/v1/``: the same selectors and services as the pages.

A referral is addressed by its public id and fetched through
:func:`~dichtbij.referrals.selectors.referral_get_for`: one the caller may not see is 404,
alike for a missing one. Each step is one service call; its refusals are problem+json
with the service's ``code`` and ``data.field`` (403 not your step, 409 not from this
status, 400 bad input). Reads write an audit row here; writes are audited by the
services, and their answer is the referral as it is afterwards.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.services import Subject
from dichtbij.families.selectors import child_list_for_household, consent_list_for_household
from dichtbij.referrals.api_serializers import (
    AcceptInSerializer,
    CompleteInSerializer,
    EndInSerializer,
    HoldInSerializer,
    MatchQuerySerializer,
    ReferralEventOutSerializer,
    ReferralInSerializer,
    ReferralOutSerializer,
    RejectInSerializer,
    SendInSerializer,
    StartInSerializer,
    SubcontractInSerializer,
    SubcontractOutSerializer,
    TeamMatchOutSerializer,
    TrajectoryOutSerializer,
)
from dichtbij.referrals.errors import ChildNotInHousehold, ConsentNotValid, NotLeadProviderModel
from dichtbij.referrals.matches import match_teams
from dichtbij.referrals.models import Referral, Trajectory
from dichtbij.referrals.paging import QueuePagination
from dichtbij.referrals.selectors import (
    referral_event_list,
    referral_get_for,
    subcontract_list,
    team_get_for_member,
    team_inbox_for,
    trajectory_for,
    waiting_list_for,
)
from dichtbij.referrals.services import (
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_create,
    referral_fail,
    referral_hold,
    referral_receive,
    referral_reject,
    referral_resume,
    referral_send,
    referral_start,
    trajectory_subcontract_add,
)
from dichtbij.requests.selectors import help_request_get_for

TAGS = ["Verwijzingen"]
#: A refusal because of where the referral (or trajectory) stands; 400-404 come with
#: every operation (:mod:`dichtbij.utils.openapi`), 409 only where a step can meet it.
CONFLICT = OpenApiResponse(
    response={"$ref": "#/components/schemas/Problem"},
    description=_("Kan nu niet door hoe het ervoor staat, bv. illegal_transition; zie code"),
)


def _conflict_too(ok: Any, code: int = 200) -> dict[Any, Any]:
    return {code: ok, (409, "application/problem+json"): CONFLICT}


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class _ReferralAPIMixin(AuditedAPIMixin):
    audit_object_type = "referral"
    audit_reason = "Verwijzing (API)"

    def referral(self, public_id: uuid.UUID) -> Referral:
        """The referral the caller may see (else 404), without an audit row: for steps,
        whose service records the change."""
        return referral_get_for(viewer=request_user(self.request), public_id=public_id)

    def referral_read(self, public_id: uuid.UUID) -> Referral:
        """The referral the caller may see (else 404), recorded as read."""
        referral = self.referral(public_id)
        self.audit(subject=Subject.of(referral), object_id=str(referral.public_id))
        return referral

    def answer(self, referral: Referral, code: int = status.HTTP_200_OK) -> Response:
        """The referral as it is now, read again through the selector."""
        return Response(ReferralOutSerializer(self.referral(referral.public_id)).data, status=code)


# --- reading -----------------------------------------------------------------------------


class ReferralDetailView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Eén verwijzing"),
        description=_(
            "Voor de verwijzer, de medewerker van het lokale team van het gezin en, vanaf "
            "het versturen, het ontvangende team."
        ),
        responses={200: ReferralOutSerializer},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        return Response(ReferralOutSerializer(self.referral_read(id)).data)


class ReferralEventListView(_ReferralAPIMixin, APIView):
    audit_reason = "Geschiedenis van een verwijzing (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Geschiedenis van een verwijzing"),
        description=_("Elke statuswijziging, oudste eerst; de geschiedenis wordt nooit gewijzigd."),
        responses={200: ReferralEventOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        events = referral_event_list(referral=self.referral_read(id))
        return Response([ReferralEventOutSerializer(event).data for event in events])


class _TeamListView(_ReferralAPIMixin, APIView):
    """A team's queue, cursor-paged in queue order (``?cursor=``, ``?page_size=``)."""

    pagination_class = QueuePagination

    def rows(self, team_id: int) -> Response:
        viewer = request_user(self.request)
        team = team_get_for_member(viewer=viewer, team_id=team_id)
        # What ReferralOutSerializer reads beyond the selector's details, fetched with
        # the rows: without it each row costs two queries (help request, consent).
        queryset = (
            self.select(viewer=viewer, team=team)
            .select_related("help_request", "consent")
            .prefetch_related("expertise", "goal_results")
        )
        paginator = QueuePagination()
        referrals = list(paginator.paginate_queryset(queryset, self.request, view=self) or [])
        self.audit_many(subjects=[(Subject.of(r), str(r.public_id)) for r in referrals])
        # One serializer for the page: a serializer per row copies its fields per row.
        rows = ReferralOutSerializer(referrals, many=True)  # type: ignore[arg-type]  # stubs
        return paginator.get_paginated_response(rows.data)

    def select(self, **kwargs: Any) -> QuerySet[Referral]:
        raise NotImplementedError


class TeamInboxView(_TeamListView):
    audit_reason = "Inbox van het team (API)"

    @override
    def select(self, **kwargs: Any) -> QuerySet[Referral]:
        return team_inbox_for(**kwargs)

    @extend_schema(
        tags=TAGS,
        summary=_("Inbox van een team"),
        description=_(
            "Verstuurde en ontvangen verwijzingen zonder besluit: meest urgent eerst, dan wie "
            "het langst wacht. Alleen voor medewerkers van het team. Per pagina (standaard 50, "
            "``page_size`` tot 200) met cursor-paginering."
        ),
        responses={200: ReferralOutSerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.rows(pk)


class TeamWaitingListView(_TeamListView):
    audit_reason = "Wachtlijst van het team (API)"

    @override
    def select(self, **kwargs: Any) -> QuerySet[Referral]:
        return waiting_list_for(**kwargs)

    @extend_schema(
        tags=TAGS,
        summary=_("Wachtlijst van een team"),
        description=_(
            "Geaccepteerd, hulp nog niet gestart, met de verwachte start: meest urgent eerst, "
            "dan wie het langst wacht. Alleen voor medewerkers van het team. Per pagina "
            "(standaard 50, ``page_size`` tot 200) met cursor-paginering."
        ),
        responses={200: ReferralOutSerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.rows(pk)


class ReferralMatchListView(_ReferralAPIMixin, APIView):
    audit_reason = "Verwijzing: teams vergelijken (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Passende teams voor een verwijzing"),
        description=_(
            "De teams (in het model met een hoofdaannemer: de aanbieders) die het kind "
            "bereiken of het gezin al kennen, beste eerst, met elk deel van de score en de "
            "reden in gewoon Nederlands. Er wordt niets toegewezen: de verwijzer kiest en "
            "verstuurt met /send."
        ),
        parameters=[
            OpenApiParameter("limit", int, description=_("Hoogstens zoveel (1-50, standaard 10)"))
        ],
        responses={200: TeamMatchOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral_read(id)
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        matches = match_teams(referral=referral, limit=query.validated_data["limit"])
        return Response([TeamMatchOutSerializer(match).data for match in matches])


# --- drafting ----------------------------------------------------------------------------


class ReferralCreateView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Verwijzing opstellen"),
        description=_(
            "Een concept uit een hulpvraag, voor één kind van het gezin, met doelen uit het "
            "gezinsplan en de nodige expertise; het delen rust op toestemming van het gezin "
            "(doel: verwijzing) of op een wettelijke grond met toelichting. Weigeringen: "
            "referral_basis_required, referral_basis_ambiguous, explanation_required, "
            "consent_not_valid, child_not_in_household, question_required, goal_not_in_plan, "
            "expertise_required, unknown_expertise (400); referral_action_not_allowed, "
            "referrer_type_missing, referrer_type_mismatch, referrer_type_not_allowed (403); "
            "help_request_not_found (404); help_request_closed (409)."
        ),
        request=ReferralInSerializer,
        responses=_conflict_too(ReferralOutSerializer, status.HTTP_201_CREATED),
    )
    def post(self, request: Request) -> Response:
        viewer = request_user(request)
        data = _valid(ReferralInSerializer, request)
        help_request = help_request_get_for(viewer=viewer, public_id=data["help_request"])
        household = help_request.household
        child = (
            child_list_for_household(household=household).filter(public_id=data["child"]).first()
        )
        if child is None:
            raise ChildNotInHousehold
        consent = None
        if data["consent"] is not None:
            consent = (
                consent_list_for_household(household=household)
                .filter(public_id=data["consent"])
                .first()
            )
            if consent is None:
                raise ConsentNotValid(
                    gettext("Deze toestemming hoort niet bij het gezin van deze hulpvraag.")
                )
        referral = referral_create(
            actor=viewer,
            help_request=help_request,
            child=child,
            question=data["question"],
            goal_ids=data["goal_ids"],
            expertise_codes=data["expertise_codes"],
            urgency=data["urgency"],
            consent=consent,
            legal_ground=data["legal_ground"],
            explanation=data["explanation"],
            referrer_type=data["referrer_type"] or None,
            request=request,
        )
        return self.answer(referral, status.HTTP_201_CREATED)


# --- the referrer's and the team's steps -------------------------------------------------


class ReferralSendView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Verwijzing versturen"),
        description=_(
            "Naar het team dat de verwijzer koos of, in het model met een hoofdaannemer, "
            "naar een aanbieder; vanaf nu ziet die organisatie het gezin. Alleen de "
            "verwijzer of het lokale team van het gezin. Weigeringen: recipient_required, "
            "team_outside_region, provider_cannot_lead (400); referral_action_not_allowed "
            "(403); illegal_transition, consent_not_for_recipient (409)."
        ),
        request=SendInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(SendInSerializer, request)
        referral_send(
            actor=request_user(request),
            referral=referral,
            team=data["team"],
            provider=data["provider"],
            request=request,
        )
        return self.answer(referral)


class ReferralReceiveView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Ontvangst bevestigen"),
        description=_(
            "Een medewerker van het ontvangende team bevestigt dat de verwijzing binnen is."
        ),
        request=None,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        referral_receive(actor=request_user(request), referral=referral, request=request)
        return self.answer(referral)


class ReferralAcceptView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Verwijzing accepteren"),
        description=_(
            "Een coördinator van het ontvangende team; de verwijzing komt op de wachtlijst. "
            "In het model met een hoofdaannemer begint het traject. Weigeringen: "
            "expected_start_in_past, professional_not_in_team (400); "
            "referral_action_not_allowed (403); illegal_transition, team_full, "
            "provider_full (een verwijzing aan de hoofdaannemer zelf: al zijn teams samen), "
            "professional_full (409)."
        ),
        request=AcceptInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(AcceptInSerializer, request)
        referral_accept(
            actor=request_user(request),
            referral=referral,
            expected_start=data["expected_start"],
            professional=data["professional"],
            request=request,
        )
        return self.answer(referral)


class ReferralRejectView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Verwijzing afwijzen"),
        description=_(
            "Een coördinator van het ontvangende team, met een reden uit de lijst en een "
            "toelichting voor de verwijzer; de toegang van het team eindigt."
        ),
        request=RejectInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(RejectInSerializer, request)
        referral_reject(
            actor=request_user(request),
            referral=referral,
            reason_code=data["reason_code"],
            reason=data["reason"],
            request=request,
        )
        return self.answer(referral)


class ReferralStartView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulp gestart"),
        description=_(
            "Een medewerker van het team. Weigeringen: start_before_acceptance, "
            "date_in_future, professional_not_in_team (400); referral_action_not_allowed "
            "(403); illegal_transition (409)."
        ),
        request=StartInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(StartInSerializer, request)
        referral_start(
            actor=request_user(request),
            referral=referral,
            started_on=data["started_on"],
            professional=data["professional"],
            request=request,
        )
        return self.answer(referral)


class ReferralHoldView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulp pauzeren"),
        description=_("Een medewerker van het team; de plaats blijft bezet."),
        request=HoldInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(HoldInSerializer, request)
        referral_hold(
            actor=request_user(request), referral=referral, reason=data["reason"], request=request
        )
        return self.answer(referral)


class ReferralResumeView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulp hervatten"),
        description=_("Een medewerker van het team; alleen vanuit gepauzeerd."),
        request=None,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        referral_resume(actor=request_user(request), referral=referral, request=request)
        return self.answer(referral)


class ReferralCompleteView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulp afronden"),
        description=_(
            "Een medewerker van het team, met een reden beëindiging (iJw JZ588) en een "
            "resultaat voor elk doel van de verwijzing. Weigeringen: goal_results_invalid "
            "(400); referral_action_not_allowed (403); illegal_transition (409)."
        ),
        request=CompleteInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(CompleteInSerializer, request)
        referral_complete(
            actor=request_user(request),
            referral=referral,
            end_reason=data["end_reason"],
            goal_results=data["goal_results"],
            note=data["note"],
            request=request,
        )
        return self.answer(referral)


class ReferralCancelView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Verwijzing annuleren"),
        description=_(
            "De verwijzer of het lokale team van het gezin, of een coördinator van het "
            "ontvangende team; met een reden."
        ),
        request=EndInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(EndInSerializer, request)
        referral_cancel(
            actor=request_user(request),
            referral=referral,
            reason=data["reason"],
            end_reason=data["end_reason"],
            request=request,
        )
        return self.answer(referral)


class ReferralFailView(_ReferralAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Hulp mislukt"),
        description=_(
            "Een medewerker van het team: de hulp kon niet worden gegeven of afgemaakt; "
            "met een reden."
        ),
        request=EndInSerializer,
        responses=_conflict_too(ReferralOutSerializer),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        data = _valid(EndInSerializer, request)
        referral_fail(
            actor=request_user(request),
            referral=referral,
            reason=data["reason"],
            end_reason=data["end_reason"],
            request=request,
        )
        return self.answer(referral)


# --- the trajectory (lead-provider model) ------------------------------------------------


class _TrajectoryAPIMixin(_ReferralAPIMixin):
    audit_object_type = "trajectory"
    audit_reason = "Traject van een verwijzing (API)"

    def trajectory(self, referral: Referral) -> Trajectory:
        trajectory = trajectory_for(referral=referral)
        if trajectory is None:
            raise NotLeadProviderModel
        return trajectory


class TrajectoryView(_TrajectoryAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Traject van een verwijzing"),
        description=_(
            "Alleen in het model met een hoofdaannemer, vanaf het accepteren: de "
            "hoofdaannemer en de onderaannemers. 409 not_lead_provider_model zonder traject."
        ),
        responses=_conflict_too(TrajectoryOutSerializer),
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        trajectory = self.trajectory(referral)
        self.audit(subject=Subject.of(referral), object_id=str(trajectory.public_id))
        return Response(TrajectoryOutSerializer(trajectory).data)


class SubcontractCreateView(_TrajectoryAPIMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary=_("Onderaannemer toevoegen"),
        description=_(
            "De hoofdaannemer laat een deel van het traject doen door een andere aanbieder "
            "van de regio en blijft verantwoordelijk. Weigeringen: subcontract_invalid (400); "
            "referral_action_not_allowed (403); not_lead_provider_model (409)."
        ),
        request=SubcontractInSerializer,
        responses=_conflict_too(SubcontractOutSerializer, status.HTTP_201_CREATED),
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = self.referral(id)
        trajectory = self.trajectory(referral)
        data = _valid(SubcontractInSerializer, request)
        subcontract = trajectory_subcontract_add(
            actor=request_user(request),
            trajectory=trajectory,
            provider=data["provider"],
            description=data["description"],
            request=request,
        )
        found = subcontract_list(trajectory=trajectory).get(pk=subcontract.pk)
        return Response(SubcontractOutSerializer(found).data, status=status.HTTP_201_CREATED)
