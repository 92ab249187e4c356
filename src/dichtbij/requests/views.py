"""Pages of the requests app, under /hulpvragen/: the intake and the request page.

The intake (``nieuw/<household>/``) registers a request with its safety screen and, for
the first door, the assessment; the advice is computed at once and the page moves on to
the request (``<request>/``): the question, the advice with its reasons in plain Dutch and
the offers from the sociale kaart, and the decision form. Every page fetches through the
selectors (need to know: 404 alike for missing and forbidden) and records what it shows.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.constants import Role
from dichtbij.accounts.models import User
from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedViewMixin
from dichtbij.audit.services import Subject
from dichtbij.catalogue.selectors import taxonomy_term_choices
from dichtbij.families.constants import AccessLevel
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.models import Household
from dichtbij.families.selectors import (
    child_list_for_household,
    household_access_level_for,
    household_get_for,
)
from dichtbij.requests.constants import (
    THEME_PREFIX,
    Answer,
    EventType,
    HelpRequestStatus,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.errors import HelpRequestNotFound, RequestsError
from dichtbij.requests.forms import (
    FOLLOW,
    AssessmentForm,
    CloseForm,
    DecisionForm,
    IntakeForm,
)
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.selectors import (
    can_take_first_door_steps,
    help_request_event_list,
    help_request_get_for,
    triage_advice_latest,
    triage_decision_for,
)
from dichtbij.requests.services import (
    FIRST_DOOR_ROLES,
    REGISTERING_ROLES,
    help_request_assess,
    help_request_close,
    help_request_register,
    help_request_triage,
    theme_names,
    triage_decide,
)
from dichtbij.utils.forms import form_add_refusal

OBJECT_TYPE = "help_request"


def request_url(help_request: HelpRequest) -> str:
    return reverse("requests:detail", args=[help_request.public_id])


class IntakeView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/hulpvragen/nieuw/<household>/``: take in a help request."""

    template_name = "requests/intake.html"
    audit_object_type = "household"
    audit_reason = "Hulpvraag aanmelden"
    household: Household

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated:
            if not isinstance(user, User) or user.role not in REGISTERING_ROLES:
                raise Http404(_("Pagina niet gevonden."))
            try:
                self.household = household_get_for(
                    viewer=user, public_id=kwargs["household"], level=AccessLevel.LIMITED
                )
            except HouseholdNotFound as exc:
                raise Http404(exc.message) from exc
        return super().dispatch(request, *args, **kwargs)

    def _can_assess(self) -> bool:
        viewer = request_user(self.request)
        return (
            viewer.role in FIRST_DOOR_ROLES
            and household_access_level_for(viewer=viewer, household=self.household)
            == AccessLevel.FULL
        )

    def make_form(self, data: Any = None) -> IntakeForm:
        return IntakeForm(
            data,
            children=list(child_list_for_household(household=self.household)),
            themes=taxonomy_term_choices(prefix=THEME_PREFIX),
            can_assess=self._can_assess(),
        )

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        data = form.cleaned_data
        children = {
            str(child.public_id): child
            for child in child_list_for_household(household=self.household)
        }
        viewer = request_user(request)
        try:
            with transaction.atomic():
                help_request = help_request_register(
                    actor=viewer,
                    household=self.household,
                    children=[children[key] for key in data["children"] if key in children],
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
                    severity=data.get("severity") or "",
                    ordinary_help_enough=data.get("ordinary_help_enough") or "",
                    lowest_score=data.get("lowest_score"),
                    assessment_note=data.get("assessment_note") or "",
                    request=request,
                )
                if form.can_assess and (help_request.is_assessed or help_request.safety_concern):
                    help_request_triage(actor=viewer, help_request=help_request, request=request)
        except (RequestsError, HouseholdNotFound) as exc:
            form_add_refusal(form, exc)
            return self.show(form, status=400)
        messages.success(request, _("De hulpvraag is aangemeld."))
        return HttpResponseRedirect(request_url(help_request))

    def show(self, form: IntakeForm, status: int = 200) -> HttpResponse:
        self.audit(subject=Subject.of(self.household), object_id=str(self.household.public_id))
        context = self.get_context_data(
            household=self.household,
            form=form,
            back_url=reverse("families:detail", args=[self.household.public_id]),
            safety_yes=Answer.YES.label,
        )
        return self.render_to_response(context, status=status)


