"""Repair pages scraped from the old website (traditional characters with bracketed pinyin, site chrome)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from policies.numerals import digits_from_chinese, from_chinese

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"

_PINYIN_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê"
_BRACKET_GROUP = re.compile(rf"([{_CJK}])[(（]\s*([a-z{_PINYIN_VOWELS}][a-z{_PINYIN_VOWELS}0-9 ]*?)\s*[)）]")
_SYLLABLE = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|"
    r"ai|ei|ao|ou|an|en|er|in|un|vn|van|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)"
    r"|m|n|ng|hm|hng)[1-5]?"
)

_CHROME_PHRASES = (
    "打印本页",
    "打印此页",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "打印本頁",
    "打印此頁",
    "關閉窗口",
    "關閉本頁",
    "返回頂部",
)
# Only whole tokens: a sentence may well ask readers to 关闭窗口.
_CHROME = re.compile(r"(?:^|(?<=[\s|｜]))[【\[［]?(?:" + "|".join(_CHROME_PHRASES) + r")[】\]］]?(?=[\s|｜]|$)")
# An empty attachments label is the site's, not the document's.
_EMPTY_ATTACHMENTS = re.compile(r"相[关關]附件\s*[:：]\s*$")
_PIPES = re.compile(r"(?:^|(?<=\s))[|｜]+(?=\s|$)", re.MULTILINE)

# The old site wrote 着 as 著, the way Taiwan's standard does, so OpenCC's Taiwan config reads it right: 看著,
# 执著 and 随著 become 着, while the words its dictionary lists keep 著 (著作, 显著, 著名). These nouns are
# missing from that list, and in 执著于 OpenCC takes 著于 ("written in") for the word.
_ZHU_NOUNS = ("卓著", "土著", "编著", "论著", "专著", "原著", "遗著", "拙著", "译著", "撰著", "新著")
_OVERRIDES = {"甚么": "什么", "执著": "执着"} | {noun.replace("著", "着"): noun for noun in _ZHU_NOUNS}

_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
    r"|(?P<cy>[〇零○一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日"
)
_STANDALONE_DATE = re.compile(rf"(?:^|(?<=\s))(?:{_DATE.pattern})(?=\s|$)", re.MULTILINE)
_LABELLED_DATE = re.compile(rf"(?:发布|成文|印发|发文)?日期\s*[:：]\s*(?:{_DATE.pattern})")
_DOC_NUMBER = re.compile(
    rf"(?:^|(?<=[\s:：（(]))[{_CJK}]{{1,12}}\s*[〔\[［【（(]\s*(\d{{4}})\s*[〕\]］】）)]"
    r"\s*第?\s*(\d{1,5})\s*号(?=$|[\s）)])",
    re.MULTILINE,
)
_DOC_TYPES = "通知|通告|公告|决定|意见|办法|规定|方案|批复|报告|通报|细则|规划|计划|纲要|条例|规则|指引|要点|公报|函|令"
_TITLE_AT_START = re.compile(rf"^(.{{2,120}}?(?:{_DOC_TYPES}))(?=\s)")
_SENTENCE_END = "。！？；!?;"
_NUMERAL_HEADING = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])、"
_HEADING_BREAK = re.compile(
    # Outline headings start a new paragraph only at the start of a sentence.
    rf"(?:(?<=[{_SENTENCE_END}：:])\s*|\s+)"
    rf"(?=(?:{_NUMERAL_HEADING}|[(（][一二三四五六七八九十]{{1,3}}[)）]))"
)
# The site flattened <p> blocks into spaces after a sentence end or a salutation colon.
_BLOCK_BREAK = re.compile(r"(?<=[。！？!?：:])\s+")
_CJK_GAP = re.compile(
    rf"(?<=[{_CJK_PUNCT}])[ \t]+(?=[{_CJK}{_CJK_PUNCT}])"
    rf"|(?<=[{_CJK}])[ \t]+(?=[{_CJK_PUNCT}])"
)
_ISSUER_TOKEN = re.compile(rf"[{_CJK}·（）()]{{2,40}}")

_converter = None


def _opencc():
    """Return the shared traditional-to-simplified converter, creating it on first use."""
    global _converter
    if _converter is None:
        from opencc import OpenCC

        _converter = OpenCC("tw2s")
    return _converter


def _is_pinyin(content, after):
    """Return True if a bracket's content is pinyin for the character before it."""
    decomposed = unicodedata.normalize("NFD", content).replace("u\u0308", "v")
    syllables = re.sub("[\u0300-\u036f]", "", decomposed).split()
    if not syllables or not all(_SYLLABLE.fullmatch(s) for s in syllables):
        return False
    if any("\u0300" <= ch <= "\u036f" or ch.isdigit() for ch in decomposed):
        return True
    # Untoned syllables could be Latin words such as (ping) or list markers such as
    # (a); the old site only annotated characters that have a traditional form.
    return len("".join(syllables)) > 1 and _opencc().convert(after) != after


