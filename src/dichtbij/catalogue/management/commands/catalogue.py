"""``dichtbij catalogue import|export|search``: the sociale kaart on the command line.

* ``import FILE [--region CODE]``: import HSDS 3.0 (the shared wrapper, a list of
  services or one service); a progress bar on stderr, the counts per object type on
  stdout. Any problem: every problem on stderr, nothing stored, exit code 1.
* ``export [--region CODE] [-o FILE]``: HSDS 3.0 in the shared wrapper, to stdout by
  default.
* ``search "vraag" [--gemeente Soest|GM0342] [--age 14] [--limit 10] [--json]
  [--zonder-verwijzing] [--thema CODE] [--soort CODE] [--max-wachttijd WEKEN]``: the
  hulpwijzer's search.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs
from typing_extensions import override

from dichtbij.catalogue.hsds.errors import CatalogueImportError
from dichtbij.catalogue.hsds.exporter import catalogue_export_write
from dichtbij.catalogue.hsds.importer import ImportSummary, ObjectCounts, catalogue_import_file
from dichtbij.regions.models import Municipality, Region
from dichtbij.regions.selectors import municipality_get, region_get
from dichtbij.utils.errors import DichtbijError

#: How the counts of an import are labelled, per HSDS object type.
_LABELS = {
    "taxonomies": _("taxonomieën"),
    "taxonomy_terms": _("taxonomietermen"),
    "organizations": _("organisaties"),
    "locations": _("locaties"),
    "services": _("diensten"),
    "service_areas": _("werkgebieden"),
    "service_at_locations": _("diensten op locatie"),
    "attributes": _("kenmerken"),
}


class Command(BaseCommand):
    help = "Importeer, exporteer (HSDS 3.0) of doorzoek de sociale kaart."

    @override
    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{import,export,search}"
        )
        load = actions.add_parser("import", help="Importeer een HSDS 3.0-bestand.")
        load.add_argument("file", type=Path, help="JSON-bestand (HSDS 3.0).")
        load.add_argument("--region", help="Regiocode: alle diensten moeten in deze regio liggen.")
        load.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

        dump = actions.add_parser("export", help="Exporteer de sociale kaart als HSDS 3.0.")
        dump.add_argument("--region", help="Alleen deze regio (regiocode).")
        dump.add_argument(
            "-o", "--output", type=Path, help="Schrijf naar dit bestand (standaard: stdout)."
        )
        dump.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk.")

        find = actions.add_parser("search", help="Zoek in de sociale kaart.")
        find.add_argument("text", help='De vraag, bijvoorbeeld "mijn zoon wordt gepest".')
        find.add_argument("--gemeente", help="Naam of CBS-code (GM0342) van de gemeente.")
        find.add_argument("--regio", help="Regiocode (standaard: de regio van de gemeente).")
        find.add_argument("--age", type=int, help="Leeftijd van het kind of de jongere.")
        find.add_argument("--limit", type=int, default=10, help="Hoeveel resultaten (10).")
        find.add_argument("--thema", help="Thema, bijvoorbeeld pesten of thema:pesten.")
        find.add_argument("--soort", help="Soort hulp, bijvoorbeeld maatje of soort:maatje.")
        find.add_argument(
            "--zonder-verwijzing", action="store_true", help="Alleen hulp zonder verwijzing."
        )
        find.add_argument("--max-wachttijd", type=int, help="Hoogstens zoveel weken wachttijd.")
        find.add_argument("--json", action="store_true", help="Resultaten als JSON.")

    @override
    def handle(self, *args: object, **options: Any) -> None:
        try:
            if options["action"] == "import":
                self._import(options)
            elif options["action"] == "export":
                self._export(options)
            else:
                self._search(options)
        except CatalogueImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(error.summary, returncode=1) from error
        except DichtbijError as error:
            raise CommandError(error.message, returncode=1) from error

    # --- import / export -------------------------------------------------------------

    def _import(self, options: dict[str, Any]) -> None:
        region = _region(options.get("region"))
        path: Path = options["file"]
        with _Bar(self.stderr, disable=options["no_progress"], unit="B", desc=path.name) as bar:
            summary = catalogue_import_file(path=path, region=region, progress=bar.update_to)
        self.stdout.write(_describe(summary))

    def _export(self, options: dict[str, Any]) -> None:
        region = _region(options.get("region"))
        output: Path | None = options.get("output")
        with _Bar(self.stderr, disable=options["no_progress"], unit=" diensten") as bar:
            if output is None:
                catalogue_export_write(
                    stream=_Plain(self.stdout), region=region, progress=bar.update_to
                )
                return
            with output.open("w", encoding="utf-8") as handle:
                count = catalogue_export_write(stream=handle, region=region, progress=bar.update_to)
        self.stdout.write(
            gettext("%(count)d diensten geëxporteerd naar %(file)s")
            % {"count": count, "file": output}
        )

    # --- search ----------------------------------------------------------------------

    def _search(self, options: dict[str, Any]) -> None:
        from dichtbij.catalogue.search import catalogue_search
        from dichtbij.catalogue.search.types import SearchQuery

        municipality = _municipality(options.get("gemeente"))
        region = _region(options.get("regio"))
        if region is None and municipality is not None:
            region = municipality.region
        query = SearchQuery(
            text=options["text"],
            region=region,
            municipality=municipality,
            age=options.get("age"),
            theme=_code("thema", options.get("thema")),
            kind=_code("soort", options.get("soort")),
            without_referral=bool(options.get("zonder_verwijzing")),
            max_waiting_weeks=options.get("max_wachttijd"),
            limit=options["limit"],
        )
        result = catalogue_search(query=query)
        hits: list[dict[str, Any]] = [
            {
                "id": str(hit.service.pk),
                "name": hit.service.name,
                "score": round(hit.score, 4),
                "reasons": [{"kind": r.kind, "text": r.text} for r in hit.reasons],
                "referral_required": hit.service.referral_required,
                "waiting_weeks": hit.service.waiting_weeks,
            }
            for hit in result.hits
        ]
        crisis = [] if result.safety is None else result.safety.crisis_services
        safety: dict[str, Any] | None = (
            None
            if result.safety is None
            else {
                "message": result.safety.message,
                "crisis_services": [
                    {"id": str(service.pk), "name": service.name} for service in crisis
                ],
            }
        )
        if options["json"]:
            body = {
                "query": options["text"],
                "safety": safety,
                "out_of_scope": result.out_of_scope,
                "local_team_hint": result.local_team_hint,
                "results": hits,
            }
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        if result.safety is not None:
            self.stdout.write(f"!! {result.safety.message}")
            for service in crisis:
                self.stdout.write(f"   - {service.name}")
            self.stdout.write("")
        if result.out_of_scope:
            self.stdout.write(result.local_team_hint or gettext("Niets passends gevonden."))
        for number, hit in enumerate(result.hits, 1):
            service = hit.service
            facts = [
                gettext("verwijzing nodig")
                if service.referral_required
                else gettext("zonder verwijzing")
            ]
            if service.waiting_weeks is not None:
                facts.append(gettext("wachttijd %(weeks)d wk") % {"weeks": service.waiting_weeks})
            self.stdout.write(
                f"{number:2d}. {service.name}  ({', '.join(facts)}; {round(hit.score, 4)})"
            )
            for reason in hit.reasons:
                self.stdout.write(f"      - {reason.text}")


# --- Helpers -------------------------------------------------------------------------


class _Bar:
    """A tqdm progress bar on stderr, fed with ``progress(done, total)`` callbacks."""

    def __init__(self, stream: OutputWrapper, *, disable: bool, unit: str, desc: str = "") -> None:
        self._bar = tqdm(
            file=_Plain(stream),
            disable=disable,
            unit=unit.strip() if unit == "B" else unit,
            unit_scale=unit == "B",
            desc=desc or None,
            leave=True,
        )

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()

    def update_to(self, done: int, total: int) -> None:
        if self._bar.total != total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)


class _Plain:
    """A text stream over Django's ``OutputWrapper`` that adds no line endings."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self._wrapper = wrapper

    def write(self, text: str) -> int:
        self._wrapper.write(text, ending="")
        return len(text)

    def flush(self) -> None:
        self._wrapper.flush()


