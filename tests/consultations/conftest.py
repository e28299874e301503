# Search tests of consultations run against the real Elasticsearch node, as the search app's own do.
from tests.cms.search.conftest import search_engine  # noqa: F401
