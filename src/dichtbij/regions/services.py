"""Writes of the regions app: loading region files into the database.

Every load validates all its files first (:func:`dichtbij.regions.config.region_files_read`)
and then writes in one transaction, so a load stores everything or nothing. Loading is
idempotent: a region is found by its code and updated in place, gemeenten by CBS code,
wijken by name within their gemeente, schools by name within their gemeente. A file whose
validated content is unchanged (same content hash, same file name) is not written at all.

Rows that a file no longer lists are deleted only when nothing outside this app refers to
them; otherwise the load fails with a problem that says so, and nothing is stored.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils.translation import gettext

from dichtbij.regions.config import RegionSource, region_files_in, region_files_read
from dichtbij.regions.constants import LoadStatus
from dichtbij.regions.errors import Problem, RegionConfigError
from dichtbij.regions.models import District, Municipality, Region, School
from dichtbij.regions.schema import Gemeente

#: Models this module owns; references between them never block a deletion.
_OWN_MODELS: frozenset[type[models.Model]] = frozenset({Region, Municipality, District, School})


@dataclass
class RowChanges:
    """How many rows of one model a load created, updated and deleted."""

    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class RegionLoadResult:
    """What loading one region file did."""

    region: Region
    status: LoadStatus
    municipalities: RowChanges = field(default_factory=RowChanges)
    districts: RowChanges = field(default_factory=RowChanges)
    schools: RowChanges = field(default_factory=RowChanges)


def regions_load(*, paths: Sequence[Path], force: bool = False) -> list[RegionLoadResult]:
    """Validate ``paths`` together, then store them in one transaction.

    Returns one result per file, in order. A gemeente may move from one region to
    another only when both files are in ``paths``. With ``force``, files whose content is
    unchanged are written anyway (to repair rows edited by hand).

    Raises :class:`RegionConfigError` with every problem found; then nothing is stored.
    """
    sources = region_files_read(paths=paths)
    with transaction.atomic():
        _check_ownership(sources)
        claimed = {gemeente.code for source in sources for gemeente in source.config.gemeenten}
        refused: list[Problem] = []
        results = [
            _apply(source, claimed=claimed, force=force, refused=refused) for source in sources
        ]
        if refused:
            raise RegionConfigError(refused)  # rolls back everything written above
        return results


def region_load(*, path: Path, force: bool = False) -> Region:
    """Load one region file; see :func:`regions_load`."""
    return regions_load(paths=[path], force=force)[0].region


def regions_load_all(*, directory: Path, force: bool = False) -> list[Region]:
    """Load every ``*.toml`` file in ``directory`` together; see :func:`regions_load`.

    If any file is wrong, nothing of any file is stored.
    """
    results = regions_load(paths=region_files_in(directory=directory), force=force)
    return [result.region for result in results]


# --- Checks against the database ------------------------------------------------------


def _check_ownership(sources: Sequence[RegionSource]) -> None:
    """Refuse gemeenten that belong to a region not being loaded now."""
    loading = {source.config.code for source in sources}
    problems: list[Problem] = []
    for source in sources:
        codes = {gemeente.code: index for index, gemeente in enumerate(source.config.gemeenten)}
        owners = (
            Municipality.objects.filter(code__in=codes)
            .exclude(region__code__in=loading)
            .select_related("region")
        )
        problems += [
            Problem(
                source.file,
                f"gemeenten[{codes[municipality.code]}].code",
                gettext(
                    'gemeente "%(code)s" hoort al bij regio %(region)s (%(file)s); laad beide '
                    "bestanden samen of haal de gemeente daar eerst weg"
                )
                % {
                    "code": municipality.code,
                    "region": municipality.region.name,
                    "file": municipality.region.source_file,
                },
            )
            for municipality in owners
        ]
    if problems:
        raise RegionConfigError(problems)


def _external_references(model: type[models.Model], pks: Collection[int]) -> int:
    """How many rows of other apps' models refer to rows ``pks`` of ``model``."""
    if not pks:
        return 0
    count = 0
    for relation in model._meta.related_objects:
        related = relation.related_model
        if not isinstance(related, type) or related in _OWN_MODELS:
            continue
        lookup = f"{relation.field.name}__in"
        count += related._base_manager.filter(**{lookup: list(pks)}).count()
    return count


# --- Writing --------------------------------------------------------------------------


@dataclass
class _Load:
    """One file being written: its source, what was done, and deletions refused."""

    source: RegionSource
    result: RegionLoadResult
    refused: list[Problem]

    def may_delete(self, key: str, what: str, references: int) -> bool:
        """Whether a row the file no longer lists may go; if not, record why."""
        if not references:
            return True
        message = gettext(
            "%(what)s staat niet meer in het bestand, maar %(count)d gegevens verwijzen "
            "ernaar; verwijderen kan niet"
        ) % {"what": what, "count": references}
        self.refused.append(Problem(self.source.file, key, message))
        return False


