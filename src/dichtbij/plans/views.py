"""Pages of the family plan, under /gezinsplannen/<household>/.

Each page fetches the household with need to know (``household_get_for``, LIMITED
accepted) and the plan through :mod:`dichtbij.plans.selectors`; a viewer who may not see
the plan gets 404, alike for a missing and a forbidden one. Changing pages need FULL
access. Every page records what it shows with ``Subject.of(household)``; the services
record every change.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import Organisation, User
from dichtbij.audit.auditing import AuditedViewMixin
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject
from dichtbij.families.constants import AccessLevel
from dichtbij.families.errors import HouseholdNotFound
from dichtbij.families.models import Household
from dichtbij.families.selectors import household_get_for
from dichtbij.plans.constants import (
    ActionOwner,
    AgreementMethod,
    GoalResult,
    PlanLead,
    SelfReliance,
)
from dichtbij.plans.errors import PlanContentInvalid, PlanError, PlanNotFound, PlanVersionNotFound
from dichtbij.plans.forms import (
    AgreementForm,
    EvaluationForm,
    GoalForm,
    GoalFormSet,
    LeadHandBackForm,
    LeadTakeOverForm,
    PlanHeaderForm,
    editor_initial,
    plan_editor_content,
)
from dichtbij.plans.models import FamilyPlan, PlanVersion
from dichtbij.plans.pdf import family_plan_pdf
from dichtbij.plans.schema import PlanContent
from dichtbij.plans.selectors import (
    PlanAccess,
    family_plan_with_access_for,
    plan_domain_names,
    plan_evaluation_list,
    plan_version_get,
    plan_version_list,
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
from dichtbij.regions.selectors import region_life_domains, region_plan
from dichtbij.utils.forms import error_summary, form_add_refusal

OBJECT_TYPE = "family_plan"


def plan_url(household: Household, name: str = "detail", **kwargs: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"household": household.public_id, **kwargs})


class _PlanPage(AuditedViewMixin, LoginRequiredMixin, TemplateView):
    """A page about one household's plan. ``needs_edit`` pages need FULL access."""

    audit_object_type = OBJECT_TYPE
    audit_reason = "Gezinsplan inzien voor de hulp aan het gezin"
    needs_edit: ClassVar[bool] = False
    needs_plan: ClassVar[bool] = True
    request: HttpRequest
    household: Household
    access: PlanAccess
    plan: FamilyPlan | None

    @property
    def viewer(self) -> User:
        user = self.request.user
        assert isinstance(user, User)
        return user

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self._load(kwargs["household"])
        return super().dispatch(request, *args, **kwargs)

    def _load(self, public_id: uuid.UUID) -> None:
        try:
            self.household = household_get_for(
                viewer=self.viewer, public_id=public_id, level=AccessLevel.LIMITED
            )
        except HouseholdNotFound:
            raise Http404(str(PlanNotFound().message)) from None
        try:
            self.plan, self.access = family_plan_with_access_for(
                viewer=self.viewer, household=self.household
            )
        except PlanNotFound:
            raise Http404(str(PlanNotFound().message)) from None
        if (self.needs_edit and not self.access.can_edit) or (self.needs_plan and not self.plan):
            raise Http404(str(PlanNotFound().message))

    @property
    def existing_plan(self) -> FamilyPlan:
        if self.plan is None:
            raise Http404(str(PlanNotFound().message))
        return self.plan

    def audit_page(self, *, action: Action = Action.READ, reason: str | None = None) -> None:
        self.audit(
            subject=Subject.of(self.household),
            object_id=str(self.plan.public_id) if self.plan else str(self.household.public_id),
            action=action,
            reason=reason,
        )

    def base_context(self) -> dict[str, Any]:
        return {
            "household": self.household,
            "plan": self.plan,
            "can_edit": self.access.can_edit,
            "plan_name": region_plan(region=self.household.region).name,
            "dossier_url": reverse("families:detail", args=[self.household.public_id]),
            "plan_url": plan_url(self.household),
        }


def _goal_groups(content: PlanContent, domains: dict[str, str]) -> list[dict[str, Any]]:
    """The goals by life domain (region order), numbered as in the plan."""
    order = list(domains)
    numbered = list(enumerate(content.goals, start=1))
    numbered.sort(key=lambda p: (order.index(p[1].domain) if p[1].domain in order else 99, p[0]))
    groups: list[dict[str, Any]] = []
    for number, goal in numbered:
        if not groups or groups[-1]["code"] != goal.domain:
            groups.append(
                {"code": goal.domain, "name": domains.get(goal.domain, goal.domain), "goals": []}
            )
        groups[-1]["goals"].append(
            {
                "number": number,
                "goal": goal,
                "set_with": [
                    _("de jeugdige") if who == "child" else _("de ouders") for who in goal.set_with
                ],
                "actions": [
                    {
                        "action": action,
                        "owner": ActionOwner(action.owner).label
                        if action.owner in ActionOwner.values
                        else action.owner,
                    }
                    for action in goal.actions
                ],
            }
        )
    return groups


