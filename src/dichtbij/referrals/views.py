"""Pages of the referrals app, under /verwijzingen/.

- ``nieuw/<help_request>/``: the referrer drafts a referral from a help request (and the
  family plan's goals);
- ``<referral>/teams/``: the ranked teams (or lead providers) with every score part in
  plain Dutch; the referrer chooses one and the referral is sent. Nothing is assigned
  without that choice;
- ``<referral>/``: the referral, its status and expected start, its history, and the
  team's next steps (received, accept with expected start, reject with a reason);
- ``team/<team>/``: the team's inbox (new referrals) and waiting list (accepted, not
  started), most urgent first;
- the overview (``/verwijzingen/``): the viewer's notifications and the referrals the
  referrer side follows.

Every page fetches through the selectors (need to know: 404 alike for missing and
forbidden), calls one service per POST and records what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import Promise as StrOrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedViewMixin, NotPersonalMixin
from dichtbij.audit.services import Subject
from dichtbij.families.constants import ConsentPurpose
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.selectors import child_list_for_household, consent_list_valid_for_purpose
from dichtbij.network.models import Provider, SpecialistTeam
from dichtbij.network.selectors import expertise_list_for_region, provider_list_for_region
from dichtbij.plans.errors import PlanNotFound, PlanVersionNotFound
from dichtbij.plans.selectors import family_plan_get_for, plan_version_get
from dichtbij.referrals.constants import ReferralStatus, Urgency
from dichtbij.referrals.errors import ReferralNotFound, TeamNotFound
from dichtbij.referrals.forms import (
    AcceptForm,
    CloseForm,
    CompleteForm,
    HoldForm,
    ReferralDraftForm,
    RejectForm,
    StartForm,
    SubcontractForm,
)
from dichtbij.referrals.matches import match_teams
from dichtbij.referrals.models import Referral, TrajectoryLead
from dichtbij.referrals.paging import queue_page
from dichtbij.referrals.selectors import (
    notification_list_for,
    referral_event_list,
    referral_get_for,
    referral_goal_results,
    referral_list_for,
    subcontract_list,
    team_get_for_member,
    team_inbox_for,
    team_list_for_member,
    trajectory_for,
    trajectory_open_lead,
    waiting_list_for,
)
from dichtbij.referrals.services import (
    notifications_mark_read,
    referral_accept,
    referral_cancel,
    referral_check_referrer,
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
from dichtbij.referrals.steps import TEAM_ROLES, Step, may_subcontract, referral_steps_for
from dichtbij.regions.constants import SpecialistStructure
from dichtbij.regions.selectors import region_specialist_structure
from dichtbij.requests.errors import HelpRequestNotFound
from dichtbij.requests.models import HelpRequest
from dichtbij.requests.selectors import help_request_get_for
from dichtbij.utils.errors import DichtbijError
from dichtbij.utils.forms import form_add_refusal

OBJECT_TYPE = "referral"


def referral_url(referral: Referral) -> str:
    return reverse("referrals:detail", args=[referral.public_id])


class _ReferralPage(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """A page about one referral the viewer may see (else 404)."""

    audit_object_type = OBJECT_TYPE
    referral: Referral

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated:
            if not isinstance(user, User):
                raise Http404(_("Pagina niet gevonden."))
            try:
                self.referral = referral_get_for(viewer=user, public_id=kwargs["referral"])
            except ReferralNotFound as exc:
                raise Http404(exc.message) from exc
        return super().dispatch(request, *args, **kwargs)

    def audit_referral(self) -> None:
        self.audit(subject=Subject.of(self.referral), object_id=str(self.referral.public_id))


# --- Draft --------------------------------------------------------------------------------


class ReferralCreateView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/verwijzingen/nieuw/<help_request>/``: draft a referral."""

    template_name = "referrals/create.html"
    audit_object_type = "help_request"
    audit_reason = "Verwijzing opstellen"
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

    def _goals(self) -> list[tuple[str, str]]:
        viewer, household = request_user(self.request), self.help_request.household
        try:
            plan = family_plan_get_for(viewer=viewer, household=household)
            version = plan_version_get(plan=plan, number=plan.current_version_number)
        except (PlanNotFound, PlanVersionNotFound):
            return []
        return [(str(goal.id), goal.text) for goal in version.plan_content.goals]

    def _consents(self) -> Any:
        return consent_list_valid_for_purpose(
            household=self.help_request.household, purpose=ConsentPurpose.REFERRAL
        )

    def make_form(self, data: Any = None) -> ReferralDraftForm:
        household = self.help_request.household
        consents = [
            (
                str(consent.pk),
                (
                    _("%(recipient)s, %(item)s, tot en met %(until)s")
                    if consent.valid_until
                    else _("%(recipient)s, %(item)s, tot wederopzegging")
                )
                % {
                    "recipient": consent.recipient.name,
                    "item": consent.get_item_display(),
                    "until": consent.valid_until.strftime("%d-%m-%Y")
                    if consent.valid_until
                    else "",
                },
            )
            for consent in self._consents()
        ]
        return ReferralDraftForm(
            data,
            children=[
                (str(child.public_id), f"{child.first_name} {child.last_name}")
                for child in child_list_for_household(household=household)
            ],
            goals=self._goals(),
            expertise=[
                (e.code, e.name) for e in expertise_list_for_region(region=household.region)
            ],
            consents=consents,
        )

    def show(self, form: ReferralDraftForm, status: int = 200) -> HttpResponse:
        self.audit(
            subject=Subject.of(self.help_request), object_id=str(self.help_request.public_id)
        )
        context = self.get_context_data(
            form=form,
            help_request=self.help_request,
            household=self.help_request.household,
            back_url=reverse("requests:detail", args=[self.help_request.public_id]),
        )
        return self.render_to_response(context, status=status)

    def refused(self) -> HttpResponse | None:
        """Who may not refer here is told so, with the region's rule, before any form."""
        try:
            referral_check_referrer(actor=request_user(self.request))
        except DichtbijError as exc:
            self.audit(
                subject=Subject.of(self.help_request), object_id=str(self.help_request.public_id)
            )
            context = self.get_context_data(
                refusal=exc.message,
                household=self.help_request.household,
                back_url=reverse("requests:detail", args=[self.help_request.public_id]),
            )
            return self.render_to_response(context, status=exc.status)
        return None

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.refused() or self.show(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refused()
        if refused is not None:
            return refused
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        data = form.cleaned_data
        household = self.help_request.household
        child = child_list_for_household(household=household).get(public_id=data["child"])
        consent = None
        if data.get("consent") and not data.get("legal_ground"):
            consent = self._consents().filter(pk=data["consent"]).first()
        try:
            referral = referral_create(
                actor=request_user(request),
                help_request=self.help_request,
                child=child,
                question=data["question"],
                goal_ids=data.get("goals") or [],
                expertise_codes=data["expertise"],
                urgency=data.get("urgency") or "",
                consent=consent,
                legal_ground=data.get("legal_ground") or "",
                explanation=data.get("explanation") or "",
                request=request,
            )
        except (DichtbijError, HouseholdNotFound) as exc:
            form_add_refusal(form, exc)
            return self.show(form, status=400)
        return HttpResponseRedirect(reverse("referrals:teams", args=[referral.public_id]))


# --- Matching and sending --------------------------------------------------------------


class TeamChoiceView(_ReferralPage):
    """``/verwijzingen/<referral>/teams/``: ranked teams with reasons; choose and send."""

    template_name = "referrals/teams.html"
    audit_reason = "Verwijzing: teams vergelijken"

    def show(self, status: int = 200, error: str = "") -> HttpResponse:
        self.audit_referral()
        matches = match_teams(referral=self.referral, limit=10)
        context = self.get_context_data(
            referral=self.referral,
            matches=matches,
            error=error,
            can_send=self.referral.status == ReferralStatus.DRAFT,
            back_url=referral_url(self.referral),
            # In the lead-provider model the choice is a provider, not a team.
            lead_model=region_specialist_structure(region=self.referral.region)
            == SpecialistStructure.LEAD_PROVIDER,
        )
        return self.render_to_response(context, status=status)

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        region = self.referral.region
        team = provider = None
        try:
            if request.POST.get("team"):
                team = SpecialistTeam.objects.get(region=region, pk=int(request.POST["team"]))
            elif request.POST.get("provider"):
                provider = Provider.objects.get(region=region, pk=int(request.POST["provider"]))
        except (ValueError, SpecialistTeam.DoesNotExist, Provider.DoesNotExist):
            return self.show(status=400, error=_("Dit team werkt niet in de regio van het gezin."))
        try:
            referral_send(
                actor=request_user(request),
                referral=self.referral,
                team=team,
                provider=provider,
                request=request,
            )
        except DichtbijError as exc:
            return self.show(status=400, error=exc.message)
        messages.success(request, _("De verwijzing is verstuurd."))
        return HttpResponseRedirect(referral_url(self.referral))


# --- The referral and its steps ---------------------------------------------------------


@dataclass(frozen=True)
class _StepPage:
    """How the referral page takes one step: its form (none for a plain button), the
    service call with the form's cleaned data, what to say when done, the audit reason."""

    label: StrOrPromise
    take: Callable[[User, Referral, Any, HttpRequest], object]
    done: StrOrPromise
    audit_reason: str
    form: Callable[..., forms.Form] | None = None


@dataclass(frozen=True)
class OfferedStep:
    """A step the page offers: its verb, button label, form (or none), address."""

    verb: Step
    label: StrOrPromise
    form: forms.Form | None
    url: str


def _goals_of(referral: Referral) -> list[tuple[str, str]]:
    """The referral's goals as ``(id, text)``, from the snapshot it carries."""
    return [(str(goal["id"]), str(goal.get("text", ""))) for goal in referral.goals or []]


STEPS: dict[Step, _StepPage] = {
    "receive": _StepPage(
        label=_lazy("Ontvangst bevestigen"),
        take=lambda actor, referral, data, request: referral_receive(
            actor=actor, referral=referral, request=request
        ),
        done=_lazy("De verwijzing is als ontvangen gemarkeerd."),
        audit_reason="Verwijzing ontvangen",
    ),
    "accept": _StepPage(
        label=_lazy("Accepteren"),
        form=AcceptForm,
        take=lambda actor, referral, data, request: referral_accept(
            actor=actor,
            referral=referral,
            expected_start=data["expected_start"],
            request=request,
        ),
        done=_lazy("De verwijzing is geaccepteerd en staat op de wachtlijst."),
        audit_reason="Verwijzing accepteren",
    ),
    "reject": _StepPage(
        label=_lazy("Afwijzen"),
        form=RejectForm,
        take=lambda actor, referral, data, request: referral_reject(
            actor=actor,
            referral=referral,
            reason_code=data["reason_code"],
            reason=data["reason"],
            request=request,
        ),
        done=_lazy("De verwijzing is afgewezen."),
        audit_reason="Verwijzing afwijzen",
    ),
    "start": _StepPage(
        label=_lazy("Hulp starten"),
        form=StartForm,
        take=lambda actor, referral, data, request: referral_start(
            actor=actor, referral=referral, started_on=data["started_on"], request=request
        ),
        done=_lazy("De start van de hulp is vastgelegd."),
        audit_reason="Verwijzing: hulp gestart",
    ),
    "hold": _StepPage(
        label=_lazy("Hulp pauzeren"),
        form=HoldForm,
        take=lambda actor, referral, data, request: referral_hold(
            actor=actor, referral=referral, reason=data["reason"], request=request
        ),
        done=_lazy("De hulp is gepauzeerd."),
        audit_reason="Verwijzing: hulp gepauzeerd",
    ),
    "resume": _StepPage(
        label=_lazy("Hulp hervatten"),
        take=lambda actor, referral, data, request: referral_resume(
            actor=actor, referral=referral, request=request
        ),
        done=_lazy("De hulp is hervat."),
        audit_reason="Verwijzing: hulp hervat",
    ),
    "complete": _StepPage(
        label=_lazy("Hulp afsluiten"),
        form=lambda *args, referral, **kwargs: CompleteForm(
            *args, goals=_goals_of(referral), **kwargs
        ),
        take=lambda actor, referral, form, request: referral_complete(
            actor=actor,
            referral=referral,
            end_reason=form.cleaned_data["end_reason"],
            goal_results=form.goal_results(),
            note=form.cleaned_data["note"],
            request=request,
        ),
        done=_lazy("De hulp is afgesloten, met het resultaat per doel."),
        audit_reason="Verwijzing afsluiten",
    ),
    "cancel": _StepPage(
        label=_lazy("Verwijzing annuleren"),
        form=CloseForm,
        take=lambda actor, referral, data, request: referral_cancel(
            actor=actor,
            referral=referral,
            reason=data["reason"],
            end_reason=data["end_reason"],
            request=request,
        ),
        done=_lazy("De verwijzing is geannuleerd."),
        audit_reason="Verwijzing annuleren",
    ),
    "fail": _StepPage(
        label=_lazy("Hulp kon niet (verder) gegeven worden"),
        form=CloseForm,
        take=lambda actor, referral, data, request: referral_fail(
            actor=actor,
            referral=referral,
            reason=data["reason"],
            end_reason=data["end_reason"],
            request=request,
        ),
        done=_lazy("Vastgelegd dat de hulp niet gegeven kon worden."),
        audit_reason="Verwijzing mislukt",
    ),
}

#: Steps whose service takes the whole form rather than its cleaned data.
_FORM_STEPS = frozenset({"complete"})


def _step_form(verb: Step, referral: Referral, data: Any = None) -> forms.Form | None:
    make = STEPS[verb].form
    if make is None:
        return None
    if verb in _FORM_STEPS:
        return make(data, prefix=verb, referral=referral)
    return make(data, prefix=verb)


class ReferralDetailView(_ReferralPage):
    """``/verwijzingen/<referral>/``: status, expected start, history, and the forms of
    exactly the steps the viewer may take now (:func:`referral_steps_for`)."""

    template_name = "referrals/detail.html"
    audit_reason = "Verwijzing inzien"

    def show(
        self,
        status: int = 200,
        bound: tuple[str, forms.Form] | None = None,
        error: DichtbijError | None = None,
    ) -> HttpResponse:
        self.audit_referral()
        referral = self.referral
        viewer = request_user(self.request)
        offered = referral_steps_for(viewer=viewer, referral=referral)
        steps = [
            OfferedStep(
                verb=verb,
                label=page.label,
                form=bound[1] if bound and bound[0] == verb else _step_form(verb, referral),
                url=reverse(f"referrals:{verb}", args=[referral.public_id]),
            )
            for verb, page in STEPS.items()
            if verb in offered
        ]
        trajectory = trajectory_for(referral=referral)
        lead = trajectory_open_lead(trajectory=trajectory) if trajectory else None
        subcontract_form = None
        if lead is not None and may_subcontract(
            viewer, referral, lead_organisation_id=lead.provider.organisation_id
        ):
            subcontract_form = (
                bound[1] if bound and bound[0] == "subcontract" else self.subcontract_form(lead)
            )
        context = self.get_context_data(
            referral=referral,
            history=list(referral_event_list(referral=referral)),
            steps=steps,
            is_draft=referral.status == ReferralStatus.DRAFT,
            trajectory=trajectory,
            lead=lead,
            subcontracts=list(subcontract_list(trajectory=trajectory)) if trajectory else [],
            subcontract_form=subcontract_form,
            goal_results=referral_goal_results(referral=referral),
            error=error.message if error else "",
        )
        return self.render_to_response(context, status=status)

    def subcontract_form(self, lead: TrajectoryLead, data: Any = None) -> SubcontractForm:
        providers = [
            (str(provider.pk), provider.organisation.name)
            for provider in provider_list_for_region(region=self.referral.region)
            if provider.pk != lead.provider_id
        ]
        return SubcontractForm(data, prefix="subcontract", providers=providers)

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show()


class StepView(ReferralDetailView):
    """``/verwijzingen/<referral>/<stap>/`` (POST): take one step through its service.

    Bad input or a refusal shows the referral page again with the error at the field
    (400), nothing changed; success redirects to the referral with a message.
    """

    http_method_names = ["post"]
    verb: Step = "receive"

    @override
    def audit_referral(self) -> None:
        self.audit(
            subject=Subject.of(self.referral),
            object_id=str(self.referral.public_id),
            reason=STEPS[self.verb].audit_reason,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page = STEPS[self.verb]
        form = _step_form(self.verb, self.referral, request.POST)
        actor = request_user(request)
        if form is not None and not form.is_valid():
            return self.show(status=400, bound=(self.verb, form))
        data: Any = form if self.verb in _FORM_STEPS else (form.cleaned_data if form else {})
        try:
            page.take(actor, self.referral, data, request)
        except DichtbijError as exc:
            offered = referral_steps_for(viewer=actor, referral=self.referral)
            if form is None or self.verb not in offered:
                # No form of this step on the page to show the refusal at.
                return self.show(status=exc.status if exc.status >= 400 else 400, error=exc)
            form_add_refusal(form, exc)
            return self.show(status=400, bound=(self.verb, form))
        messages.success(request, str(page.done))
        return HttpResponseRedirect(referral_url(self.referral))


class SubcontractView(ReferralDetailView):
    """``/verwijzingen/<referral>/onderaannemer/`` (POST): the lead provider adds a part
    another provider delivers (lead-provider model)."""

    http_method_names = ["post"]
    audit_reason = "Onderaannemer toevoegen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        trajectory = trajectory_for(referral=self.referral)
        lead = trajectory_open_lead(trajectory=trajectory) if trajectory else None
        if trajectory is None or lead is None:
            messages.error(request, _("Deze verwijzing heeft geen lopend traject."))
            return HttpResponseRedirect(referral_url(self.referral))
        form = self.subcontract_form(lead, request.POST)
        if not form.is_valid():
            return self.show(status=400, bound=("subcontract", form))
        provider = provider_list_for_region(region=self.referral.region).get(
            pk=int(form.cleaned_data["provider"])
        )
        try:
            trajectory_subcontract_add(
                actor=request_user(request),
                trajectory=trajectory,
                provider=provider,
                description=form.cleaned_data["description"],
                request=request,
            )
        except DichtbijError as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, bound=("subcontract", form))
        messages.success(request, _("De onderaannemer is toegevoegd aan het traject."))
        return HttpResponseRedirect(referral_url(self.referral))


# --- The team ------------------------------------------------------------------------------


class TeamInboxView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/verwijzingen/team/<team>/``: new referrals and the waiting list of the team,
    each paged on its own cursor (``?nieuw=``, ``?wachtlijst=``)."""

    template_name = "referrals/team.html"
    audit_object_type = OBJECT_TYPE
    audit_reason = "Inbox en wachtlijst van het team"

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        viewer = request_user(request)
        try:
            team = team_get_for_member(viewer=viewer, team_id=kwargs["team"])
        except TeamNotFound as exc:
            raise Http404(exc.message) from exc
        inbox = queue_page(request, team_inbox_for(viewer=viewer, team=team), param="nieuw")
        waiting = queue_page(
            request, waiting_list_for(viewer=viewer, team=team), param="wachtlijst"
        )
        shown = [*inbox.rows, *waiting.rows]
        self.audit_many(subjects=[(Subject.of(r), str(r.public_id)) for r in shown])
        return self.render_to_response(
            self.get_context_data(
                team=team,
                inbox=inbox,
                waiting=waiting,
                inbox_rows=_queue_rows(inbox.rows),
                waiting_rows=_queue_rows(waiting.rows),
            )
        )


@dataclass(frozen=True, slots=True)
class _QueueRow:
    """A referral in a queue with its urgency and status in words."""

    referral: Referral
    urgency: str
    status: str


def _queue_rows(referrals: list[Referral]) -> list[_QueueRow]:
    # The labels once per page: get_FOO_display() rebuilds (and translates) the whole
    # choice list for every row, a fifth of the team page's time with 100 rows.
    urgency, status = dict(Urgency.choices), dict(ReferralStatus.choices)
    return [
        _QueueRow(referral=r, urgency=str(urgency[r.urgency]), status=str(status[r.status]))
        for r in referrals
    ]


# --- The viewer's referrals and notifications ----------------------------------------

#: How many referrals and notifications the overview shows (newest first).
OVERVIEW_LIMIT = 100


class OverviewView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/verwijzingen/``: the viewer's notifications (status changes, new referrals,
    overdue steps) and, for the referrer side, the referrals they follow with their
    status and expected start. Team members work from their team's inbox instead."""

    template_name = "referrals/overview.html"
    audit_object_type = OBJECT_TYPE
    audit_reason = "Verwijzingen en meldingen"

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        viewer = request_user(request)
        notifications = list(notification_list_for(viewer=viewer)[:OVERVIEW_LIMIT])
        is_team = viewer.role in TEAM_ROLES
        referrals = [] if is_team else list(referral_list_for(viewer=viewer)[:OVERVIEW_LIMIT])
        self.audit_many(subjects=[(Subject.of(r), str(r.public_id)) for r in referrals])
        return self.render_to_response(
            self.get_context_data(
                notifications=notifications,
                unread=sum(1 for n in notifications if n.read_at is None),
                referrals=referrals,
                is_team=is_team,
            )
        )


class NotificationsReadView(NotPersonalMixin, LoginRequiredMixin, View):
    """``/verwijzingen/meldingen/gelezen/`` (POST): mark all the viewer's notifications
    read; back to the overview."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        count = notifications_mark_read(viewer=request_user(request))
        messages.success(
            request,
            ngettext(
                "%(count)d melding als gelezen gemarkeerd.",
                "%(count)d meldingen als gelezen gemarkeerd.",
                count,
            )
            % {"count": count},
        )
        return HttpResponseRedirect(reverse("referrals:mine"))


class MyTeamView(NotPersonalMixin, LoginRequiredMixin, View):
    """``/verwijzingen/mijn-team/``: to the inbox of the viewer's (first) team."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        team = team_list_for_member(viewer=request_user(request)).first()
        if team is None:
            raise Http404(_("U werkt niet in een specialistisch team."))
        return HttpResponseRedirect(reverse("referrals:team", args=[team.pk]))
