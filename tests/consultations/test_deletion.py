"""A consultation that received comments is deleted by no admin path, nor is a page above it: the delete view, the
bulk delete of a listing and the admin API each refuse with a message and write nothing (consultations.deletion)."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from consultations.models import Comment, ConsultationPage
from tests import factories, shared_data

pytestmark = pytest.mark.xdist_group("consultation_deletion")

BULK_DELETE = "/admin/bulk/wagtailcore/page/delete/"


def build():
    factories.editorial()
    held = factories.consultation("已收到意见的征求意见稿")
    factories.comment(held, "第三条期限太短。", article=3)
    return {
        "held": held,
        "free": factories.consultation("尚无意见的征求意见稿"),
        "admin": factories.user("admin", superuser=True),
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def data(built):
    data = shared_data.fresh(built)
    data["client"] = Client()
    data["client"].force_login(data["admin"])
    data["index"] = data["held"].get_parent()
    return data


def nothing_was_deleted(data):
    """The pages, the comment, the tree's child counts and the audit log are as they were."""
    assert Comment.objects.filter(consultation=data["held"]).count() == 1
    assert ConsultationPage.objects.filter(pk__in=[data["held"].pk, data["free"].pk]).count() == 2
    assert Page.objects.get(pk=data["index"].pk).numchild == 2
    pages = [data["held"].pk, data["free"].pk, data["index"].pk]
    assert not PageLogEntry.objects.filter(action="wagtail.delete", page_id__in=pages).exists()
    return True


def test_the_delete_view_refuses_the_consultation_and_the_pages_above_it(data):
    client = data["client"]
    for page in (data["held"], data["index"], data["index"].get_parent()):
        url = f"/admin/pages/{page.pk}/delete/"
        assert "不能删除" in client.get(url, follow=True).content.decode()  # not even the confirmation
        response = client.post(url, follow=True)
        assert "已收到公众意见" in response.content.decode() and "已收到意见的征求意见稿" in response.content.decode()
    assert nothing_was_deleted(data)


def test_the_bulk_delete_refuses_the_whole_selection_and_deletes_a_consultation_without_comments(data):
    client, held, free, index = data["client"], data["held"], data["free"], data["index"]
    listing = f"/admin/pages/{index.pk}/"
    for ids in ([held.pk, free.pk], [index.pk]):
        query = "&".join(f"id={pk}" for pk in ids)
        response = client.post(f"{BULK_DELETE}?{query}&next={listing}")
        assert response.status_code == 302 and response.url == listing
        assert "已收到意见的征求意见稿" in client.get(listing).content.decode()  # the message, on the listing
    assert nothing_was_deleted(data)
    assert client.post(f"{BULK_DELETE}?id={free.pk}&next={listing}").status_code == 302
    assert not Page.objects.filter(pk=free.pk).exists() and Page.objects.get(pk=index.pk).numchild == 1


def test_the_admin_api_refuses_with_a_message(data):
    for page in (data["held"], data["index"]):
        response = data["client"].post(f"/admin/api/main/pages/{page.pk}/action/delete/", {})
        assert response.status_code == 400 and "已收到公众意见" in response.json()["message"]
    assert nothing_was_deleted(data)
    assert data["client"].post(f"/admin/api/main/pages/{data['free'].pk}/action/delete/", {}).status_code == 204
    assert not Page.objects.filter(pk=data["free"].pk).exists()


def test_the_migration_drops_what_comments_left_in_the_reference_index(data, monkeypatch):
    # Before consultations 0002 a comment saved after the admin's URLs were loaded had an entry there, and the bulk
    # delete then refused a consultation with a bare "no permission" before asking consultations.deletion.
    comment = Comment.objects.get(consultation=data["held"])
    monkeypatch.setattr(Comment, "wagtail_reference_index_ignore", False)
    ReferenceIndex.create_or_update_for_object(comment)
    assert ReferenceIndex.get_references_to(data["held"]).group_by_source_object().is_protected
    monkeypatch.undo()
    listing = f"/admin/pages/{data['index'].pk}/"
    assert data["client"].post(f"{BULK_DELETE}?id={data['held'].pk}&next={listing}").url == "/admin/"
    migration = importlib.import_module("consultations.migrations.0002_comments_out_of_the_reference_index")
    migration.drop_comment_references(apps, None)
    assert not ReferenceIndex.get_references_to(data["held"]).exists()
    assert data["client"].post(f"{BULK_DELETE}?id={data['held'].pk}&next={listing}").url == listing
