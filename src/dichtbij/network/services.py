"""Writes of the network app.

:func:`network_sync_from_region` is the only writer of expertise, providers, consortia and
teams: it makes the database say what the region file says (``[specialist_help]``).
Professionals and their vaste gezichten at schools are added by
:func:`team_professional_add` and :func:`school_link_add`; those are employee data and
audited.

Run the sync after each ``dichtbij regions load`` (``dichtbij network sync`` does it for
every region); ``dichtbij demo load`` calls :func:`network_demo_load`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext

from dichtbij.accounts.constants import OrganisationKind, Role
from dichtbij.accounts.models import Organisation, User
from dichtbij.accounts.services import (
    membership_add,
    organisation_ensure,
    organisations_sync_from_region,
)
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record
from dichtbij.network.errors import (
    CaseloadCeilingInvalid,
    DemoProfessionalsInvalid,
    ProfessionalNotAllowed,
    SchoolOutsideTeamArea,
    TeamInactive,
)
from dichtbij.network.models import (
    Consortium,
    Expertise,
    Provider,
    SchoolLink,
    SpecialistTeam,
    TeamProfessional,
)
from dichtbij.regions.constants import ContractorKind
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import SpecialistHelp
from dichtbij.regions.selectors import region_config

#: Roles that can work in a specialist team.
TEAM_ROLES = frozenset({Role.SPECIALIST, Role.TEAM_COORDINATOR})
#: Highest caseload ceiling a single professional can be given.
MAX_CASELOAD_CEILING = 200

DEMO_PROFESSIONALS_FILE = Path(__file__).parent / "data" / "demo_professionals.toml"

_M = TypeVar("_M", bound=models.Model)


# --- Sync from the region file --------------------------------------------------------


@dataclass
class Changes:
    """How many rows of one model a sync created, updated and deactivated."""

    created: int = 0
    updated: int = 0
    deactivated: int = 0

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


@dataclass
class SyncSummary:
    """What :func:`network_sync_from_region` did for one region."""

    region: Region
    expertise: Changes = field(default_factory=Changes)
    providers: Changes = field(default_factory=Changes)
    consortia: Changes = field(default_factory=Changes)
    teams: Changes = field(default_factory=Changes)

    @property
    def changed(self) -> bool:
        return any((self.expertise, self.providers, self.consortia, self.teams))

    def describe(self) -> str:
        """One Dutch line, for the command line."""
        parts = [
            (gettext("expertise"), self.expertise),
            (gettext("aanbieders"), self.providers),
            (gettext("samenwerkingsverbanden"), self.consortia),
            (gettext("teams"), self.teams),
        ]
        template = gettext(
            "%(what)s: %(created)d nieuw, %(updated)d bijgewerkt, %(deactivated)d inactief"
        )
        details = "; ".join(
            template
            % {
                "what": what,
                "created": c.created,
                "updated": c.updated,
                "deactivated": c.deactivated,
            }
            for what, c in parts
        )
        return gettext("netwerk %(region)s (%(details)s)") % {
            "region": self.region.code,
            "details": details,
        }


def _assign(row: models.Model, values: Mapping[str, object]) -> list[str]:
    """Set ``values`` on ``row``; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    return changed


def _upsert(row: _M | None, model: type[_M], values: Mapping[str, Any], changes: Changes) -> _M:
    """Create a row with ``values``, or update ``row`` with them (only changed fields)."""
    if row is None:
        changes.created += 1
        return model._default_manager.create(**values)
    changed = _assign(row, values)
    if changed:
        row.save(update_fields=changed)
        changes.updated += 1
    return row


def _set_related(manager: Any, wanted: Iterable[models.Model]) -> bool:
    """Make a many-to-many relation hold exactly ``wanted``; True if that changed it."""
    wanted_ids = {row.pk for row in wanted}
    if wanted_ids == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(wanted_ids)
    return True


@transaction.atomic
def network_sync_from_region(*, region: Region) -> SyncSummary:
    """Make the region's network in the database match its region file.

    Idempotent: expertise is found by code, providers, consortia and teams by their
    organisation (by name, via :func:`~dichtbij.accounts.services.organisation_ensure`);
    rows are updated in place, never duplicated. What the file no longer names is
    deactivated, not deleted. Professionals and vaste gezichten are left alone.
    """
    # The file may have been loaded since this object was read: use what is stored now.
    region.refresh_from_db(fields=["config", "content_hash"])
    help_ = region_config(region=region).specialist_help
    summary = SyncSummary(region=region)
    organisations_sync_from_region(region=region)
    expertise = _sync_expertise(region, help_, summary.expertise)
    providers = _sync_providers(region, help_, summary.providers)
    consortia = _sync_consortia(region, help_, providers, summary.consortia)
    _sync_teams(region, help_, expertise, providers, consortia, summary.teams)
    return summary


