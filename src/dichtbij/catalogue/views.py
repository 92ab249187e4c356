"""Pages of the sociale kaart: the public hulpwijzer, the professionals' variant, management.

* ``/hulpwijzer/`` and ``/hulpwijzer/<id>/``: search and service pages for everyone.
* ``/hulpwijzer/sociale-kaart/...``: the same for professionals, with referral details,
  searching their own region by default.
* ``/hulpwijzer/beheer/...``: functioneel beheer edits the services of its own region.

Catalogue data is not personal data, so every view is :class:`NotPersonalMixin`. All
forms of the search are GET forms: the pages work without JavaScript.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    QueryDict,
)
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.catalogue import selectors
from dichtbij.catalogue.forms import (
    MAX_RESULTS,
    PAGE_STEP,
    HulpwijzerSearchForm,
    ServiceAdminFilterForm,
    ServiceEditForm,
)
from dichtbij.catalogue.models import Service
from dichtbij.catalogue.search.types import SearchQuery, SearchResult
from dichtbij.catalogue.services import (
    CatalogueEditRefused,
    service_mark_checked,
    service_mark_outdated,
    service_update,
)
from dichtbij.regions.models import Region
from dichtbij.utils.errors import NotFoundOrForbidden

#: Services per page of the management list.
MANAGE_PAGE_SIZE = 50

#: Match reasons that the badges of a result already show.
_REASONS_SHOWN_AS_BADGES = frozenset({"no_referral", "closed"})

#: The query-string keys of the search that a service page carries for its back link.
_SEARCH_KEYS = ("q", "gemeente", "zonder_verwijzing", "leeftijd", "thema", "soort", "wachttijd")


def catalogue_search(*, query: SearchQuery) -> SearchResult:
    """The one catalogue search (looked up at call time, so tests can replace it)."""
    from dichtbij.catalogue import search

    result: SearchResult = search.catalogue_search(query=query)
    return result


@dataclass(frozen=True)
class HitView:
    """A search hit as the page shows it."""

    card: selectors.ServiceCard
    reasons: list[str]
    position: int


def _search_query_string(request: HttpRequest) -> str:
    query = QueryDict(mutable=True)
    for key in _SEARCH_KEYS:
        value = request.GET.get(key, "")
        if value:
            query[key] = value[:300]
    return query.urlencode()


# --- The hulpwijzer -----------------------------------------------------------------------


class _SearchPage(NotPersonalMixin, TemplateView):
    """Search box, filters and ranked results; shared by the public and professional page."""

    template_name = "catalogue/search.html"
    professional = False
    detail_url_name = "catalogue:service"
    search_url_name = "catalogue:search"

    def search_region(self) -> Region | None:
        """The region searched when no gemeente is chosen (``None``: all regions)."""
        return None

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = self.search_region()
        form = HulpwijzerSearchForm(
            self.request.GET or None, region=region, professional=self.professional
        )
        result: SearchResult | None = None
        hits: list[HitView] = []
        crisis: list[selectors.ServiceCard] = []
        more_query = ""
        if form.has_question():
            query = form.search_query()
            result = catalogue_search(query=query)
            crisis_services = list(result.safety.crisis_services) if result.safety else []
            services = [hit.service for hit in result.hits]
            selectors.services_prefetch_for_cards([*crisis_services, *services])
            counts = selectors.region_municipality_counts()
            crisis = [
                selectors.service_card(s, municipality_counts=counts) for s in crisis_services
            ]
            hits = [
                HitView(
                    card=selectors.service_card(hit.service, municipality_counts=counts),
                    reasons=[
                        reason.text
                        for reason in hit.reasons
                        if reason.text and reason.kind not in _REASONS_SHOWN_AS_BADGES
                    ],
                    position=position,
                )
                for position, hit in enumerate(result.hits, start=1)
            ]
            if len(hits) >= query.limit and query.limit < MAX_RESULTS:
                more_query = form.query_string(aantal=min(query.limit + PAGE_STEP, MAX_RESULTS))
        context.update(
            form=form,
            more_filters_open=form.more_filters_used(),
            result=result,
            hits=hits,
            crisis=crisis,
            more_query=more_query,
            next_position=len(hits) + 1,
            search_query=_search_query_string(self.request),
            themes=[] if result is not None else form.theme_choices(),
            professional=self.professional,
            region=region,
            detail_url_name=self.detail_url_name,
            search_url_name=self.search_url_name,
            can_use_professional=selectors.can_use_professional_catalogue(self.request.user),
        )
        return context


class SearchView(_SearchPage):
    """``/hulpwijzer/``: the public hulpwijzer; no login."""


class _ServicePage(NotPersonalMixin, TemplateView):
    template_name = "catalogue/service.html"
    professional = False
    search_url_name = "catalogue:search"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            service = selectors.service_get_public(pk=kwargs["pk"])
        except NotFoundOrForbidden as exc:
            raise Http404(str(exc)) from exc
        search_query = _search_query_string(self.request)
        back_url = reverse(self.search_url_name) + (f"?{search_query}" if search_query else "")
        context.update(
            detail=selectors.service_detail(service=service),
            service=service,
            back_url=back_url,
            has_search=bool(search_query),
            professional=self.professional,
            search_url_name=self.search_url_name,
            referral=self.referral_details(service),
        )
        return context

    def referral_details(self, service: Service) -> selectors.ReferralDetails | None:
        return None


class ServiceView(_ServicePage):
    """``/hulpwijzer/<id>/``: one service for everyone."""


# --- The professionals' variant -----------------------------------------------------------


class _ProfessionalMixin(LoginRequiredMixin):
    """Login required; only the roles that refer or give help (others: 403)."""

    request: HttpRequest

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not selectors.can_use_professional_catalogue(
            request.user
        ):
            raise PermissionDenied(_("Deze pagina is voor professionals in de jeugdhulp."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def viewer(self) -> User:
        user = self.request.user
        assert isinstance(user, User)
        return user


class ProfessionalSearchView(_ProfessionalMixin, _SearchPage):
    """``/hulpwijzer/sociale-kaart/``: search in the user's own region by default."""

    professional = True
    detail_url_name = "catalogue:pro_service"
    search_url_name = "catalogue:pro_search"

    @override
    def search_region(self) -> Region | None:
        return self.viewer.region


