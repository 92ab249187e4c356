"""A session ends after a period without requests."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone


def test_sessions_expire_after_the_idle_period_and_are_renewed_by_activity(settings) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_IDLE_MINUTES <= 30
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_idle_session_no_longer_logs_the_user_in(client, region, user_factory) -> None:
    client.force_login(user_factory(region=region))
    assert client.get("/account/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
