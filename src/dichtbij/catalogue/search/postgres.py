"""PostgreSQL's own full-text search as the lexical part of the ranking.

On PostgreSQL every document has a ``search_vector`` made with the ``dutch`` text
search configuration (title A, themes and kind B, description C, the rest D) and a GIN
index. :func:`postgres_lexical_scores` asks PostgreSQL which documents match the
question's words and how well (``ts_rank`` with those weights), for the typed words and
for the words a concept added separately (a tsquery has no term weights), and returns
the scores in the in-memory index's order. Stemming and stop words are then
PostgreSQL's ``dutch`` ones.
"""

from __future__ import annotations

import numpy as np
from django.db import connection

from dichtbij.catalogue.search.analysis import WEIGHT_EXPANDED, WEIGHT_PART_OF_KNOWN, QueryAnalysis
from dichtbij.catalogue.search.index import FloatArray, MemoryIndex
from dichtbij.catalogue.search.models import SearchDocument

#: ts_rank weights for D, C, B, A (description C, title A), like the BM25F fields.
RANK_WEIGHTS = "{0.15, 0.35, 0.65, 1.0}"


def _tsquery(words: set[str]) -> str:
    # Words are normalised (letters and digits only), so they are safe tsquery operands.
    return " | ".join(sorted(words))


def postgres_lexical_scores(
    index: MemoryIndex, analysis: QueryAnalysis, *, region_id: int | None
) -> FloatArray:
    """Lexical scores from PostgreSQL (see the module docstring), ``0`` where no match."""
    scores = np.zeros(index.size, dtype=np.float32)
    main = {t.word for t in analysis.terms.values() if t.weight >= WEIGHT_PART_OF_KNOWN}
    extra = {t.word for t in analysis.terms.values() if t.weight < WEIGHT_PART_OF_KNOWN} - main
    if not main and not extra:
        return scores
    table = SearchDocument._meta.db_table
    region_filter = "AND d.region_id = %s" if region_id is not None else ""
    sql = f"""
        SELECT d.service_id,
               ts_rank('{RANK_WEIGHTS}', d.search_vector, m.q, 1),
               ts_rank('{RANK_WEIGHTS}', d.search_vector, e.q, 1)
        FROM {table} d,
             to_tsquery('dutch', %s) AS m(q),
             to_tsquery('dutch', %s) AS e(q)
        WHERE d.searchable AND d.search_vector @@ (m.q || e.q) {region_filter}
    """  # noqa: S608  # the table name comes from the model; values are parameters
    parameters: list[str | int] = [_tsquery(main), _tsquery(extra)]
    if region_id is not None:
        parameters.append(region_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    expanded_share = WEIGHT_EXPANDED
    for service_id, rank_main, rank_extra in rows:
        position = index.positions.get(service_id)
        if position is not None:
            scores[position] = rank_main + expanded_share * rank_extra
    return scores