class ProfessionalServiceView(_ProfessionalMixin, _ServicePage):
    """``/hulpwijzer/sociale-kaart/<id>/``: a service with who may refer and how."""

    professional = True
    search_url_name = "catalogue:pro_search"

    @override
    def referral_details(self, service: Service) -> selectors.ReferralDetails | None:
        return selectors.referral_details_for(service=service, viewer=self.viewer)


# --- Management -----------------------------------------------------------------------------


class _ManageMixin(LoginRequiredMixin):
    """Functioneel beheer only (others: 403); a service of another region is 404."""

    request: HttpRequest

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not selectors.can_manage_catalogue(request.user):
            raise PermissionDenied(_("Alleen functioneel beheer beheert de sociale kaart."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def viewer(self) -> User:
        user = self.request.user
        assert isinstance(user, User)
        return user

    def get_service(self, pk: uuid.UUID) -> Service:
        try:
            return selectors.service_get_for_admin(viewer=self.viewer, pk=pk)
        except NotFoundOrForbidden as exc:
            raise Http404(str(exc)) from exc


class ManageListView(NotPersonalMixin, _ManageMixin, TemplateView):
    """``/hulpwijzer/beheer/``: the region's services, filtered, 50 per page."""

    template_name = "catalogue/manage_list.html"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = ServiceAdminFilterForm(self.request.GET or None)
        services = selectors.service_list_for_admin(viewer=self.viewer, filters=form.filters())
        page = Paginator(services, MANAGE_PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        context.update(
            form=form,
            page=page,
            rows=[
                (service, selectors.is_checked_recently(service)) for service in page.object_list
            ],
            page_query=query.urlencode(),
        )
        return context


class ManageEditView(NotPersonalMixin, _ManageMixin, TemplateView):
    """``/hulpwijzer/beheer/<id>/``: edit a service; mark it outdated or checked."""

    template_name = "catalogue/manage_edit.html"

    @override
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        service = self.get_service(kwargs["pk"])
        return self.render(service, ServiceEditForm(service=service))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        service = self.get_service(kwargs["pk"])
        form = ServiceEditForm(request.POST, service=service)
        if form.is_valid():
            try:
                service_update(service=service, actor=self.viewer, changes=form.changes())
            except CatalogueEditRefused as exc:
                field = str(exc.data.get("field", ""))
                form.add_error(field if field in form.fields else None, exc.message)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return HttpResponseRedirect(reverse("catalogue:manage_edit", args=[service.pk]))
        return self.render(service, form, status=400)

    def render(self, service: Service, form: ServiceEditForm, status: int = 200) -> HttpResponse:
        context = self.get_context_data(
            service=service,
            form=form,
            checked_recently=selectors.is_checked_recently(service),
            public_url=reverse("catalogue:service", args=[service.pk]),
        )
        return self.render_to_response(context, status=status)


class _ManageActionView(NotPersonalMixin, _ManageMixin, View):
    """A POST-only action on one service; back to its edit page with a message."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        service = self.get_service(kwargs["pk"])
        message = self.act(service)
        messages.success(request, message)
        return HttpResponseRedirect(reverse("catalogue:manage_edit", args=[service.pk]))

    def act(self, service: Service) -> str:
        raise NotImplementedError


class ManageOutdatedView(_ManageActionView):
    """``POST /hulpwijzer/beheer/<id>/verouderd/`` with ``verouderd=1`` or ``0``."""

    @override
    def act(self, service: Service) -> str:
        outdated = self.request.POST.get("verouderd", "1") == "1"
        service_mark_outdated(service=service, actor=self.viewer, outdated=outdated)
        if outdated:
            return _(
                "“%(name)s” is gemarkeerd als verouderd en staat niet meer in de zoekresultaten."
            ) % {"name": service.name}
        return _("“%(name)s” is niet meer gemarkeerd als verouderd.") % {"name": service.name}


class ManageCheckedView(_ManageActionView):
    """``POST /hulpwijzer/beheer/<id>/gecontroleerd/``: checked today by the user."""

    @override
    def act(self, service: Service) -> str:
        service_mark_checked(service=service, actor=self.viewer)
        return _("“%(name)s” is gemarkeerd als gecontroleerd.") % {"name": service.name}
