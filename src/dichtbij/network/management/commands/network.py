"""``dichtbij network sync [REGION ...]``: make the specialist network match the region files.

Run after ``dichtbij regions load``. Without region codes it syncs every region in the
database; prints one line per region with what changed.
"""

from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError
from typing_extensions import override

from dichtbij.network.services import network_sync_from_region
from dichtbij.regions.errors import RegionNotFound
from dichtbij.regions.selectors import region_get, region_list


class Command(BaseCommand):
    help = "Werk het specialistische netwerk bij uit de geladen regiobestanden (sync)."

    @override
    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{sync}")
        sync = actions.add_parser("sync", help="Werk het netwerk bij uit de regiobestanden.")
        sync.add_argument("regions", nargs="*", help="Regiocodes; standaard alle regio's.")

    @override
    def handle(self, *args: object, **options: object) -> None:
        codes = options["regions"]
        assert isinstance(codes, list)
        try:
            regions = [region_get(code=code) for code in codes] or list(region_list())
        except RegionNotFound as error:
            raise CommandError(error.message, returncode=1) from error
        for region in regions:
            self.stdout.write(network_sync_from_region(region=region).describe())
