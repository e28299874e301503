"""Demo 一图读懂 images, drawn with Pillow: a coloured header band, big numbers, bars, icons and steps.

Chinese labels are drawn only when a CJK font is installed (``fc-list :lang=zh``); otherwise the images
use digits and Latin labels, and the interpretation's text alternative carries the Chinese text.
"""

import shutil
import subprocess
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1080, 1920

BACKGROUND = (244, 249, 246)
GREEN_DARK = (9, 86, 64)
GREEN = (20, 132, 96)
GREEN_LIGHT = (198, 234, 216)
TEAL = (18, 122, 150)
AMBER = (236, 164, 36)
CORAL = (221, 96, 72)
INK = (33, 45, 41)
GREY = (112, 128, 122)
WHITE = (255, 255, 255)
ACCENTS = [GREEN, TEAL, AMBER, CORAL]


@cache
def cjk_font_path():
    """Return the path of an installed font that covers Chinese, or None."""
    if not shutil.which("fc-list"):
        return None
    try:
        output = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = sorted(line.split(":")[0].strip() for line in output.splitlines() if line.strip())
    return paths[0] if paths else None


@cache
def _font(size, cjk=False):
    if cjk and cjk_font_path():
        return ImageFont.truetype(cjk_font_path(), size)
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _label(chinese, latin, size):
    """Return (text, font): the Chinese label when a CJK font exists, else the Latin one."""
    if cjk_font_path():
        return chinese, _font(size, cjk=True)
    return latin, _font(size)


def _centred(draw, xy, text, font, fill):
    draw.text(xy, text, font=font, fill=fill, anchor="mm")


# --- frame ----------------------------------------------------------------------------------------


def _canvas():
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    return image, ImageDraw.Draw(image)


