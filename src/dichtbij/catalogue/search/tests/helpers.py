"""Small helpers for the search tests."""

from __future__ import annotations

from typing import Any

from dichtbij.catalogue.search.selectors import catalogue_search
from dichtbij.catalogue.search.types import SearchQuery, SearchResult
from dichtbij.regions.selectors import municipality_get


def search(
    text: str = "", *, region: Any = None, gemeente: str | None = None, **kw: Any
) -> SearchResult:
    municipality = municipality_get(code=gemeente) if gemeente else None
    return catalogue_search(
        query=SearchQuery(text=text, region=region, municipality=municipality, **kw)
    )


def names(result: SearchResult) -> list[str]:
    return [hit.service.name for hit in result.hits]
