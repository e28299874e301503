"""Document numbers (发文字号): validation and normalisation to the canonical 〔〕 form.

Accepted forms, all normalised to ``浙环发〔2020〕12号``:
``浙环发〔2020〕12号``, ``浙环发[2020]12号``, ``浙环发（2020）12号``, ``浙环发(2020)12号``,
``浙环发【2020】12号``, ``浙环发2020年第12号``, ``浙环发2020年12号`` and the same with spaces or a
leading 第 before the serial. Orders (令) keep their own form: ``中华人民共和国国务院令第722号``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.slugs import join_words, pinyin_slug

_YEAR_FORMS = re.compile(
    r"^(?P<prefix>[^\d\s〔\[（(【]+?)\s*"
    r"(?:[〔\[（(【]\s*(?P<year>\d{4})\s*[〕\]）)】]|(?P<year2>\d{4})\s*年)"
    r"\s*第?\s*(?P<serial>\d+)\s*号$"
)
_ORDER_FORM = re.compile(r"^(?P<prefix>\S+?令)\s*第?\s*(?P<serial>\d+)\s*号$")


def normalise_doc_number(raw):
    """Return the canonical form of a document number, or raise ValidationError explaining why not."""
    text = re.sub(r"\s+", "", (raw or "").translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not text:
        return ""
    match = _YEAR_FORMS.match(text)
    if match:
        year = match["year"] or match["year2"]
        return f"{match['prefix']}〔{year}〕{int(match['serial'])}号"
    match = _ORDER_FORM.match(text)
    if match:
        return f"{match['prefix']}第{int(match['serial'])}号"
    raise ValidationError(
        _("发文字号“%(value)s”格式不正确，应为“机关代字〔年份〕序号号”，例如 浙环发〔2020〕12号。"),
        code="invalid_doc_number",
        params={"value": raw},
    )


def looks_like_doc_number(text):
    """Return the normalised number if the text is a document number, else None."""
    try:
        return normalise_doc_number(text) or None
    except ValidationError:
        return None


def doc_number_slug(doc_number):
    """Return a short address for a document number: 浙环发〔2020〕12号 → zhehuanfa-2020-12, 国务院令第722号 →
    guowuyuanling-722.

    The issuing agency's abbreviation (机关代字) is read as one pinyin word; "" if the number is not well-formed.
    """
    number = looks_like_doc_number(doc_number)
    if not number:
        return ""
    match = _CANONICAL.match(number)
    if not match:
        return ""
    prefix = pinyin_slug(match["prefix"]).replace("-", "")
    return join_words([part for part in (prefix, match["year"], match["serial"]) if part])


_CANONICAL = re.compile(r"^(?P<prefix>.+?)(?:〔(?P<year>\d{4})〕|第)(?P<serial>\d+)号$")
