"""The RSS and Atom feeds date each item by its publication date, so an imported back catalogue does not look new."""

from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories

# Feeds ordered by publication date, with dates and datetimes as each backend stores them.
pytestmark = pytest.mark.postgresql

SHANGHAI = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalogue():
    """A document and its Q&A published last month, then today's import of a 2019 document and its interpretation."""
    recent = factories.policy("上个月发布的文件", date_published=timezone.localdate() - timedelta(days=30))
    recent_interpretation = factories.interpretation("qa", [recent], title="上个月的问答")
    old, old_interpretation = factories.back_catalogue()
    return recent, recent_interpretation, old, old_interpretation


def rss_items(client, url):
    channel = ElementTree.fromstring(client.get(url).content).find("channel")
    items = {item.findtext("title"): parsedate_to_datetime(item.findtext("pubDate")) for item in channel.iter("item")}
    return channel, items


def atom_entries(client, url):
    feed = ElementTree.fromstring(client.get(url).content)
    return feed, {
        entry.findtext(f"{ATOM}title"): (
            datetime.fromisoformat(entry.findtext(f"{ATOM}published")),
            datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
        )
        for entry in feed.iter(f"{ATOM}entry")
    }


def test_rss_dates_items_by_their_publication_date(client, catalogue):
    recent, recent_interpretation, old, old_interpretation = catalogue
    channel, items = rss_items(client, "/feeds/policies/")
    assert list(items) == [recent.title, old.title]  # newest publication first, not the latest import
    assert items[old.title] == datetime(2019, 4, 19, tzinfo=SHANGHAI)
    assert items[recent.title] == datetime.combine(recent.date_published, datetime.min.time(), tzinfo=SHANGHAI)
    # The channel was last changed by the import.
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) >= old.last_published_at.replace(microsecond=0)

    _channel, items = rss_items(client, "/feeds/interpretations/")
    assert list(items) == [f"【简明问答】{recent_interpretation.title}", f"【文字解读】{old_interpretation.title}"]
    assert items[f"【文字解读】{old_interpretation.title}"] == datetime(2019, 4, 24, tzinfo=SHANGHAI)
    # Published the day it went live here, an item keeps the moment it went live.
    assert items[f"【简明问答】{recent_interpretation.title}"] == recent_interpretation.first_published_at.replace(
        microsecond=0
    )


def test_atom_says_when_an_item_was_published_and_when_it_last_changed(client, catalogue):
    _recent, _recent_interpretation, old, old_interpretation = catalogue
    _feed, entries = atom_entries(client, "/feeds/policies/atom/")
    published, updated = entries[old.title]
    assert published == datetime(2019, 4, 19, tzinfo=SHANGHAI)
    assert updated == old.last_published_at
    assert timezone.localdate(updated) == timezone.localdate() and old.date_published == date(2019, 4, 19)

    _feed, entries = atom_entries(client, "/feeds/interpretations/atom/")
    published, updated = entries[f"【文字解读】{old_interpretation.title}"]
    assert (published, updated) == (
        datetime(2019, 4, 24, tzinfo=SHANGHAI),
        old_interpretation.last_published_at,
    )
