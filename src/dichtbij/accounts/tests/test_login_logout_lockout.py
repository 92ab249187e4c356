"""Repeated failed logins lock the account for a while, with a Dutch explanation."""

from __future__ import annotations

from dichtbij.accounts.tests.factories import PASSWORD


def _login(client, username: str, password: str):
    return client.post("/account/inloggen/", {"username": username, "password": password})


def test_wrong_password_shows_a_dutch_message(client, region, user_factory) -> None:
    user = user_factory(region=region)
    response = _login(client, user.username, "wrong")
    assert response.status_code == 200
    assert "combinatie van gebruikersnaam en wachtwoord is onbekend" in response.content.decode()


def test_account_is_locked_after_five_failures_even_with_the_right_password(
    client, region, user_factory, settings
) -> None:
    user = user_factory(region=region)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "wrong")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_and_a_success_resets_the_count(
    client, region, user_factory, settings
) -> None:
    user = user_factory(region=region)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "wrong")
    assert _login(client, user.username, PASSWORD).status_code == 302
    client.post("/account/uitloggen/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "wrong")
    assert _login(client, user.username, PASSWORD).status_code == 302


def test_lockout_of_one_user_leaves_another_user_alone(
    client, region, user_factory, settings
) -> None:
    victim = user_factory(region=region)
    other = user_factory(region=region)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, victim.username, "wrong")
    assert _login(client, other.username, PASSWORD).status_code == 302


def test_logout_returns_to_the_login_page_with_a_dutch_message(
    client, region, user_factory
) -> None:
    user = user_factory(region=region)
    _login(client, user.username, PASSWORD)
    response = client.post("/account/uitloggen/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/inloggen/"
    assert "U bent uitgelogd." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_refused(client, region, user_factory) -> None:
    user = user_factory(region=region)
    _login(client, user.username, PASSWORD)
    assert client.get("/account/uitloggen/").status_code == 405
    assert "_auth_user_id" in client.session
