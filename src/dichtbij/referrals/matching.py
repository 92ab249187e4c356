"""Matching: rank the specialist teams (or lead providers) that can take a referral.

The referrer chooses; this module only ranks and explains. Nothing here assigns a team.

Two layers:

- :func:`rank_teams` and :func:`rank_lead_providers` are pure: they take plain values
  (:class:`ReferralFacts`, :class:`~dichtbij.network.profiles.TeamProfile`, loads,
  :class:`Continuity`) and never touch the database, so a region's teams are loaded once
  and thousands of referrals are ranked in plain Python (``benchmarks/test_referrals_*``).
- :func:`dichtbij.referrals.matches.match_teams` gathers those values for one referral
  from the database (a fixed number of queries) and calls the pure ranking the region's
  structure asks for.

Score (0-100), in parts that each carry a plain-Dutch explanation:

==============  ======  ===========================================================
part            points  how
==============  ======  ===========================================================
expertise       40      share of the needed expertise the team has (40 if none asked)
area            20      works where the family lives (gemeente, or the wijk if known);
                        with a known school 14 for home and 6 for a vast gezicht at the
                        child's school (4 if the team only works at that school)
capacity        25      20 scaled down by the expected waiting time (0 from 12 weeks),
                        plus 5 for the share of free places
language        15      speaks the family's language (Dutch while it is unknown)
==============  ======  ===========================================================

Continuity is not a number but a tier: a team where a professional who already knows the
family works ranks first, then the team running help for the family, then a team named in
the family plan, then a team that helped before; within a tier the score decides. A team
is a candidate when it reaches the child (home or school) or has continuity: a family that
moved to a new team structure keeps its running help and its own hulpverlener.

Expected waiting time: places free up at ``ceiling / AVERAGE_TRAJECTORY_WEEKS`` per week;
the referral waits behind the team's waiting list (accepted, not started) and, when the
team is full, until one more place frees up.

Explanations are formatted when read (:attr:`ScorePart.explanation`), so ranking many
referrals does not pay for text nobody shows.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext, ngettext

from dichtbij.network.capacity import NO_LOAD, TeamCapacity, TeamLoad
from dichtbij.network.profiles import TeamProfile
from dichtbij.network.selectors import language_name

#: How long a trajectory takes on average, to turn free places into a waiting time.
AVERAGE_TRAJECTORY_WEEKS = 26
#: From this expected waiting time on, the capacity part gives no points for waiting.
LONG_WAIT_WEEKS = 12
#: The language the teams work in while the family's language is not known.
DEFAULT_LANGUAGE = "nl"

EXPERTISE_POINTS = 40
AREA_POINTS = 20
AREA_HOME_WITH_SCHOOL_POINTS = 14
AREA_SCHOOL_FACE_POINTS = 6
AREA_SCHOOL_TEAM_POINTS = 4
CAPACITY_POINTS = 25
CAPACITY_WAIT_POINTS = 20
LANGUAGE_POINTS = 15


class Part(enum.StrEnum):
    """The parts of a match score (stable values, also in the API)."""

    CONTINUITY = "continuity"
    EXPERTISE = "expertise"
    AREA = "area"
    CAPACITY = "capacity"
    LANGUAGE = "language"


class ContinuityLevel(enum.IntEnum):
    """Why a team already knows the family; higher ranks first."""

    NONE = 0
    EARLIER_TEAM = 1
    NAMED_IN_PLAN = 2
    RUNNING_HELP = 3
    OWN_PROFESSIONAL = 4


# --- Inputs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    """What matching needs to know of one referral (ids and codes, no rows).

    The names are only used in explanations; leave them empty when nobody reads them.
    """

    municipality_id: int
    district_id: int | None = None
    school_id: int | None = None
    #: Needed expertise codes, in the order the referrer gave them.
    expertise: tuple[str, ...] = ()
    #: The family's language (ISO 639 code), or ``None`` when not known.
    language: str | None = None
    municipality_name: str = ""
    district_name: str = ""
    school_name: str = ""
    #: Expertise code -> Dutch name, for explanations.
    expertise_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Continuity:
    """Who already knows the family, as ids: from its earlier and running referrals and
    from its family plan."""

    #: Teams with running help for the family (accepted, in progress, on hold).
    running_team_ids: frozenset[int] = frozenset()
    #: Teams that helped the family before, or received a referral for it.
    earlier_team_ids: frozenset[int] = frozenset()
    #: Teams whose organisation the family plan names.
    plan_team_ids: frozenset[int] = frozenset()
    #: Professionals (user ids) who help or helped the family.
    professional_ids: frozenset[int] = frozenset()
    #: Lead-provider model: providers with running help, and that helped before.
    running_provider_ids: frozenset[int] = frozenset()
    earlier_provider_ids: frozenset[int] = frozenset()

    def levels_in(self, team_set: TeamSet) -> dict[int, tuple[ContinuityLevel, tuple[int, ...]]]:
        """Team id -> continuity level and the professionals there who know the family,
        for the teams of ``team_set`` with any continuity (the others have none)."""
        levels: dict[int, tuple[ContinuityLevel, tuple[int, ...]]] = {}
        for level, team_ids in (
            (ContinuityLevel.EARLIER_TEAM, self.earlier_team_ids),
            (ContinuityLevel.NAMED_IN_PLAN, self.plan_team_ids),
            (ContinuityLevel.RUNNING_HELP, self.running_team_ids),
        ):
            for team_id in team_ids:
                if team_id in team_set.by_id:
                    levels[team_id] = (level, ())
        known: dict[int, list[int]] = defaultdict(list)
        for user_id in sorted(self.professional_ids):
            for team_id in team_set.by_member.get(user_id, ()):
                known[team_id].append(user_id)
        for team_id, users in known.items():
            levels[team_id] = (ContinuityLevel.OWN_PROFESSIONAL, tuple(users))
        return levels

    @property
    def is_empty(self) -> bool:
        return not (
            self.running_team_ids
            or self.earlier_team_ids
            or self.plan_team_ids
            or self.professional_ids
            or self.running_provider_ids
            or self.earlier_provider_ids
        )


NO_CONTINUITY = Continuity()


class TeamSet:
    """Teams indexed by where they work, built once and reused for many referrals.

    :func:`rank_teams` accepts a plain sequence too and builds one on the fly.
    """

    __slots__ = (
        "by_district",
        "by_id",
        "by_municipality",
        "by_partial",
        "by_member",
        "by_school",
        "ceilings",
        "teams",
    )

    def __init__(self, teams: Iterable[TeamProfile]) -> None:
        self.teams: tuple[TeamProfile, ...] = tuple(teams)
        self.by_id: dict[int, TeamProfile] = {team.id: team for team in self.teams}
        #: As :func:`~dichtbij.network.capacity.capacity_of`: the team's own ceiling, or
        #: the sum of its professionals' ceilings.
        self.ceilings: dict[int, int] = {
            team.id: team.max_caseload
            if team.max_caseload is not None
            else sum(team.professional_ceilings.values())
            for team in self.teams
        }
        municipality: dict[int, list[TeamProfile]] = defaultdict(list)
        partial: dict[int, list[TeamProfile]] = defaultdict(list)
        district: dict[int, list[TeamProfile]] = defaultdict(list)
        school: dict[int, list[TeamProfile]] = defaultdict(list)
        member: dict[int, list[int]] = defaultdict(list)
        for team in self.teams:
            for user_id in team.professional_ceilings:
                member[user_id].append(team.id)
            for municipality_id in team.municipality_ids:
                municipality[municipality_id].append(team)
            for municipality_id in team.partial_municipality_ids - team.municipality_ids:
                partial[municipality_id].append(team)
            for district_id in team.district_ids:
                district[district_id].append(team)
            for school_id in team.school_ids | set(team.school_professionals):
                school[school_id].append(team)
        self.by_municipality = {k: tuple(v) for k, v in municipality.items()}
        self.by_partial = {k: tuple(v) for k, v in partial.items()}
        self.by_district = {k: tuple(v) for k, v in district.items()}
        self.by_school = {k: tuple(v) for k, v in school.items()}
        #: Active professional (user id) -> the teams they work in.
        self.by_member = {k: tuple(v) for k, v in member.items()}

    @classmethod
    def of(cls, teams: Sequence[TeamProfile] | TeamSet) -> TeamSet:
        return teams if isinstance(teams, TeamSet) else cls(teams)

    def capacity(self, team_id: int, load: TeamLoad) -> TeamCapacity:
        """The team's capacity with ``load`` (without the per-professional breakdown)."""
        return TeamCapacity(team_id=team_id, ceiling=self.ceilings[team_id], load=load.total)

    def reaching_home(self, facts: ReferralFacts) -> set[int]:
        """Ids of the teams that work where the family lives (see ``covers_area``)."""
        found = {team.id for team in self.by_municipality.get(facts.municipality_id, ())}
        if facts.district_id is None:
            found.update(team.id for team in self.by_partial.get(facts.municipality_id, ()))
        else:
            found.update(team.id for team in self.by_district.get(facts.district_id, ()))
        return found

    def reaching_school(self, facts: ReferralFacts) -> set[int]:
        if facts.school_id is None:
            return set()
        return {team.id for team in self.by_school.get(facts.school_id, ())}


