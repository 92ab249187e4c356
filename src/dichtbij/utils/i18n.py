"""Language choice: Dutch unless the user picked another language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from typing_extensions import override


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's ``LocaleMiddleware``, but ignores the browser's Accept-Language.

    Dichtbij is a Dutch public service: pages are Dutch for everyone, and English only
    for whoever chose it with the language switch (which sets the language cookie).
    Following the browser would mix an English interface with Dutch region texts for
    many Dutch users whose browsers happen to prefer English.
    """

    @override
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in available else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
