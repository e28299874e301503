"""core.bulk.add_published_child leaves a new page as Wagtail's add_child, save_revision and publish would."""

from django.core.exceptions import ValidationError
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from core.bulk import add_published_child, bulk_saving, forget_checked
from home.models import NewsPage
from policies.models import Agency, PolicyPage
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


def log_entries(page):
    return [
        (entry.action, entry.label, entry.user_id, entry.content_changed, entry.revision_id is not None)
        for entry in PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    ]


def test_a_policy_added_published_is_logged_as_wagtail_logs_it_and_can_be_reverted_to():
    policy_index = factories.site()[1]
    editor = factories.user("editor", superuser=True)
    by_wagtail = policy_index.add_child(instance=PolicyPage(title="浙江省大气污染防治办法", live=False, owner=editor))
    by_wagtail.save_revision(user=editor).publish(user=editor)
    ours = PolicyPage(title="浙江省水污染防治条例", owner=editor)
    revision = add_published_child(policy_index, ours, user=editor)

    expected = [(action, ours.title, *rest) for action, _title, *rest in log_entries(by_wagtail)]
    assert (
        log_entries(ours)
        == expected
        == [
            ("wagtail.create", ours.title, editor.pk, True, False),
            ("wagtail.publish", ours.title, editor.pk, True, True),
        ]
    )
    # The revision reads its page afresh: publishing it again after a change brings the first version back.
    page = PolicyPage.objects.get(pk=ours.pk)
    page.title = "浙江省水污染防治条例（修订）"
    page.save_revision(user=editor).publish(user=editor)
    revision.publish(user=editor)
    assert PolicyPage.objects.get(pk=ours.pk).title == "浙江省水污染防治条例"


def test_while_saving_in_bulk_a_foreign_keys_row_is_looked_up_until_the_writer_undoes_its_work():
    agency = Agency.objects.create(name="省生态环境厅", code="002482365")
    page = PolicyPage(title="浙江省大气污染防治办法", issuing_agency=agency)

    def agency_error():
        try:
            page.clean_fields()
        except ValidationError as error:
            return "issuing_agency" in error.message_dict
        return False

    with bulk_saving():
        assert not agency_error()
        agency.delete()  # as a savepoint undone would: the row found is gone
        assert not agency_error()  # found once in this bulk write: not asked for again
        forget_checked()  # what the importer calls when it undoes a record
        assert agency_error()
    assert agency_error()  # outside a bulk write, every validation asks