def version_context(version: PlanVersion, domains: dict[str, str]) -> dict[str, Any]:
    """What the plan templates show of one version."""
    content = version.plan_content
    agreements = list(version.agreements.all())
    return {
        "version": version,
        "content": content,
        "scores": [
            {
                "name": domains.get(score.domain, score.domain),
                "score": score.score,
                "label": _score_label(score.score),
            }
            for score in content.domain_scores
        ],
        "unscored": [name for code, name in domains.items() if content.score_for(code) is None],
        "goal_groups": _goal_groups(content, domains),
        "agreements": [
            {"agreement": a, "method": AgreementMethod(a.method).label} for a in agreements
        ],
        "lead_is_local_team": content.lead.holder == PlanLead.LOCAL_TEAM,
    }


def _score_label(score: int) -> str:
    return str(SelfReliance(score).label) if score in SelfReliance.values else str(score)


def evaluation_context(
    plan: FamilyPlan, domains: dict[str, str], up_to: int | None = None
) -> list[dict[str, Any]]:
    rows = []
    for evaluation in plan_evaluation_list(plan=plan, up_to_version=up_to):
        goals = {goal.id: goal for goal in evaluation.version.plan_content.goals}
        rows.append(
            {
                "evaluation": evaluation,
                "results": [
                    {
                        "goal": goals.get(result.goal_id),
                        "result": GoalResult(result.result).label,
                        "code": result.result,
                        "note": result.note,
                    }
                    for result in evaluation.goal_results.all()
                ],
                "scores": [
                    {
                        "name": domains.get(s.domain, s.domain),
                        "score": s.score,
                        "label": _score_label(s.score),
                    }
                    for s in evaluation.scores.all()
                ],
            }
        )
    return rows


class PlanDetailView(_PlanPage):
    """``/gezinsplannen/<household>/``: the current plan, or an invitation to make one."""

    template_name = "plans/plan_detail.html"
    needs_plan = False

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        plan = self.plan
        if plan is None:
            if not self.access.can_edit:
                raise Http404(str(PlanNotFound().message))
            self.audit_page(reason="Gezinsplan: nog geen plan, maken voorbereiden")
            return context
        domains = plan_domain_names(region=plan.region)
        versions = list(plan_version_list(plan=plan))
        current = next(v for v in versions if v.number == plan.current_version_number)
        context.update(version_context(current, domains))
        context.update(
            versions=versions,
            evaluations=evaluation_context(plan, domains),
            pdf_url=plan_url(self.household, "pdf"),
        )
        self.audit_page()
        return context


class PlanVersionView(_PlanPage):
    """``.../versies/<n>/``: one version as it was."""

    template_name = "plans/plan_version.html"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        plan = self.existing_plan
        try:
            version = plan_version_get(plan=plan, number=kwargs["number"])
        except PlanVersionNotFound:
            raise Http404(str(PlanVersionNotFound().message)) from None
        domains = plan_domain_names(region=plan.region)
        context.update(version_context(version, domains))
        context.update(
            is_current=version.number == plan.current_version_number,
            evaluations=evaluation_context(plan, domains, up_to=version.number),
            pdf_url=plan_url(self.household, "version_pdf", number=version.number),
        )
        self.audit_page(reason=f"Gezinsplan inzien (versie {version.number})")
        return context


