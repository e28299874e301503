"""Give the pages whose address is percent-encoded Chinese or an import's hash (doc-1a2b3c4d5e6f) a readable slug.

The same rule as a page saved now (core/slugs.py, PolicyPage.readable_slug_base): a document's number, else the
title's pinyin, unique among its siblings. Each old address of a live page answers 301 to the new one (a permanent
redirect, as Wagtail creates when an editor changes a slug), and the newest revision carries the new slug, so that
the next edit does not bring the old one back.
"""

import re

from django.db import migrations
from wagtail.contrib.redirects.models import Redirect as CurrentRedirect
from wagtail.models import Page as CurrentPage

from core.slugs import TakenAmong, needs_readable_slug, pinyin_slug, title_subject, unique_slug
from policies.doc_numbers import doc_number_slug

IMPORT_HASH = re.compile(r"^doc-[0-9a-f]{12}$")
# The length of one level of a tree path: a class attribute of treebeard's, which historical models lack.
STEPLEN = CurrentPage.steplen


def _base(page, doc_number):
    typed = not IMPORT_HASH.match(page.slug) and pinyin_slug(page.slug) != pinyin_slug(page.title)
    if typed:
        return pinyin_slug(page.slug)
    return doc_number_slug(doc_number) or pinyin_slug(title_subject(page.title)) or "page"


def readable_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PolicyPage = apps.get_model("policies", "PolicyPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    Site = apps.get_model("wagtailcore", "Site")

    candidates = [
        pk
        for pk, slug, depth in Page.objects.values_list("pk", "slug", "depth")
        # The root (depth 1) and each site's home page are not part of any address.
        if depth > 2 and (needs_readable_slug(slug) or IMPORT_HASH.match(slug))
    ]
    if not candidates:
        return
    doc_numbers = dict(PolicyPage.objects.filter(pk__in=candidates).values_list("pk", "doc_number"))
    site_roots = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]

    # Parents before children, so a child's new address is built on its parent's new one.
    for pk in Page.objects.filter(pk__in=candidates).order_by("depth", "path").values_list("pk", flat=True):
        page = Page.objects.get(pk=pk)  # read now: a parent changed above has changed its url_path
        parent = Page.objects.get(path=page.path[:-STEPLEN])
        siblings = Page.objects.filter(path__startswith=parent.path, depth=page.depth).exclude(pk=page.pk)
        base = _base(page, doc_numbers.get(page.pk, ""))
        slug = unique_slug(base, TakenAmong(siblings))
        old_url_path, new_url_path = page.url_path, f"{parent.url_path}{slug}/"

        moved = list(Page.objects.filter(path__startswith=page.path).order_by("path"))
        for each in moved:
            if each.live:
                for site, root_url_path in site_roots:
                    if each.url_path.startswith(root_url_path):
                        old_path = CurrentRedirect.normalise_path(each.url_path[len(root_url_path) - 1 :])
                        Redirect.objects.update_or_create(
                            old_path=old_path,
                            site=site,
                            defaults={"redirect_page_id": each.pk, "is_permanent": True, "automatically_created": True},
                        )
            each.url_path = new_url_path + each.url_path[len(old_url_path) :]
        Page.objects.bulk_update(moved, ["url_path"])
        Page.objects.filter(pk=page.pk).update(slug=slug)

        if page.latest_revision_id:
            revision = Revision.objects.filter(pk=page.latest_revision_id).first()
            if revision and isinstance(revision.content, dict) and "slug" in revision.content:
                revision.content = {**revision.content, "slug": slug, "url_path": new_url_path}
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_newspolicylink_name"),
        ("policies", "0004_attachment_and_tag_names"),
        ("interpretations", "0005_infographicimage_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(readable_slugs, migrations.RunPython.noop)]
