"""``dichtbij demo load``: the four demo regions, organisations and accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from typing_extensions import override

from dichtbij.demo.services import DEMO_PASSWORD, demo_load
from dichtbij.utils.errors import DichtbijError


class Command(BaseCommand):
    help = "Laadt de vier demoregio's met demo-organisaties en demo-accounts (idempotent)."

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Regio's, organisaties en demo-accounts laden.")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = demo_load(regions_dir=settings.REGIONS_DIR)
        except DichtbijError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Regio's geladen: {', '.join(region.name for region in summary.regions)}"
        )
        for sync in summary.network.syncs:
            self.stdout.write(sync.describe())
        self.stdout.write(f"Demo-hulpverleners in teams: {len(summary.network.professionals)}")
        for catalogue in summary.catalogues:
            services = catalogue.services
            self.stdout.write(
                f"Sociale kaart {catalogue.source_name}: {services.created} nieuw, "
                f"{services.updated} bijgewerkt, {services.unchanged} ongewijzigd"
            )
        families = summary.families
        self.stdout.write(
            f"Demo-gezinnen: {len(families.created)} nieuw, {len(families.existing)} bestonden al"
        )
        self.stdout.write(
            f"Nieuwe demo-accounts: {len(summary.created_users)} (totaal {len(summary.accounts)})\n"
        )
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        width = max(len(user.username) for user in summary.accounts)
        for user in summary.accounts:
            region = user.region.name if user.region else ""
            self.stdout.write(f"  {user.username:<{width}}  {user.get_role_display()} — {region}")
