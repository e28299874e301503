"""A PostgreSQL restart under a running site: with the production settings the next request is served as usual.

gunicorn serves the production settings on the test database, with one worker keeping its connection (CONN_MAX_AGE);
bin/database restarts the cluster under it. These tests run only on a PostgreSQL cluster of bin/database with a Redis
(TEST_REDIS_URL), as in the PostgreSQL pass of `make test`; elsewhere tests/conftest.py deselects them and says so.
"""

import os
import subprocess

import pytest
from django.db import connection, connections

from .conftest import ROOT

# Restarting the cluster drops the other workers' connections: these run alone (make test).
pytestmark = [pytest.mark.database_restart, pytest.mark.redis, pytest.mark.serial, pytest.mark.postgresql]


def database_url():
    """The URL of the test database pytest-django created in the cluster (test_<name>)."""
    config = connection.settings_dict
    return f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}/{config['NAME']}"


def restart_database():
    """Restart the cluster, then drop this process's connection, which the restart ended.

    The connection is inside the test's transaction: closed now, Django ends that transaction as one the server
    already rolled back, and the next test connects afresh.
    """
    env = {**os.environ, "DATABASE_PORT": str(connection.settings_dict["PORT"])}
    command = [ROOT / "bin" / "database", "restart"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    connections.close_all()


@pytest.fixture
def production(gunicorn):
    """Return a function starting gunicorn with one worker and `settings` as in production, on the test database."""

    def start(settings):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "SECRET_KEY": "restart-test-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "EMAIL_HOST": "smtp.invalid",
            "REDIS_URL": os.environ["TEST_REDIS_URL"],
            # Every request must reach the database: nothing answered from the page cache.
            "PAGE_CACHE": "off",
            "ELASTICSEARCH_URL": "",
            "ZHENGCE_SEARCH_SEMANTIC": "0",
        }
        return gunicorn(env, workers=1)

    return start


def api(server):
    """GET the pages API (it reads the database) as a visitor behind the TLS proxy; return the status code."""
    return server.get("/api/v2/pages/", X_Forwarded_Proto="https")


def test_the_first_request_after_a_restart_is_served(production):
    server = production("cms.settings.production")
    assert api(server) == 200  # the worker now holds a connection
    restart_database()
    assert api(server) == 200


def test_without_the_health_check_the_first_request_after_a_restart_fails(production):
    server = production("tests.cms.operations.settings_without_health_checks")
    assert api(server) == 200
    restart_database()
    # The worker's kept connection is dead: its first request fails (the 503 page) ...
    assert api(server) == 503
    # ... and Django drops the connection after that failure, so the next one is served.
    assert api(server) == 200
