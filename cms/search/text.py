"""Small text helpers shared by both search engines."""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from policies.doc_numbers import looks_like_doc_number
from policies.validity import derive_validity

from .registry import kind_labels


def doc_number_in(query):
    """Return the normalised document number the query is, or contains as a word, else None."""
    for candidate in [query, *query.split()]:
        number = looks_like_doc_number(candidate)
        if number:
            return number
    return None


# Staff picks may point to any page of the site or to another site.
OTHER_KINDS = {"page": _("网页"), "link": _("外部链接")}


def kind_label(code):
    return str(kind_labels().get(code) or OTHER_KINDS.get(code, code))


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def hit_status(source, today):
    """Return the Validity of an indexed policy document on `today`, or None for other kinds."""
    if source.get("kind") != "policy":
        return None
    repealed_on, amended_on = _date(source.get("repealed_on")), _date(source.get("amended_on"))
    return derive_validity(
        today=today,
        effective=_date(source.get("date_effective")),
        expires=_date(source.get("date_expires")),
        declared_expired=bool(source.get("expiry_declared")),
        repealed=bool(repealed_on and repealed_on <= today),
        amended=bool(amended_on and amended_on <= today),
    )


def merge_marks(html):
    """Join highlighted neighbours (<mark>大气</mark><mark>污染</mark>) into one mark."""
    return re.sub(r"</mark>(\s*)<mark>", r"\1", html or "")