def _region(code: str | None) -> Region | None:
    return None if not code else region_get(code=code)


def _municipality(name_or_code: str | None) -> Municipality | None:
    if not name_or_code:
        return None
    value = name_or_code.strip()
    found = (
        municipality_get(code=value.upper())
        if value.upper().startswith("GM")
        else Municipality.objects.select_related("region").filter(name__iexact=value).first()
    )
    if found is None:
        raise CommandError(
            gettext('Onbekende gemeente "%(name)s": geef de naam of de CBS-code (GM0342).')
            % {"name": value},
            returncode=1,
        )
    return found


def _code(prefix: str, value: str | None) -> str | None:
    if not value:
        return None
    return value if ":" in value else f"{prefix}:{value}"


def _describe(summary: ImportSummary) -> str:
    lines = [
        gettext("%(source)s geïmporteerd (regio's: %(regions)s)")
        % {"source": summary.source_name, "regions": ", ".join(summary.regions) or "-"}
    ]
    lines.extend(
        f"  {_LABELS[name]}: {_counts(counts)}" for name, counts in summary.counts().items()
    )
    return "\n".join(lines)


def _counts(counts: ObjectCounts) -> str:
    return gettext(
        "%(created)d nieuw, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd, "
        "%(deleted)d verwijderd"
    ) % {
        "created": counts.created,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "deleted": counts.deleted,
    }