# --- Outputs --------------------------------------------------------------------------


class ScorePart(NamedTuple):
    """One part of a score: points out of a maximum, and why (a stable ``reason`` code with
    its arguments; :attr:`explanation` says it in plain Dutch)."""

    part: Part
    points: int
    max_points: int
    reason: str
    args: tuple[object, ...] = ()

    @property
    def explanation(self) -> str:
        return _EXPLAIN[self.reason](*self.args)

    @property
    def label(self) -> str:
        return _PART_LABELS[self.part]()


class TeamMatch(NamedTuple):
    """One ranked candidate: a team, or in the lead-provider model a provider (then
    ``team_id`` is ``None`` and ``team_ids`` are its teams that reach the child).

    Like :class:`ScorePart` a named tuple: immutable and cheap to make by the thousand.
    """

    team_id: int | None
    provider_id: int | None
    name: str
    score: int
    continuity: ContinuityLevel
    parts: tuple[ScorePart, ...]
    covered_expertise: tuple[str, ...]
    missing_expertise: tuple[str, ...]
    #: Expected waiting time in weeks; ``None`` when the team states no capacity at all.
    expected_wait_weeks: int | None
    free_places: int
    #: Professionals of the team who know the family (continuity), and the team's vaste
    #: gezichten at the child's school: suggestions for the coordinator, never assigned.
    known_professional_ids: tuple[int, ...] = ()
    school_professional_ids: tuple[int, ...] = ()
    team_ids: tuple[int, ...] = ()

    def part(self, part: Part) -> ScorePart:
        return next(p for p in self.parts if p.part is part)

    @property
    def sort_key(self) -> tuple[int, int, float, str, int]:
        wait = math.inf if self.expected_wait_weeks is None else self.expected_wait_weeks
        return (-self.continuity, -self.score, wait, self.name, self.team_id or 0)


