"""Capacity of specialist teams: ceilings from the network, load from live trajectories.

The network stores ceilings only: a team's ``max_caseload`` and each professional's
``caseload_ceiling``. How many trajectories a team and its professionals carry *now* is
derived from live trajectories by the app that owns them (referrals), never kept as a
counter here. That app hands the load in as a :class:`TeamLoad` per team id, produced by
anything that fits :class:`LoadSource`; the selectors ``team_capacity`` and
``team_capacities`` (:mod:`dichtbij.network.selectors`) combine both.

For the race "two coordinators accept the last free place": count the load and accept in
one transaction after locking the team row with
:func:`dichtbij.network.selectors.team_get_for_update`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TeamLoad:
    """The current load of one team: its live trajectories in total, and per assigned
    professional (``by_user``: user id -> live trajectories of that professional)."""

    total: int = 0
    by_user: Mapping[int, int] = field(default_factory=dict)


#: No trajectories at all (before referrals exist, or in tests).
NO_LOAD = TeamLoad()


class LoadSource(Protocol):
    """Where current loads come from: ``source(team_ids=[...]) -> {team_id: TeamLoad}``.

    Implemented by the referrals app from live trajectories (a single grouped query);
    teams it leaves out carry no load.
    """

    def __call__(self, *, team_ids: Collection[int]) -> Mapping[int, TeamLoad]: ...


@dataclass(frozen=True, slots=True)
class ProfessionalCapacity:
    """One active professional of a team: ceiling and current load (user id)."""

    user_id: int
    ceiling: int
    load: int

    @property
    def free(self) -> int:
        return max(0, self.ceiling - self.load)


@dataclass(frozen=True, slots=True)
class TeamCapacity:
    """A team's ceiling, current load and free places.

    ``ceiling`` is the team's ``max_caseload``, or without it the sum of its active
    professionals' ceilings.
    """

    team_id: int
    ceiling: int
    load: int
    professionals: tuple[ProfessionalCapacity, ...] = ()

    @property
    def free(self) -> int:
        """Places left (never negative: a team over its ceiling has 0)."""
        return max(0, self.ceiling - self.load)

    @property
    def is_full(self) -> bool:
        return self.free == 0

    @property
    def occupancy(self) -> float:
        """Load as a fraction of the ceiling (1.0 for a team without any ceiling)."""
        return self.load / self.ceiling if self.ceiling else 1.0


def capacity_of(
    *,
    team_id: int,
    max_caseload: int | None,
    professional_ceilings: Mapping[int, int],
    load: TeamLoad = NO_LOAD,
) -> TeamCapacity:
    """Combine a team's ceilings (``professional_ceilings``: user id -> ceiling of each
    active professional) with its current ``load``."""
    professionals = tuple(
        ProfessionalCapacity(user_id=user_id, ceiling=ceiling, load=load.by_user.get(user_id, 0))
        for user_id, ceiling in sorted(professional_ceilings.items())
    )
    ceiling = max_caseload if max_caseload is not None else sum(p.ceiling for p in professionals)
    return TeamCapacity(
        team_id=team_id, ceiling=ceiling, load=load.total, professionals=professionals
    )
