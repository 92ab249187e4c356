"""Errors of the API as ``application/problem+json`` (RFC 9457).

One handler renders every error: DRF's own exceptions, Django's 404 and permission
errors, and our :class:`~dichtbij.utils.errors.DichtbijError`. The body always has
``type``, ``title``, ``status``, ``detail`` and ``code``; validation errors add
``invalid-params`` (name + reason per field), as the NL API Design Rules suggest.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from dichtbij.utils.errors import DichtbijError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested validation errors into ``[{name, code, reason}]``."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params.extend(_invalid_params(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.extend(_invalid_params(value, prefix))
    else:
        code = getattr(detail, "code", "invalid")
        params.append(
            {"name": prefix or "nonFieldErrors", "code": str(code), "reason": str(detail)}
        )
    return params


def problem_json(*, status_code: int, detail: str, code: str) -> JsonResponse:
    """A problem+json response outside DRF (middleware, URL handlers)."""
    return JsonResponse(
        {
            "type": f"urn:dichtbij:problem:{code}",
            "title": detail,
            "status": status_code,
            "detail": detail,
            "code": code,
        },
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(
    *, status_code: int, title: str, detail: str, code: str, extra: dict[str, Any] | None = None
) -> Response:
    """A problem+json response; ``extra`` adds members to the body."""
    body: dict[str, Any] = {
        "type": f"urn:dichtbij:problem:{code}",
        "title": title,
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if extra:
        body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: every error becomes problem+json."""
    if isinstance(exc, DichtbijError):
        return problem_response(
            status_code=exc.status,
            title=exc.message,
            detail=exc.message,
            code=exc.code,
            extra={"data": dict(exc.data)} if exc.data else None,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    if isinstance(exc, exceptions.ValidationError):
        problem = problem_response(
            status_code=status.HTTP_400_BAD_REQUEST,
            title=_("De invoer is niet geldig."),
            detail=_("Een of meer velden zijn niet goed ingevuld."),
            code="invalid",
            extra={"invalid-params": _invalid_params(exc.detail)},
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        code = exc.get_codes()
        problem = problem_response(
            status_code=response.status_code,
            title=str(exc.default_detail),
            detail=str(detail),
            code=code if isinstance(code, str) else "error",
        )
    # Keep headers such as WWW-Authenticate and Retry-After.
    for header, value in response.headers.items():
        if header.lower() not in {"content-type", "content-length"}:
            problem[header] = value
    return problem
