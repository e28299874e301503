"""The share image of a page (1200 × 630, Open Graph's size) and the poster of an infographic (一图读懂): the page's
title, kind, date, the department and the QR code of its public address, in the site's style."""

from PIL import Image, ImageDraw

from .drawing import (
    BORDER,
    BRAND,
    BRAND_TINT,
    MUTED,
    TEXT,
    WHITE,
    date_text,
    font,
    png_bytes,
    qr_image,
    wrap,
)

CARD_WIDTH, CARD_HEIGHT = 1200, 630
QR_SIZE = 300
POSTER_WIDTH = 1080
# A poster taller than this is scaled down as a whole (a phone's viewer and WeChat refuse huge images).
POSTER_MAX_HEIGHT = 16000


def share_image(card, url, department):
    """Return the PNG of `card` (core.sharing.ShareCard) for the page at `url`, published by `department`."""
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    # The header band: the department's name, as the site's header shows it.
    draw.rectangle((0, 0, CARD_WIDTH, 96), fill=BRAND)
    draw.text((60, 48), department, font=font(38, bold=True, serif=False), fill=WHITE, anchor="lm")
    # The kind, as a tag.
    kind_font = font(28, bold=True, serif=False)
    kind_width = kind_font.getlength(card.kind)
    draw.rounded_rectangle((60, 136, 60 + kind_width + 36, 184), radius=6, fill=BRAND_TINT)
    draw.text((78, 160), card.kind, font=kind_font, fill=BRAND, anchor="lm")
    # The title, up to four lines.
    title_font = font(52, bold=True)
    y = 220
    for line in wrap(card.title, title_font, 720, 4):
        draw.text((60, y), line, font=title_font, fill=TEXT)
        y += 72
    # The date and the line above it.
    draw.line((60, 540, 780, 540), fill=BORDER, width=2)
    if card.date:
        draw.text((60, 580), f"发布日期：{date_text(card.date)}", font=font(28, serif=False), fill=MUTED, anchor="lm")
    # The QR code of the page's address, framed, with what it does.
    left, top = 840, 150
    draw.rectangle((left - 12, top - 12, left + QR_SIZE + 12, top + QR_SIZE + 12), outline=BORDER, width=2)
    image.paste(qr_image(url, QR_SIZE), (left, top))
    draw.text(
        (left + QR_SIZE // 2, top + QR_SIZE + 50), "扫码阅读全文", font=font(28, serif=False), fill=MUTED, anchor="mm"
    )
    return png_bytes(image)


def poster(card, pictures, url, department):
    """Return the PNG poster of an infographic: its `pictures` (Pillow images) one under the other at the poster's
    width, then a footer with the title, kind, department, date and the QR code of `url`."""
    parts = [picture.convert("RGB") for picture in pictures]
    parts = [part.resize((POSTER_WIDTH, round(part.height * POSTER_WIDTH / part.width))) for part in parts]
    footer = _poster_footer(card, url, department)
    height = sum(part.height for part in parts) + footer.height
    image = Image.new("RGB", (POSTER_WIDTH, height), WHITE)
    y = 0
    for part in parts + [footer]:
        image.paste(part, (0, y))
        y += part.height
    if height > POSTER_MAX_HEIGHT:
        image = image.resize((round(POSTER_WIDTH * POSTER_MAX_HEIGHT / height), POSTER_MAX_HEIGHT))
    return png_bytes(image)


def _poster_footer(card, url, department):
    title_font = font(44, bold=True)
    lines = wrap(card.title, title_font, POSTER_WIDTH - 120 - 260, 4)
    height = max(360, 150 + len(lines) * 62 + 110)
    footer = Image.new("RGB", (POSTER_WIDTH, height), WHITE)
    draw = ImageDraw.Draw(footer)
    draw.rectangle((0, 0, POSTER_WIDTH, 12), fill=BRAND)
    draw.text((60, 60), f"{card.kind} · {department}", font=font(30, bold=True, serif=False), fill=BRAND, anchor="lm")
    y = 110
    for line in lines:
        draw.text((60, y), line, font=title_font, fill=TEXT)
        y += 62
    if card.date:
        draw.text(
            (60, y + 40), f"发布日期：{date_text(card.date)}", font=font(26, serif=False), fill=MUTED, anchor="lm"
        )
    size = 220
    left, top = POSTER_WIDTH - 60 - size, 50
    footer.paste(qr_image(url, size), (left, top))
    draw.text((left + size // 2, top + size + 30), "扫码阅读原文", font=font(24, serif=False), fill=MUTED, anchor="mm")
    return footer
