"""Sign-in throttling (django-axes): failures lock the address they come from, never a user name for everyone."""

import base64
import threading
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Sum
from django.test import Client
from wagtail.models import ModelLogEntry

from cms.security.models import LOCK_ACTION, UNLOCK_ACTION, LoginAttempt
from tests import factories

# Failure counters updated with F() under select_for_update, by parallel requests.
pytestmark = pytest.mark.postgresql

LOGIN = "/admin/login/"
DJANGO_ADMIN_LOGIN = "/django-admin/login/"
LOCKS = "/admin/login-locks/"
ATTACKER = "203.0.113.7"
STAFF = "198.51.100.20"


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.ZHENGCE_TRUSTED_PROXIES = 0


def sign_in(client, username, password, ip, url=LOGIN, **headers):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def lock(client, ip=ATTACKER, username="editor"):
    for _ in range(5):
        response = sign_in(client, username, "wrong", ip)
        assert not signed_in(response)
    return response


def lock_error(response):
    """Return the sign-in form's lock message, or None when the form shows no lock."""
    errors = response.context["form"].non_field_errors().as_data()
    return next((error.message for error in errors if error.code == "locked"), None)


def failures(ip):
    return LoginAttempt.objects.filter(ip_address=ip).aggregate(total=Sum("failures_since_start"))["total"] or 0


def test_five_failures_lock_the_address_even_for_the_right_password(client):
    factories.user("editor", superuser=True)
    for _ in range(4):
        response = sign_in(client, "editor", "wrong", ATTACKER)
        assert response.status_code == 200 and lock_error(response) is None
    fifth = sign_in(client, "editor", "wrong", ATTACKER)
    assert fifth.status_code == 429 and lock_error(fifth)
    response = sign_in(client, "editor", "pw", ATTACKER)
    assert not signed_in(response)
    assert response.status_code == 429
    # The answer is the sign-in page itself, with the reason, its length and who lifts the lock, in Chinese.
    page = response.content.decode()
    assert 'name="username"' in page and 'name="password"' in page
    message = lock_error(response)
    assert "您所在的网络地址已被锁定，请 15 分钟后再试" in message
    assert "系统管理员在管理后台“设置 → 登录锁定”中解除" in message
    assert message in page


def test_a_locked_answer_does_not_tell_whether_the_password_was_right(client):
    factories.user("editor", superuser=True)
    lock(client)
    right = sign_in(client, "editor", "pw", ATTACKER)
    wrong = sign_in(client, "editor", "wrong", ATTACKER)
    assert (right.status_code, lock_error(right)) == (wrong.status_code, lock_error(wrong))
    # Refused attempts are not counted, so the lock keeps the end it announced.
    assert failures(ATTACKER) == 5


def test_the_same_user_signs_in_from_another_address(client):
    factories.user("editor", superuser=True)
    lock(client)
    assert signed_in(sign_in(Client(), "editor", "pw", STAFF))


def test_another_user_from_the_locked_address_is_refused(client):
    factories.user("editor", superuser=True)
    factories.user("reviewer", superuser=True)
    lock(client)
    response = sign_in(client, "reviewer", "pw", ATTACKER)
    assert not signed_in(response) and lock_error(response)


def test_failures_spread_over_many_names_lock_the_address(client):
    factories.user("reviewer", superuser=True)
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong", ATTACKER)
    assert lock_error(sign_in(client, "reviewer", "pw", ATTACKER))
    assert signed_in(sign_in(Client(), "reviewer", "pw", STAFF))


def test_a_success_forgives_only_its_own_names_failures_at_its_address(client):
    factories.user("editor", superuser=True)
    for _ in range(3):
        sign_in(client, "victim", "wrong", ATTACKER)
    sign_in(client, "editor", "wrong", ATTACKER)
    assert signed_in(sign_in(client, "editor", "pw", ATTACKER))
    assert not LoginAttempt.objects.filter(username="editor").exists()
    assert failures(ATTACKER) == 3
    attacker = Client()
    sign_in(attacker, "victim", "wrong", ATTACKER)
    assert lock_error(sign_in(attacker, "victim", "wrong", ATTACKER))