# --- Pure ranking ---------------------------------------------------------------------


def expected_wait_weeks(capacity: TeamCapacity, *, waiting: int = 0) -> int | None:
    """Weeks until a new referral can start: behind the ``waiting`` (accepted, not
    started) and, when the team is full, until one more place frees up. ``None`` for a
    team without any ceiling."""
    return _wait_weeks(capacity.ceiling, capacity.load, waiting)


def _wait_weeks(ceiling: int, load: int, waiting: int) -> int | None:
    if ceiling <= 0:
        return None
    ahead = waiting + max(0, load - ceiling + 1)
    if ahead <= 0:
        return 0
    return math.ceil(ahead * AVERAGE_TRAJECTORY_WEEKS / ceiling)


def _expertise_part(
    needed: tuple[str, ...], has: Collection[str], names: Mapping[str, str], *, lead: bool
) -> tuple[ScorePart, tuple[str, ...], tuple[str, ...]]:
    if not needed:
        return ScorePart(Part.EXPERTISE, EXPERTISE_POINTS, EXPERTISE_POINTS, "none_asked"), (), ()
    covered = tuple(code for code in needed if code in has)
    missing = tuple(code for code in needed if code not in has)
    points = round(EXPERTISE_POINTS * len(covered) / len(needed))
    if not missing:
        part = ScorePart(Part.EXPERTISE, points, EXPERTISE_POINTS, "all", (covered, names))
    elif not covered:
        part = ScorePart(Part.EXPERTISE, 0, EXPERTISE_POINTS, "none", (missing, names, lead))
    else:
        reason = "some"
        part = ScorePart(
            Part.EXPERTISE, points, EXPERTISE_POINTS, reason, (covered, missing, names, lead)
        )
    return part, covered, missing


