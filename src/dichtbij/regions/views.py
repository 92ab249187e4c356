"""The page that shows a user how their own region works."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.regions import selectors
from dichtbij.regions.constants import (
    FirstDoorKind,
    FundingModel,
    HelpKind,
    PlanLead,
    SpecialistStructure,
)
from dichtbij.regions.errors import RegionNotFound


class MyRegionView(NotPersonalMixin, LoginRequiredMixin, TemplateView):
    """The way of working of the user's region; configuration, no personal data."""

    template_name = "regions/mine.html"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            region = selectors.region_of(viewer=self.request.user)
        except RegionNotFound as exc:
            raise Http404(exc.message) from exc
        config = selectors.region_config(region=region)
        context.update(
            region=region,
            config=config,
            municipalities=selectors.municipality_list_for_region(region=region).prefetch_related(
                "districts"
            ),
            first_door_kind=FirstDoorKind(config.first_door.kind).label,
            referrers=selectors.region_referrers(region=region),
            structure=SpecialistStructure(config.specialist_help.structure).label,
            funding=[
                (kind.label, FundingModel(getattr(config.funding, kind.value)).label)
                for kind in HelpKind
            ],
            plan_lead=PlanLead(config.plan.lead).label,
        )
        return context
