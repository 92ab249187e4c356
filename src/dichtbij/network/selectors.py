"""Reads of the specialist network, for pages, the API and the referrals app.

The network is configuration of a region (no personal data), so most reads take the
region rather than a viewer; pages and the API pass the viewer's own region
(:func:`dichtbij.regions.selectors.region_of`). Lists of professionals are employee data:
only :func:`team_professional_list` returns them, and no page of this app shows names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from dichtbij.network.capacity import NO_LOAD, TeamCapacity, TeamLoad, capacity_of
from dichtbij.network.errors import AreaOutsideRegion, UnknownExpertise
from dichtbij.network.models import (
    Consortium,
    Expertise,
    Provider,
    SchoolLink,
    SpecialistTeam,
    TeamProfessional,
)
from dichtbij.network.profiles import TeamProfile
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import LANGUAGES
from dichtbij.utils.errors import NotFoundOrForbidden

# --- Expertise ------------------------------------------------------------------------


def expertise_list_for_region(*, region: Region) -> QuerySet[Expertise]:
    """The region's active expertise, in the order of its region file."""
    return Expertise.objects.filter(region=region, active=True).order_by("position")


def expertise_resolve(*, region: Region, codes: Iterable[str]) -> list[Expertise]:
    """The region's active expertise rows for ``codes``, in the order given.

    Raises :class:`UnknownExpertise` naming every code the region does not know.
    """
    wanted = list(dict.fromkeys(codes))
    found = {e.code: e for e in expertise_list_for_region(region=region).filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        known = ", ".join(expertise_list_for_region(region=region).values_list("code", flat=True))
        raise UnknownExpertise(
            gettext('Onbekende expertise "%(codes)s" in %(region)s; kies uit: %(known)s.')
            % {"codes": '", "'.join(unknown), "region": region.name, "known": known},
            codes=unknown,
        )
    return [found[code] for code in wanted]


def language_name(code: str) -> str:
    """The Dutch name of a language code (``tr`` -> Turks); the code if unknown."""
    return LANGUAGES.get(code, code)


# --- Providers and consortia ----------------------------------------------------------


def provider_list_for_region(*, region: Region) -> QuerySet[Provider]:
    """The region's active providers by name, with their consortia and teams."""
    return (
        Provider.objects.filter(region=region, active=True)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "consortia",
                queryset=Consortium.objects.filter(active=True).select_related("organisation"),
            ),
            Prefetch(
                "teams",
                queryset=SpecialistTeam.objects.filter(active=True).select_related("organisation"),
            ),
        )
        .order_by("organisation__name")
    )


def consortium_list_for_region(*, region: Region) -> QuerySet[Consortium]:
    """The region's active consortia by name, with their members."""
    return (
        Consortium.objects.filter(region=region, active=True)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Provider.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .order_by("organisation__name")
    )


# --- Teams ----------------------------------------------------------------------------