def _area_part(facts: ReferralFacts, *, home: bool, face: bool, at_school: bool) -> ScorePart:
    place = (facts.municipality_name, facts.district_name)
    if facts.school_id is None:
        if home:
            return ScorePart(Part.AREA, AREA_POINTS, AREA_POINTS, "home", place)
        return ScorePart(Part.AREA, 0, AREA_POINTS, "elsewhere", place)
    points = AREA_HOME_WITH_SCHOOL_POINTS if home else 0
    if face:
        points += AREA_SCHOOL_FACE_POINTS
        reason = "home_and_face" if home else "face"
    elif at_school:
        points += AREA_SCHOOL_TEAM_POINTS
        reason = "home_and_school" if home else "school"
    else:
        reason = "home_not_school" if home else "elsewhere"
    return ScorePart(Part.AREA, points, AREA_POINTS, reason, (*place, facts.school_name))


def _capacity_part(ceiling: int, load: int, waiting: int) -> tuple[ScorePart, int | None]:
    weeks = _wait_weeks(ceiling, load, waiting)
    if weeks is None:
        return ScorePart(Part.CAPACITY, 0, CAPACITY_POINTS, "no_ceiling"), None
    free = max(0, ceiling - load)
    wait_points = CAPACITY_WAIT_POINTS * max(0.0, 1 - weeks / LONG_WAIT_WEEKS)
    free_points = (CAPACITY_POINTS - CAPACITY_WAIT_POINTS) * free / ceiling
    reason = "waiting" if weeks else "free"
    if not free:
        reason = "full"
    args = (free, ceiling, load, waiting, weeks)
    part = ScorePart(Part.CAPACITY, round(wait_points + free_points), CAPACITY_POINTS, reason, args)
    return part, weeks


def _language_part(language: str | None, spoken: Collection[str]) -> ScorePart:
    wanted = language or DEFAULT_LANGUAGE
    points = LANGUAGE_POINTS if wanted in spoken else 0
    if language is None:
        reason = "unknown_dutch" if points else "unknown_no_dutch"
    else:
        reason = "speaks" if points else "does_not_speak"
    return ScorePart(Part.LANGUAGE, points, LANGUAGE_POINTS, reason, (wanted, tuple(spoken)))


def _continuity_part(level: ContinuityLevel, *, lead: bool) -> ScorePart:
    reason = f"continuity_{level.name.lower()}" + ("_provider" if lead else "")
    return ScorePart(Part.CONTINUITY, 0, 0, reason)


_CONTINUITY_PARTS = {level: _continuity_part(level, lead=False) for level in ContinuityLevel}
_PROVIDER_CONTINUITY_PARTS = {
    level: _continuity_part(level, lead=True) for level in ContinuityLevel
}
NO_LEVEL: tuple[ContinuityLevel, tuple[int, ...]] = (ContinuityLevel.NONE, ())
NOBODY: frozenset[int] = frozenset()


def rank_teams(
    *,
    facts: ReferralFacts,
    teams: Sequence[TeamProfile] | TeamSet,
    loads: Mapping[int, TeamLoad] | None = None,
    continuity: Continuity = NO_CONTINUITY,
    waiting: Mapping[int, int] | None = None,
    limit: int | None = None,
) -> list[TeamMatch]:
    """Rank the teams that can take a referral, best first (no database access).

    Candidates are the teams that reach the child (home area or school) and the teams
    with continuity. ``loads`` and ``waiting`` (accepted, not started) are per team id;
    teams left out carry none. See the module docstring for the score.
    """
    team_set = TeamSet.of(teams)
    loads = loads or {}
    waiting = waiting or {}
    home = team_set.reaching_home(facts)
    school_id = facts.school_id
    candidates = home | team_set.reaching_school(facts)
    levels = continuity.levels_in(team_set) if not continuity.is_empty else {}
    candidates.update(levels)
    matches = []
    for team_id in candidates:
        team = team_set.by_id[team_id]
        level, known = levels.get(team_id, NO_LEVEL)
        faces = team.school_professionals.get(school_id, NOBODY) if school_id else NOBODY
        expertise, covered, missing = _expertise_part(
            facts.expertise, team.expertise, facts.expertise_names, lead=False
        )
        area = _area_part(
            facts, home=team_id in home, face=bool(faces), at_school=school_id in team.school_ids
        )
        ceiling = team_set.ceilings[team_id]
        load = loads.get(team_id, NO_LOAD).total
        capacity_part, weeks = _capacity_part(ceiling, load, waiting.get(team_id, 0))
        language = _language_part(facts.language, team.languages)
        matches.append(
            TeamMatch(
                team_id=team_id,
                provider_id=team.provider_id,
                name=team.name,
                score=expertise.points + area.points + capacity_part.points + language.points,
                continuity=level,
                parts=(_CONTINUITY_PARTS[level], expertise, area, capacity_part, language),
                covered_expertise=covered,
                missing_expertise=missing,
                expected_wait_weeks=weeks,
                free_places=max(0, ceiling - load),
                known_professional_ids=known,
                school_professional_ids=tuple(sorted(faces)),
                team_ids=(team_id,),
            )
        )
    matches.sort(key=_sort_key)
    return matches if limit is None else matches[:limit]


