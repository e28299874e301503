import pytest


@pytest.fixture(autouse=True)
def _db(db):
    """Give every test the database; almost all of them need pages."""
