"""Pages of the families app: register a family, the dossier, add a child or network
member, record and withdraw consent, share, and "break the glass".

Every household page fetches the household through :func:`household_get_for` (need to
know) and records what it shows with ``Subject.of(household)``. A professional of the
region who is not involved gets the break-the-glass page (403) instead of the dossier;
anyone else gets 404, alike for a missing and a forbidden household.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.accounts.selectors import request_user
from dichtbij.audit.auditing import AuditedViewMixin, NotPersonalMixin, audit_read
from dichtbij.audit.services import Subject
from dichtbij.families.constants import (
    EMERGENCY_ACCESS_ROLES,
    REGISTERING_ROLES,
    AccessLevel,
    NetworkMemberKind,
)
from dichtbij.families.errors import DuplicateChild, FamiliesError, HouseholdNotFound
from dichtbij.families.forms import (
    YES_NO,
    ChildAddForm,
    ConsentForm,
    EmergencyAccessForm,
    HouseholdRegisterForm,
    NetworkMemberForm,
    ShareForm,
)
from dichtbij.families.models import Household
from dichtbij.families.selectors import (
    child_list_for_household,
    consent_list_for_household,
    consent_purposes_for,
    household_access_level_for,
    household_find,
    household_get_for,
    involvement_list_for_household,
    network_list_for_household,
    share_items_for,
    share_list_for_household,
    share_recipient_choices,
)
from dichtbij.families.services import (
    child_add,
    consent_give,
    consent_withdraw,
    emergency_access_open,
    household_register,
    household_share,
    network_member_add,
)

OBJECT_TYPE = "household"


def dossier_url(household: Household) -> str:
    return reverse("families:detail", args=[household.public_id])


def may_break_the_glass(*, viewer: User, household: Household) -> bool:
    """Whether ``viewer`` is offered "break the glass" for ``household``."""
    return viewer.region_id == household.region_id and viewer.role in EMERGENCY_ACCESS_ROLES


def _put_error(form: forms.Form, exc: FamiliesError, fields: dict[str, str] | None = None) -> None:
    """Show a service's refusal at the form field it names (else above the form)."""
    field = str(exc.data.get("field", ""))
    field = (fields or {}).get(field, field)
    form.add_error(field if field in form.fields else None, exc.message)


def emergency_access_page(
    request: HttpRequest, *, public_id: uuid.UUID, form: EmergencyAccessForm | None = None
) -> HttpResponse:
    """The refusal with the break-the-glass form (403; nothing of the family shown)."""
    if form is None:
        form = EmergencyAccessForm(initial={"next": request.get_full_path()})
    return render(
        request,
        "families/emergency_access.html",
        {"form": form, "action": reverse("families:emergency_access", args=[public_id])},
        status=403 if not form.is_bound else 400,
    )


class _HouseholdMixin(LoginRequiredMixin):
    """Loads ``self.household`` with need to know, or refuses (break the glass / 404)."""

    required_level: ClassVar[AccessLevel] = AccessLevel.FULL
    request: HttpRequest
    household: Household
    access_level: AccessLevel | None

    @property
    def viewer(self) -> User:
        return request_user(self.request)

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)  # the login redirect
        public_id = kwargs["household"]
        try:
            self.household = household_get_for(
                viewer=self.viewer, public_id=public_id, level=self.required_level
            )
        except HouseholdNotFound:
            household = household_find(public_id=public_id)
            if household is not None and may_break_the_glass(
                viewer=self.viewer, household=household
            ):
                return emergency_access_page(request, public_id=household.public_id)
            raise Http404(_("Dit gezin bestaat niet of u heeft er geen toegang toe.")) from None
        self.access_level = household_access_level_for(viewer=self.viewer, household=self.household)
        return super().dispatch(request, *args, **kwargs)


