"""The data that tells the search how people ask: concept map, English words, signals.

Loaded once from ``data/concepts.toml``, ``data/english.toml`` and ``data/signals.toml``
(see the comments at the top of each). Everything is normalised and stemmed here, so
that matching a question is a set lookup.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dichtbij.catalogue.search.text import normalize, stem, words

#: At most this many other words may stand between the words of a phrase.
PHRASE_GAP = 2


@dataclass(frozen=True)
class Concept:
    """One entry of the concept map (see ``data/concepts.toml``)."""

    id: str
    themes: dict[str, float]
    kinds: dict[str, float]
    specialist: bool
    word_stems: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    #: Words (normalised, not stemmed) the concept adds to the search.
    expand: tuple[str, ...]


@dataclass(frozen=True)
class SafetySignal:
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    themes: dict[str, float]


@dataclass(frozen=True)
class ConceptMap:
    concepts: tuple[Concept, ...]
    #: English word → Dutch words (normalised).
    english: dict[str, tuple[str, ...]]
    safety: tuple[SafetySignal, ...]
    crisis_kinds: frozenset[str]
    crisis_theme_sets: tuple[frozenset[str], ...]
    out_of_scope: frozenset[str]
    generic: frozenset[str]
    #: Every normalised word the data files mention (known to the vocabulary).
    known_words: frozenset[str]

    def is_crisis_service(self, *, themes: set[str] | frozenset[str], kinds: set[str]) -> bool:
        """Whether a service with these taxonomy codes is one of the crisis services."""
        return bool(kinds & self.crisis_kinds) or any(
            required <= themes for required in self.crisis_theme_sets
        )


def _read(name: str) -> dict[str, Any]:
    text = resources.files("dichtbij.catalogue.search").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in words(text))


@functools.cache
def concept_map() -> ConceptMap:
    """The concept map and signals, parsed once per process."""
    known: set[str] = set()
    concepts = []
    for entry in _read("concepts.toml")["concept"]:
        single: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for text in [*entry.get("words", []), *entry.get("phrases", [])]:
            parts = words(text)
            known.update(parts)
            if len(parts) == 1:
                single.add(stem(parts[0]))
            elif parts:
                phrases.append(_phrase(text))
        expand = tuple(w for text in entry.get("expand", []) for w in words(text))
        concepts.append(
            Concept(
                id=entry["id"],
                themes=dict(entry.get("themes", {})),
                kinds=dict(entry.get("kinds", {})),
                specialist=bool(entry.get("specialist", False)),
                word_stems=frozenset(single),
                phrases=tuple(phrases),
                expand=expand,
            )
        )
    english = {
        normalize(key): tuple(words(value)) for key, value in _read("english.toml")["words"].items()
    }
    for translations in english.values():
        known.update(translations)
    signals = _read("signals.toml")
    safety = tuple(
        SafetySignal(
            kind=entry["kind"],
            patterns=tuple(re.compile(pattern) for pattern in entry["patterns"]),
            themes=dict(entry.get("themes", {})),
        )
        for entry in signals["safety"]
    )
    crisis = signals["crisis_services"]
    return ConceptMap(
        concepts=tuple(concepts),
        english=english,
        safety=safety,
        crisis_kinds=frozenset(crisis["kinds"]),
        crisis_theme_sets=tuple(frozenset(group) for group in crisis["themes"]),
        out_of_scope=frozenset(normalize(w) for w in signals["out_of_scope"]["words"]),
        generic=frozenset(normalize(w) for w in signals["generic"]["words"]),
        known_words=frozenset(known),
    )


def phrase_occurs(phrase: tuple[str, ...], sequence: list[str]) -> bool:
    """Whether the stems of ``phrase`` occur in ``sequence`` in order, with small gaps."""
    first = phrase[0]
    for start, token in enumerate(sequence):
        if token != first:
            continue
        position = start
        for wanted in phrase[1:]:
            window = sequence[position + 1 : position + 2 + PHRASE_GAP]
            if wanted not in window:
                break
            position = position + 1 + window.index(wanted)
        else:
            return True
    return False
