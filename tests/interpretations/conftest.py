"""Fixtures of the interpretation tests: the document every interpretation interprets."""

from datetime import date

import pytest

from tests import factories

# The helper's asserts are reported like a test's own.
pytest.register_assert_rewrite("tests.interpretations.common")


@pytest.fixture
def doc():
    return factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2020〕12号", date_published=date(2020, 6, 10))
