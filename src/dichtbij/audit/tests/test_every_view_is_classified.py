"""Every URL declares whether it serves personal data, and audits if it does.

A new view that forgets to declare itself fails here, with its URL named. Declaring is
done with the helpers in ``dichtbij.audit.auditing``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from dichtbij.audit.auditing import POLICY_ATTR, AuditPolicy

# Django serves these itself; they never show personal data.
STATIC_PREFIXES = ("static/",)


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def policy_of(callback: Any) -> AuditPolicy | None:
    """The audit policy of a view function, a Django class view or a DRF view."""
    for candidate in (
        callback,
        getattr(callback, "view_class", None),
        getattr(callback, "cls", None),
    ):
        policy = getattr(candidate, POLICY_ATTR, None)
        if isinstance(policy, AuditPolicy):
            return policy
    return None


def test_walker_sees_the_urls_of_every_app() -> None:
    routes = [route for route, _callback in _walk(get_resolver().url_patterns)]
    for expected in ("account/inloggen/", "privacy/auditlog/", "api/v1/me", "beheer/"):
        assert any(route.startswith(expected) for route in routes), expected


def test_every_url_declares_whether_it_serves_personal_data() -> None:
    unclassified = [
        route
        for route, callback in _walk(get_resolver().url_patterns)
        if not route.startswith(STATIC_PREFIXES) and policy_of(callback) is None
    ]
    assert unclassified == [], (
        "These URLs do not say whether they serve personal data; use no_personal_data, "
        "NotPersonalMixin, personal_data, AuditedViewMixin or AuditedAPIMixin: "
        + ", ".join(unclassified)
    )


def test_personal_data_views_name_what_they_audit() -> None:
    for route, callback in _walk(get_resolver().url_patterns):
        policy = policy_of(callback)
        if policy is not None and policy.personal_data:
            assert policy.object_type and policy.reason, route


def test_known_personal_data_views_are_classified_as_such() -> None:
    personal = {
        route
        for route, callback in _walk(get_resolver().url_patterns)
        if (policy := policy_of(callback)) is not None and policy.personal_data
    }
    assert {
        "account/",
        "privacy/auditlog/",
        "privacy/auditlog/export.csv",
        "api/v1/me",
        "api/v1/audit-events",
    } <= personal
    assert any(route.startswith("beheer/") for route in personal)
