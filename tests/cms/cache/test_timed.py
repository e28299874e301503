"""What the clock changes: an entry is kept no later than the next timed change of what it shows.

Content that changes at a time with no edit (a consultation opening or closing) declares its coming changes
through the `timed_cache_changes` hook (core.cache_tags); here a hook of the test's own stands for it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from core.cache_tags import TIMED_CHANGES_HOOK, page_tag
from tests.cms.cache.visits import cached, fresh, serve

pytestmark = [pytest.mark.usefixtures("page_cache"), pytest.mark.xdist_group("test_cache_timed")]


def changes_at(moment_of, tags):
    """Register a hook announcing one change of `tags` at `moment_of(after)`, for the test's duration."""

    def changes(after, until):
        return [(moment_of(after), tags)]

    return hooks.register_temporarily(TIMED_CHANGES_HOOK, changes)


def test_a_page_is_rendered_again_at_its_timed_change_and_the_others_are_not(visitor, library, time_machine):
    policy, other = library["policy"], library["other"]
    boundary = timezone.now() + timedelta(minutes=10)
    with changes_at(lambda after: boundary, {page_tag(policy)}):
        cached(visitor, policy.url)
        cached(visitor, other.url)
        time_machine.move_to(boundary - timedelta(seconds=1))
        assert serve(visitor, policy.url)[1] == "hit"
        time_machine.move_to(boundary)
        fresh(visitor, policy.url)
        assert serve(visitor, other.url)[1] == "hit"


def test_search_and_the_apis_show_everything_so_every_timed_change_reaches_them(visitor, library, time_machine):
    boundary = timezone.now() + timedelta(minutes=5)
    with changes_at(lambda after: boundary, {page_tag(library["policy"])}):
        for url in ("/search/?q=大气", "/api/v2/pages/", "/feeds/policies/"):
            cached(visitor, url)
        time_machine.move_to(boundary)
        for url in ("/search/?q=大气", "/api/v2/pages/", "/feeds/policies/"):
            fresh(visitor, url)


def test_browsers_and_front_caches_may_keep_it_no_longer_than_the_page_cache(visitor, library, time_machine):
    policy = library["policy"]
    with changes_at(lambda after: timezone.now() + timedelta(seconds=30), {page_tag(policy)}):
        response, _state = serve(visitor, policy.url)
    ages = dict(re.findall(r"(max-age|s-maxage)=(\d+)", response.headers["Cache-Control"]))
    # Whole seconds, rounded down: the time rendering took is already gone.
    assert 25 <= int(ages["max-age"]) <= 30 and 25 <= int(ages["s-maxage"]) <= 30, ages


def test_a_page_rendered_across_its_timed_change_is_not_kept(visitor, library):
    policy = library["policy"]
    # The change falls during the rendering: what was rendered may show the state before it.
    with changes_at(lambda after: after + timedelta(microseconds=1), {page_tag(policy)}):
        for _ in range(2):
            assert serve(visitor, policy.url)[1] != "hit"
