"""core.bulk.add_published_child leaves a new page as Wagtail's add_child, save_revision and publish would."""

from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from core.bulk import add_published_child
from home.models import NewsPage
from tests import factories


def state(page):
    page.refresh_from_db()
    revision = page.latest_revision
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live_is_latest": page.live_revision_id == revision.pk,
        "draft_title": page.draft_title,
        "published": page.first_published_at is not None and page.last_published_at is not None,
        "date_published": page.date_published is not None,
        "revision_title": revision.as_object().title,
        "revisions": page.revisions.count(),
        "log": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
    }


def test_a_page_added_published_is_in_the_state_wagtails_three_steps_leave():
    news_index = factories.site()[3]
    heard = []

    def receiver(sender, instance, revision, **kwargs):
        heard.append((instance.pk, revision.pk))

    page_published.connect(receiver, weak=False)
    try:
        by_wagtail = news_index.add_child(instance=NewsPage(title="省厅召开新闻发布会", live=False))
        by_wagtail.save_revision().publish()
        ours = NewsPage(title="省厅召开新闻发布会（二）")
        revision = add_published_child(news_index, ours)
    finally:
        page_published.disconnect(receiver)

    expected = {**state(by_wagtail), "draft_title": ours.title, "revision_title": ours.title}
    assert state(ours) == expected
    assert heard[-1] == (ours.pk, revision.pk) and len(heard) == 2
