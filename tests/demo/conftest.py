"""The demo both modules here build on, loaded once for the package.

Loading it takes some 15 s, and both modules run on one worker (their xdist_group), so the review demo is loaded
on top of this one (in a savepoint, tests/demo/test_review_demo.py) instead of on a demo of its own.
"""

import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.models import NewsPolicyLink, SiteSettings
from interpretations.models import PolicyLink, QuestionAnswer
from interpretations.snippets import Person
from policies.models import Agency, Division, PolicyRelation, Topic
from tests import shared_data

from .commands import run

COUNTED = [
    Page,
    Revision,
    get_image_model(),
    Agency,
    Division,
    Topic,
    Person,
    Tag,
    PolicyRelation,
    PolicyLink,
    QuestionAnswer,
    NewsPolicyLink,
    SiteSettings,
    Group,
]


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    pages = list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "last_published_at", "live"))
    settings = list(SiteSettings.objects.values())
    return counts, pages, settings


def load_twice():
    """Return the output of each of two runs of load_initial_data and the snapshot taken after each."""
    first_output = run("load_initial_data")
    first = snapshot()
    second_output = run("load_initial_data")
    return first_output, first, second_output, snapshot()


@pytest.fixture(scope="package")
def initial_demo(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the package, rolled back afterwards (tests/shared_data.py).

    Every test still runs in its own transaction (the autouse `db` fixture), nested inside this one.
    """
    yield from shared_data.build_once(django_db_blocker, load_twice)