def _header(image, draw, title, subtitle, height=440):
    """A vertical green gradient with soft circles, a hill line and a leaf, then the title."""
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(GREEN_DARK, GREEN, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    soft = ImageDraw.Draw(overlay)
    for cx, cy, r, alpha in ((930, 80, 190, 40), (80, 360, 140, 30), (700, 420, 90, 35)):
        soft.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, alpha))
    image.paste(Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB"))
    draw = ImageDraw.Draw(image)
    hills = [(0, height), (0, height - 60), (220, height - 95), (430, height - 40), (640, height - 105)]
    hills += [(860, height - 50), (WIDTH, height - 85), (WIDTH, height)]
    draw.polygon(hills, fill=BACKGROUND)
    _leaf(draw, 900, 200, 120, GREEN_LIGHT)
    text, font = title
    draw.text((70, 90), text, font=font, fill=WHITE)
    title_bottom = draw.textbbox((70, 90), text, font=font)[3]
    text, font = subtitle
    draw.text((74, title_bottom + 36), text, font=font, fill=GREEN_LIGHT)
    return draw


def _footer(draw, text):
    draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=GREEN_DARK)
    label, font = _label(text, "DEMO  ·  ILLUSTRATIVE CONTENT", 30)
    _centred(draw, (WIDTH // 2, HEIGHT - 45), label, font, GREEN_LIGHT)


def _card(draw, box, fill=WHITE):
    x0, y0, x1, y1 = box
    draw.rounded_rectangle([x0 + 6, y0 + 8, x1 + 6, y1 + 8], radius=28, fill=(222, 232, 227))
    draw.rounded_rectangle(box, radius=28, fill=fill)


# --- icons (drawn with shapes, centred on cx, cy, about `s` pixels wide) ---------------------------


def _leaf(draw, cx, cy, s, colour):
    half = s // 2
    points = [(cx, cy - half), (cx + half * 0.75, cy - half * 0.2), (cx + half * 0.3, cy + half * 0.6)]
    points += [(cx, cy + half), (cx - half * 0.3, cy + half * 0.6), (cx - half * 0.75, cy - half * 0.2)]
    draw.polygon(points, fill=colour)
    draw.line([(cx, cy - half * 0.6), (cx, cy + half * 1.2)], fill=GREEN_DARK, width=max(3, s // 20))


def _factory(draw, cx, cy, s, colour):
    h = s // 2
    draw.rectangle([cx - h, cy, cx + h, cy + h], fill=colour)
    draw.polygon([(cx - h, cy), (cx - h // 3, cy - h // 2), (cx - h // 3, cy)], fill=colour)
    draw.polygon([(cx - h // 3, cy), (cx + h // 3, cy - h // 2), (cx + h // 3, cy)], fill=colour)
    draw.rectangle([cx + h // 2, cy - h, cx + h - 4, cy], fill=colour)
    for i in range(3):
        x = cx - h + 14 + i * (s // 3)
        draw.rectangle([x, cy + h // 3, x + s // 8, cy + h // 3 + s // 8], fill=WHITE)


def _document(draw, cx, cy, s, colour):
    h = s // 2
    draw.rounded_rectangle([cx - h * 0.75, cy - h, cx + h * 0.75, cy + h], radius=8, fill=colour)
    for i in range(4):
        y = cy - h * 0.55 + i * h * 0.42
        draw.line([(cx - h * 0.45, y), (cx + h * 0.45, y)], fill=WHITE, width=max(3, s // 18))


def _clock(draw, cx, cy, s, colour):
    h = s // 2
    draw.ellipse([cx - h, cy - h, cx + h, cy + h], fill=colour)
    draw.ellipse([cx - h + 10, cy - h + 10, cx + h - 10, cy + h - 10], fill=WHITE)
    draw.line([(cx, cy), (cx, cy - h * 0.6)], fill=colour, width=max(4, s // 14))
    draw.line([(cx, cy), (cx + h * 0.45, cy + h * 0.2)], fill=colour, width=max(4, s // 14))


def _book(draw, cx, cy, s, colour):
    h = s // 2
    draw.polygon([(cx, cy - h * 0.6), (cx - h, cy - h * 0.85), (cx - h, cy + h * 0.7), (cx, cy + h)], fill=colour)
    draw.polygon([(cx, cy - h * 0.6), (cx + h, cy - h * 0.85), (cx + h, cy + h * 0.7), (cx, cy + h)], fill=colour)
    draw.line([(cx, cy - h * 0.6), (cx, cy + h)], fill=WHITE, width=max(3, s // 20))


def _tank(draw, cx, cy, s, colour):
    h = s // 2
    draw.rounded_rectangle([cx - h * 0.6, cy - h, cx + h * 0.6, cy + h], radius=int(h * 0.4), fill=colour)
    draw.rectangle([cx + h * 0.6, cy - h * 0.15, cx + h, cy + h * 0.15], fill=colour)
    draw.ellipse([cx - h * 0.25, cy - h * 0.25, cx + h * 0.25, cy + h * 0.25], fill=WHITE)


def _filter(draw, cx, cy, s, colour):
    h = s // 2
    draw.polygon(
        [(cx - h, cy - h), (cx + h, cy - h), (cx + h * 0.2, cy + h * 0.1), (cx - h * 0.2, cy + h * 0.1)], fill=colour
    )
    draw.rectangle([cx - h * 0.2, cy + h * 0.1, cx + h * 0.2, cy + h], fill=colour)
    for i in range(3):
        x = cx - h * 0.5 + i * h * 0.5
        draw.ellipse([x - 6, cy - h * 0.7 - 6, x + 6, cy - h * 0.7 + 6], fill=WHITE)


def _magnifier(draw, cx, cy, s, colour):
    h = s // 2
    r = h * 0.6
    ox, oy = cx - h * 0.2, cy - h * 0.2
    draw.line([(ox + r * 0.7, oy + r * 0.7), (cx + h, cy + h)], fill=colour, width=max(8, s // 7))
    draw.ellipse([ox - r, oy - r, ox + r, oy + r], fill=colour)
    draw.ellipse([ox - r + 12, oy - r + 12, ox + r - 12, oy + r - 12], fill=WHITE)


# --- the two images of the 挥发性有机物 办法 ---------------------------------------------------


def voc_key_figures():
    """Key numbers of the 办法: four cards, a bar chart of articles per chapter and a timeline."""
    image, draw = _canvas()
    draw = _header(
        image,
        draw,
        _label("一图读懂", "VOCs", 150 if not cjk_font_path() else 96),
        _label("挥发性有机物污染防治管理办法", "ZHEJIANG  ·  2026  ·  5 / 19", 40),
    )

    cards = [
        (_factory, "5", "重点行业", "KEY SECTORS"),
        (_document, "5", "台账保存年限", "YEARS OF RECORDS"),
        (_clock, "2", "低效工艺改造期限（年）", "YEARS TO UPGRADE"),
        (_book, "19", "条", "ARTICLES"),
    ]
    for i, (icon, number, chinese, latin) in enumerate(cards):
        col, row = i % 2, i // 2
        x0, y0 = 50 + col * 500, 500 + row * 340
        box = (x0, y0, x0 + 470, y0 + 300)
        colour = ACCENTS[i]
        _card(draw, box)
        draw.ellipse([x0 + 30, y0 + 30, x0 + 150, y0 + 150], fill=_tint(colour))
        icon(draw, x0 + 90, y0 + 90, 70, colour)
        draw.text((x0 + 440, y0 + 40), number, font=_font(150), fill=colour, anchor="ra")
        text, font = _label(chinese, latin, 30)
        draw.text((x0 + 35, y0 + 240), text, font=font, fill=GREY)

    # Bar chart: articles per chapter (总则 4, 源头替代 3, 过程控制和末端治理 6, 监督管理 4, 附则 2).
    top, bottom = 1230, 1600
    _card(draw, (50, top, WIDTH - 50, bottom))
    text, font = _label("各章条数", "ARTICLES PER CHAPTER", 32)
    draw.text((90, top + 30), text, font=font, fill=INK)
    chapters = [("I", 4), ("II", 3), ("III", 6), ("IV", 4), ("V", 2)]
    base, unit = bottom - 70, 32
    for i, (roman, count) in enumerate(chapters):
        x = 150 + i * 180
        colour = GREEN if count < 6 else AMBER
        draw.rounded_rectangle([x, base - count * unit, x + 110, base], radius=12, fill=colour)
        _centred(draw, (x + 55, base - count * unit - 28), str(count), _font(40), INK)
        _centred(draw, (x + 55, base + 35), roman, _font(32), GREY)
    draw.line([(110, base), (WIDTH - 110, base)], fill=GREY, width=3)

    # Timeline: published, in force.
    y = 1740
    draw.line([(160, y), (WIDTH - 160, y)], fill=GREEN, width=8)
    for x, day, chinese, latin in (
        (220, "2026.03.06", "发布", "PUBLISHED"),
        (WIDTH - 220, "2026.04.10", "施行", "IN FORCE"),
    ):
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], fill=AMBER, outline=WHITE, width=6)
        _centred(draw, (x, y - 60), day, _font(36), INK)
        text, font = _label(chinese, latin, 28)
        _centred(draw, (x, y + 55), text, font, GREY)
    for x in (WIDTH // 2 - 40, WIDTH // 2, WIDTH // 2 + 40):
        draw.polygon([(x - 12, y - 20), (x + 14, y), (x - 12, y + 20)], fill=GREEN_DARK)

    _footer(draw, "演示内容")
    return image


def voc_four_steps():
    """The four links of whole-process control, as numbered steps joined by arrows."""
    image, draw = _canvas()
    draw = _header(
        image,
        draw,
        _label("全过程防治", "4 STEPS", 150 if not cjk_font_path() else 96),
        _label("源头替代 · 过程控制 · 末端治理 · 监督管理", "SOURCE  ·  PROCESS  ·  END-OF-PIPE  ·  OVERSIGHT", 30),
    )
    steps = [
        (_leaf, "源头替代", "SOURCE SUBSTITUTION", "低含量原辅材料 · 台账5年", "LOW-VOC MATERIALS  ·  5-YEAR RECORDS"),
        (_tank, "过程控制", "PROCESS CONTROL", "密闭收集 · 泄漏检测与修复", "CLOSED HANDLING  ·  LDAR"),
        (_filter, "末端治理", "END-OF-PIPE TREATMENT", "高效工艺 · 2年完成改造", "EFFICIENT TECHNOLOGY  ·  2 YEARS"),
        (_magnifier, "监督管理", "OVERSIGHT", "自动监测联网 · 公众举报", "ONLINE MONITORING  ·  PUBLIC REPORTS"),
    ]
    top, step_height, gap = 500, 270, 70
    for i, (icon, chinese, latin, detail_cn, detail_en) in enumerate(steps):
        y0 = top + i * (step_height + gap)
        colour = ACCENTS[i]
        _card(draw, (50, y0, WIDTH - 50, y0 + step_height))
        draw.ellipse([90, y0 + 65, 230, y0 + 205], fill=colour)
        _centred(draw, (160, y0 + 135), str(i + 1), _font(80), WHITE)
        draw.ellipse([800, y0 + 55, 960, y0 + 215], fill=_tint(colour))
        icon(draw, 880, y0 + 135, 100, colour)
        text, font = _label(chinese, latin, 44 if cjk_font_path() else 34)
        draw.text((270, y0 + 75), text, font=font, fill=INK)
        text, font = _label(detail_cn, detail_en, 28 if cjk_font_path() else 22)
        draw.text((270, y0 + 160), text, font=font, fill=GREY)
        if i < len(steps) - 1:
            ay = y0 + step_height + 12
            draw.polygon([(WIDTH // 2 - 30, ay), (WIDTH // 2 + 30, ay), (WIDTH // 2, ay + gap - 24)], fill=colour)
    _footer(draw, "演示内容")
    return image


def _tint(colour, amount=0.8):
    return tuple(int(c + (255 - c) * amount) for c in colour)


# key: (Wagtail image title, file name, drawing function). The title is how the loader finds it again.
INFOGRAPHICS = {
    "voc-key-figures": (
        "一图读懂：挥发性有机物污染防治管理办法（关键数字）",
        "demo-voc-key-figures.png",
        voc_key_figures,
    ),
    "voc-four-steps": ("一图读懂：挥发性有机物污染防治管理办法（四个环节）", "demo-voc-four-steps.png", voc_four_steps),
}


def png(key):
    """Draw the infographic `key` and return it as PNG bytes in a BytesIO."""
    _title, _name, draw = INFOGRAPHICS[key]
    buffer = BytesIO()
    draw().save(buffer, "PNG", optimize=True)
    buffer.seek(0)
    return buffer
