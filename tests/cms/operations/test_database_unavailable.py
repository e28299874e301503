"""The database unreachable: a 503 page in Chinese without a traceback, and service back without a restart."""

import pytest
from django.db import OperationalError
from django.test import Client
from wagtail.contrib.redirects.middleware import RedirectMiddleware

from tests import factories

# The database unreachable: what each backend's connection does after the failure.
pytestmark = pytest.mark.postgresql


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "服务暂时不可用" in body and "请稍后再试" in body
    assert "Traceback" not in body and "OperationalError" not in body and "Connection refused" not in body


def test_public_page_answers_503_while_the_database_is_down_and_200_after(client, database_down):
    factories.policy()
    assert client.get("/zhengce/").status_code == 200

    with database_down():
        # What the page cache holds is still served (it needs no database); anything else answers 503.
        assert client.get("/zhengce/").status_code == 200
        assert_unavailable_page(client.get("/zhengce/?page=2"))
        assert_unavailable_page(client.get("/"))
    assert client.get("/zhengce/").status_code == 200


def test_admin_answers_503_while_the_database_is_down_and_200_after(client, database_down):
    factories.site()
    client.force_login(factories.user("admin", superuser=True))
    with database_down():
        assert_unavailable_page(client.get("/admin/"))
    assert client.get("/admin/").status_code == 200


def test_a_failure_inside_a_middleware_also_answers_503(monkeypatch):
    """Errors outside the view (here the redirects lookup of a 404) reach Django's error handling first."""

    def refuse(self, request, response):
        raise OperationalError("server closed the connection unexpectedly")

    factories.site()
    monkeypatch.setattr(RedirectMiddleware, "process_response", refuse, raising=False)
    client = Client(raise_request_exception=False)
    assert_unavailable_page(client.get("/no-such-page/"))
    monkeypatch.undo()
    assert client.get("/no-such-page/").status_code == 404