def _sort_key(match: TeamMatch) -> tuple[int, int, float, str, int]:
    return match.sort_key


def rank_lead_providers(
    *,
    facts: ReferralFacts,
    teams: Sequence[TeamProfile] | TeamSet,
    provider_names: Mapping[int, str],
    loads: Mapping[int, TeamLoad] | None = None,
    provider_loads: Mapping[int, TeamLoad] | None = None,
    continuity: Continuity = NO_CONTINUITY,
    waiting: Mapping[int, int] | None = None,
    limit: int | None = None,
) -> list[TeamMatch]:
    """Lead-provider model: rank the providers that may be hoofdaannemer, best first.

    A provider is a candidate through its teams that reach the child or have continuity;
    it is scored on those teams together: the expertise any of them has (what is missing
    it may sub-contract), the best area, their capacity summed (plus ``provider_loads``:
    live trajectories held by the provider without a team), the languages any of them
    speaks. Providers that may only be sub-contractors are left out.
    """
    team_set = TeamSet.of(teams)
    loads = loads or {}
    provider_loads = provider_loads or {}
    waiting = waiting or {}
    home = team_set.reaching_home(facts)
    school = team_set.reaching_school(facts)
    school_id = facts.school_id
    levels = continuity.levels_in(team_set) if not continuity.is_empty else {}
    known_providers = continuity.running_provider_ids | continuity.earlier_provider_ids
    by_provider: dict[int, list[TeamProfile]] = defaultdict(list)
    for team_id in sorted(home | school | set(levels)):
        team = team_set.by_id[team_id]
        if team.provider_id is not None and team.can_be_lead_provider:
            by_provider[team.provider_id].append(team)
    for team in team_set.teams:
        if team.provider_id in known_providers and team.id not in home | school | set(levels):
            by_provider[team.provider_id].append(team)
    matches = []
    for provider_id, provider_teams in by_provider.items():
        team_levels = [levels.get(team.id, NO_LEVEL) for team in provider_teams]
        level = max(lv for lv, _ in team_levels)
        if provider_id in continuity.running_provider_ids:
            level = max(level, ContinuityLevel.RUNNING_HELP)
        elif provider_id in continuity.earlier_provider_ids:
            level = max(level, ContinuityLevel.EARLIER_TEAM)
        known = tuple(sorted({u for _lv, users in team_levels for u in users}))
        expertise_codes = frozenset().union(*(team.expertise for team in provider_teams))
        expertise, covered, missing = _expertise_part(
            facts.expertise, expertise_codes, facts.expertise_names, lead=True
        )
        faces = sorted(
            {
                user
                for team in provider_teams
                for user in (team.school_professionals.get(school_id, NOBODY) if school_id else ())
            }
        )
        area = max(
            (
                _area_part(
                    facts,
                    home=team.id in home,
                    face=school_id in team.school_professionals,
                    at_school=school_id in team.school_ids,
                )
                for team in provider_teams
            ),
            key=lambda part: part.points,
        )
        ceiling = sum(team_set.ceilings[team.id] for team in provider_teams)
        load = provider_loads.get(provider_id, NO_LOAD).total + sum(
            loads.get(team.id, NO_LOAD).total for team in provider_teams
        )
        queue = sum(waiting.get(team.id, 0) for team in provider_teams)
        capacity_part, weeks = _capacity_part(ceiling, load, queue)
        spoken = tuple(dict.fromkeys(code for team in provider_teams for code in team.languages))
        language = _language_part(facts.language, spoken)
        team_ids = tuple(team.id for team in provider_teams)
        matches.append(
            TeamMatch(
                team_id=None,
                provider_id=provider_id,
                name=provider_names.get(provider_id, provider_teams[0].name),
                score=expertise.points + area.points + capacity_part.points + language.points,
                continuity=level,
                parts=(
                    _PROVIDER_CONTINUITY_PARTS[level],
                    expertise,
                    area,
                    capacity_part,
                    language,
                ),
                covered_expertise=covered,
                missing_expertise=missing,
                expected_wait_weeks=weeks,
                free_places=max(0, ceiling - load),
                known_professional_ids=known,
                school_professional_ids=tuple(faces),
                team_ids=team_ids,
            )
        )
    matches.sort(key=lambda match: (*match.sort_key[:4], match.provider_id or 0))
    return matches if limit is None else matches[:limit]


