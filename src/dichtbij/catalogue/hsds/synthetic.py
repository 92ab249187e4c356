"""Synthetic catalogues of any size, made by varying the shared regio Amersfoort one.

For benchmarks (import, search) at 20,000 services. Copy ``k`` of the shared catalogue
gets new ids (uuid5 of the seed, ``k`` and the old id, so references stay consistent),
its organisations and locations a copy number, and each service a place in the region in
its name and a varied description; services for one or a few gemeenten move to other
gemeenten of the seven. Taxonomies and terms are kept (same vocabulary, so search works
the same). Deterministic for a given ``seed``; valid HSDS 3.0 like its source.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, TextIO

from django.conf import settings
from django.utils.translation import gettext

from dichtbij.catalogue.hsds.constants import DICHTBIJ_NAMESPACE
from dichtbij.catalogue.hsds.errors import SharedCatalogueMissing

SHARED_CATALOGUE: Final = "sociale-kaart-regio-amersfoort.json"

#: Places (wijken and kernen) per gemeente of regio Amersfoort, for names.
PLACES: Final[dict[str, tuple[str, ...]]] = {
    "GM0307": (
        "Binnenstad",
        "Soesterkwartier",
        "Kruiskamp",
        "Schothorst",
        "Liendert",
        "Kattenbroek",
        "Nieuwland",
        "Vathorst",
        "Hoogland",
        "Randenbroek",
    ),
    "GM0308": ("Baarn", "Lage Vuursche"),
    "GM0313": ("Bunschoten-Spakenburg", "Eemdijk"),
    "GM0317": ("Eemnes",),
    "GM0327": ("Leusden", "Achterveld", "Tabaksteeg"),
    "GM0342": ("Soest", "Soestdijk", "Soesterberg"),
    "GM0351": ("Woudenberg",),
}

_EXTRA_SENTENCES: Final = (
    "Je bent welkom in {place}, ook als je nog twijfelt of dit iets voor je is.",
    "In {place} werken we samen met scholen, huisartsen en het wijkteam.",
    "Bel of mail gerust eerst met een vraag; in {place} kennen we de weg.",
    "Ook ouders uit {place} kunnen hier terecht met hun vragen.",
    "We maken graag een afspraak op een plek in {place} die voor jou prettig is.",
    "Deze variant in {place} heeft ook avondbijeenkomsten.",
)


def shared_catalogue_path() -> Path:
    return Path(settings.SHARED_DATA_DIR) / SHARED_CATALOGUE


def synthetic_catalogue(*, services: int, seed: int = 1) -> dict[str, Any]:
    """A catalogue of ``services`` services in the shared file's wrapper shape.

    Raises :class:`SharedCatalogueMissing` without the shared catalogue.
    """
    return {
        key: value if isinstance(value, dict) else list(value)
        for key, value in _parts(services, seed)
    }


def synthetic_catalogue_write(*, stream: TextIO, services: int, seed: int = 1) -> None:
    """Write :func:`synthetic_catalogue` as JSON to ``stream``, one object at a time
    (the whole catalogue is never in memory)."""
    stream.write("{")
    for number, (key, value) in enumerate(_parts(services, seed)):
        stream.write(f'{"," if number else ""}\n"{key}": ')
        if isinstance(value, dict):
            json.dump(value, stream, ensure_ascii=False)
            continue
        stream.write("[")
        for index, item in enumerate(value):
            stream.write(",\n" if index else "\n")
            json.dump(item, stream, ensure_ascii=False)
        stream.write("\n]")
    stream.write("\n}\n")


def _load_shared() -> dict[str, Any]:
    path = shared_catalogue_path()
    if not path.is_file():
        raise SharedCatalogueMissing(
            gettext(
                "De gedeelde sociale kaart %(path)s ontbreekt; zonder die kan er geen "
                "synthetische sociale kaart gemaakt worden (zet DICHTBIJ_SHARED_DATA)."
            )
            % {"path": path}
        )
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _parts(count: int, seed: int) -> Iterator[tuple[str, dict[str, Any] | Iterator[Any]]]:
    base = _load_shared()
    base_services: list[dict[str, Any]] = base["services"]
    copies = max(1, -(-count // len(base_services)))
    keep = {t["id"] for t in base["taxonomies"]} | {t["id"] for t in base["taxonomy_terms"]}
    gemeenten = [(g["cbs_code"], g["naam"]) for g in base["meta"]["gemeenten"]]
    copier = _Copier(seed, keep)
    yield (
        "meta",
        {
            "title": f"Synthetische sociale kaart ({count} diensten, seed {seed})",
            "description": (
                "Gemaakt door de gedeelde sociale kaart van regio Amersfoort te variëren; "
                "alleen voor benchmarks en tests."
            ),
            "synthetic": True,
            "hsds_version": "3.0",
            "language": "nl",
        },
    )
    yield "taxonomies", iter(base["taxonomies"])
    yield "taxonomy_terms", iter(base["taxonomy_terms"])
    yield (
        "organizations",
        (
            _renamed(copier.copy(org, k), k, "name")
            for k in range(copies)
            for org in base["organizations"]
        ),
    )
    yield (
        "locations",
        (
            _renamed(copier.copy(location, k), k, "name")
            for k in range(copies)
            for location in base["locations"]
        ),
    )
    chosen = [(k, s) for k in range(copies) for s in base_services][:count]
    yield "services", (_service(copier, s, k, seed, gemeenten) for k, s in chosen)
    wanted = {(k, s["id"]) for k, s in chosen}
    yield (
        "service_at_locations",
        (
            copier.copy(sal, k)
            for k in range(copies)
            for sal in base["service_at_locations"]
            if (k, sal["service_id"]) in wanted
        ),
    )


class _Copier:
    """Deep copies with new ids for copy ``k``; shared objects (organisations,
    locations) are copied once per ``k`` and then reused, to keep memory small."""

    def __init__(self, seed: int, keep: set[str]) -> None:
        self.seed = seed
        self.keep = keep
        self.memo: dict[tuple[int, str], Any] = {}

    def new_id(self, old: str, k: int) -> str:
        return str(uuid.uuid5(DICHTBIJ_NAMESPACE, f"synthetic/{self.seed}/{k}/{old}"))

    def copy(self, value: Any, k: int) -> Any:
        if isinstance(value, dict):
            pk = str(value.get("id"))
            shared = "location_type" in value or "legal_status" in value
            if shared and (k, pk) in self.memo:
                return self.memo[(k, pk)]
            result = {key: self.copy(item, k) for key, item in value.items()}
            if shared:
                result = _renamed(result, k, "name")
                self.memo[(k, pk)] = result
            return result
        if isinstance(value, list):
            return [self.copy(item, k) for item in value]
        if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
            if value in self.keep:
                return value
            return self.new_id(value, k)
        return value


def _renamed(obj: dict[str, Any], k: int, key: str) -> dict[str, Any]:
    if k and isinstance(obj.get(key), str) and not obj[key].endswith(f" {k + 1}"):
        obj[key] = f"{obj[key]} {k + 1}"
    return obj


def _service(
    copier: _Copier,
    service: Mapping[str, Any],
    k: int,
    seed: int,
    gemeenten: list[tuple[str, str]],
) -> dict[str, Any]:
    rng = random.Random(f"{seed}/{k}/{service['id']}")  # noqa: S311  # synthetic data
    result: dict[str, Any] = copier.copy(dict(service), k)
    if k == 0:
        return result
    areas: list[dict[str, Any]] = result["service_areas"]
    if len(areas) < len(gemeenten):
        picked = rng.sample(gemeenten, len(areas))
        for area, (code, name) in zip(areas, picked, strict=True):
            if area.get("name") != name:
                area["name"] = name
                area["description"] = f"Gemeente {name} (CBS {code})"
                area.pop("extent", None)
                area.pop("extent_type", None)
        code = picked[0][0]
    else:
        code = rng.choice(gemeenten)[0]
    place = rng.choice(PLACES.get(code, ("de regio",)))
    result["name"] = f"{service['name']} {place}"[:300]
    sentences = [s for s in str(service.get("description", "")).split(". ") if s]
    if len(sentences) > 2 and rng.random() < 0.5:
        sentences = [sentences[0], *sentences[2:], sentences[1]]
    text = ". ".join(sentences).rstrip(".") + ". "
    result["description"] = text + rng.choice(_EXTRA_SENTENCES).format(place=place)
    return result