class _HelpRequestPage(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """A page about one help request, fetched with need to know."""

    template_name = "requests/detail.html"
    audit_object_type = OBJECT_TYPE
    audit_reason = "Hulpvraag inzien"
    help_request: HelpRequest

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated:
            if not isinstance(user, User):
                raise Http404(_("Pagina niet gevonden."))
            try:
                self.help_request = help_request_get_for(
                    viewer=user, public_id=kwargs["help_request"]
                )
            except HelpRequestNotFound as exc:
                raise Http404(exc.message) from exc
        return super().dispatch(request, *args, **kwargs)

    def show(self, status: int = 200, **forms_: Any) -> HttpResponse:
        help_request = self.help_request
        viewer = request_user(self.request)
        self.audit(subject=Subject.of(help_request), object_id=str(help_request.public_id))
        may_act = can_take_first_door_steps(viewer=viewer, help_request=help_request)
        advice = triage_advice_latest(help_request=help_request)
        decision = triage_decision_for(help_request=help_request)
        status_ = help_request.status
        open_ = status_ not in (HelpRequestStatus.DECIDED, HelpRequestStatus.CLOSED)
        context = self.get_context_data(
            help_request=help_request,
            household=help_request.household,
            children=list(help_request.children.all()),
            themes=list(theme_names(help_request.themes).values()),
            advice=advice,
            offers=_offers_with_links(advice.offers if advice is not None else []),
            decision=decision,
            history=_history(help_request),
            may_act=may_act,
            show_assessment_form=may_act and open_,
            show_advice_button=may_act
            and open_
            and (help_request.is_assessed or help_request.safety_concern),
            show_decision_form=may_act
            and advice is not None
            and status_ == HelpRequestStatus.ADVISED,
            show_close_form=may_act and status_ != HelpRequestStatus.CLOSED,
            # A GP, jeugdarts or medisch specialist refers from their own request; the
            # referral page names the region's rule when their type may not refer here.
            may_refer=viewer.role == Role.REFERRER and status_ != HelpRequestStatus.CLOSED,
            assessment_form=forms_.get("assessment_form") or _assessment_form(help_request),
            decision_form=forms_.get("decision_form") or DecisionForm(prefix="besluit"),
            close_form=forms_.get("close_form") or CloseForm(prefix="afsluiten"),
            outcome_labels=dict(TriageOutcome.choices),
            urgency_labels=dict(Urgency.choices),
            household_url=reverse("families:detail", args=[help_request.household.public_id]),
        )
        return self.render_to_response(context, status=status)


def _history(help_request: HelpRequest) -> list[tuple[Any, str]]:
    """``(event, text)`` per event, oldest first; a status change names the new status."""
    statuses = dict(HelpRequestStatus.choices)
    history = []
    for event in help_request_event_list(help_request=help_request):
        text = str(event.get_type_display())
        if event.type == EventType.STATUS_CHANGED:
            new = str(event.parameters.get("to", ""))
            text = _("Status: %(status)s") % {"status": statuses.get(new, new)}
        history.append((event, text))
    return history


def _assessment_form(help_request: HelpRequest) -> AssessmentForm:
    initial = {}
    if help_request.is_assessed:
        initial = {
            "severity": help_request.severity,
            "ordinary_help_enough": help_request.ordinary_help_enough,
            "lowest_score": help_request.lowest_score,
            "assessment_note": help_request.assessment_note,
        }
    return AssessmentForm(prefix="beoordeling", initial=initial)


def _offers_with_links(offers: list[Any]) -> list[dict[str, Any]]:
    """The advice's offers with a link to the hulpwijzer page of each service."""
    shown = []
    for offer in offers:
        item = dict(offer)
        try:
            item["url"] = reverse("catalogue:service", args=[uuid.UUID(str(offer["service_id"]))])
        except (KeyError, ValueError):
            item["url"] = ""
        shown.append(item)
    return shown


class HelpRequestDetailView(_HelpRequestPage):
    """``/hulpvragen/<request>/``: the request, the advice with reasons and offers, and
    the decision form."""

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show()


class _PostOnly(_HelpRequestPage):
    """A form target on the request page: POST only (errors show the request page)."""

    http_method_names = ["post"]


class AssessView(_PostOnly):
    """``/hulpvragen/<request>/beoordeling/`` (POST): assess, then advise at once."""

    audit_reason = "Hulpvraag beoordelen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AssessmentForm(request.POST, prefix="beoordeling")
        if not form.is_valid():
            return self.show(status=400, assessment_form=form)
        data = form.cleaned_data
        viewer = request_user(request)
        try:
            with transaction.atomic():
                help_request_assess(
                    actor=viewer,
                    help_request=self.help_request,
                    severity=data["severity"],
                    ordinary_help_enough=data["ordinary_help_enough"],
                    lowest_score=data.get("lowest_score"),
                    note=data.get("assessment_note") or "",
                    request=request,
                )
                help_request_triage(actor=viewer, help_request=self.help_request, request=request)
        except (RequestsError, HouseholdNotFound) as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, assessment_form=form)
        messages.success(request, _("De beoordeling is opgeslagen en het advies is bijgewerkt."))
        return HttpResponseRedirect(request_url(self.help_request))


class AdviseView(_PostOnly):
    """``/hulpvragen/<request>/advies/`` (POST): ask the triage advice (again)."""

    audit_reason = "Triage-advies opvragen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            help_request_triage(
                actor=request_user(request), help_request=self.help_request, request=request
            )
        except (RequestsError, HouseholdNotFound) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het advies is opgesteld."))
        return HttpResponseRedirect(request_url(self.help_request))


class DecideView(_PostOnly):
    """``/hulpvragen/<request>/besluit/`` (POST): follow the advice or choose otherwise."""

    audit_reason = "Triagebesluit nemen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = DecisionForm(request.POST, prefix="besluit")
        if not form.is_valid():
            return self.show(status=400, decision_form=form)
        data = form.cleaned_data
        advice = triage_advice_latest(help_request=self.help_request)
        if data["choice"] == FOLLOW and advice is not None:
            outcome, urgency = advice.outcome, advice.urgency
        else:
            outcome, urgency = data["outcome"], data["urgency"]
        try:
            triage_decide(
                actor=request_user(request),
                help_request=self.help_request,
                outcome=outcome,
                urgency=urgency,
                reason=data["reason"],
                request=request,
            )
        except (RequestsError, HouseholdNotFound) as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, decision_form=form)
        messages.success(request, _("Het besluit is vastgelegd."))
        return HttpResponseRedirect(request_url(self.help_request))


class CloseView(_PostOnly):
    """``/hulpvragen/<request>/afsluiten/`` (POST)."""

    audit_reason = "Hulpvraag afsluiten"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CloseForm(request.POST, prefix="afsluiten")
        if not form.is_valid():
            return self.show(status=400, close_form=form)
        try:
            help_request_close(
                actor=request_user(request),
                help_request=self.help_request,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except (RequestsError, HouseholdNotFound) as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, close_form=form)
        messages.success(request, _("De hulpvraag is afgesloten."))
        return HttpResponseRedirect(request_url(self.help_request))
