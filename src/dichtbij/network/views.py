"""The specialist network of the user's region, as a page for professionals.

The network is configuration (teams, areas, expertise, ceilings), not personal data, so
the page writes no audit row; it shows no names of professionals (employee data).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from typing_extensions import override

from dichtbij.accounts.models import User
from dichtbij.audit.auditing import NotPersonalMixin
from dichtbij.network import selectors
from dichtbij.network.forms import NetworkFilterForm
from dichtbij.network.models import SpecialistTeam
from dichtbij.regions.constants import SpecialistStructure
from dichtbij.regions.errors import RegionNotFound
from dichtbij.regions.models import Region
from dichtbij.regions.selectors import region_config, region_of


@dataclass(frozen=True)
class TeamRow:
    """A team as the page shows it, in words."""

    id: int
    name: str
    runner: str
    runner_kind: str
    areas: Sequence[str]
    schools: Sequence[str]
    expertise: Sequence[str]
    languages: Sequence[str]
    ceiling: str
    description: str


def team_areas_in_words(team: SpecialistTeam) -> list[str]:
    """``["Amersfoort: Binnenstad, Eemkwartier", "Baarn (hele gemeente)"]``, by gemeente."""
    parts: dict[str, str] = {
        m.name: _("%(gemeente)s (hele gemeente)") % {"gemeente": m.name}
        for m in team.municipalities.all()
    }
    wijken: dict[str, list[str]] = {}
    for district in team.districts.all():
        wijken.setdefault(district.municipality.name, []).append(district.name)
    for gemeente, names in wijken.items():
        parts.setdefault(gemeente, f"{gemeente}: {', '.join(names)}")
    return [parts[name] for name in sorted(parts)]


def team_ceiling_in_words(team: SpecialistTeam) -> str:
    per_professional = team.caseload_per_professional
    if team.max_caseload is None:
        return _("%(per)d lopende trajecten per medewerker; het team samen de som daarvan") % {
            "per": per_professional
        }
    return _("%(team)d lopende trajecten voor het team, %(per)d per medewerker") % {
        "team": team.max_caseload,
        "per": per_professional,
    }


def team_row(team: SpecialistTeam) -> TeamRow:
    runner = team.runner
    return TeamRow(
        id=team.pk,
        name=team.name,
        runner=runner.name,
        runner_kind=_("samenwerkingsverband") if team.consortium_id else _("aanbieder"),
        areas=team_areas_in_words(team),
        schools=[school.name for school in team.schools.all()],
        expertise=[e.name for e in team.expertise.all()],
        languages=[selectors.language_name(code) for code in team.languages],
        ceiling=team_ceiling_in_words(team),
        description=team.description,
    )


class NetworkOverviewView(NotPersonalMixin, LoginRequiredMixin, TemplateView):
    """Teams, consortia and providers of the user's region, filterable by place,
    school, expertise and language."""

    template_name = "network/overview.html"

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not (isinstance(user, User) and user.is_professional):
            raise Http404(_("Pagina niet gevonden."))
        return super().dispatch(request, *args, **kwargs)

    def _region(self) -> Region:
        try:
            return region_of(viewer=self.request.user)
        except RegionNotFound as exc:
            raise Http404(exc.message) from exc

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = self._region()
        form = NetworkFilterForm(self.request.GET or None, region=region)
        teams = selectors.team_list_for_region(region=region)
        filtered = False
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            school = data.get("school")
            municipality = data.get("gemeente") or (school.municipality if school else None)
            if municipality is not None:
                district = data.get("wijk")
                if district is None and school is not None and data.get("gemeente") is None:
                    district = school.district
                teams = selectors.teams_covering(
                    region=region, municipality=municipality, district=district, school=school
                )
                filtered = True
            if data.get("expertise"):
                teams = teams.filter(expertise__code=data["expertise"])
                filtered = True
        found = list(teams)
        if form.is_bound and form.is_valid() and form.cleaned_data.get("taal"):
            found = [team for team in found if form.cleaned_data["taal"] in team.languages]
            filtered = True
        rows = [team_row(team) for team in found]
        help_ = region_config(region=region).specialist_help
        context.update(
            region=region,
            form=form,
            filtered=filtered,
            teams=rows,
            structure=SpecialistStructure(help_.structure).label,
            description=help_.description,
            contracted=help_.contracted_providers,
            consortia=selectors.consortium_list_for_region(region=region),
            providers=selectors.provider_list_for_region(region=region),
        )
        return context
