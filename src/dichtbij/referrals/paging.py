"""Paging a team's inbox and waiting list in queue order, for the page and the API alike.

Both lists are queues: most urgent first, then the longest waiting (``priority``,
``sent_at``, ``id``, the order of the indexes ``referral_team_inbox`` and
``referral_team_waiting``). They page with a cursor on that order (STYLE.md section 9),
so a page costs the same however deep in the queue it lies; the total is one count on
the same index (a team's queue is hundreds long, not millions). DRF's
cursor pagination does the work; the page reuses it with one cursor parameter per list,
so that paging one list keeps the other where it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from typing_extensions import override

from dichtbij.referrals.constants import QUEUE_ORDER
from dichtbij.referrals.models import Referral
from dichtbij.utils.pagination import KeysetPagination

#: Rows per page of a queue in the API (unless ``?page_size=``, up to 200).
QUEUE_PAGE_SIZE = 50
#: Rows per list on the team page, which shows two lists (inbox and waiting list) and
#: the length of each. Rendering and auditing grow with the rows: on the 2-core CI
#: machine the page's p95 on PostgreSQL was 110-150 ms with 50 + 50 rows and 80-105 ms
#: with 25 + 25 (``make bench``, 100,000 referrals).
SCREEN_PAGE_SIZE = 25


class QueuePagination(KeysetPagination):
    """Cursor pages of a referral queue, in queue order; ``?page_size=`` up to 200."""

    ordering = QUEUE_ORDER  # type: ignore[assignment]  # DRF takes a tuple; stubs say str
    page_size = QUEUE_PAGE_SIZE


@dataclass(frozen=True)
class QueuePage:
    """One page of a queue: its rows, how many the whole queue holds, and links to the
    pages around it (``None`` at an end). ``first_url`` leads back to the start once the
    viewer has paged on."""

    rows: list[Referral]
    total: int
    next_url: str | None
    previous_url: str | None
    first_url: str | None


def queue_page(request: HttpRequest, queryset: QuerySet[Referral], *, param: str) -> QueuePage:
    """The page of ``queryset`` that ``request``'s ``param`` points at (the first page if
    it points nowhere valid: an old or altered link must not cost the coordinator the
    list). Other query parameters stay in the links, which are relative."""
    if param in request.GET:
        rest = request.GET.copy()
        rest.pop(param)
        first_url = f"{request.path}?{rest.urlencode()}" if rest else request.path
    else:
        rest, first_url = request.GET, None
    paginator = ScreenQueuePagination(param)
    try:
        rows = paginator.paginate_queryset(queryset, Request(request))
    except NotFound:
        rows = paginator.paginate_queryset(queryset, Request(_without_cursor(request, rest)))
    return QueuePage(
        rows=list(rows or []),
        total=queryset.count(),
        next_url=paginator.get_next_link(),
        previous_url=paginator.get_previous_link(),
        first_url=first_url,
    )


class ScreenQueuePagination(QueuePagination):
    """The queue pagination with its own cursor parameter, linking within the site."""

    #: One page size for everyone: the page has no control for it.
    page_size = SCREEN_PAGE_SIZE
    page_size_query_param = None  # type: ignore[assignment]  # DRF's "off"; stubs say str

    def __init__(self, param: str) -> None:
        self.cursor_query_param = param

    @override
    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        rows = super().paginate_queryset(queryset, request, view)
        self.base_url = request.get_full_path()
        return rows


def _without_cursor(request: HttpRequest, query: QueryDict) -> HttpRequest:
    """``request`` as if its query were ``query``."""
    clone = copy.copy(request)
    clone.GET = query  # type: ignore[assignment]  # read only, as the original
    clone.META = {**request.META, "QUERY_STRING": query.urlencode()}
    return clone
