from contextlib import contextmanager

import pytest
from django.db import OperationalError, connections


@pytest.fixture
def database_down(monkeypatch):
    """Return a context manager inside which every new cursor fails as when the database server is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    @contextmanager
    def down():
        with monkeypatch.context() as patch:
            patch.setattr(type(connections["default"]), "cursor", refuse)
            yield

    return down
