"""What a question is about: its search terms, themes, kinds, intent and signals.

:func:`analyze` reads a question with the catalogue's :class:`~.text.Vocabulary` and the
:func:`~.concepts.concept_map`. Terms carry a weight by how they were found: typed
(1.0), corrected from a typo or translated from English (0.9), part of a compound
(0.7, or 0.5 when the whole word is known too), or added by a recognised concept (0.35).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dichtbij.catalogue.search.concepts import ConceptMap, phrase_occurs
from dichtbij.catalogue.search.text import Vocabulary, normalize, stem, stopwords, words

WEIGHT_TYPED = 1.0
WEIGHT_CORRECTED = 0.9
WEIGHT_ENGLISH = 0.9
WEIGHT_PART = 0.7
WEIGHT_PART_OF_KNOWN = 0.5
WEIGHT_EXPANDED = 0.35


@dataclass
class QueryTerm:
    """A stem to look up, its weight, and the word to name in a match reason."""

    stem: str
    weight: float
    word: str


@dataclass
class QueryAnalysis:
    text: str
    terms: dict[str, QueryTerm] = field(default_factory=dict)
    themes: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, float] = field(default_factory=dict)
    concepts: list[str] = field(default_factory=list)
    #: The question is about specialist help (treatment, diagnosis, referral, ...).
    specialist: bool = False
    #: ``geweld``, ``suicide`` or ``onveilig`` when the question signals acute danger.
    safety: str | None = None
    out_of_scope_words: list[str] = field(default_factory=list)
    #: Typos corrected: typed word → catalogue word.
    corrections: dict[str, str] = field(default_factory=dict)
    #: Whether anything in the question fits the catalogue (a concept, or a word of
    #: the catalogue that is not one of the generic words every question has).
    evidence: bool = False

    @property
    def empty(self) -> bool:
        return not self.terms and not self.themes and not self.kinds

    def add_term(self, term_stem: str, weight: float, word: str) -> None:
        current = self.terms.get(term_stem)
        if current is None or current.weight < weight:
            self.terms[term_stem] = QueryTerm(term_stem, weight, word)


def analyze(text: str, *, vocabulary: Vocabulary, concepts: ConceptMap) -> QueryAnalysis:
    """Read a question: see the module docstring."""
    analysis = QueryAnalysis(text=text)
    plain = normalize(text)
    for signal in concepts.safety:
        if any(pattern.search(plain) for pattern in signal.patterns):
            analysis.safety = signal.kind
            analysis.themes.update(signal.themes)
            break

    stop = stopwords()
    # A question with a word of another counter (a permit, a passport) is not corrected:
    # its other words are rarely typos of the catalogue's (verlengen is not verlegen).
    correcting = not any(word in concepts.out_of_scope for word in words(text))
    sequence: list[str] = []  # stems of all words, corrected, for phrase matching
    extra_stems: set[str] = set()  # compound parts and translations, for concept words
    for word in words(text):
        if word in concepts.out_of_scope:
            analysis.out_of_scope_words.append(word)
        translations = concepts.english.get(word, ())
        if translations and word not in vocabulary.frequency:
            for translated in translations:
                analysis.add_term(stem(translated), WEIGHT_ENGLISH, translated)
                extra_stems.add(stem(translated))
                if translated not in concepts.generic and stem(translated) in vocabulary.stems:
                    analysis.evidence = True
        if word in stop:
            sequence.append(stem(word))
            continue
        known = vocabulary.knows(word)
        shown = word
        if correcting and not known and not translations and not vocabulary.split(word):
            corrected = vocabulary.correct(word)
            if corrected is not None:
                analysis.corrections[word] = corrected
                shown = corrected
                known = True
        word_stem = stem(shown)
        sequence.append(word_stem)
        weight = WEIGHT_CORRECTED if shown != word else WEIGHT_TYPED
        if not translations or known:
            analysis.add_term(word_stem, weight, shown)
        if known and shown not in concepts.generic and word_stem in vocabulary.stems:
            analysis.evidence = True
        parts = vocabulary.split(shown)
        for part in parts:
            part_weight = WEIGHT_PART_OF_KNOWN if known else WEIGHT_PART
            analysis.add_term(stem(part), part_weight, part)
            extra_stems.add(stem(part))
            if part not in concepts.generic and stem(part) in vocabulary.stems and not known:
                analysis.evidence = True

    stems = set(sequence) | extra_stems
    for concept in concepts.concepts:
        if not (concept.word_stems & stems) and not any(
            phrase_occurs(phrase, sequence) for phrase in concept.phrases
        ):
            continue
        analysis.concepts.append(concept.id)
        analysis.evidence = True
        analysis.specialist = analysis.specialist or concept.specialist
        for code, weight in concept.themes.items():
            analysis.themes[code] = max(weight, analysis.themes.get(code, 0.0))
        for code, weight in concept.kinds.items():
            analysis.kinds[code] = max(weight, analysis.kinds.get(code, 0.0))
        for expanded in concept.expand:
            analysis.add_term(stem(expanded), WEIGHT_EXPANDED, expanded)
    return analysis
