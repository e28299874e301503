"""What a page says of itself when it is shared: its share card and, for the publicity center's exports, its
article as neutral parts.

Content models declare these facts; the sharing app (share metadata, share images, the WeChat, Weibo and poster
exports) asks for them and never names a content model:

- ``share_card()`` returns a ``ShareCard``: the title, the kind a citizen knows it by (政策文件, 文字解读, 新闻发布 …),
  the publication date and a short description. A page without it is shared by its title alone.
- ``article_parts()`` returns the page's body as a list of ``Part`` (headings, rich text, figures), in reading
  order; a page that has it can be exported as a WeChat article and a Weibo text.
- ``poster_images()`` returns ``Part`` figures for a poster (一图读懂): its images with their captions.
"""

import datetime
from dataclasses import dataclass

from django.utils.html import escape
from wagtail.rich_text import expand_db_html

HEADING, RICH_TEXT, FIGURE = "heading", "rich_text", "figure"


@dataclass(frozen=True)
class ShareCard:
    title: str
    kind: str
    date: datetime.date | None = None
    description: str = ""


@dataclass(frozen=True)
class Part:
    kind: str  # HEADING, RICH_TEXT (HTML with its links expanded) or FIGURE
    text: str = ""
    image: object = None
    caption: str = ""
    alt: str = ""


def heading(text):
    return Part(HEADING, text=str(text))


def rich_text(value):
    """A part of rich text: a RichText value or the stored HTML of a RichTextField, its internal links expanded."""
    source = getattr(value, "source", value) or ""
    return Part(RICH_TEXT, text=expand_db_html(source))


def paragraph(text):
    """A part of plain text (a summary), as one paragraph; nothing for an empty text."""
    return [Part(RICH_TEXT, text=f"<p>{escape(text)}</p>")] if text else []


def figure(image, caption="", alt=""):
    return Part(FIGURE, image=image, caption=caption or "", alt=alt or "")


def stream_parts(body):
    """Return the parts of a StreamField of core.blocks.BaseStreamBlock (a table as its rendered HTML)."""
    parts = []
    for block in body:
        if block.block_type == "heading":
            parts.append(heading(block.value))
        elif block.block_type == "paragraph":
            parts.append(rich_text(block.value))
        elif block.block_type == "table":
            parts.append(Part(RICH_TEXT, text=str(block.render())))
        elif block.block_type == "figure" and block.value.get("image"):
            value = block.value
            image = value["image"]
            parts.append(figure(image, value.get("caption"), getattr(image, "contextual_alt_text", "")))
    return parts
