"""Error pages: problem+json under ``/api/``, Django's own pages elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults

from dichtbij.audit.auditing import no_personal_data
from dichtbij.utils.problem import problem_json


@no_personal_data
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_json(status_code=404, detail=_("Niet gevonden."), code="not_found")
    return defaults.page_not_found(request, exception)


@no_personal_data
def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_json(
            status_code=500, detail=_("Er ging iets mis aan onze kant."), code="server_error"
        )
    return defaults.server_error(request)