class HouseholdDetailView(AuditedViewMixin, _HouseholdMixin, TemplateView):
    """``/gezinnen/<uuid>/``: the dossier. LIMITED access shows the basics only."""

    template_name = "families/detail.html"
    required_level = AccessLevel.LIMITED
    audit_object_type = OBJECT_TYPE
    audit_reason = "Gezinsdossier inzien"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        household = self.household
        full = self.access_level == AccessLevel.FULL
        context.update(
            household=household,
            full=full,
            children=list(child_list_for_household(household=household)),
            network=list(network_list_for_household(household=household)) if full else [],
            involvements=list(involvement_list_for_household(household=household)) if full else [],
            consents=list(consent_list_for_household(household=household)) if full else [],
            may_record_consent=bool(consent_purposes_for(viewer=self.viewer, household=household)),
            shares=list(share_list_for_household(household=household)) if full else [],
            request_url=f"/hulpvragen/nieuw/{household.public_id}/",
            plan_url=f"/gezinsplannen/{household.public_id}/",
        )
        self.audit(subject=Subject.of(household), object_id=str(household.public_id))
        return context


class _HouseholdFormView(AuditedViewMixin, _HouseholdMixin, TemplateView):
    """A form about one household: shows it (audited), saves through a service."""

    template_name = "families/form_page.html"
    audit_object_type = OBJECT_TYPE
    audit_reason = "Gezinsdossier bewerken"
    title: ClassVar[Any] = ""
    intro: ClassVar[Any] = ""
    submit_label: ClassVar[Any] = gettext_lazy("Opslaan")
    success_message: ClassVar[Any] = gettext_lazy("Opgeslagen.")

    def make_form(self, data: Any = None) -> forms.Form:
        raise NotImplementedError

    def save(self, form: Any) -> None:
        raise NotImplementedError

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.save(form)
            except DuplicateChild as exc:
                return self.show(form, duplicate=self.duplicate_context(exc), status=409)
            except FamiliesError as exc:
                _put_error(form, exc)
            else:
                messages.success(request, str(self.success_message))
                return HttpResponseRedirect(dossier_url(self.household))
        return self.show(form, status=400)

    def duplicate_context(self, exc: DuplicateChild) -> dict[str, Any]:
        return duplicate_context(self.request, exc)

    def show(self, form: forms.Form, status: int = 200, **extra: Any) -> HttpResponse:
        self.audit(subject=Subject.of(self.household), object_id=str(self.household.public_id))
        context = self.get_context_data(
            household=self.household,
            form=form,
            title=self.title,
            intro=self.intro,
            submit_label=self.submit_label,
            back_url=dossier_url(self.household),
            **extra,
        )
        return self.render_to_response(context, status=status)


def duplicate_context(request: HttpRequest, exc: DuplicateChild) -> dict[str, Any]:
    """What the page says about an existing registration: a link when the viewer may see
    it (audited as shown), an instruction otherwise."""
    viewer = request_user(request)
    existing = exc.existing.household
    visible = household_access_level_for(viewer=viewer, household=existing) is not None
    if visible:
        audit_read(
            request,
            object_type="child",
            object_id=str(exc.existing.public_id),
            reason="Bestaande registratie getoond bij mogelijke dubbele registratie",
            subject=Subject.of(existing),
        )
    return {
        "match": exc.match,
        "may_register_anyway": exc.may_register_anyway,
        "existing_url": dossier_url(existing) if visible else "",
    }


class ChildAddView(_HouseholdFormView):
    """``/gezinnen/<uuid>/kinderen/nieuw/``."""

    required_level = AccessLevel.LIMITED
    title = gettext_lazy("Kind toevoegen")
    success_message = gettext_lazy("Het kind is toegevoegd.")

    @override
    def make_form(self, data: Any = None) -> forms.Form:
        return ChildAddForm(data, household=self.household)

    @override
    def save(self, form: Any) -> None:
        data = form.cleaned_data
        child_add(
            actor=self.viewer,
            household=self.household,
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            bsn=data["bsn"],
            school=data["school"],
            allow_duplicate=data["register_anyway"],
            request=self.request,
        )