def _deactivate(
    model: type[Expertise | Provider | Consortium | SpecialistTeam],
    rows: Iterable[Expertise | Provider | Consortium | SpecialistTeam],
    changes: Changes,
) -> None:
    """Deactivate the active ones of ``rows`` (rows the file no longer names)."""
    stale = [row.pk for row in rows if row.active]
    if stale:
        model._default_manager.filter(pk__in=stale).update(active=False)
        changes.deactivated += len(stale)


def _sync_expertise(
    region: Region, help_: SpecialistHelp, changes: Changes
) -> dict[str, Expertise]:
    existing = {row.code: row for row in Expertise.objects.filter(region=region)}
    kept: dict[str, Expertise] = {}
    for position, item in enumerate(help_.expertise):
        values = {
            "region": region,
            "code": item.code,
            "name": item.name,
            "description": item.description.strip(),
            "position": position,
            "active": True,
        }
        kept[item.code] = _upsert(existing.get(item.code), Expertise, values, changes)
    _deactivate(Expertise, [row for code, row in existing.items() if code not in kept], changes)
    return kept


def _organisation(region: Region, kind: OrganisationKind, name: str) -> Organisation:
    return organisation_ensure(region=region, kind=kind, name=name)


def _sync_providers(region: Region, help_: SpecialistHelp, changes: Changes) -> dict[str, Provider]:
    wanted: dict[str, dict[str, object]] = {}
    for contractor in help_.contractors:
        if contractor.kind == ContractorKind.PROVIDER:
            single = "enkelvoudig" in contractor.lead_provider_for
            multiple = "meervoudig" in contractor.lead_provider_for
            wanted[contractor.name] = {
                "agb_code": contractor.agb_code or "",
                "can_be_lead_provider": single or multiple,
                "lead_provider_single": single,
                "lead_provider_multiple": multiple,
                "description": contractor.description.strip(),
            }
    blank = {
        "agb_code": "",
        "can_be_lead_provider": False,
        "lead_provider_single": False,
        "lead_provider_multiple": False,
        "description": "",
    }
    for contractor in help_.contractors:
        for member in contractor.members:
            wanted.setdefault(member, blank)
    existing = {row.organisation_id: row for row in Provider.objects.filter(region=region)}
    kept: dict[str, Provider] = {}
    for name, values in wanted.items():
        organisation = _organisation(region, OrganisationKind.PROVIDER, name)
        row = existing.get(organisation.pk)
        full = {**values, "region": region, "organisation": organisation, "active": True}
        kept[name] = _upsert(row, Provider, full, changes)
    kept_ids = {row.pk for row in kept.values()}
    _deactivate(Provider, [row for row in existing.values() if row.pk not in kept_ids], changes)
    return kept


def _sync_consortia(
    region: Region, help_: SpecialistHelp, providers: Mapping[str, Provider], changes: Changes
) -> dict[str, Consortium]:
    existing = {row.organisation_id: row for row in Consortium.objects.filter(region=region)}
    kept: dict[str, Consortium] = {}
    for contractor in help_.contractors:
        if contractor.kind != ContractorKind.CONSORTIUM:
            continue
        # The accounts app files consortia as providers too (one kind for contractors).
        organisation = _organisation(region, OrganisationKind.PROVIDER, contractor.name)
        row = existing.get(organisation.pk)
        values = {
            "region": region,
            "organisation": organisation,
            "contract_start": contractor.contract_start,
            "contract_end": contractor.contract_end,
            "description": contractor.description.strip(),
            "active": True,
        }
        before = changes.updated
        consortium = _upsert(row, Consortium, values, changes)
        members = [providers[name] for name in contractor.members]
        if _set_related(consortium.members, members) and row is not None:
            changes.updated += 1 if changes.updated == before else 0
        kept[contractor.name] = consortium
    kept_ids = {row.pk for row in kept.values()}
    _deactivate(Consortium, [row for row in existing.values() if row.pk not in kept_ids], changes)
    return kept


