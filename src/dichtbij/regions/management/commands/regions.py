"""``dichtbij regions check|load [FILE ...]``: check or load region files.

Without files, both work on every ``*.toml`` file in ``settings.REGIONS_DIR``.

* ``check`` validates the files together (no database needed); prints ``<file>: OK`` per
  good file and every problem on stderr; exits with 1 if there is any problem.
* ``load`` validates, then stores all files in one transaction (nothing if any is wrong)
  and prints per file whether its region was created, updated or unchanged.
"""

from argparse import ArgumentParser
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from typing_extensions import override

from dichtbij.regions.config import region_files_in, region_files_read
from dichtbij.regions.constants import LoadStatus
from dichtbij.regions.errors import RegionConfigError
from dichtbij.regions.services import RegionLoadResult, RowChanges, regions_load


class Command(BaseCommand):
    help = "Controleer (check) of laad (load) de regiobestanden."

    @override
    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{check,load}")
        check = actions.add_parser("check", help="Controleer regiobestanden.")
        check.add_argument(
            "files", nargs="*", type=Path, help="Standaard: alle bestanden in REGIONS_DIR."
        )
        load = actions.add_parser("load", help="Laad regiobestanden in de database.")
        load.add_argument(
            "files", nargs="*", type=Path, help="Standaard: alle bestanden in REGIONS_DIR."
        )
        load.add_argument(
            "--force",
            action="store_true",
            help="Schrijf ook regio's waarvan het bestand niet veranderd is.",
        )

    @override
    def handle(self, *args: object, **options: object) -> None:
        files = options["files"]
        assert isinstance(files, list)
        try:
            paths = files or region_files_in(directory=Path(settings.REGIONS_DIR))
            if options["action"] == "check":
                self._check(paths)
            else:
                self._load(paths, force=bool(options.get("force")))
        except RegionConfigError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(error.summary, returncode=1) from error

    def _check(self, paths: list[Path]) -> None:
        try:
            region_files_read(paths=paths)
        except RegionConfigError as error:
            wrong = {problem.file for problem in error.problems}
            for path in paths:
                if path.name not in wrong:
                    self.stdout.write(gettext("%(file)s: OK") % {"file": path.name})
            raise
        for path in paths:
            self.stdout.write(gettext("%(file)s: OK") % {"file": path.name})

    def _load(self, paths: list[Path], *, force: bool) -> None:
        for result in regions_load(paths=paths, force=force):
            self.stdout.write(_describe(result))


def _describe(result: RegionLoadResult) -> str:
    line = gettext("%(file)s: regio %(code)s %(status)s") % {
        "file": result.region.source_file,
        "code": result.region.code,
        "status": LoadStatus(result.status).label,
    }
    if result.status == LoadStatus.UNCHANGED:
        return line
    parts = [
        _changes(gettext("gemeenten"), result.municipalities),
        _changes(gettext("wijken"), result.districts),
        _changes(gettext("scholen"), result.schools),
    ]
    return f"{line} ({'; '.join(parts)})"


def _changes(what: str, changes: RowChanges) -> str:
    template = gettext(
        "%(what)s: %(created)d nieuw, %(updated)d bijgewerkt, %(deleted)d verwijderd"
    )
    return template % {
        "what": what,
        "created": changes.created,
        "updated": changes.updated,
        "deleted": changes.deleted,
    }