class NetworkMemberAddView(_HouseholdFormView):
    """``/gezinnen/<uuid>/netwerk/nieuw/``."""

    required_level = AccessLevel.LIMITED
    title = gettext_lazy("Iemand uit het netwerk toevoegen")
    intro = gettext_lazy(
        "Een ouder of verzorger, iemand anders uit het netwerk van het kind (opa, coach, "
        "buurvrouw) of een betrokken organisatie (school, huisarts, JGZ)."
    )
    success_message = gettext_lazy("Het netwerklid is toegevoegd.")

    @override
    def make_form(self, data: Any = None) -> forms.Form:
        return NetworkMemberForm(data)

    @override
    def save(self, form: Any) -> None:
        data = form.cleaned_data
        network_member_add(
            actor=self.viewer,
            household=self.household,
            kind=data["kind"],
            name=data["name"],
            relation=data["relation"],
            has_parental_authority=data["has_parental_authority"] == "ja",
            phone=data["phone"],
            email=data["email"],
            request=self.request,
        )


class ConsentGiveView(_HouseholdFormView):
    """``/gezinnen/<uuid>/toestemmingen/nieuw/``: for whoever sees the file in full, and
    for a referrer with limited access the consent for a referral only
    (:func:`consent_purposes_for`); anyone else gets 404."""

    required_level = AccessLevel.LIMITED

    title = gettext_lazy("Toestemming vastleggen")
    intro = gettext_lazy(
        "Leg vast wat het gezin goed vindt om te delen, met wie, waarvoor en tot wanneer. "
        "Het gezin kan de toestemming altijd intrekken; dat werkt meteen."
    )
    success_message = gettext_lazy("De toestemming is vastgelegd.")

    @override
    def make_form(self, data: Any = None) -> forms.Form:
        purposes = consent_purposes_for(viewer=self.viewer, household=self.household)
        if not purposes:
            raise Http404(_("Dit gezin bestaat niet of u heeft er geen toegang toe."))
        return ConsentForm(
            data,
            recipients=share_recipient_choices(household=self.household),
            purposes=purposes,
            # Only what the viewer may later share on it (a GP: the help request).
            items=share_items_for(viewer=self.viewer, household=self.household),
        )

    @override
    def save(self, form: Any) -> None:
        data = form.cleaned_data
        consent_give(
            actor=self.viewer,
            household=self.household,
            recipient=data["recipient"],
            purpose=data["purpose"],
            item=data["item"],
            given_by=data["given_by"],
            method=data["method"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            request=self.request,
        )


class ShareView(_HouseholdFormView):
    """``/gezinnen/<uuid>/delen/``: share with an organisation of the region."""

    title = gettext_lazy("Gegevens delen")
    intro = gettext_lazy(
        "Delen kan met een geldige toestemming van het gezin, of zonder toestemming op een "
        "wettelijke grond die u toelicht. Beide worden vastgelegd."
    )
    submit_label = gettext_lazy("Delen")
    success_message = gettext_lazy("De gegevens zijn gedeeld.")

    @override
    def make_form(self, data: Any = None) -> forms.Form:
        return ShareForm(
            data,
            recipients=share_recipient_choices(household=self.household),
            consents=consent_list_for_household(household=self.household).filter(
                withdrawn_at__isnull=True
            ),
        )

    @override
    def save(self, form: Any) -> None:
        data = form.cleaned_data
        household_share(
            actor=self.viewer,
            household=self.household,
            recipient=data["recipient"],
            item=data["item"],
            consent=data["consent"],
            legal_ground=data["legal_ground"],
            explanation=data["explanation"],
            request=self.request,
        )


class ConsentWithdrawView(AuditedViewMixin, _HouseholdMixin, View):
    """``POST /gezinnen/<uuid>/toestemmingen/<uuid>/intrekken/``: withdraw at once."""

    http_method_names = ["post"]
    audit_object_type = "consent"
    audit_reason = "Toestemming intrekken"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        consent = (
            consent_list_for_household(household=self.household)
            .filter(public_id=kwargs["consent"])
            .first()
        )
        if consent is None:
            raise Http404(_("Deze toestemming bestaat niet."))
        try:
            consent_withdraw(actor=self.viewer, consent=consent, request=request)
        except FamiliesError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("De toestemming is ingetrokken. Wat erop gedeeld was, is niet meer zichtbaar."),
            )
        return HttpResponseRedirect(dossier_url(self.household))