# --- Explanations ---------------------------------------------------------------------


def _names(codes: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes)


def _place(municipality: str, district: str) -> str:
    if municipality and district:
        return f"{district} ({municipality})"
    return municipality or district


def _languages(codes: Iterable[str]) -> str:
    return ", ".join(language_name(code) for code in codes) or language_name(DEFAULT_LANGUAGE)


def _explain_expertise_all(covered: tuple[str, ...], names: Mapping[str, str]) -> str:
    return ngettext(
        "Heeft de gevraagde expertise: %(names)s.",
        "Heeft alle gevraagde expertise: %(names)s.",
        len(covered),
    ) % {"names": _names(covered, names)}


def _explain_expertise_some(
    covered: tuple[str, ...], missing: tuple[str, ...], names: Mapping[str, str], lead: bool
) -> str:
    text = gettext(
        "Heeft %(count)d van de %(total)d gevraagde expertises: %(covered)s. Ontbreekt: "
        "%(missing)s."
    ) % {
        "count": len(covered),
        "total": len(covered) + len(missing),
        "covered": _names(covered, names),
        "missing": _names(missing, names),
    }
    if lead:
        text += " " + gettext("Als hoofdaannemer kan de aanbieder dit onderaannemen.")
    return text


def _explain_expertise_none(missing: tuple[str, ...], names: Mapping[str, str], lead: bool) -> str:
    text = gettext("Heeft geen van de gevraagde expertises (%(missing)s).") % {
        "missing": _names(missing, names)
    }
    if lead:
        text += " " + gettext("Als hoofdaannemer kan de aanbieder dit onderaannemen.")
    return text


def _where(municipality: str, district: str) -> str:
    place = _place(municipality, district)
    if not place:
        return gettext("Werkt in de woonplaats van het gezin.")
    return gettext("Werkt in de woonplaats van het gezin: %(place)s.") % {"place": place}


def _not_where(municipality: str, district: str, *_school: str) -> str:
    place = _place(municipality, district)
    if not place:
        return gettext("Werkt niet in de woonplaats van het gezin.")
    return gettext("Werkt niet in de woonplaats van het gezin (%(place)s).") % {"place": place}


def _school(name: str) -> str:
    return name or gettext("de school van het kind")


def _explain_face(municipality: str, district: str, school: str, *, home: bool) -> str:
    text = gettext("Heeft een vast gezicht op %(school)s.") % {"school": _school(school)}
    return f"{_where(municipality, district)} {text}" if home else text


def _explain_at_school(municipality: str, district: str, school: str, *, home: bool) -> str:
    text = gettext("Werkt op %(school)s.") % {"school": _school(school)}
    return f"{_where(municipality, district)} {text}" if home else text


def _explain_home_not_school(municipality: str, district: str, school: str) -> str:
    text = gettext("Werkt niet op %(school)s.") % {"school": _school(school)}
    return f"{_where(municipality, district)} {text}"


def _explain_capacity(
    reason: str, free: int, ceiling: int, load: int, waiting: int, weeks: int
) -> str:
    if reason == "full":
        text = gettext("Zit vol: %(load)d trajecten bij een plafond van %(ceiling)d.") % {
            "load": load,
            "ceiling": ceiling,
        }
    else:
        text = ngettext(
            "Heeft %(free)d plek vrij van %(ceiling)d.",
            "Heeft %(free)d plekken vrij van %(ceiling)d.",
            free,
        ) % {"free": free, "ceiling": ceiling}
    if waiting:
        text += " " + ngettext(
            "%(count)d verwijzing wacht al op de start.",
            "%(count)d verwijzingen wachten al op de start.",
            waiting,
        ) % {"count": waiting}
    if weeks == 0:
        return text + " " + gettext("Kan naar verwachting meteen beginnen.")
    return (
        text
        + " "
        + ngettext(
            "Verwachte wachttijd: ongeveer %(weeks)d week.",
            "Verwachte wachttijd: ongeveer %(weeks)d weken.",
            weeks,
        )
        % {"weeks": weeks}
    )