def _with_details(teams: QuerySet[SpecialistTeam]) -> QuerySet[SpecialistTeam]:
    return teams.select_related(
        "organisation", "consortium__organisation", "provider__organisation"
    ).prefetch_related(
        Prefetch("expertise", queryset=Expertise.objects.order_by("position")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
        Prefetch(
            "districts",
            queryset=District.objects.select_related("municipality").order_by(
                "municipality__name", "name"
            ),
        ),
        Prefetch("schools", queryset=School.objects.order_by("name")),
    )


def team_list_for_region(
    *, region: Region, include_inactive: bool = False
) -> QuerySet[SpecialistTeam]:
    """The region's teams in file order, with runner, expertise and areas prefetched."""
    teams = SpecialistTeam.objects.filter(region=region)
    if not include_inactive:
        teams = teams.filter(active=True)
    return _with_details(teams).order_by("position", "id")


def team_get(*, region: Region, team_id: int) -> SpecialistTeam:
    """A team of ``region`` (also an inactive one), with details.

    Raises :class:`NotFoundOrForbidden` alike for a missing team and one of another region.
    """
    team = _with_details(SpecialistTeam.objects.filter(region=region, pk=team_id)).first()
    if team is None:
        raise NotFoundOrForbidden(gettext("Dit team bestaat niet in uw regio."))
    return team


def team_get_for_update(*, team_id: int) -> SpecialistTeam:
    """Lock a team row until the end of the current transaction.

    For capacity decisions (accepting a referral): lock, count the live load, decide, all
    in one transaction, so two coordinators cannot both take the last place. Must run
    inside ``transaction.atomic``.
    """
    return SpecialistTeam.objects.select_for_update().get(pk=team_id)


def provider_teams_for_update(*, provider_id: int) -> list[SpecialistTeam]:
    """Lock a lead provider's row and the rows of its active teams until the end of the
    current transaction; return those teams.

    For accepting a referral sent to the provider itself: its place is the provider's
    (all its teams' ceilings together), so two such accepts wait for each other on the
    provider row, and one sent to a team of the provider (which locks that team, see
    :func:`team_get_for_update`) cannot slip in between counting and deciding. Teams are
    locked in id order. Must run inside ``transaction.atomic``.
    """
    Provider.objects.select_for_update().get(pk=provider_id)
    return list(
        SpecialistTeam.objects.select_for_update()
        .filter(provider_id=provider_id, active=True)
        .order_by("pk")
    )


def _check_area(
    *,
    region: Region,
    municipality: Municipality,
    district: District | None,
    school: School | None,
) -> None:
    if municipality.region_id != region.pk:
        raise AreaOutsideRegion(
            gettext("Gemeente %(name)s hoort niet bij %(region)s.")
            % {"name": municipality.name, "region": region.name}
        )
    if district is not None and district.municipality_id != municipality.pk:
        raise AreaOutsideRegion(
            gettext("Wijk %(wijk)s hoort niet bij gemeente %(name)s.")
            % {"wijk": district.name, "name": municipality.name}
        )
    if school is not None and school.municipality.region_id != region.pk:
        raise AreaOutsideRegion(
            gettext("School %(school)s hoort niet bij %(region)s.")
            % {"school": school.name, "region": region.name}
        )


def teams_covering(
    *,
    region: Region,
    municipality: Municipality,
    district: District | None = None,
    school: School | None = None,
) -> QuerySet[SpecialistTeam]:
    """The active teams that can reach a child: they work in its gemeente (and wijk, if
    given), or at its school (from the region file, or by a vast gezicht there).

    Without a wijk, teams that cover only some wijken of the gemeente count too. Raises
    :class:`AreaOutsideRegion` if the gemeente, wijk or school lies elsewhere.
    """
    _check_area(region=region, municipality=municipality, district=district, school=school)
    whole = SpecialistTeam.municipalities.through.objects.filter(
        specialistteam_id=OuterRef("pk"), municipality_id=municipality.pk
    )
    wijken = SpecialistTeam.districts.through.objects.filter(specialistteam_id=OuterRef("pk"))
    wijken = (
        wijken.filter(district_id=district.pk)
        if district is not None
        else wijken.filter(district__municipality_id=municipality.pk)
    )
    reach = Q(Exists(whole)) | Q(Exists(wijken))
    if school is not None:
        listed = SpecialistTeam.schools.through.objects.filter(
            specialistteam_id=OuterRef("pk"), school_id=school.pk
        )
        linked = SchoolLink.objects.filter(
            school_id=school.pk, professional__team_id=OuterRef("pk"), professional__active=True
        )
        reach |= Q(Exists(listed)) | Q(Exists(linked))
    return team_list_for_region(region=region).filter(reach)


def team_professional_list(*, team: SpecialistTeam) -> QuerySet[TeamProfessional]:
    """The team's active professionals with their users and schools (employee data: show
    only to logged-in professionals of the region)."""
    return (
        TeamProfessional.objects.filter(team=team, active=True)
        .select_related("user")
        .prefetch_related("school_links__school")
        .order_by("user__last_name", "user__first_name", "id")
    )


# --- Matching and capacity ------------------------------------------------------------


def _professional_ceilings(team_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    ceilings: dict[int, dict[int, int]] = defaultdict(dict)
    rows = TeamProfessional.objects.filter(team_id__in=team_ids, active=True).values_list(
        "team_id", "user_id", "caseload_ceiling"
    )
    for team_id, user_id, ceiling in rows:
        ceilings[team_id][user_id] = ceiling
    return ceilings


def team_profiles_for_region(*, region: Region) -> list[TeamProfile]:
    """Every active team of the region as a :class:`TeamProfile`, in file order.

    A fixed number of queries whatever the number of teams.
    """
    teams = list(
        SpecialistTeam.objects.filter(region=region, active=True)
        .select_related("organisation", "provider")
        .order_by("position", "id")
    )
    ids = [team.pk for team in teams]
    expertise: dict[int, set[str]] = defaultdict(set)
    for team_id, code in SpecialistTeam.expertise.through.objects.filter(
        specialistteam_id__in=ids
    ).values_list("specialistteam_id", "expertise__code"):
        expertise[team_id].add(code)
    whole: dict[int, set[int]] = defaultdict(set)
    for team_id, municipality_id in SpecialistTeam.municipalities.through.objects.filter(
        specialistteam_id__in=ids
    ).values_list("specialistteam_id", "municipality_id"):
        whole[team_id].add(municipality_id)
    wijken: dict[int, set[int]] = defaultdict(set)
    partial: dict[int, set[int]] = defaultdict(set)
    for team_id, district_id, municipality_id in SpecialistTeam.districts.through.objects.filter(
        specialistteam_id__in=ids
    ).values_list("specialistteam_id", "district_id", "district__municipality_id"):
        wijken[team_id].add(district_id)
        partial[team_id].add(municipality_id)
    schools: dict[int, set[int]] = defaultdict(set)
    for team_id, school_id in SpecialistTeam.schools.through.objects.filter(
        specialistteam_id__in=ids
    ).values_list("specialistteam_id", "school_id"):
        schools[team_id].add(school_id)
    faces: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for team_id, school_id, user_id in SchoolLink.objects.filter(
        professional__team_id__in=ids, professional__active=True
    ).values_list("professional__team_id", "school_id", "professional__user_id"):
        faces[team_id][school_id].add(user_id)
    ceilings = _professional_ceilings(ids)
    return [
        TeamProfile(
            id=team.pk,
            name=team.organisation.name,
            consortium_id=team.consortium_id,
            provider_id=team.provider_id,
            can_be_lead_provider=team.provider is not None and team.provider.can_be_lead_provider,
            expertise=frozenset(expertise[team.pk]),
            languages=tuple(team.languages),
            municipality_ids=frozenset(whole[team.pk]),
            district_ids=frozenset(wijken[team.pk]),
            partial_municipality_ids=frozenset(partial[team.pk]),
            school_ids=frozenset(schools[team.pk]),
            school_professionals={
                school_id: frozenset(users) for school_id, users in faces[team.pk].items()
            },
            caseload_per_professional=team.caseload_per_professional,
            max_caseload=team.max_caseload,
            professional_ceilings=dict(ceilings[team.pk]),
        )
        for team in teams
    ]


def team_capacity(*, team: SpecialistTeam, load: TeamLoad = NO_LOAD) -> TeamCapacity:
    """The team's ceilings with its current ``load`` (from live trajectories, see
    :mod:`dichtbij.network.capacity`)."""
    return capacity_of(
        team_id=team.pk,
        max_caseload=team.max_caseload,
        professional_ceilings=_professional_ceilings([team.pk])[team.pk],
        load=load,
    )


def team_capacities(
    *, teams: Iterable[SpecialistTeam], loads: Mapping[int, TeamLoad] | None = None
) -> dict[int, TeamCapacity]:
    """:func:`team_capacity` for many teams in one query; ``loads`` maps team ids to
    their current load (teams left out carry none). Keyed by team id."""
    teams = list(teams)
    ceilings = _professional_ceilings([team.pk for team in teams])
    loads = loads or {}
    return {
        team.pk: capacity_of(
            team_id=team.pk,
            max_caseload=team.max_caseload,
            professional_ceilings=ceilings[team.pk],
            load=loads.get(team.pk, NO_LOAD),
        )
        for team in teams
    }
