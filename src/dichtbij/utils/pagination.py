"""Keyset (cursor) pagination for lists that grow: no COUNT, no deep OFFSET.

See STYLE.md section 9: caseload, waiting-list and audit lists page on an indexed unique
ordering. Views may set ``ordering`` to another unique, indexed column tuple.
"""

from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """Pages of ``page_size`` (``?page_size=`` up to 200) ordered newest first by ``-id``."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200
