import functools
import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import numpy
import pytest

from tests import database_template, shared_data

# A real SMTP server on 127.0.0.1 for any test that sends mail (tests/mail.py).
pytest_plugins = ["tests.mail"]

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    """Name this session's template database, unless `make test` named one for its whole run."""
    if not hasattr(config, "workerinput") and not os.environ.get(database_template.ENV):
        os.environ[database_template.ENV] = config._own_database_template = uuid.uuid4().hex[:16]


@pytest.hookimpl(trylast=True)  # after pytest-django lifts its block on database access
def pytest_unconfigure(config):
    key = getattr(config, "_own_database_template", None)
    if key:
        try:
            database_template.drop_template(key)
        except Exception as error:  # a leftover template must not fail a finished run
            print(f"the template database {key} was left behind: {error}")


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_keepdb, django_db_modify_db_settings
):
    """Give this process its test database as a copy of the run's migrated template (tests/database_template.py).

    --reuse-db keeps pytest-django's way: a database of its own, migrated once and kept between runs.
    """
    from django.test.utils import setup_databases, teardown_databases

    if request.config.getvalue("nomigrations"):
        raise pytest.UsageError("--no-migrations: the tests need what the data migrations create")
    verbosity = request.config.option.verbose
    key = os.environ.get(database_template.ENV)
    with django_db_blocker.unblock():
        if key and not django_db_keepdb:
            databases = database_template.setup_database(key, verbosity)
        else:
            databases = setup_databases(verbosity=verbosity, interactive=False, keepdb=django_db_keepdb)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@functools.cache
def missing_services():
    """Return {marker: why its tests cannot run here} for the markers of tests that need a service of `make test`."""
    missing = {}
    if not os.environ.get("TEST_REDIS_URL"):
        missing["redis"] = "TEST_REDIS_URL is not set"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        missing["database_restart"] = "the database is not PostgreSQL"
    else:
        # Only a cluster bin/database runs (as `make test` starts it) can be restarted by a test.
        parsed = urlsplit(url)
        env = {**os.environ, "DATABASE_PORT": str(parsed.port or 5432), "DATABASE_NAME": parsed.path.lstrip("/")}
        status = subprocess.run(
            [ROOT / "bin" / "database", "status"], env=env, capture_output=True, text=True, timeout=60
        ).stdout
        if f"url={url} " not in status:
            missing["database_restart"] = f"DATABASE_URL is not a cluster of bin/database ({status.strip()})"
    return missing


DESELECTED = {}


def _keep_groups_together(items):
    """Give the tests of an xdist_group the node ids `--dist loadgroup` hands out together ("<id>@<group>").

    pytest-xdist 3.8 renames them by setting `item._nodeid`, which pytest 9 no longer reads (it keeps the id in
    `item._id`): without this, the tests of a group are spread over the workers like any others, and a module's
    shared fixture is built on each.
    """
    for item in items:
        grouped = getattr(item, "_nodeid", None)
        if grouped and grouped != item.nodeid:
            from _pytest.nodeid import NodeId

            item._id = NodeId.parse(grouped)


@pytest.hookimpl(trylast=True)  # after pytest-xdist's, see _keep_groups_together
def pytest_collection_modifyitems(config, items):
    """Deselect the tests whose service is missing: they are left out of the run, never reported as run or skipped.

    Also mark the real-browser tests `browser`, so that they can be chosen or left out with -m, and run the tests
    of a module that builds data once for its tests after those that do not take it (tests/shared_data.py).
    """
    _keep_groups_together(items)
    shared_data.shared_data_last(items)
    missing = missing_services()
    kept, deselected = [], []
    for item in items:
        if item.nodeid.startswith("tests/browser/"):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("serial") and not item.get_closest_marker("postgresql"):
            # make test runs the serial tests after the PostgreSQL pass only (the Makefile's `test`).
            raise pytest.UsageError(f"{item.nodeid}: a `serial` test restarts PostgreSQL; mark it `postgresql` too")
        markers = [marker for marker in missing if item.get_closest_marker(marker)]
        for marker in markers:
            DESELECTED[marker] = DESELECTED.get(marker, 0) + 1
        (deselected if markers else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    for marker, count in DESELECTED.items():
        terminalreporter.write_line(f"{count} tests marked {marker} deselected: {missing_services()[marker]}")


@pytest.fixture(scope="session", autouse=True)
def _passages_embedded_once():
    """Compute the vector of each page passage once per test process.

    Publishing a page computes its vector with the embedding model (cms/search/semantic.py), a good part of what
    publishing costs, and the tests publish the same pages over and over. The model gives a passage the same
    vector every time, so a vector computed once is the one it would compute again; everything around the model
    (which passages are embedded, what is stored and indexed) runs as ever.
    """
    from cms.search import semantic

    model_embed = semantic.embed_passages
    vectors = {}

    def embed_passages(texts):
        texts = list(texts)
        missing = list(dict.fromkeys(text for text in texts if text not in vectors))
        if missing:
            vectors.update(zip(missing, model_embed(missing), strict=True))
        return model_embed([]) if not texts else numpy.vstack([vectors[text] for text in texts])

    semantic.embed_passages = embed_passages
    yield
    semantic.embed_passages = model_embed


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
