"""Create and update policy documents: the one path used by the importers, the demo loader and the tests."""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction
from django.utils.text import slugify

from core.bulk import add_published_child

from .models import Agency, Disclosure, Division, PolicyPage, PolicyRelation, Topic
from .numerals import from_chinese

_NUMERAL = r"[一二三四五六七八九十百千零〇\d]+"
_ARTICLE = re.compile(rf"^第({_NUMERAL})条[\s　]*(.*)$", re.S)
_CHAPTER = re.compile(rf"^第{_NUMERAL}[章节编](?:[\s　].*)?$")


@dataclass
class PolicyData:
    """Everything needed to create or update one policy document."""

    title: str
    source_id: str | None = None
    doc_number: str = ""
    agency: str | None = None
    division: str | None = None
    topic: str | None = None
    category: str = ""
    tags: list = field(default_factory=list)
    date_written: date | None = None
    date_published: date | None = None
    date_effective: date | None = None
    date_expires: date | None = None
    expiry_declared: bool = False
    disclosure: str = Disclosure.PROACTIVE
    is_normative: bool = False
    summary: str = ""
    body_text: str = ""
    source_url: str = ""

    def fingerprint(self):
        """Return a hash of the data, so that an unchanged record is recognised and left alone."""
        raw = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


def body_from_text(text):
    """Turn plain text (paragraphs separated by blank lines) into PolicyBodyBlock stream data.

    Chapter headings (第一章 总则) become chapter blocks; a paragraph starting 第X条 opens an article,
    and the paragraphs that follow belong to it until the next article or heading. An article number
    seen a second time (an annex restarting at 第一条) is kept as a plain paragraph so anchors stay unique.
    """
    blocks, seen, article = [], set(), None
    for paragraph in re.split(r"\n\s*\n", (text or "").strip()):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        match = _ARTICLE.match(paragraph)
        number = None
        if match:
            try:
                number = from_chinese(match.group(1))
            except ValueError:
                number = None
        if number and 0 < number < 10000 and number not in seen:
            seen.add(number)
            article = {"number": number, "text": match.group(2).strip()}
            blocks.append({"type": "article", "value": article})
        elif _CHAPTER.match(paragraph) and len(paragraph) <= 60:
            article = None
            blocks.append({"type": "chapter", "value": {"heading": paragraph}})
        elif article is not None:
            article["text"] = f"{article['text']}\n\n{paragraph}".strip()
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{html.escape(paragraph)}</p>"})
    return blocks


def search_source_of(data):
    """Return the text the search index will segment for a document saved from `data` (PolicyPage.search_source).

    An import segments it ahead, in another process; should it differ, the page is segmented when indexed.
    """
    page = PolicyPage(title=_title(data), doc_number=data.doc_number or "", summary=data.summary or "")
    page.body = body_from_text(data.body_text)
    return page.search_source(_tags(data))


def _title(data):
    return data.title.strip()[:255]


def _tags(data):
    return [tag[:100] for tag in data.tags if tag]


def _named(model, name, known=None, **defaults):
    """Return the agency, division or topic called `name`, created if new; `known` caches them by name."""
    if not name:
        return None
    key = (model, name)
    if known is not None and key in known:
        return known[key]
    obj = model.objects.filter(name=name).first()
    if obj is None:
        if hasattr(model, "slug"):
            defaults.setdefault("slug", slugify(name, allow_unicode=True)[:50] or f"{model.__name__.lower()}")
        obj = model.objects.create(name=name, **defaults)
    if known is not None:
        known[key] = obj
    return obj


def save_policy(parent, data, *, publish=True, user=None, known=None):
    """Create or update (by `source_id`) a policy document under `parent`; return (page, action).

    `action` is "created", "updated" or "unchanged". Every change is saved as a revision, so the
    page history shows what an import did; with publish=False the page stays a draft. `known` is a dict
    the caller keeps across calls (an import) so each agency, division and topic is looked up once; a
    caller that rolls back a transaction creating one of them must drop the dict.
    """
    fingerprint = data.fingerprint()
    with transaction.atomic():
        page = PolicyPage.objects.filter(source_id=data.source_id).first() if data.source_id else None
        if page is not None:
            if page.source_hash == fingerprint and not page.has_unpublished_changes:
                # The row is the newest revision's content: no need to load that revision to compare.
                return page, "unchanged"
            # Compare with (and build on) the newest revision, which may be a draft ahead of the live page.
            page = page.get_latest_revision_as_object()
            if page.source_hash == fingerprint:
                return page, "unchanged"
        created = page is None
        if created:
            page = PolicyPage(source_id=data.source_id, live=False)
        page.title = _title(data)
        page.doc_number = data.doc_number or ""
        page.issuing_agency = _named(Agency, data.agency, known)
        page.division = _named(Division, data.division, known)
        page.topic = _named(Topic, data.topic, known)
        page.category = data.category or ""
        page.date_written = data.date_written
        page.date_published = data.date_published
        page.date_effective = data.date_effective
        page.date_expires = data.date_expires
        page.expiry_declared = data.expiry_declared
        page.disclosure = data.disclosure
        page.is_normative = data.is_normative
        page.summary = data.summary or ""
        page.body = body_from_text(data.body_text)
        page.source_url = data.source_url or ""
        page.source_hash = fingerprint
        page.tags.set(_tags(data))
        if created:
            # Left blank, the slug is made from the document number or the title (PolicyPage.readable_slug_base).
            if publish:
                add_published_child(parent, page, user=user)
                return page, "created"
            parent.add_child(instance=page)
        # A new page was just validated by add_child, with this very content: once is enough.
        revision = page.save_revision(user=user, log_action=True, clean=not created)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        elif not created and not page.live:
            page.save()  # a draft has no live content to protect, so its row follows the revision
        return page, "created" if created else "updated"


def relate(source, target, kind, note=""):
    """Record in a new revision of `source` that it amends, repeals or replaces `target`; publish it if live.

    The relation goes into the revision, not only the table, so a later edit of `source` keeps it.
    """
    source = PolicyPage.objects.get(pk=source.pk)  # the caller's copy may predate the latest revision
    page = source.get_latest_revision_as_object()
    if any(r.target_id == target.pk and r.kind == kind for r in page.relations.all()):
        return
    page.relations.add(PolicyRelation(target=target, kind=kind, note=note))
    revision = page.save_revision()
    if source.live:
        revision.publish()
