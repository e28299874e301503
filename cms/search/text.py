"""Small text helpers shared by both search engines and the re-ranking by meaning."""

import re

from django.utils.translation import gettext_lazy as _

from .registry import document_class_for_kind, kind_labels, number_in, status_labels

# Words that carry no meaning in a citizen's question (如何办理排污许可证 → 办理 排污许可证).
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 么 我 我们 你 你们 他 她 它 这 那 这个 那个 哪 哪些 哪个 什么 怎么 怎样 "
    "怎么办 如何 怎么样 为什么 为何 多少 有 有没有 是否 能否 可以 能 会 要 应该 应当 需要 "
    "请问 请 一下 都 也 就 还 对 把 "
    "被 让 给 向 从 到 等 之 其 该 以及 并 而 但 上 下 中 时 后 前 个 些".split()
)
# A query up to this many characters (and a few words) is a short one: key words, not a sentence.
SHORT_QUERY_CHARS = 6


def doc_number_in(query):
    """Return the normalised document number the query is, or contains as a word, else None."""
    for candidate in [query, *query.split()]:
        number = number_in(candidate)
        if number:
            return number
    return None


# Staff picks may point to any page of the site or to another site.
OTHER_KINDS = {"page": _("网页"), "link": _("外部链接")}


def kind_label(code):
    return str(kind_labels().get(code) or OTHER_KINDS.get(code, code))


def status_label(code):
    return str(status_labels()[code]) if code else ""


def hit_status(source, today):
    """Return the status code of an indexed entry on `today`, as its search document reads it, or ""."""
    document = document_class_for_kind(source.get("kind"))
    return document.status_in_entry(source, today) if document else ""


def merge_marks(html):
    """Join highlighted neighbours (<mark>大气</mark><mark>污染</mark>) into one mark."""
    return re.sub(r"</mark>(\s*)<mark>", r"\1", html or "")
