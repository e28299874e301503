"""Data a test module builds once for all its tests, each test still getting it as built.

A module fixture builds the data in a transaction of its own, rolled back after the module's last test; every test
runs in a savepoint inside it (pytest-django's `db`), so whatever a test changes is undone before the next, as if
each had built the data itself. Tests get fresh model instances (`fresh`), so a change a test made to an instance
in memory does not reach the next either. The tests of a module that take no such fixture run before those that do
(tests/conftest.py), on the empty database they always had; mark the module `xdist_group` so that one worker runs
all its tests and builds the data once.

    @pytest.fixture(scope="module")
    def built_library(django_db_setup, django_db_blocker):
        yield from shared_data.build_once(django_db_blocker, build_library)


    @pytest.fixture
    def library(built_library):
        return shared_data.fresh(built_library)
"""

from types import SimpleNamespace

from django.db import models, transaction
from django.test import override_settings


def _empty_caches():
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()


def build_once(django_db_blocker, build):
    """Yield what `build()` returns, built in a transaction that is rolled back afterwards (a fixture's body).

    Built as a test's own fixture would be: with empty caches and Elasticsearch switched off (tests/conftest.py).
    """
    with django_db_blocker.unblock():
        _empty_caches()
        with transaction.atomic(), override_settings(ELASTICSEARCH_URL=""):
            yield build()
            transaction.set_rollback(True)
        # Pages rendered meanwhile were cached by id, and the ids are used again once this is rolled back.
        _empty_caches()


def fresh(value):
    """Return `value` with each model instance in it (in dicts, lists, tuples, namespaces) read again."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**fresh(vars(value)))
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value


def uses_shared_data(item):
    """Return whether a test takes a module-scoped fixture (data of its module built once)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(definitions and definitions[-1].scope == "module" for definitions in info.name2fixturedefs.values())


def shared_data_last(items):
    """Reorder `items` so that in each run of a module's tests, those taking shared data come after the others."""
    ordered, run = [], []
    for item in items:
        if run and getattr(item, "module", None) is not getattr(run[0], "module", None):
            ordered += sorted(run, key=uses_shared_data)
            run = []
        run.append(item)
    ordered += sorted(run, key=uses_shared_data)
    items[:] = ordered
