"""Admin sign-in throttling: repeated failures lock the account name and the address for a while."""

import logging

import pytest
from django.core.cache import cache

from cms.security import login_throttle
from tests import factories

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def throttle(settings):
    settings.ZHENGCE_LOGIN_MAX_FAILURES = 5
    settings.ZHENGCE_LOGIN_FAILURE_WINDOW = 900
    settings.ZHENGCE_LOGIN_LOCKOUT = 900
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, ip):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(response):
    return response.status_code == 302


def test_five_failures_lock_the_account_even_for_the_right_password(client, caplog):
    factories.user("editor", superuser=True)
    for _ in range(5):
        assert not signed_in(sign_in(client, "editor", "wrong", "10.0.0.1"))
    with caplog.at_level(logging.WARNING, logger="cms.security.login_throttle"):
        response = sign_in(client, "editor", "pw", "10.0.0.1")
    assert not signed_in(response)
    assert "登录失败次数过多" in response.content.decode()
    assert "15 分钟后再试" in response.content.decode()
    assert any("Sign-in refused while locked" in record.message for record in caplog.records)
    # The lock follows the account name to another address too.
    assert not signed_in(sign_in(client, "editor", "pw", "10.0.0.9"))


def test_the_lock_is_logged_when_it_starts(client, caplog):
    factories.user("editor", superuser=True)
    with caplog.at_level(logging.WARNING, logger="cms.security.login_throttle"):
        for _ in range(5):
            sign_in(client, "editor", "wrong", "10.0.0.1")
    assert [r for r in caplog.records if r.levelno == logging.WARNING and "Sign-in locked" in r.message]


def test_another_account_from_another_address_is_unaffected(client):
    factories.user("editor", superuser=True)
    factories.user("other", superuser=True)
    for _ in range(5):
        sign_in(client, "editor", "wrong", "10.0.0.1")
    assert signed_in(sign_in(client, "other", "pw", "10.0.0.2"))


def test_an_address_trying_many_accounts_is_locked(client):
    factories.user("other", superuser=True)
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong", "10.0.0.1")
    assert not signed_in(sign_in(client, "other", "pw", "10.0.0.1"))
    assert signed_in(sign_in(client, "other", "pw", "10.0.0.2"))


def test_sign_in_works_again_after_the_lockout(client, monkeypatch):
    factories.user("editor", superuser=True)
    start = login_throttle.now()
    for _ in range(5):
        sign_in(client, "editor", "wrong", "10.0.0.1")
    monkeypatch.setattr(login_throttle, "now", lambda: start + 14 * 60)
    assert not signed_in(sign_in(client, "editor", "pw", "10.0.0.1"))
    monkeypatch.setattr(login_throttle, "now", lambda: start + 15 * 60 + 1)
    assert signed_in(sign_in(client, "editor", "pw", "10.0.0.1"))


def test_failures_spread_beyond_the_window_do_not_lock(client, monkeypatch):
    factories.user("editor", superuser=True)
    start = login_throttle.now()
    for minute in range(0, 5 * 16, 16):
        monkeypatch.setattr(login_throttle, "now", lambda minute=minute: start + minute * 60)
        sign_in(client, "editor", "wrong", "10.0.0.1")
    assert signed_in(sign_in(client, "editor", "pw", "10.0.0.1"))


def test_the_lock_also_holds_outside_the_wagtail_form(client):
    factories.user("editor", superuser=True)
    for _ in range(5):
        sign_in(client, "editor", "wrong", "127.0.0.1")
    # client.login() authenticates directly (as the Django admin does): the backend refuses it.
    assert not client.login(username="editor", password="pw")
