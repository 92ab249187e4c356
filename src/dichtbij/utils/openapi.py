"""OpenAPI generation: every operation documents its problem+json error responses."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from typing_extensions import override

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "example": "urn:dichtbij:problem:not_found"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "description": "Stabiele foutcode"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
    "required": ["type", "title", "status", "detail", "code"],
}

ERROR_RESPONSES = {
    "400": "Ongeldige invoer",
    "401": "Niet ingelogd",
    "403": "Geen toegang",
    "404": "Niet gevonden (of niet zichtbaar voor u)",
}


class ProblemAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the problem+json errors our handler renders."""

    @override
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        component = ResolvedComponent(  # type: ignore[no-untyped-call]  # untyped upstream
            name="Problem", type=ResolvedComponent.SCHEMA, object="Problem", schema=PROBLEM_SCHEMA
        )
        self.registry.register_on_missing(component)
        for code, description in ERROR_RESPONSES.items():
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/problem+json": {"schema": component.ref}},
                },
            )
        return responses