def test_the_lock_ends_after_fifteen_minutes(client):
    factories.user("editor", superuser=True)
    lock(client)
    LoginAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    response = sign_in(client, "editor", "pw", ATTACKER)
    assert "请 1 分钟后再试" in lock_error(response)
    LoginAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=1, seconds=1))
    assert signed_in(sign_in(client, "editor", "pw", ATTACKER))


def test_the_django_admin_sign_in_counts_and_is_refused_too(client):
    factories.user("editor", superuser=True)
    for _ in range(3):
        sign_in(client, "editor", "wrong", ATTACKER, url=DJANGO_ADMIN_LOGIN)
    for _ in range(2):
        sign_in(client, "editor", "wrong", ATTACKER)
    response = sign_in(client, "editor", "pw", ATTACKER, url=DJANGO_ADMIN_LOGIN)
    assert response.status_code == 429 and not signed_in(response)
    page = response.content.decode()
    assert "登录已被暂时锁定" in page and "请 15 分钟后再试" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_failures_are_all_counted(settings):
    # A limit out of reach, so that every attempt is let through and has to be counted.
    settings.AXES_FAILURE_LIMIT = 100
    factories.user("editor", superuser=True)
    attempts = 8
    start = threading.Barrier(attempts)
    statuses = []

    def attempt():
        try:
            start.wait()
            statuses.append(sign_in(Client(), "editor", "wrong", ATTACKER).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * attempts
    assert failures(ATTACKER) == attempts


def test_the_public_api_takes_no_passwords(client):
    factories.user("editor", superuser=True)
    for username in ("editor", "u" * 300):
        credentials = base64.b64encode(f"{username}:wrong".encode()).decode()
        response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {credentials}", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200
    assert not LoginAttempt.objects.exists()


# --- the 登录锁定 admin screen and the audit log ---------------------------------------------------------------


def test_an_administrator_sees_the_lock_and_lifts_it(client):
    factories.user("editor", superuser=True)
    lock(Client())
    admin = Client()
    admin.force_login(factories.user("admin", superuser=True))
    assert LOCKS in admin.get("/admin/").content.decode()
    listing = admin.get(LOCKS)
    assert listing.status_code == 200
    [address] = listing.context["addresses"]
    assert (address.ip_address, address.failures, address.locked_until is not None) == (ATTACKER, 5, True)
    page = listing.content.decode()
    assert ATTACKER in page and "editor" in page and "锁定至" in page and "解除该地址的锁定" in page

    response = admin.post(LOCKS, {"ip_address": ATTACKER})
    assert response.status_code == 302
    assert "已解除锁定" in admin.get(LOCKS).content.decode()
    assert not LoginAttempt.objects.exists()
    assert signed_in(sign_in(client, "editor", "pw", ATTACKER))


def test_one_user_names_failures_can_be_lifted_alone(client):
    factories.user("reviewer", superuser=True)
    for _ in range(3):
        sign_in(client, "guess", "wrong", ATTACKER)
    for _ in range(2):
        sign_in(client, "reviewer", "wrong", ATTACKER)
    admin = Client()
    admin.force_login(factories.user("admin", superuser=True))
    guess = LoginAttempt.objects.get(username="guess")
    admin.post(LOCKS, {"ip_address": ATTACKER, "attempt": guess.pk})
    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["reviewer"]
    assert signed_in(sign_in(client, "reviewer", "pw", ATTACKER))


def test_a_bad_unlock_request_gets_a_message_not_an_error(client):
    client.force_login(factories.user("admin", superuser=True))
    for data in ({}, {"ip_address": "not an address"}, {"ip_address": ATTACKER, "attempt": "x"}):
        response = client.post(LOCKS, data, follow=True)
        assert response.status_code == 200
        assert "解除锁定的请求无效" in response.content.decode()
    response = client.post(LOCKS, {"ip_address": ATTACKER}, follow=True)
    assert "没有需要解除的记录" in response.content.decode()


def test_only_holders_of_the_unlock_permission_reach_the_screen(client):
    factories.user("editor", superuser=True)
    lock(Client())
    factories.group("审核员", "wagtailadmin.access_admin")
    client.force_login(factories.user("reviewer", "审核员"))
    assert LOCKS not in client.get("/admin/").content.decode()
    assert client.get(LOCKS).status_code == 403
    assert client.post(LOCKS, {"ip_address": ATTACKER}).status_code == 403
    assert failures(ATTACKER) == 5

    factories.group("安全管理", "wagtailadmin.access_admin", "cms_security.unlock_loginattempt")
    keeper = Client()
    keeper.force_login(factories.user("keeper", "安全管理"))
    assert LOCKS in keeper.get("/admin/").content.decode()
    assert keeper.get(LOCKS).status_code == 200
    assert keeper.post(LOCKS, {"ip_address": ATTACKER}).status_code == 302
    assert failures(ATTACKER) == 0


def test_the_lock_and_the_unlock_are_in_the_audit_log(client):
    factories.user("editor", superuser=True)
    lock(client)
    sign_in(client, "editor", "pw", ATTACKER)  # refused while locked: no second entry
    [entry] = ModelLogEntry.objects.filter(action=LOCK_ACTION)
    assert entry.content_type == ContentType.objects.get_for_model(LoginAttempt, for_concrete_model=False)
    assert (entry.user, entry.data["ip_address"], entry.data["address_failures"]) == (None, ATTACKER, 5)

    admin = Client()
    admin.force_login(factories.user("admin", superuser=True))
    admin.post(LOCKS, {"ip_address": ATTACKER})
    [unlock] = ModelLogEntry.objects.filter(action=UNLOCK_ACTION)
    assert (unlock.user.username, unlock.data["ip_address"], unlock.data["username"]) == ("admin", ATTACKER, "editor")

    history = admin.get("/admin/reports/site-history/").content.decode()
    assert f"网络地址 {ATTACKER} 登录失败 5 次（最后一次的用户名：editor），锁定至" in history
    assert f"解除锁定：清除网络地址 {ATTACKER}、用户名 editor 的 5 次登录失败" in history
    assert "登录失败记录" in history


# --- which address a sign-in comes from -------------------------------------------------------------------------


def test_a_forged_forwarded_for_does_not_dodge_the_lock(client):
    factories.user("editor", superuser=True)
    for number in range(5):
        sign_in(client, "editor", "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    response = sign_in(client, "editor", "pw", ATTACKER, HTTP_X_FORWARDED_FOR=STAFF)
    assert not signed_in(response) and lock_error(response)
    assert list(LoginAttempt.objects.values_list("ip_address", flat=True).distinct()) == [ATTACKER]


def test_behind_a_trusted_proxy_the_address_it_saw_is_locked(client, settings):
    settings.ZHENGCE_TRUSTED_PROXIES = 1
    proxy = "10.0.0.254"
    factories.user("editor", superuser=True)
    for _ in range(5):
        # The client's own claim (left) is ignored: the proxy appended the address it saw.
        sign_in(client, "editor", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"{STAFF}, {ATTACKER}")
    assert lock_error(sign_in(client, "editor", "pw", proxy, HTTP_X_FORWARDED_FOR=ATTACKER))
    assert signed_in(sign_in(Client(), "editor", "pw", proxy, HTTP_X_FORWARDED_FOR=STAFF))


def test_a_request_without_a_valid_address_is_counted_not_failed(client):
    factories.user("editor", superuser=True)
    for _ in range(4):
        assert sign_in(client, "editor", "wrong", "").status_code == 200
    assert lock_error(sign_in(client, "editor", "wrong", "unix-socket"))
    assert LoginAttempt.objects.get().ip_address is None
    assert signed_in(sign_in(Client(), "editor", "pw", STAFF))