def _sync_teams(
    region: Region,
    help_: SpecialistHelp,
    expertise: Mapping[str, Expertise],
    providers: Mapping[str, Provider],
    consortia: Mapping[str, Consortium],
    changes: Changes,
) -> None:
    municipalities = {m.code: m for m in Municipality.objects.filter(region=region)}
    districts = {
        (d.municipality.code, d.name): d
        for d in District.objects.filter(municipality__region=region).select_related("municipality")
    }
    schools = {s.name: s for s in School.objects.filter(municipality__region=region)}
    existing = {row.organisation_id: row for row in SpecialistTeam.objects.filter(region=region)}
    kept_ids: set[int] = set()
    for position, entry in enumerate(help_.teams):
        organisation = _organisation(region, OrganisationKind.SPECIALIST_TEAM, entry.name)
        row = existing.get(organisation.pk)
        consortium = consortia.get(entry.contractor)
        values = {
            "region": region,
            "organisation": organisation,
            "consortium": consortium,
            "provider": None if consortium is not None else providers[entry.contractor],
            "languages": list(entry.languages),
            "caseload_per_professional": (
                entry.caseload_per_professional or help_.caseload_per_professional
            ),
            "max_caseload": entry.max_caseload,
            "description": entry.description.strip(),
            "position": position,
            "active": True,
        }
        before = changes.updated
        team = _upsert(row, SpecialistTeam, values, changes)
        whole = [municipalities[a.gemeente] for a in entry.areas if not a.wijken]
        wijken = [districts[(a.gemeente, wijk)] for a in entry.areas for wijk in a.wijken]
        related: list[tuple[Any, Sequence[models.Model]]] = [
            (team.expertise, [expertise[code] for code in entry.expertise]),
            (team.municipalities, whole),
            (team.districts, wijken),
            (team.schools, [schools[name] for name in entry.schools]),
        ]
        moved = [_set_related(manager, wanted) for manager, wanted in related]
        if any(moved) and row is not None and changes.updated == before:
            changes.updated += 1
        kept_ids.add(team.pk)
    stale = [row for row in existing.values() if row.pk not in kept_ids]
    _deactivate(SpecialistTeam, stale, changes)


# --- Professionals and vaste gezichten ------------------------------------------------


def _team_memberships_add(user: User, team: SpecialistTeam) -> None:
    membership_add(user=user, organisation=team.organisation)
    if team.provider is not None:
        membership_add(user=user, organisation=team.provider.organisation)


@transaction.atomic
def team_professional_add(
    *,
    team: SpecialistTeam,
    user: User,
    caseload_ceiling: int | None = None,
    actor: User | None = None,
) -> TeamProfessional:
    """Let ``user`` (a specialist or team coordinator of the team's region) work in
    ``team`` with a caseload ceiling (default: the team's ceiling per professional).

    Also makes the user a member of the team's organisation and of its provider's (the
    employer: in the lead-provider model referrals reach the provider, and its teams'
    staff take them up). Adding someone who is
    already in the team updates the ceiling and reactivates them. Audited.
    """
    if user.region_id != team.region_id:
        raise ProfessionalNotAllowed(
            gettext("Deze medewerker hoort niet bij de regio van %(team)s.") % {"team": team.name}
        )
    if user.role not in TEAM_ROLES:
        raise ProfessionalNotAllowed(
            gettext(
                "Alleen medewerkers van een specialistisch team en teamcoördinatoren kunnen "
                "in een team werken."
            )
        )
    if not team.active:
        raise TeamInactive(
            gettext("%(team)s staat niet meer in het regiobestand.") % {"team": team.name}
        )
    ceiling = team.caseload_per_professional if caseload_ceiling is None else caseload_ceiling
    if not 0 <= ceiling <= MAX_CASELOAD_CEILING:
        raise CaseloadCeilingInvalid(
            gettext("Het plafond moet tussen 0 en %(max)d trajecten liggen.")
            % {"max": MAX_CASELOAD_CEILING}
        )
    professional = TeamProfessional.objects.select_for_update().filter(team=team, user=user).first()
    if professional is None:
        professional = TeamProfessional.objects.create(
            team=team, user=user, caseload_ceiling=ceiling
        )
        action = Action.CREATE
    else:
        changed = _assign(professional, {"caseload_ceiling": ceiling, "active": True})
        if not changed:
            _team_memberships_add(user, team)
            return professional
        professional.save(update_fields=changed)
        action = Action.UPDATE
    _team_memberships_add(user, team)
    audit_record(
        actor=actor,
        action=action,
        object_type="team_professional",
        object_id=str(professional.pk),
        reason=gettext("Medewerker in specialistisch team opgenomen"),
        subject=Subject.of(user),
    )
    return professional


