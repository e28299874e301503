"""Backup and restore: a dump of a site with content, restored into an emptied database, gives the same site."""

import hashlib
import json
import shutil
from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from cms.operations.backup import EXCLUDED_FROM_DUMP
from home.models import NewsPage
from tests import factories

# Backup and restore: a dump and its reload, with the sequences PostgreSQL keeps apart.
pytestmark = pytest.mark.postgresql


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def demo_content():
    picture = factories.image("排污许可图解.png")
    policy = factories.policy("浙江省排污许可管理办法")
    # A second, unpublished revision: drafts must survive a restore too.
    draft = policy.get_latest_revision_as_object()
    draft.summary = "修订草案摘要"
    draft.save_revision()
    factories.interpretation("infographic", [policy], title="一图读懂排污许可", images=[picture])
    factories.interpretation(
        "qa", [policy], title="排污许可问答", questions=[("谁应当申领？", "<p>排污单位。</p>", policy, 3)]
    )
    news = NewsPage(
        title="我厅召开排污许可新闻发布会",
        date_published=date(2024, 5, 6),
        summary="发布会摘要",
        body=[("paragraph", "<p>发布会介绍了排污许可制度。</p>")],
    )
    factories.site()[3].add_child(instance=news)
    news.save_revision().publish()
    return policy


def dumped_models():
    excluded = {label.lower() for label in EXCLUDED_FROM_DUMP}
    for model in apps.get_models():
        if model._meta.app_label not in excluded and model._meta.label_lower not in excluded:
            yield model


def snapshot(media_root):
    """Everything a restore must give back: rows of every dumped table, page content, revisions, media files."""
    return {
        "counts": {model._meta.label: model.objects.count() for model in dumped_models()},
        "pages": sorted(
            (
                page.url_path,
                page.title,
                page.live,
                page.specific_class.__name__,
                json.dumps(
                    getattr(page.specific, "body", None) and list(page.specific.body.raw_data), ensure_ascii=False
                ),
                getattr(page.specific, "summary", ""),
            )
            for page in Page.objects.all()
        ),
        "revisions": sorted(
            # Django's JSON serializer keeps times to the millisecond.
            (
                revision.object_str,
                revision.created_at.replace(microsecond=revision.created_at.microsecond // 1000 * 1000),
                json.dumps(revision.content, sort_keys=True),
            )
            for revision in Revision.objects.all()
        ),
        "images": sorted((image.title, image.file.name, image.width, image.height) for image in Image.objects.all()),
        "files": {
            str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in media_root.rglob("*")
            if path.is_file()
        },
    }


def empty_the_database():
    """Flush every table inside the test's transaction, which PostgreSQL allows only without pending FK checks."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_a_backup_restored_into_an_empty_database_gives_identical_content(client, media_root, tmp_path):
    policy = demo_content()
    before = snapshot(media_root)
    assert before["files"] and len(before["pages"]) >= 8 and before["counts"]["wagtailcore.Revision"] >= 5

    call_command("backup", output=str(tmp_path / "backup"))
    assert {p.name for p in (tmp_path / "backup").iterdir()} == {"database.json.gz", "media.tar.gz", "manifest.json"}

    # Lose everything: the database and the uploaded files.
    empty_the_database()
    shutil.rmtree(media_root)
    assert not Page.objects.exists() and not Image.objects.exists()

    call_command("restore", str(tmp_path / "backup"), interactive=False)

    assert snapshot(media_root) == before
    response = client.get(policy.url)
    assert response.status_code == 200 and "浙江省排污许可管理办法" in response.content.decode()
    # The database search index was rebuilt from the restored pages.
    assert "一图读懂排污许可" in client.get("/search/", {"q": "排污许可"}).content.decode()


def test_restore_refuses_a_directory_that_is_not_a_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path), interactive=False)
