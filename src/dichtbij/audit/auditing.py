"""Making every view that shows personal data write to the audit log.

Each view declares what it serves, and the URL-walking test
(``audit/tests/test_every_view_is_classified.py``) fails for a view that declares
nothing:

* :func:`no_personal_data` / :class:`NotPersonalMixin`: public or configuration pages.
* :func:`personal_data` / :class:`AuditedViewMixin` / :class:`AuditedAPIMixin`: the view
  records what it shows with :func:`audit_read` (or a service records its change). If a
  successful request ends without any audit row, the helper notices: in tests and demo
  it raises :class:`AuditMissingError`; in production it writes a row without subject
  and logs a warning, so that nothing goes unrecorded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from typing_extensions import override

from dichtbij.audit.constants import Action
from dichtbij.audit.services import AUDITED_FLAG, Subject, audit_record, audit_record_many

logger = logging.getLogger(__name__)

POLICY_ATTR = "dichtbij_audit"


@dataclass(frozen=True)
class AuditPolicy:
    """What a view declares about the personal data it serves."""

    personal_data: bool
    object_type: str = ""
    reason: str = ""


NOT_PERSONAL = AuditPolicy(personal_data=False)


class AuditMissingError(AssertionError):
    """A view that serves personal data finished without writing an audit row."""


V = TypeVar("V", bound=Callable[..., Any])


def no_personal_data(view: V) -> V:
    """Declare that a function view (or ``as_view()`` result) serves no personal data."""
    setattr(view, POLICY_ATTR, NOT_PERSONAL)
    return view


def audit_read(
    request: HttpRequest,
    *,
    object_type: str,
    reason: str,
    subject: Subject | None = None,
    object_id: str = "",
    action: Action = Action.READ,
) -> None:
    """Record that the requesting user was shown personal data."""
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        subject=subject,
        request=request,
    )


def was_audited(request: HttpRequest) -> bool:
    """True when an audit row was written while handling ``request``."""
    return bool(getattr(getattr(request, "_request", request), AUDITED_FLAG, False))


def check_audited(request: HttpRequest, response: HttpResponseBase, policy: AuditPolicy) -> None:
    """Enforce that a successful response of a personal-data view was audited."""
    # Only a 2xx response shows data; redirects and errors do not.
    if not 200 <= response.status_code < 300 or was_audited(request):
        return
    if settings.DEBUG or settings.DICHTBIJ_ENV == "test":
        raise AuditMissingError(
            f"{request.method} {request.path} serves personal data ({policy.object_type}) "
            "but wrote no audit row: call audit_read() or an auditing service."
        )
    logger.warning(
        "Unaudited personal-data response for %s; recorded a fallback row.", policy.object_type
    )
    audit_read(request, object_type=policy.object_type, reason=policy.reason)


def personal_data(*, object_type: str, reason: str) -> Callable[[V], V]:
    """Declare a function view as serving personal data and check that it audits."""
    policy = AuditPolicy(personal_data=True, object_type=object_type, reason=reason)

    def decorator(view: V) -> V:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response: HttpResponseBase = view(request, *args, **kwargs)
            check_audited(request, response, policy)
            return response

        setattr(wrapped, POLICY_ATTR, policy)
        return wrapped  # type: ignore[return-value]  # same call signature as view

    return decorator


class NotPersonalMixin:
    """For class-based views that serve no personal data."""

    dichtbij_audit: ClassVar[AuditPolicy] = NOT_PERSONAL


class AuditedViewMixin:
    """For Django class-based views that show personal data.

    Set ``audit_object_type`` and ``audit_reason``; call ``self.audit(...)`` for each
    person shown. ``dispatch`` checks that the request was audited.
    """

    audit_object_type: ClassVar[str]
    audit_reason: ClassVar[str]
    request: Any  # Django's HttpRequest, or DRF's Request that wraps it

    @override
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "audit_object_type"):
            cls.dichtbij_audit = AuditPolicy(  # type: ignore[attr-defined]
                personal_data=True,
                object_type=cls.audit_object_type,
                reason=getattr(cls, "audit_reason", ""),
            )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        # Template responses render later; audit rows are written while building the
        # context, which happens before rendering, so the check can run now.
        check_audited(request, response, self.dichtbij_audit)  # type: ignore[attr-defined]
        return response

    def audit(
        self,
        *,
        subject: Subject | None = None,
        object_id: str = "",
        action: Action = Action.READ,
        reason: str | None = None,
    ) -> None:
        audit_read(
            self.request,
            object_type=self.audit_object_type,
            reason=reason or self.audit_reason,
            subject=subject,
            object_id=object_id,
            action=action,
        )

    def audit_many(
        self,
        *,
        subjects: Sequence[tuple[Subject, str]],
        action: Action = Action.READ,
        reason: str | None = None,
    ) -> None:
        """Record that a list showed each of ``subjects`` (``(subject, object_id)``), in one
        insert; an empty list still records that the list was opened."""
        user = getattr(self.request, "user", None)
        audit_record_many(
            actor=user if user is not None and user.is_authenticated else None,
            action=action,
            object_type=self.audit_object_type,
            reason=reason or self.audit_reason,
            subjects=list(subjects) or [(None, "")],
            request=self.request,
        )


class AuditedAPIMixin(AuditedViewMixin):
    """For DRF views and viewsets that return personal data.

    DRF renders errors itself, so the check runs in ``finalize_response``.
    """

    @override
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Skip AuditedViewMixin.dispatch: the DRF hook below does the check.
        return super(AuditedViewMixin, self).dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        check_audited(request, response, self.dichtbij_audit)  # type: ignore[attr-defined]
        return response
