"""Drawing in the site's style with Pillow: its colours (static/css/site.css), Noto CJK type, wrapped titles and
the QR code of an address (segno)."""

import io
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from PIL import ImageFont

# static/css/site.css: --brand, --brand-dark, --brand-tint, --text, --muted, --border.
BRAND = "#0b5d4b"
BRAND_DARK = "#07463a"
BRAND_TINT = "#e6f2ee"
TEXT = "#1f2933"
MUTED = "#52606d"
BORDER = "#c9d5d1"
WHITE = "#ffffff"

# Never at the start of a line (行首禁则): closing punctuation stays with the character before it.
NO_LINE_START = set("，。、；：？！）》」』】〕”’…·,.;:?!)")


@cache
def font(size, *, bold=False, serif=True):
    """Noto CJK SC at `size` pixels: the letters' font (ZHENGCE_LETTER_FONT), its bold and its sans sibling."""
    path, index = settings.ZHENGCE_LETTER_FONT
    path = Path(path)
    name = path.name
    if not serif:
        name = name.replace("Serif", "Sans")
    if bold:
        name = name.replace("Regular", "Bold")
    chosen = path.with_name(name)
    return ImageFont.truetype(str(chosen if chosen.exists() else path), size, index=index)


def wrap(text, face, width, max_lines):
    """Cut `text` into lines no wider than `width` (any character may end a CJK line, closing punctuation never
    starts one); past `max_lines` the last line ends with …."""
    lines, line = [], ""
    for char in text.replace("\n", " "):
        if line and face.getlength(line + char) > width and char not in NO_LINE_START:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and face.getlength(last + "…") > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines


def qr_image(url, size):
    """The QR code of `url` as a Pillow image of about `size` pixels, dark modules in the brand's dark green."""
    from PIL import Image

    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=2)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, size // modules), border=2, dark=BRAND_DARK, light=WHITE)
    buffer.seek(0)
    code_image = Image.open(buffer).convert("RGB")
    # Whole pixels per module keep the modules square; the rest of `size` is white margin.
    image = Image.new("RGB", (size, size), WHITE)
    offset = (size - code_image.width) // 2
    image.paste(code_image, (offset, offset))
    return image


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def date_text(date):
    return f"{date.year}年{date.month}月{date.day}日" if date else ""
