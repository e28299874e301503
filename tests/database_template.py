"""One migrated test database per run, copied for every test process instead of migrated by each.

Migrating a fresh database takes some 20 s of CPU, and `make test` starts six test processes that each need one:
two workers and the serial run, on SQLite and on PostgreSQL. Here the first process of a run to need it migrates a
template (under a file lock, which the others wait on) and every process, the first included, starts from a copy:
a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL. Each process still has a database of its own,
dropped at its end, and the template is the result of the same migrations (plus the site tree every site has, see
_build_site_tree), so no test sees a difference.

A run is named by ZHENGCE_TEST_DB_TEMPLATE: `make test` sets it once for both passes and deletes the SQLite
template at the end (the PostgreSQL cluster goes with its template). Otherwise tests/conftest.py names one for the
pytest session (its workers inherit it) and drops that template when the session ends.

`make test` also migrates each template ahead of its pass (`python -m tests.database_template`, see prepare), while
Elasticsearch starts or the SQLite pass ends, when a core is otherwise idle; the first test process then finds it
ready instead of migrating it while the other worker waits on the lock.
"""

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

ENV = "ZHENGCE_TEST_DB_TEMPLATE"


def _lock_path(key):
    return Path(tempfile.gettempdir()) / f"zhengce-test-template-{key}.lock"


def _sqlite_path(key):
    return Path(tempfile.gettempdir()) / f"zhengce-test-template-{key}.sqlite3"


def _postgresql_name(key):
    return f"test_zhengce_template_{key}"


@contextlib.contextmanager
def _locked(key):
    """Hold the run's lock: one process at a time migrates the template or copies it."""
    with _lock_path(key).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _is_sqlite(connection):
    return connection.vendor == "sqlite"


def _template_exists(connection, key):
    if _is_sqlite(connection):
        return _sqlite_path(key).exists()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_postgresql_name(key)])
        return cursor.fetchone() is not None


def _migrate_template(connection, key, verbosity):
    """Migrate a new database under a temporary name, then give it the template's name: never a half-made one."""
    final = str(_sqlite_path(key)) if _is_sqlite(connection) else _postgresql_name(key)
    temporary = f"{final}.migrating" if _is_sqlite(connection) else f"{final}_migrating"
    test_settings = connection.settings_dict["TEST"]
    own_name = test_settings.get("NAME")
    test_settings["NAME"] = temporary
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        _build_site_tree()
    finally:
        test_settings["NAME"] = own_name
    connection.close()
    if _is_sqlite(connection):
        os.replace(temporary, final)
    else:
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{temporary}" RENAME TO "{final}"')


def _build_site_tree():
    """Give the template the home page and its sections, as every site has them from its first start.

    Almost every test asks for them (tests/factories.site), and creating them took some 60 ms a test; a test that
    needs a fresh install's tree builds it (tests/home/test_site_tree.py).
    """
    from home.site_tree import ensure_site_tree

    ensure_site_tree()


def _copy_template(connection, key, target):
    if _is_sqlite(connection):
        with contextlib.suppress(FileNotFoundError):
            os.remove(target)
        shutil.copyfile(_sqlite_path(key), target)
        return
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{_postgresql_name(key)}"')


def setup_database(key, verbosity):
    """Give this process its test database, a copy of the run's template; return what teardown_databases takes."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    target = connection.creation._get_test_db_name()
    with _locked(key):
        if not _template_exists(connection, key):
            _migrate_template(connection, key, verbosity)
            # create_test_db pointed the connection at the template; back to the server's own database.
            connection.settings_dict["NAME"] = settings.DATABASES["default"]["NAME"] = old_name
        _copy_template(connection, key, target)
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = target
    # As create_test_db does: what a transactional test with serialized_rollback=True restores after its flush.
    connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.ensure_connection()
    return [(connection, old_name, True)]


def prepare(key, verbosity=0):
    """Migrate the run's template unless a process already did; the test processes then only copy it."""
    from django.db import connections

    connection = connections["default"]
    with _locked(key):
        if not _template_exists(connection, key):
            _migrate_template(connection, key, verbosity)
    connection.close()


def drop_template(key):
    """Delete the run's template (and its lock file); a template on an unreachable server is left to it."""
    from django.db import connections

    connection = connections["default"]
    try:
        if _is_sqlite(connection):
            _sqlite_path(key).unlink(missing_ok=True)
        else:
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{_postgresql_name(key)}"')
    finally:
        _lock_path(key).unlink(missing_ok=True)


if __name__ == "__main__":
    # As a test process migrates it: the test settings, in Django's test environment (as pytest-django sets it up).
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment(debug=False)
    prepare(os.environ[ENV])
