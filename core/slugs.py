"""Short page addresses people can read and say: the pinyin of a Chinese title, never percent-encoded Chinese.

A page's slug is made readable when it is left blank or holds Chinese: what Wagtail's editor fills in from the
title (it keeps Chinese characters, WAGTAIL_ALLOW_UNICODE_SLUGS being true by default) is replaced by the page's own
rule (`readable_slug_base`: the title's pinyin, a document's number), and a Chinese slug an editor typed by hand is
transliterated. A slug typed in Latin letters is the editor's choice and stays as it is. The slug is unique among the
page's siblings (-2, -3 … added) and at most SLUG_LENGTH characters, cut between words.
"""

import re
from functools import lru_cache

from django.utils.text import slugify
from pypinyin import lazy_pinyin

from .segmentation import query_words

SLUG_LENGTH = 50
_SEPARATORS = re.compile(r"-+")


@lru_cache(maxsize=8192)
def _latin(word):
    """Return a word as ASCII: its Chinese characters as pinyin syllables run together (浙江省 → zhejiangsheng).

    Kept for the words seen last: titles share most of theirs (上海市, 管理, 条例), and pypinyin looks each character
    of a word up again every time (a millisecond a title, which an import of thousands of documents pays for each).
    """
    return slugify("".join(lazy_pinyin(word)))


# An official title frames its subject: "<agency>关于印发《…》的通知". The subject is what tells documents apart.
_FRAME_START = re.compile(r"^.*?关于(?:印发|转发|发布|公布|下发)?")
_FRAME_END = re.compile(r"的(?:通知|决定|意见|函|批复|复函|公告|通告|报告|请示)$")


def title_subject(title):
    """Return what an official title is about: 省厅关于印发《水污染防治办法》的通知 → 《水污染防治办法》."""
    subject = _FRAME_END.sub("", _FRAME_START.sub("", (title or "").strip(), count=1))
    return subject.strip() or (title or "")


def pinyin_slug(text, max_length=SLUG_LENGTH):
    """Return `text` as a slug of pinyin words (省生态环境厅 → sheng-shengtai-huanjingting), cut between words."""
    words = [latin for latin in (_latin(word) for word in query_words(text or "")) if latin]
    return join_words(words, max_length)


def join_words(words, max_length=SLUG_LENGTH):
    """Join slug words with hyphens, keeping as many whole words as fit in `max_length`."""
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        # One word longer than the limit (a long Latin name): cut it, as nothing shorter says the same.
        slug = words[0][:max_length]
    return _SEPARATORS.sub("-", slug).strip("-")


def unique_slug(base, taken, max_length=SLUG_LENGTH):
    """Return `base`, or `base` with the first free suffix -2, -3 …, not in `taken`, within `max_length`."""
    if base not in taken:
        return base
    suffix = 2
    while True:
        ending = f"-{suffix}"
        candidate = f"{join_words(base.split('-'), max_length - len(ending))}{ending}"
        if candidate not in taken:
            return candidate
        suffix += 1


class TakenAmong:
    """The slugs of some pages (a page's siblings) for `unique_slug`, each asked of the database when needed.

    Not a set read ahead: a suffixed slug is cut to fit (-2 may follow a shorter start than the base's), so any
    sibling may hold it, and reading all of them for each new page made an import of thousands slower and slower.
    """

    def __init__(self, pages):
        self.pages = pages

    def __contains__(self, slug):
        return self.pages.filter(slug=slug).exists()


def needs_readable_slug(slug):
    """Whether a slug is to be replaced: blank, or holding characters that a URL would percent-encode."""
    return not slug or not slug.isascii()


class ReadableSlugMixin:
    """Give a page a readable slug when it has none or a Chinese one, before Wagtail validates or saves it.

    Both of Wagtail's validations (`full_clean` for a live page or a form, `minimal_clean` for a draft) set the slug
    first; the page's parent must be known (it is once the page is in the tree, or when the admin edits it).
    """

    def readable_slug_base(self):
        """Return the slug this page would take from its own content: by default the title's pinyin."""
        return pinyin_slug(title_subject(self.title))

    def make_slug_readable(self):
        if not needs_readable_slug(self.slug) or not self.path:
            return
        parent = self.get_parent()
        if parent is None:
            return
        # The editor's title field fills the slug in as the title itself; anything else in Chinese was typed.
        typed = self.slug and pinyin_slug(self.slug) != pinyin_slug(self.title)
        base = (pinyin_slug(self.slug) if typed else self.readable_slug_base()) or pinyin_slug(self.title)
        base = base or self._meta.model_name
        siblings = parent.get_children().exclude(pk=self.pk) if self.pk else parent.get_children()
        self.slug = unique_slug(base, TakenAmong(siblings))

    def full_clean(self, *args, **kwargs):
        self.make_slug_readable()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.make_slug_readable()
        super().minimal_clean()
