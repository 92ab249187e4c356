"""Search over the sociale kaart (an app of its own, label ``catalogue_search``).

Entry points, importable from here:

- :func:`catalogue_search` (``*, query: SearchQuery) -> SearchResult``): the one search
  behind the hulpwijzer, the professionals' pages, the API and the command line;
- :func:`search_index_rebuild` (``*, region=None) -> int``): index all services again,
  e.g. after an HSDS import;
- :func:`search_index_update` (``*, services) -> int``): re-index some services after
  an edit.

The contract types are in :mod:`dichtbij.catalogue.search.types`. The names are loaded
lazily, because Django imports this package before the models are ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dichtbij.catalogue.search.selectors import catalogue_search
    from dichtbij.catalogue.search.services import search_index_rebuild, search_index_update

__all__ = ["catalogue_search", "search_index_rebuild", "search_index_update"]


def __getattr__(name: str) -> Any:
    if name == "catalogue_search":
        from dichtbij.catalogue.search.selectors import catalogue_search

        return catalogue_search
    if name in ("search_index_rebuild", "search_index_update"):
        from dichtbij.catalogue.search import services

        return getattr(services, name)
    raise AttributeError(name)
