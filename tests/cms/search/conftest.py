"""Search tests run against the real Elasticsearch node that `make test` starts; without it they fail."""

import pytest

from cms.search import engine, outbox

from .elasticsearch_library import delete_indexes


@pytest.fixture
def search_engine(settings):
    """Give the test an empty index on the real engine; return a function that indexes pending changes."""
    if not settings.ELASTICSEARCH_URL:
        pytest.fail(
            "Search tests need Elasticsearch: run `make test`, or `make search-engine` and set ELASTICSEARCH_URL."
        )
    engine.mark_up()
    es = engine.client()
    delete_indexes(es)
    outbox._last_check = 0.0

    def index_pending():
        engine.mark_up()
        return outbox.apply_all()

    yield index_pending
    engine.mark_up()
    delete_indexes(es)
