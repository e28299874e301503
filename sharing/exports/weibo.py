"""A page as a Weibo post: 【title】, its text, cut at a sentence to fit, and the link, 2,000 characters at most."""

import re

from bs4 import BeautifulSoup

from core.sharing import HEADING, RICH_TEXT

LIMIT = 2000
ELLIPSIS = "……"
SENTENCE_END = re.compile(r"[。！？；!?]")


def plain_text(parts):
    lines = []
    for part in parts:
        if part.kind == HEADING and part.text:
            lines.append(f"{part.text}：")
        elif part.kind == RICH_TEXT:
            text = BeautifulSoup(part.text, "html.parser").get_text("\n")
            lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return "".join(lines)


def weibo_text(card, parts, url, limit=LIMIT):
    """Return the post; a text too long ends at the last whole sentence that fits, then …… and the link."""
    head = f"【{card.title}】"
    tail = f" 全文：{url}"
    text = plain_text(parts)
    room = limit - len(head) - len(tail)
    if len(text) > room:
        room -= len(ELLIPSIS)
        ends = [match.end() for match in SENTENCE_END.finditer(text, 0, room)]
        text = text[: ends[-1] if ends else room] + ELLIPSIS
    return head + text + tail
