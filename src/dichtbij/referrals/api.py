"""Read endpoints of the referrals app, under /api/v1/: a referral with its history, and a
team's inbox and waiting list. Same need to know and audit as the pages (404 alike for
missing and forbidden). The writing endpoints follow with the remaining pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from typing_extensions import override

from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedAPIMixin
from dichtbij.audit.services import Subject
from dichtbij.referrals.constants import EventType, ReferralStatus, Urgency
from dichtbij.referrals.models import Referral, ReferralEvent
from dichtbij.referrals.selectors import (
    referral_event_list,
    referral_get_for,
    team_get_for_member,
    team_inbox_for,
    waiting_list_for,
)

TAGS = ["Verwijzingen"]
#: At most this many rows in an inbox or waiting list answer.
TEAM_LIST_LIMIT = 200


class ReferralOutSerializer(serializers.Serializer[Referral]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True)
    child = serializers.UUIDField(source="child.public_id", read_only=True)
    help_request = serializers.UUIDField(source="help_request.public_id", read_only=True)
    status = serializers.ChoiceField(choices=ReferralStatus.choices, read_only=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, read_only=True)
    referrer_type = serializers.CharField(
        read_only=True, help_text=_("iJw COD327-code van de verwijzer.")
    )
    team = serializers.IntegerField(source="team_id", read_only=True, allow_null=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True, allow_null=True)
    question = serializers.CharField(read_only=True)
    expertise = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    sent_at = serializers.DateTimeField(read_only=True, allow_null=True)
    accepted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expected_start = serializers.DateField(read_only=True, allow_null=True)
    started_on = serializers.DateField(read_only=True, allow_null=True)

    def get_expertise(self, referral: Referral) -> list[str]:
        return [item.code for item in referral.expertise.all()]


class ReferralEventOutSerializer(serializers.Serializer[ReferralEvent]):
    type = serializers.ChoiceField(choices=EventType.choices, read_only=True)
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.ChoiceField(choices=ReferralStatus.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(read_only=True)


class _ReferralAPIMixin(AuditedAPIMixin):
    audit_object_type = "referral"
    audit_reason = "Verwijzing (API)"

    def referral(self, public_id: uuid.UUID) -> Referral:
        referral = referral_get_for(viewer=request_user(self.request), public_id=public_id)
        self.audit(subject=Subject.of(referral), object_id=str(referral.public_id))
        return referral


class ReferralDetailView(_ReferralAPIMixin, APIView):
    @extend_schema(tags=TAGS, summary=_("Eén verwijzing"), responses={200: ReferralOutSerializer})
    def get(self, request: Request, id: uuid.UUID) -> Response:
        return Response(ReferralOutSerializer(self.referral(id)).data)


class ReferralEventListView(_ReferralAPIMixin, APIView):
    audit_reason = "Geschiedenis van een verwijzing (API)"

    @extend_schema(
        tags=TAGS,
        summary=_("Geschiedenis van een verwijzing"),
        description=_("Elke statuswijziging, oudste eerst; de geschiedenis wordt nooit gewijzigd."),
        responses={200: ReferralEventOutSerializer(many=True)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        events = referral_event_list(referral=self.referral(id))
        return Response([ReferralEventOutSerializer(event).data for event in events])


class _TeamListView(_ReferralAPIMixin, APIView):
    def rows(self, team_id: int) -> list[dict[str, Any]]:
        viewer = request_user(self.request)
        team = team_get_for_member(viewer=viewer, team_id=team_id)
        referrals = list(self.select(viewer=viewer, team=team)[:TEAM_LIST_LIMIT])
        self.audit_many(subjects=[(Subject.of(r), str(r.public_id)) for r in referrals])
        return [dict(ReferralOutSerializer(r).data) for r in referrals]

    def select(self, **kwargs: Any) -> Any:
        raise NotImplementedError


class TeamInboxView(_TeamListView):
    audit_reason = "Inbox van het team (API)"

    @override
    def select(self, **kwargs: Any) -> Any:
        return team_inbox_for(**kwargs).prefetch_related("expertise")

    @extend_schema(
        tags=TAGS,
        summary=_("Inbox van een team"),
        description=_(
            "Verstuurde en ontvangen verwijzingen zonder besluit: meest urgent eerst, dan wie "
            "het langst wacht. Alleen voor medewerkers van het team."
        ),
        responses={200: ReferralOutSerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.rows(pk))


class TeamWaitingListView(_TeamListView):
    audit_reason = "Wachtlijst van het team (API)"

    @override
    def select(self, **kwargs: Any) -> Any:
        return waiting_list_for(**kwargs).prefetch_related("expertise")

    @extend_schema(
        tags=TAGS,
        summary=_("Wachtlijst van een team"),
        description=_(
            "Geaccepteerd, hulp nog niet gestart, met de verwachte start: meest urgent eerst, "
            "dan wie het langst wacht. Alleen voor medewerkers van het team."
        ),
        responses={200: ReferralOutSerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.rows(pk))
