"""A page as a WeChat article (公众号): clean HTML with inline styles only (the 公众号 editor keeps no classes and
runs no scripts), images by absolute address with their captions, the source link and the share image's QR code."""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.utils.html import escape

from core.renditions import SIZES
from core.sharing import FIGURE, HEADING, RICH_TEXT

from ..drawing import BORDER, BRAND, BRAND_TINT, MUTED, TEXT, date_text

BODY = f"margin:0 0 16px;font-size:16px;line-height:1.75;color:{TEXT};text-align:justify;"
STYLES = {
    "p": BODY,
    "h2": f"margin:24px 0 12px;padding-left:10px;border-left:4px solid {BRAND};font-size:18px;font-weight:bold;"
    f"line-height:1.5;color:{BRAND};",
    "h3": f"margin:20px 0 10px;font-size:17px;font-weight:bold;line-height:1.5;color:{TEXT};",
    "ul": "margin:0 0 16px;padding-left:24px;",
    "ol": "margin:0 0 16px;padding-left:24px;",
    "li": f"margin:0 0 8px;font-size:16px;line-height:1.75;color:{TEXT};",
    "a": f"color:{BRAND};text-decoration:underline;",
    "strong": "font-weight:bold;",
    "em": "font-style:italic;",
    "br": None,
    "table": f"width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px;color:{TEXT};",
    "caption": f"margin:0 0 8px;font-size:14px;color:{MUTED};text-align:center;",
    "thead": None,
    "tbody": None,
    "tr": None,
    "th": f"padding:6px 8px;border:1px solid {BORDER};background:{BRAND_TINT};font-weight:bold;text-align:left;",
    "td": f"padding:6px 8px;border:1px solid {BORDER};text-align:left;",
}
# Rich text's own tags mapped to the kept ones; anything else keeps its text only.
RENAME = {"b": "strong", "i": "em", "h1": "h3", "h2": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
DROP = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "noscript", "template"}
IMAGE = "display:block;max-width:100%;height:auto;margin:0 auto;"
CAPTION = f"margin:8px 0 20px;font-size:14px;line-height:1.5;color:{MUTED};text-align:center;"
BYLINE = f"margin:0 0 16px;font-size:14px;line-height:1.5;color:{MUTED};"
SOURCE = f"margin:24px 0 8px;padding-top:12px;border-top:1px solid {BORDER};font-size:14px;color:{MUTED};"
FONTS = "font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"


def clean_html(html, base_url):
    """Keep the tags of STYLES with their inline style (and a link's absolute href), nothing else."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    for tag in soup.find_all(True):
        tag.name = RENAME.get(tag.name, tag.name)
        if tag.name not in STYLES:
            tag.unwrap()
            continue
        href = tag.get("href") if tag.name == "a" else None
        spans = {name: tag[name] for name in ("colspan", "rowspan") if tag.name in ("th", "td") and tag.get(name)}
        tag.attrs = spans
        if tag.name in ("th", "td", "caption") and tag.string:
            tag.string = tag.string.strip()
        if href is not None:
            absolute = urljoin(base_url, href)
            if absolute.startswith(("http://", "https://")):
                tag["href"] = absolute
        if STYLES[tag.name]:
            tag["style"] = STYLES[tag.name]
    return str(soup)


def figure_html(part, base_url):
    rendition = part.image.get_rendition(SIZES["figure"])
    src = urljoin(base_url, rendition.url)
    html = (
        f'<p style="margin:16px 0 0;text-align:center;"><img src="{escape(src)}" alt="{escape(part.alt)}" '
        f'width="{rendition.width}" height="{rendition.height}" style="{IMAGE}"></p>'
    )
    if part.caption:
        html += f'<p style="{CAPTION}">{escape(part.caption)}</p>'
    return html


def article_html(card, parts, url, image_url, department):
    """Return the article's HTML: a source line, the parts, then the link to the original and its QR code."""
    chunks = [f'<p style="{BYLINE}">{escape(department)}　{escape(date_text(card.date))}</p>']
    for part in parts:
        if part.kind == HEADING and part.text:
            chunks.append(f'<h2 style="{STYLES["h2"]}">{escape(part.text)}</h2>')
        elif part.kind == RICH_TEXT:
            chunks.append(clean_html(part.text, url))
        elif part.kind == FIGURE and part.image is not None:
            chunks.append(figure_html(part, url))
    chunks.append(
        f'<p style="{SOURCE}">来源：{escape(department)}。原文链接：'
        f'<a href="{escape(url)}" style="{STYLES["a"]}">{escape(url)}</a></p>'
        f'<p style="margin:0;text-align:center;"><img src="{escape(image_url)}" alt="{escape(card.title)} 二维码" '
        f'style="{IMAGE}"></p><p style="{CAPTION}">扫码阅读原文</p>'
    )
    return f'<section style="{FONTS}">{"".join(chunks)}</section>'