def _explain_language(reason: str, wanted: str, spoken: tuple[str, ...]) -> str:
    if reason == "unknown_dutch":
        return gettext("De taal van het gezin is niet bekend; het team werkt in het Nederlands.")
    if reason == "unknown_no_dutch":
        return gettext(
            "De taal van het gezin is niet bekend; het team werkt niet in het Nederlands maar "
            "in: %(spoken)s."
        ) % {"spoken": _languages(spoken)}
    if reason == "speaks":
        return gettext("Spreekt de taal van het gezin: %(language)s.") % {
            "language": language_name(wanted)
        }
    return gettext("Spreekt de taal van het gezin niet (%(language)s); werkt in: %(spoken)s.") % {
        "language": language_name(wanted),
        "spoken": _languages(spoken),
    }


_EXPLAIN: dict[str, Callable[..., str]] = {
    "none_asked": lambda: gettext("Er is geen bepaalde expertise gevraagd."),
    "all": _explain_expertise_all,
    "some": _explain_expertise_some,
    "none": _explain_expertise_none,
    "home": _where,
    "elsewhere": _not_where,
    "home_and_face": lambda m, d, s: _explain_face(m, d, s, home=True),
    "face": lambda m, d, s: _explain_face(m, d, s, home=False),
    "home_and_school": lambda m, d, s: _explain_at_school(m, d, s, home=True),
    "school": lambda m, d, s: _explain_at_school(m, d, s, home=False),
    "home_not_school": _explain_home_not_school,
    "no_ceiling": lambda: gettext("Het team heeft geen capaciteit opgegeven; vraag het team."),
    "full": lambda *args: _explain_capacity("full", *args),
    "waiting": lambda *args: _explain_capacity("waiting", *args),
    "free": lambda *args: _explain_capacity("free", *args),
    "unknown_dutch": lambda *args: _explain_language("unknown_dutch", *args),
    "unknown_no_dutch": lambda *args: _explain_language("unknown_no_dutch", *args),
    "speaks": lambda *args: _explain_language("speaks", *args),
    "does_not_speak": lambda *args: _explain_language("does_not_speak", *args),
    "continuity_none": lambda: gettext("Het gezin heeft nog geen hulp van dit team gehad."),
    "continuity_earlier_team": lambda: gettext("Dit team heeft het gezin eerder geholpen."),
    "continuity_named_in_plan": lambda: gettext("Dit team staat in het gezinsplan."),
    "continuity_running_help": lambda: gettext(
        "Dit team helpt het gezin nu al; de hulp loopt door."
    ),
    "continuity_own_professional": lambda: gettext(
        "Hier werkt een hulpverlener die het gezin al kent; daarom staat dit team bovenaan."
    ),
    "continuity_none_provider": lambda: gettext(
        "Het gezin heeft nog geen hulp van deze aanbieder gehad."
    ),
    "continuity_earlier_team_provider": lambda: gettext(
        "Deze aanbieder heeft het gezin eerder geholpen."
    ),
    "continuity_named_in_plan_provider": lambda: gettext(
        "Een team van deze aanbieder staat in het gezinsplan."
    ),
    "continuity_running_help_provider": lambda: gettext(
        "Deze aanbieder helpt het gezin nu al; de hulp loopt door."
    ),
    "continuity_own_professional_provider": lambda: gettext(
        "Hier werkt een hulpverlener die het gezin al kent; daarom staat deze aanbieder bovenaan."
    ),
}

_PART_LABELS: dict[Part, Callable[[], str]] = {
    Part.CONTINUITY: lambda: gettext("Bekend bij het gezin"),
    Part.EXPERTISE: lambda: gettext("Expertise"),
    Part.AREA: lambda: gettext("Gebied en school"),
    Part.CAPACITY: lambda: gettext("Plek en wachttijd"),
    Part.LANGUAGE: lambda: gettext("Taal"),
}
