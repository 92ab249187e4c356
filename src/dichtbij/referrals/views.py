"""Pages of the referrals app, under /verwijzingen/.

- ``nieuw/<help_request>/``: the referrer drafts a referral from a help request (and the
  family plan's goals);
- ``<referral>/teams/``: the ranked teams (or lead providers) with every score part in
  plain Dutch; the referrer chooses one and the referral is sent. Nothing is assigned
  without that choice;
- ``<referral>/``: the referral, its status and expected start, its history, and the
  team's next steps (received, accept with expected start, reject with a reason);
- ``team/<team>/``: the team's inbox (new referrals) and waiting list (accepted, not
  started), most urgent first.

Every page fetches through the selectors (need to know: 404 alike for missing and
forbidden), calls one service per POST and records what it shows.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
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
from dichtbij.network.selectors import expertise_list_for_region
from dichtbij.plans.errors import PlanNotFound, PlanVersionNotFound
from dichtbij.plans.selectors import family_plan_get_for, plan_version_get
from dichtbij.referrals.constants import ReferralStatus
from dichtbij.referrals.errors import ReferralNotFound, TeamNotFound
from dichtbij.referrals.forms import AcceptForm, ReferralDraftForm, RejectForm
from dichtbij.referrals.matches import match_teams
from dichtbij.referrals.models import Referral
from dichtbij.referrals.selectors import (
    referral_event_list,
    referral_get_for,
    referral_team_steps_for,
    team_get_for_member,
    team_inbox_for,
    team_list_for_member,
    waiting_list_for,
)
from dichtbij.referrals.services import (
    referral_accept,
    referral_create,
    referral_receive,
    referral_reject,
    referral_send,
)
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
                _("%(recipient)s, %(item)s, tot en met %(until)s")
                % {
                    "recipient": consent.recipient.name,
                    "item": consent.get_item_display(),
                    "until": consent.valid_until.strftime("%d-%m-%Y")
                    if consent.valid_until
                    else _("wederopzegging"),
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

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
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


# --- The referral and the team's steps ---------------------------------------------------


class ReferralDetailView(_ReferralPage):
    """``/verwijzingen/<referral>/``: status, expected start, history, next steps."""

    template_name = "referrals/detail.html"
    audit_reason = "Verwijzing inzien"

    def show(self, status: int = 200, **forms_: Any) -> HttpResponse:
        self.audit_referral()
        referral = self.referral
        can_receive, can_decide = referral_team_steps_for(
            viewer=request_user(self.request), referral=referral
        )
        context = self.get_context_data(
            referral=referral,
            history=list(referral_event_list(referral=referral)),
            accept_form=forms_.get("accept_form") or AcceptForm(prefix="accepteren"),
            reject_form=forms_.get("reject_form") or RejectForm(prefix="afwijzen"),
            is_draft=referral.status == ReferralStatus.DRAFT,
            can_receive=can_receive,
            can_decide=can_decide,
        )
        return self.render_to_response(context, status=status)

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show()


class _StepView(ReferralDetailView):
    """A POST-only step of the team; a refusal shows the referral page with the error."""

    http_method_names = ["post"]


class ReceiveView(_StepView):
    audit_reason = "Verwijzing ontvangen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            referral_receive(actor=request_user(request), referral=self.referral, request=request)
        except DichtbijError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De verwijzing is als ontvangen gemarkeerd."))
        return HttpResponseRedirect(referral_url(self.referral))


class AcceptView(_StepView):
    audit_reason = "Verwijzing accepteren"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AcceptForm(request.POST, prefix="accepteren")
        if not form.is_valid():
            return self.show(status=400, accept_form=form)
        try:
            referral_accept(
                actor=request_user(request),
                referral=self.referral,
                expected_start=form.cleaned_data["expected_start"],
                request=request,
            )
        except DichtbijError as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, accept_form=form)
        messages.success(request, _("De verwijzing is geaccepteerd en staat op de wachtlijst."))
        return HttpResponseRedirect(referral_url(self.referral))


class RejectView(_StepView):
    audit_reason = "Verwijzing afwijzen"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RejectForm(request.POST, prefix="afwijzen")
        if not form.is_valid():
            return self.show(status=400, reject_form=form)
        try:
            referral_reject(
                actor=request_user(request),
                referral=self.referral,
                reason_code=form.cleaned_data["reason_code"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except DichtbijError as exc:
            form_add_refusal(form, exc)
            return self.show(status=400, reject_form=form)
        messages.success(request, _("De verwijzing is afgewezen."))
        return HttpResponseRedirect(referral_url(self.referral))


# --- The team ------------------------------------------------------------------------------


class TeamInboxView(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """``/verwijzingen/team/<team>/``: new referrals and the waiting list of the team."""

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
        inbox = list(team_inbox_for(viewer=viewer, team=team)[:200])
        waiting = list(waiting_list_for(viewer=viewer, team=team)[:200])
        self.audit_many(subjects=[(Subject.of(r), str(r.public_id)) for r in [*inbox, *waiting]])
        return self.render_to_response(
            self.get_context_data(team=team, inbox=inbox, waiting=waiting)
        )


class MyTeamView(NotPersonalMixin, LoginRequiredMixin, View):
    """``/verwijzingen/mijn-team/``: to the inbox of the viewer's (first) team."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        team = team_list_for_member(viewer=request_user(request)).first()
        if team is None:
            raise Http404(_("U werkt niet in een specialistisch team."))
        return HttpResponseRedirect(reverse("referrals:team", args=[team.pk]))
