"""A team as matching sees it: loaded once per region, checked in plain Python.

Ranking thousands of referrals against hundreds of teams cannot ask the database per
pair. :func:`dichtbij.network.selectors.team_profiles_for_region` loads every active
team of a region in a fixed number of queries into :class:`TeamProfile` values; their
methods answer "does this team work here, at this school, with this expertise?" without
queries. :func:`dichtbij.network.selectors.teams_covering` gives the same answer from
the database for pages and the API (a test keeps both in step).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from dichtbij.network.capacity import NO_LOAD, TeamCapacity, TeamLoad, capacity_of


@dataclass(frozen=True, slots=True)
class TeamProfile:
    """What matching needs to know of one active team (ids, no rows)."""

    id: int
    name: str
    consortium_id: int | None
    provider_id: int | None
    #: The team's provider may be lead provider (hoofdaannemer); False for consortia.
    can_be_lead_provider: bool
    expertise: frozenset[str]
    languages: tuple[str, ...]
    #: Gemeenten the team covers as a whole.
    municipality_ids: frozenset[int]
    #: Wijken the team covers, and the gemeenten those wijken lie in.
    district_ids: frozenset[int]
    partial_municipality_ids: frozenset[int]
    #: Schools the team works at (from the region file).
    school_ids: frozenset[int]
    #: Vaste gezichten: school id -> user ids of active professionals linked to it.
    school_professionals: Mapping[int, frozenset[int]]
    caseload_per_professional: int
    max_caseload: int | None
    #: Active professionals: user id -> caseload ceiling.
    professional_ceilings: Mapping[int, int]

    def covers_area(self, *, municipality_id: int, district_id: int | None = None) -> bool:
        """Whether the team works in the gemeente, and in the wijk if one is given.

        Without a wijk, a team that covers only some wijken of the gemeente counts.
        """
        if municipality_id in self.municipality_ids:
            return True
        if district_id is None:
            return municipality_id in self.partial_municipality_ids
        return district_id in self.district_ids

    def at_school(self, *, school_id: int) -> bool:
        """Whether the team works at the school, or has a vast gezicht there."""
        return school_id in self.school_ids or school_id in self.school_professionals

    def covers(
        self, *, municipality_id: int, district_id: int | None = None, school_id: int | None = None
    ) -> bool:
        """Area or school: the team can reach the child at home or at school."""
        return self.covers_area(municipality_id=municipality_id, district_id=district_id) or (
            school_id is not None and self.at_school(school_id=school_id)
        )

    def expertise_missing(self, needed: Collection[str]) -> set[str]:
        """The needed expertise codes this team lacks."""
        return set(needed) - self.expertise

    def has_member(self, user_id: int) -> bool:
        """Whether the user is an active professional of the team (for continuity)."""
        return user_id in self.professional_ceilings

    def capacity(self, load: TeamLoad = NO_LOAD) -> TeamCapacity:
        """Ceilings combined with the current ``load`` (see :mod:`~dichtbij.network.capacity`)."""
        return capacity_of(
            team_id=self.id,
            max_caseload=self.max_caseload,
            professional_ceilings=self.professional_ceilings,
            load=load,
        )