def strip_pinyin(text):
    """Remove pinyin bracket groups that directly follow a CJK character."""

    def replace(match):
        return match[1] if _is_pinyin(match[2], match[1]) else match[0]

    return _BRACKET_GROUP.sub(replace, text)


def to_simplified(text):
    """Convert traditional characters to simplified ones."""
    text = _opencc().convert(text)
    for wrong, right in _OVERRIDES.items():
        text = text.replace(wrong, right)
    return text


def strip_chrome(text):
    """Remove site chrome and table pipes and normalise whitespace, keeping paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        cleaned = _PIPES.sub(" ", _CHROME.sub(" ", line))
        cleaned = _EMPTY_ATTACHMENTS.sub("", cleaned.rstrip())
        cleaned = re.sub(r"[ \t\u3000\u00a0]+", " ", cleaned).strip()
        if cleaned or not line.strip():
            lines.append(cleaned)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalise_punctuation(text):
    """Turn ASCII punctuation between Chinese characters full-width and drop spaces padding it."""
    cjk = f"[{_CJK}{_CJK_PUNCT}]"
    # Only brackets around Chinese text: (WHO) or (2020) stay as they are.
    for _ in range(2):  # a second pass reaches brackets that held brackets
        text = re.sub(rf"\(([^()\n]*{cjk}[^()\n]*)\)", r"（\1）", text)
    for ascii_mark, full in ((",", "，"), (":", "："), (";", "；"), ("?", "？"), ("!", "！")):
        text = re.sub(rf"(?<={cjk}){re.escape(ascii_mark)}", full, text)
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(ascii_mark)}(?={cjk})", full, text)
    # Spaces after a pause mark or before a closing mark never separate blocks.
    return re.sub(r"(?<=[、，；（《“‘]) +| +(?=[、，；）》”’])", "", text)


def repair(text):
    """Return the page text as clean simplified Chinese without pinyin or site chrome."""
    text = strip_pinyin(text or "")
    text = to_simplified(text)
    text = strip_chrome(text)
    return normalise_punctuation(text)


@dataclass
class LegacyDocument:
    """Hold what parse_legacy_page recovers from one page; body paragraphs are separated by blank lines."""

    title: str
    issuer: str
    date: datetime.date | None
    doc_number: str | None
    body: str


def _date_from_match(match):
    """Return the date a _DATE-style match spells, or None if it is not a real date (三月二二日, 二月三十日)."""
    try:
        if match["y"]:
            parts = match["y"], match["m"], match["d"]
        elif match["iy"]:
            parts = match["iy"], match["im"], match["id"]
        else:
            # The year is written digit by digit (二〇二一), the month and day with units (十五).
            parts = digits_from_chinese(match["cy"]), from_chinese(match["cm"]), from_chinese(match["cd"])
        return datetime.date(*(int(p) for p in parts))
    except ValueError:
        return None


def _is_metadata_line(line):
    """Return True if a line is a date, a document number, a breadcrumb or a label：value pair."""
    return bool(
        _DATE.fullmatch(line)
        or _DOC_NUMBER.fullmatch(line)
        or re.match(r"^[^\s：:]{2,8}[：:]", line)
        or re.search(r"[>»]|当前位置", line)
    )


def _split_title(lines):
    """Return (title, index of its line, rest of that line), or raise ValueError."""
    for index, line in enumerate(lines):
        if not re.search(f"[{_CJK}]", line):
            continue
        if _is_metadata_line(line):
            continue
        match = _TITLE_AT_START.match(line)
        if match:
            return match[1], index, line[match.end() :].strip()
        if len(line) <= 120 and line[-1] not in _SENTENCE_END:
            return line, index, ""
        break
    raise ValueError("无法识别标题：正文开头没有像标题的一行")


def _find_doc_number(head):
    """Return the canonical form and the written form of the first document number in head."""
    match = _DOC_NUMBER.search(head)
    if not match:
        return None, None
    prefix = re.match(rf"[{_CJK}]+", match[0])[0]
    return f"{prefix}〔{match[1]}〕{int(match[2])}号", match[0]


def _without_doc_number(lines, written):
    """Drop the document number, with its brackets or label, from the head of the body."""
    pattern = re.compile(r"(?:[（(]\s*|[^\s：:]{2,8}[：:]\s*)?" + re.escape(written) + r"\s*[）)]?")
    for index, line in enumerate(lines):
        cleaned, found = pattern.subn("", line, count=1)
        if found:
            cleaned = cleaned.strip()
            return lines[:index] + ([cleaned] if cleaned else []) + lines[index + 1 :]
    return lines


def _issuer_before(lines, line_index, start):
    """Return the organisation name(s) written just before a signature date."""
    tokens = lines[line_index][:start].split()
    names = []
    while tokens and _ISSUER_TOKEN.fullmatch(tokens[-1]):
        names.insert(0, tokens.pop())
    if not names and not tokens and line_index > 0:
        previous = lines[line_index - 1].split()
        closing = previous and previous[0].startswith("特此")
        if previous and not closing and all(_ISSUER_TOKEN.fullmatch(t) for t in previous):
            names = previous
    return "、".join(names)


def _find_issuer_and_date(lines, head_lines):
    """Return (issuer, date) from the signature, else from a date label, else ("", None)."""
    fallback = None
    for index, line in enumerate(lines):
        for match in _STANDALONE_DATE.finditer(line):
            date = _date_from_match(match)
            if date is None:
                continue
            issuer = _issuer_before(lines, index, match.start())
            if issuer:
                return issuer, date
            fallback = fallback or date
    if fallback is None:
        for line in head_lines + lines:
            match = _LABELLED_DATE.search(line)
            if match:
                fallback = _date_from_match(match)
                break
    return "", fallback


def _paragraphs(lines, title):
    """Split body lines into readable paragraphs."""
    paragraphs = []
    for line in lines:
        line = _STANDALONE_DATE.sub(lambda match: f"\n{match[0]}\n", line)
        line = _BLOCK_BREAK.sub("\n", line)
        line = _HEADING_BREAK.sub("\n", line)
        for piece in line.split("\n"):
            piece = _CJK_GAP.sub("", piece.strip())
            if piece and piece != title:
                paragraphs.append(piece)
    return paragraphs


def parse_legacy_page(raw_text):
    """Repair a scraped page and split it into title, issuer, date, document number and body."""
    text = repair(raw_text)
    if not text:
        raise ValueError("无法识别标题：页面内容为空")
    lines = [line for line in text.split("\n") if line.strip()]
    title, title_index, rest = _split_title(lines)
    head_lines = lines[:title_index]
    body_lines = ([rest] if rest else []) + lines[title_index + 1 :]
    doc_number, _ = _find_doc_number("\n".join(head_lines))
    if doc_number is None:
        # Only the opening of the body counts: later numbers cite other documents.
        opening = "\n".join(body_lines)
        opening = opening[: min(300, (opening.find("。") + 1) or len(opening))]
        doc_number, written = _find_doc_number(opening)
        if written:
            body_lines = _without_doc_number(body_lines, written)
    issuer, date = _find_issuer_and_date(body_lines, head_lines)
    body = "\n\n".join(_paragraphs(body_lines, title))
    return LegacyDocument(title=title, issuer=issuer, date=date, doc_number=doc_number, body=body)
