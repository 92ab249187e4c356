"""Production mode starts only with a real secret and turns the secure defaults on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in ("
    "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'SECURE_SSL_REDIRECT', 'TWO_FACTOR_REQUIRED', 'DEMO_ACCOUNTS_ALLOWED')}))"
)
GOOD_KEY = "x" * 20 + "a-long-random-production-secret-key-0123456789"
#: A valid Fernet key (32 url-safe base64 bytes) and a digest key, so that the tests
#: below reach the check they are about.
FIELD_KEYS = {
    "DICHTBIJ_FIELD_KEYS": "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "DICHTBIJ_DIGEST_KEY": "d" * 40,
}


def _run(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DICHTBIJ_"))}
    clean.update(DJANGO_SETTINGS_MODULE="dichtbij.conf.settings", **env)
    return subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_with_the_demo_secret_key() -> None:
    result = _run(DICHTBIJ_ENV="production", DJANGO_ALLOWED_HOSTS="dichtbij.example.nl")
    assert result.returncode != 0
    assert "demo secret key" in result.stderr


def test_production_refuses_a_short_secret_key() -> None:
    result = _run(
        DICHTBIJ_ENV="production",
        DJANGO_SECRET_KEY="short",
        DJANGO_ALLOWED_HOSTS="dichtbij.example.nl",
    )
    assert result.returncode != 0
    assert "shorter than 50 characters" in result.stderr


def test_production_requires_keys_for_personal_data_at_rest() -> None:
    result = _run(
        DICHTBIJ_ENV="production",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="dichtbij.example.nl",
        DICHTBIJ_DIGEST_KEY="too-short",
    )
    assert result.returncode != 0
    assert "DICHTBIJ_FIELD_KEYS" in result.stderr


def test_production_requires_allowed_hosts() -> None:
    result = _run(DICHTBIJ_ENV="production", DJANGO_SECRET_KEY=GOOD_KEY, **FIELD_KEYS)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_turns_on_secure_defaults() -> None:
    result = _run(
        DICHTBIJ_ENV="production",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="dichtbij.example.nl",
        **FIELD_KEYS,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
        "TWO_FACTOR_REQUIRED": True,
        "DEMO_ACCOUNTS_ALLOWED": False,
    }


def test_demo_mode_is_the_default_and_allows_the_demo_key() -> None:
    result = _run()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert values["DEMO_ACCOUNTS_ALLOWED"] is True
    assert values["TWO_FACTOR_REQUIRED"] is False


def test_an_unknown_mode_is_refused() -> None:
    result = _run(DICHTBIJ_ENV="staging")
    assert result.returncode != 0
    assert "DICHTBIJ_ENV" in result.stderr


def test_every_page_sends_a_content_security_policy(client, db) -> None:
    response = client.get("/account/inloggen/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