class PlanEditView(_PlanPage):
    """``.../bewerken/``: make the plan, or change it into a new version."""

    template_name = "plans/plan_edit.html"
    needs_edit = True
    needs_plan = False
    audit_reason = "Gezinsplan opstellen of wijzigen met het gezin"

    def _current(self) -> PlanVersion | None:
        if self.plan is None:
            return None
        return plan_version_get(plan=self.plan, number=self.plan.current_version_number)

    def _forms(self, data: Any = None) -> tuple[PlanHeaderForm, BaseFormSet[GoalForm]]:
        region = self.household.region
        domains = region_life_domains(region=region)
        current = self._current()
        content = current.plan_content if current is not None else None
        header_initial, goals_initial, action_rows = editor_initial(
            content, self.plan.next_evaluation_on if self.plan else None
        )
        if data is not None and data.get("action_rows", "").isdigit():
            action_rows = min(int(data["action_rows"]), 10)
        header_initial["based_on"] = self.plan.current_version_number if self.plan else None
        organisations = list(Organisation.objects.filter(region=region).order_by("name"))
        header = PlanHeaderForm(
            data, initial=header_initial, domains=domains, revising=self.plan is not None
        )
        goals = GoalFormSet(
            data,
            initial=goals_initial,
            prefix="goals",
            form_kwargs={
                "domains": domains,
                "organisations": organisations,
                "action_rows": action_rows,
            },
        )
        return header, goals

    def _show(
        self, header: PlanHeaderForm, goals: BaseFormSet[GoalForm], status: int = 200
    ) -> HttpResponse:
        summary = error_summary(header, *goals.forms)
        summary.extend(("", str(error)) for error in goals.non_form_errors())
        context = {
            **self.base_context(),
            "header": header,
            "goals": goals,
            "action_rows": goals.forms[0].action_rows if goals.forms else 0,
            "errors": summary,
            "creating": self.plan is None,
        }
        self.audit_page()
        return self.render_to_response(context, status=status)

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._show(*self._forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header, goals = self._forms(request.POST)
        if not (header.is_valid() and goals.is_valid()):
            return self._show(header, goals, status=400)
        built = plan_editor_content(header, goals, lead=None)
        try:
            if self.plan is None:
                family_plan_create(
                    actor=self.viewer, household=self.household, content=built.data, request=request
                )
                message = _("Het plan is gemaakt (versie 1).")
            else:
                version = family_plan_revise(
                    actor=self.viewer,
                    plan=self.plan,
                    content=built.data,
                    change_note=header.cleaned_data.get("change_note") or "",
                    based_on=header.cleaned_data.get("based_on"),
                    request=request,
                )
                message = _("Het plan is opgeslagen als versie %(n)s.") % {"n": version.number}
        except PlanContentInvalid as exc:
            for error in exc.errors:
                form, name = built.fields.get(error.field, (header, ""))
                form.add_error(name if name in form.fields else None, error.message)
            return self._show(header, goals, status=400)
        except PlanError as exc:
            form, name = built.fields.get(str(exc.data.get("field", "")), (header, ""))
            form.add_error(name if name in form.fields else None, exc.message)
            return self._show(header, goals, status=409 if exc.status == 409 else 400)
        messages.success(request, message)
        return HttpResponseRedirect(plan_url(self.household))


class _PlanFormPage(_PlanPage):
    """A form that records something about an existing plan (FULL access)."""

    template_name = "plans/plan_form.html"
    needs_edit = True
    title: ClassVar[str] = ""
    submit_label: ClassVar[str] = ""
    success_message: ClassVar[str] = ""

    def make_form(self, data: Any = None) -> forms.Form:
        raise NotImplementedError

    def save(self, form: Any) -> None:
        raise NotImplementedError

    def page_context(self) -> dict[str, Any]:
        return {}

    def show(self, form: forms.Form, status: int = 200) -> HttpResponse:
        self.audit_page()
        context = {
            **self.base_context(),
            "form": form,
            "errors": error_summary(form),
            "title": _(self.title),
            "submit_label": _(self.submit_label),
            **self.page_context(),
        }
        return self.render_to_response(context, status=status)

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        try:
            self.save(form)
        except PlanError as exc:
            self.put_error(form, exc)
            return self.show(form, status=400)
        messages.success(request, _(self.success_message))
        return HttpResponseRedirect(plan_url(self.household))

    def put_error(self, form: forms.Form, exc: PlanError) -> None:
        form_add_refusal(form, exc)


class PlanAgreeView(_PlanFormPage):
    """``.../akkoord/``: record the family's agreement to a version."""

    title = "Akkoord van het gezin vastleggen"
    submit_label = "Akkoord vastleggen"
    success_message = "Het akkoord van het gezin is vastgelegd."

    @override
    def make_form(self, data: Any = None) -> AgreementForm:
        plan = self.existing_plan
        numbers = list(range(plan.current_version_number, 0, -1))
        return AgreementForm(
            data,
            versions=numbers,
            initial={"version": plan.current_version_number, "agreed_on": timezone.localdate()},
        )

    @override
    def page_context(self) -> dict[str, Any]:
        return {
            "intro": _(
                "Leg vast dat de jeugdige en de ouders het eens zijn met het plan. Een akkoord "
                "geldt alleen voor de gekozen versie."
            )
        }

    @override
    def save(self, form: AgreementForm) -> None:
        data = form.cleaned_data
        family_plan_agree(
            actor=self.viewer,
            plan=self.existing_plan,
            version=data["version"],
            method=data["method"],
            agreed_on=data["agreed_on"],
            agreed_by=data["agreed_by"],
            request=self.request,
        )


class PlanEvaluateView(_PlanFormPage):
    """``.../evaluatie/``: record an evaluation of the current version."""

    template_name = "plans/plan_evaluate.html"
    title = "Evaluatie vastleggen"
    submit_label = "Evaluatie vastleggen"
    success_message = "De evaluatie is vastgelegd."

    @override
    def make_form(self, data: Any = None) -> EvaluationForm:
        plan = self.existing_plan
        version = PlanVersion.objects.get(plan=plan, number=plan.current_version_number)
        return EvaluationForm(
            data,
            goals=version.plan_content.goals,
            domains=region_life_domains(region=plan.region),
            initial={"evaluated_on": timezone.localdate()},
        )

    @override
    def save(self, form: EvaluationForm) -> None:
        data = form.cleaned_data
        family_plan_evaluate(
            actor=self.viewer,
            plan=self.existing_plan,
            evaluated_on=data["evaluated_on"],
            results=[
                GoalOutcome(
                    goal_id=goal.id or "",
                    result=data[f"result_{goal.id}"],
                    note=data.get(f"result_note_{goal.id}") or "",
                )
                for goal in form.goals
            ],
            scores=form.scores(),
            note=data.get("note") or "",
            next_evaluation_on=data.get("next_evaluation_on"),
            request=self.request,
        )

    @override
    def put_error(self, form: forms.Form, exc: PlanError) -> None:
        assert isinstance(form, EvaluationForm)
        form.add_error(form.field_for(str(exc.data.get("field", ""))), exc.message)


class PlanLeadView(_PlanFormPage):
    """``.../regie/``: the local team takes over regie, or hands it back."""

    title = "Regie"
    success_message = "De regie is aangepast; dit is een nieuwe versie van het plan."

    @property
    def taking_over(self) -> bool:
        return self.existing_plan.lead != PlanLead.LOCAL_TEAM

    @override
    def make_form(self, data: Any = None) -> forms.Form:
        initial = {"since": timezone.localdate()}
        if self.taking_over:
            return LeadTakeOverForm(data, initial=initial)
        return LeadHandBackForm(data, initial=initial)

    @override
    def page_context(self) -> dict[str, Any]:
        plan = self.existing_plan
        if self.taking_over:
            return {
                "title": _("Regie overnemen"),
                "submit_label": _("Regie overnemen"),
                "intro": _(
                    "Nu heeft het gezin de regie. Neem de regie alleen over als het gezin dat "
                    "(even) niet kan. Het plan krijgt een nieuwe versie."
                ),
            }
        return {
            "title": _("Regie teruggeven aan het gezin"),
            "submit_label": _("Regie teruggeven"),
            "intro": _("Het lokale team heeft de regie sinds %(date)s.")
            % {"date": plan.lead_since.strftime("%d-%m-%Y") if plan.lead_since else "-"},
        }

    @override
    def save(self, form: forms.Form) -> None:
        data = form.cleaned_data
        if self.taking_over:
            family_plan_lead_take_over(
                actor=self.viewer,
                plan=self.existing_plan,
                reason=data["reason"],
                since=data["since"],
                request=self.request,
            )
        else:
            family_plan_lead_hand_back(
                actor=self.viewer,
                plan=self.existing_plan,
                since=data["since"],
                note=data.get("note") or "",
                request=self.request,
            )


class PlanPdfView(_PlanPage):
    """``.../pdf/`` and ``.../versies/<n>/pdf/``: the printable plan (an export)."""

    audit_reason = "Gezinsplan afdrukken of downloaden (PDF)"

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        plan = self.existing_plan
        number = kwargs.get("number", plan.current_version_number)
        try:
            version = plan_version_get(plan=plan, number=number)
        except PlanVersionNotFound:
            raise Http404(str(PlanVersionNotFound().message)) from None
        data = family_plan_pdf(version=version)
        self.audit_page(action=Action.EXPORT, reason=f"{self.audit_reason}, versie {number}")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="gezinsplan-versie-{number}.pdf"'
        return response


__all__ = [
    "PlanAgreeView",
    "PlanDetailView",
    "PlanEditView",
    "PlanEvaluateView",
    "PlanLeadView",
    "PlanPdfView",
    "PlanVersionView",
]
