"""The base class of domain errors.

A service raises a subclass when a domain rule refuses an action. The class carries a
stable ``code`` (snake_case fact, e.g. ``referrer_type_not_allowed``), an HTTP status for
the API and a translated message for people; pages show ``message``, the API renders
problem+json with ``code`` and ``data``.
"""

from collections.abc import Mapping
from typing import ClassVar

from django.utils.functional import Promise


class DichtbijError(Exception):
    """A domain rule refused an action; nothing was changed."""

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400

    def __init__(self, message: str | Promise, **data: object) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.data: Mapping[str, object] = data


class NotFoundOrForbidden(DichtbijError):
    """The object does not exist or the user may not see it; the two look alike."""

    code = "not_found"
    status = 404