@transaction.atomic
def team_professional_deactivate(
    *, professional: TeamProfessional, actor: User | None = None
) -> TeamProfessional:
    """The professional no longer works in the team; the row stays for history. Audited."""
    if professional.active:
        professional.active = False
        professional.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="team_professional",
            object_id=str(professional.pk),
            reason=gettext("Medewerker uit specialistisch team gehaald"),
            subject=Subject.of(professional.user),
        )
    return professional


def team_reaches_school(*, team: SpecialistTeam, school: School) -> bool:
    """Whether the school lies in the team's area or is one of the team's schools."""
    if school.municipality.region_id != team.region_id:
        return False
    if team.schools.filter(pk=school.pk).exists():
        return True
    if team.municipalities.filter(pk=school.municipality_id).exists():
        return True
    wijken = team.districts.all()
    if school.district_id is not None:
        return wijken.filter(pk=school.district_id).exists()
    return wijken.filter(municipality_id=school.municipality_id).exists()


@transaction.atomic
def school_link_add(
    *, professional: TeamProfessional, school: School, actor: User | None = None
) -> SchoolLink:
    """Make an active professional a vast gezicht of their team at ``school``, which must
    lie in the team's area (or be one of its schools). Idempotent. Audited."""
    team = professional.team
    if not professional.active:
        raise ProfessionalNotAllowed(gettext("Deze medewerker werkt niet meer in het team."))
    if not team_reaches_school(team=team, school=school):
        raise SchoolOutsideTeamArea(
            gettext("%(school)s ligt buiten de gebieden van %(team)s.")
            % {"school": school.name, "team": team.name}
        )
    link, created = SchoolLink.objects.get_or_create(professional=professional, school=school)
    if created:
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="school_link",
            object_id=str(link.pk),
            reason=gettext("Vast gezicht op school vastgelegd"),
            subject=Subject.of(professional.user),
        )
    return link


@transaction.atomic
def school_link_remove(*, link: SchoolLink, actor: User | None = None) -> None:
    """The professional is no longer the team's vast gezicht at the school. Audited."""
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="school_link",
        object_id=str(link.pk),
        reason=gettext("Vast gezicht op school beëindigd"),
        subject=Subject.of(link.professional.user),
    )
    link.delete()


# --- Demo -----------------------------------------------------------------------------


@dataclass
class NetworkDemoSummary:
    """What :func:`network_demo_load` did."""

    syncs: list[SyncSummary] = field(default_factory=list)
    professionals: list[TeamProfessional] = field(default_factory=list)


def _demo_error(entry: int, message: str) -> DemoProfessionalsInvalid:
    return DemoProfessionalsInvalid(
        gettext("demo_professionals.toml, professionals[%(entry)d]: %(message)s")
        % {"entry": entry, "message": message}
    )


@transaction.atomic
def network_demo_professionals_load(
    *, path: Path = DEMO_PROFESSIONALS_FILE
) -> list[TeamProfessional]:
    """Link demo users to their teams and schools as the file ``path`` says.

    Needs the demo users and the synced network. Idempotent. Raises
    :class:`DemoProfessionalsInvalid` naming the entry if a user, team or school is unknown.
    """
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    added: list[TeamProfessional] = []
    for index, entry in enumerate(data.get("professionals", [])):
        user = User.objects.filter(username=entry["username"]).first()
        if user is None or user.region is None:
            raise _demo_error(
                index, gettext('onbekende gebruiker "%(name)s"') % {"name": entry["username"]}
            )
        team = SpecialistTeam.objects.filter(
            region=user.region, organisation__name=entry["team"]
        ).first()
        if team is None:
            raise _demo_error(index, gettext('onbekend team "%(name)s"') % {"name": entry["team"]})
        professional = team_professional_add(
            team=team, user=user, caseload_ceiling=entry.get("caseload_ceiling")
        )
        for name in entry.get("schools", []):
            school = School.objects.filter(municipality__region=user.region, name=name).first()
            if school is None:
                raise _demo_error(index, gettext('onbekende school "%(name)s"') % {"name": name})
            school_link_add(professional=professional, school=school)
        added.append(professional)
    return added


def network_demo_load(
    *, regions: Iterable[Region], professionals_file: Path = DEMO_PROFESSIONALS_FILE
) -> NetworkDemoSummary:
    """For ``dichtbij demo load``: sync each region's network, then link the demo
    professionals (call after the demo accounts exist)."""
    summary = NetworkDemoSummary()
    summary.syncs = [network_sync_from_region(region=region) for region in regions]
    summary.professionals = network_demo_professionals_load(path=professionals_file)
    return summary
