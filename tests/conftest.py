import pytest


@pytest.fixture(autouse=True)
def _db(db):
    """Give every test the database; almost all of them need pages."""


@pytest.fixture(autouse=True)
def _search_engine_only_where_asked(request, settings):
    """Switch Elasticsearch off except for tests that take the `search_engine` fixture.

    Otherwise a test that runs commit hooks would index its pages into a shared index, and a later test,
    reusing page ids, would find them there.
    """
    if "search_engine" not in request.fixturenames:
        settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def _empty_caches():
    """Start every test with empty caches: pages cached by an earlier test would answer for pages of this one."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()


def pytest_collection_modifyitems(config, items):
    """Mark the real-browser tests, which the PostgreSQL pass of `make test` leaves to the SQLite pass.

    They drive Chromium through pages whose queries the other tests already run on both databases: what they
    add (layout, scripts, accessibility) does not depend on the database.
    """
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
