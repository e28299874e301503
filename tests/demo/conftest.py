"""The demo both modules here build on, loaded once for the package.

Loading it takes some 15 s, and both modules run on one worker (their xdist_group), so the review demo is loaded
on top of this one (in a savepoint, tests/demo/test_review_demo.py) instead of on a demo of its own.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.models import NewsPolicyLink, SiteSettings
from interpretations.models import PolicyLink, QuestionAnswer
from interpretations.snippets import Person
from policies.models import Agency, Division, PolicyRelation, Topic

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


@pytest.fixture(scope="package")
def initial_demo(django_db_setup, django_db_blocker):
    """Load the demo twice, once for the package, and roll it all back afterwards.

    Yields the output of each run and the snapshot taken after each. Every test still runs in its own
    transaction (the autouse `db` fixture), nested inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = run("load_initial_data")
        first = snapshot()
        second_output = run("load_initial_data")
        yield first_output, first, second_output, snapshot()
        transaction.set_rollback(True)
    # Rendering the demo cached image renditions by id; the ids are reused once this is rolled back.
    for cache in caches.all():
        cache.clear()