class EmergencyAccessView(AuditedViewMixin, LoginRequiredMixin, View):
    """``/gezinnen/<uuid>/noodtoegang/``: "break the glass" with a written reason.

    ``?next=`` (a path on this site, e.g. the family plan) is where to go afterwards;
    by default the dossier.
    """

    audit_object_type = OBJECT_TYPE
    audit_reason = "Noodtoegang"

    def _household(self, public_id: uuid.UUID) -> Household:
        household = household_find(public_id=public_id)
        if household is None or not may_break_the_glass(
            viewer=request_user(self.request), household=household
        ):
            raise Http404(_("Dit gezin bestaat niet of u heeft er geen toegang toe."))
        return household

    def _next(self, household: Household, candidate: str) -> str:
        if candidate.startswith("/") and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}
        ):
            return candidate
        return dossier_url(household)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        household = self._household(kwargs["household"])
        target = self._next(household, request.GET.get("next", ""))
        if household_access_level_for(viewer=request_user(request), household=household) == (
            AccessLevel.FULL
        ):
            return HttpResponseRedirect(target)
        form = EmergencyAccessForm(initial={"next": target})
        return emergency_access_page(request, public_id=household.public_id, form=form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        household = self._household(kwargs["household"])
        form = EmergencyAccessForm(request.POST)
        if form.is_valid():
            try:
                emergency_access_open(
                    actor=request_user(request),
                    household=household,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except FamiliesError as exc:
                _put_error(form, exc)
            else:
                messages.warning(
                    request,
                    _(
                        "U heeft noodtoegang tot dit dossier. Uw reden is vastgelegd en "
                        "zichtbaar voor de privacy officer."
                    ),
                )
                return HttpResponseRedirect(self._next(household, form.cleaned_data["next"]))
        return emergency_access_page(request, public_id=household.public_id, form=form)


class HouseholdRegisterView(NotPersonalMixin, LoginRequiredMixin, TemplateView):
    """``/gezinnen/nieuw/``: a family with its first child and parent, in one transaction.

    The empty form shows no personal data; the services audit what is saved, and an
    existing registration shown on a duplicate is audited where it is shown.
    """

    template_name = "families/register.html"

    @property
    def viewer(self) -> User:
        return request_user(self.request)

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and (
            not isinstance(user, User) or user.role not in REGISTERING_ROLES or not user.region_id
        ):
            raise PermissionDenied(_("Met uw rol kunt u geen gezin registreren."))
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data: Any = None) -> HouseholdRegisterForm:
        region = self.viewer.region
        assert region is not None
        return HouseholdRegisterForm(data, region=region, initial={"parent_has_authority": ""})

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(self._form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    household = self._register(data)
            except DuplicateChild as exc:
                return self.show(form, duplicate=duplicate_context(request, exc), status=409)
            except _StepError as step:
                _put_error(form, step.error, step.fields)
            else:
                messages.success(request, _("Het gezin is geregistreerd."))
                return HttpResponseRedirect(dossier_url(household))
        return self.show(form, status=400)

    def _register(self, data: dict[str, Any]) -> Household:
        request = self.request
        try:
            household = household_register(
                actor=self.viewer,
                municipality=data["municipality"],
                district=data["district"],
                name=data["name"],
                request=request,
            )
        except FamiliesError as exc:
            raise _StepError(exc) from exc
        try:
            child_add(
                actor=self.viewer,
                household=household,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                bsn=data["bsn"],
                allow_duplicate=data["register_anyway"],
                request=request,
            )
        except DuplicateChild:
            raise
        except FamiliesError as exc:
            raise _StepError(exc, {"name": "first_name"}) from exc
        try:
            network_member_add(
                actor=self.viewer,
                household=household,
                kind=NetworkMemberKind.PARENT,
                name=data["parent_name"],
                relation=data["parent_relation"],
                has_parental_authority=data["parent_has_authority"] == YES_NO[0][0],
                request=request,
            )
        except FamiliesError as exc:
            raise _StepError(
                exc, {"name": "parent_name", "has_parental_authority": "parent_has_authority"}
            ) from exc
        return household

    def show(self, form: HouseholdRegisterForm, status: int = 200, **extra: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form, **extra), status=status)


class _StepError(Exception):
    """A refusal in one step of the registration, with how its fields map to the form."""

    def __init__(self, error: FamiliesError, fields: dict[str, str] | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.fields = fields or {}
