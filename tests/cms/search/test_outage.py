"""Elasticsearch really stopped and started again during the test: fallback, outbox, recovery."""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from cms.search.models import PendingIndexChange
from cms.search.params import SearchParams
from cms.search.service import search
from tests import factories

# `make test` gives these tests a node of their own (TEST_OUTAGE_ELASTICSEARCH_URL), which they stop and start while
# the other workers search theirs: they run with the others, instead of alone after them while a core waits. Without
# one they stop the node every search test uses, so they run alone (`serial`, which only the PostgreSQL pass runs).
# With one, on SQLite only: what an outage adds is Python (the fallback, the outbox kept and replayed); the SQL it
# runs is the database search's and the outbox's, which test_database.py and test_elasticsearch.py check on
# PostgreSQL, and a second node started and stopped there cost the PostgreSQL pass 15 s. One worker runs both
# (xdist_group): two starting the node at once would each find it not yet running.
OWN_NODE = os.environ.get("TEST_OUTAGE_ELASTICSEARCH_URL", "")
pytestmark = [pytest.mark.xdist_group("test_outage")]
if not OWN_NODE:
    pytestmark += [pytest.mark.serial, pytest.mark.postgresql]

SEARCH_ENGINE = Path(__file__).resolve().parents[3] / "bin" / "search-engine"


def search_engine_command(action, settings):
    port = urlparse(settings.ELASTICSEARCH_URL).port
    env = {**os.environ, "ELASTICSEARCH_PORT": str(port)}
    subprocess.run([str(SEARCH_ENGINE), action], env=env, check=True, timeout=300, capture_output=True)


@pytest.fixture(autouse=True)
def own_node(settings):
    """Point the test (before `search_engine` empties its indexes) at the node of its own, started if need be."""
    if OWN_NODE:
        settings.ELASTICSEARCH_URL = OWN_NODE
        search_engine_command("start", settings)  # started by the first test, found running by the others


def found(q):
    results = search(SearchParams(q=q))
    return results.engine, [hit.title for hit in results.hits]


def test_search_falls_back_and_the_outbox_replays_after_an_outage(
    search_engine, settings, client, django_capture_on_commit_callbacks
):
    factories.policy("浙江省大气污染防治办法", body_text="第一条 为了防治大气污染，制定本办法。")
    water = factories.policy("浙江省河长制工作规定", body_text="第一条 全面推行河长制。")
    search_engine()
    assert found("河长制") == ("elasticsearch", ["浙江省河长制工作规定"])

    search_engine_command("stop", settings)
    try:
        # Search answers from the database, with a notice, never an error.
        # (大气污染, not 大气: the factory files both documents under 大气环境, and a topic counts as words.)
        engine, titles = found("大气污染")
        assert engine == "database" and titles == ["浙江省大气污染防治办法"]
        response = client.get("/search/", {"q": "大气"})
        assert response.status_code == 200 and "浙江省大气污染防治办法" in response.content.decode()
        api = client.get("/api/search/", {"q": "大气"})
        assert api.json()["engine"] == "database"
        # The stopgap answer is kept by no cache, so it cannot outlive the outage.
        assert "no-cache" in api["Cache-Control"] and "no-cache" in response["Cache-Control"]

        # Changes made meanwhile are kept, not lost.
        with django_capture_on_commit_callbacks(execute=True):
            ozone = factories.policy("浙江省臭氧污染应对办法", body_text="第一条 臭氧超标时启动应对。")
        with django_capture_on_commit_callbacks(execute=True):
            water.unpublish()
        pending = {row.page_id: row for row in PendingIndexChange.objects.all()}
        assert {ozone.pk, water.pk} <= set(pending)
        assert pending[ozone.pk].attempts >= 1 and pending[ozone.pk].last_error
    finally:
        search_engine_command("start", settings)

    # Back without a restart: the next search uses Elasticsearch and applies what waited.
    engine, _titles = found("大气")
    assert engine == "elasticsearch"
    assert client.get("/api/search/", {"q": "大气"}).json()["engine"] == "elasticsearch"
    assert not PendingIndexChange.objects.exists()
    assert found("臭氧") == ("elasticsearch", ["浙江省臭氧污染应对办法"])
    assert found("河长制") == ("elasticsearch", [])


@pytest.mark.django_db
def test_search_sync_applies_what_waits(search_engine, capsys):
    factories.policy("浙江省臭氧污染应对办法", body_text="第一条 臭氧超标时启动应对。")
    assert PendingIndexChange.objects.exists()  # noted in the transaction, applied after it commits
    call_command("search_sync", verbosity=0)
    assert "剩余 0 项" in capsys.readouterr().out
    assert found("臭氧") == ("elasticsearch", ["浙江省臭氧污染应对办法"])
