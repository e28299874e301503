"""The fixed part of the page tree on a fresh install: Wagtail's welcome page makes way for the home page."""

from wagtail.models import Page, Site

from home.models import HomePage, NewsIndexPage
from home.site_tree import ensure_site_tree
from interpretations.models import InterpretationIndexPage
from policies.models import PolicyIndexPage


def fresh_install():
    """Turn the test database (which starts with the site tree) back into what `migrate` alone leaves."""
    HomePage.objects.all().delete()
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="welcome"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    return welcome


def test_a_fresh_install_gets_the_home_page_and_its_sections_in_place_of_the_welcome_page():
    welcome = fresh_install()
    home, policies, interpretations, news = ensure_site_tree()
    assert not Page.objects.filter(pk=welcome.pk).exists()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk and site.site_name == home.title
    assert [type(page.specific) for page in home.get_children()] == [
        PolicyIndexPage,
        InterpretationIndexPage,
        NewsIndexPage,
    ]
    assert (policies.url, interpretations.url, news.url) == ("/zhengce/", "/jiedu/", "/xinwen/")


def test_a_second_call_finds_the_tree_and_creates_nothing():
    fresh_install()
    first = ensure_site_tree()
    count = Page.objects.count()
    assert ensure_site_tree() == first
    assert Page.objects.count() == count