def _apply(
    source: RegionSource, *, claimed: Collection[str], force: bool, refused: list[Problem]
) -> RegionLoadResult:
    config = source.config
    region = Region.objects.filter(code=config.code).first()
    if (
        region is not None
        and not force
        and (region.content_hash == source.content_hash and region.source_file == source.file)
    ):
        return RegionLoadResult(region=region, status=LoadStatus.UNCHANGED)

    values = {
        "name": config.name,
        "description": config.description.strip(),
        "config": source.as_json(),
        "source_file": source.file,
        "content_hash": source.content_hash,
    }
    if region is None:
        region = Region.objects.create(code=config.code, **values)
        status = LoadStatus.CREATED
    else:
        for name, value in values.items():
            setattr(region, name, value)
        region.save(update_fields=[*values, "loaded_at"])
        status = LoadStatus.UPDATED
    load = _Load(source, RegionLoadResult(region=region, status=status), refused)

    kept = _apply_municipalities(load)
    _delete_municipalities(load, keep=set(kept) | set(claimed))
    for index, gemeente in enumerate(config.gemeenten):
        _apply_districts(load, index, gemeente, kept[gemeente.code])
    _apply_schools(load, kept)
    return load.result


def _apply_municipalities(load: _Load) -> dict[str, Municipality]:
    region, changes = load.result.region, load.result.municipalities
    by_code = {gemeente.code: gemeente for gemeente in load.source.config.gemeenten}
    existing = {m.code: m for m in Municipality.objects.filter(code__in=by_code)}
    kept: dict[str, Municipality] = {}
    for code, gemeente in by_code.items():
        municipality = existing.get(code)
        if municipality is None:
            kept[code] = Municipality.objects.create(region=region, code=code, name=gemeente.name)
            changes.created += 1
            continue
        if municipality.region_id != region.pk or municipality.name != gemeente.name:
            municipality.region = region
            municipality.name = gemeente.name
            municipality.save(update_fields=["region", "name"])
            changes.updated += 1
        kept[code] = municipality
    return kept


def _delete_municipalities(load: _Load, *, keep: Collection[str]) -> None:
    result = load.result
    for municipality in result.region.municipalities.exclude(code__in=keep):
        district_pks = list(municipality.districts.values_list("pk", flat=True))
        school_pks = list(municipality.schools.values_list("pk", flat=True))
        references = (
            _external_references(Municipality, [municipality.pk])
            + _external_references(District, district_pks)
            + _external_references(School, school_pks)
        )
        what = gettext("gemeente %(name)s (%(code)s)") % {
            "name": municipality.name,
            "code": municipality.code,
        }
        if load.may_delete("gemeenten", what, references):
            municipality.delete()
            result.municipalities.deleted += 1
            result.districts.deleted += len(district_pks)
            result.schools.deleted += len(school_pks)


def _apply_districts(
    load: _Load, index: int, gemeente: Gemeente, municipality: Municipality
) -> None:
    changes = load.result.districts
    existing = {district.name: district for district in municipality.districts.all()}
    wanted = set(gemeente.wijken)
    District.objects.bulk_create(
        District(municipality=municipality, name=name)
        for name in gemeente.wijken
        if name not in existing
    )
    changes.created += len(wanted - set(existing))
    # Our own schools in a removed wijk lose it (SET_NULL) and get their wijk from the
    # file in _apply_schools; only references from other apps block the deletion.
    removed = [
        district.pk
        for name, district in existing.items()
        if name not in wanted
        and load.may_delete(
            f"gemeenten[{index}].wijken",
            gettext("wijk %(wijk)s van %(gemeente)s")
            % {"wijk": district.name, "gemeente": municipality.name},
            _external_references(District, [district.pk]),
        )
    ]
    if removed:
        District.objects.filter(pk__in=removed).delete()
        changes.deleted += len(removed)


def _apply_schools(load: _Load, municipalities: dict[str, Municipality]) -> None:
    changes = load.result.schools
    districts = {
        (district.municipality_id, district.name): district
        for district in District.objects.filter(municipality__in=municipalities.values())
    }
    existing = {
        (school.municipality_id, school.name): school
        for school in School.objects.filter(municipality__in=municipalities.values())
    }
    wanted: set[tuple[int, str]] = set()
    for entry in load.source.config.schools:
        municipality = municipalities[entry.gemeente]
        key = (municipality.pk, entry.name)
        wanted.add(key)
        district = None if entry.wijk is None else districts[(municipality.pk, entry.wijk)]
        school = existing.get(key)
        if school is None:
            School.objects.create(
                municipality=municipality, district=district, name=entry.name, kind=entry.kind
            )
            changes.created += 1
        elif school.district_id != (district.pk if district else None) or school.kind != entry.kind:
            school.district = district
            school.kind = entry.kind
            school.save(update_fields=["district", "kind"])
            changes.updated += 1
    for key, school in existing.items():
        what = gettext("school %(name)s") % {"name": school.name}
        references = _external_references(School, [school.pk])
        if key not in wanted and load.may_delete("schools", what, references):
            school.delete()
            changes.deleted += 1
