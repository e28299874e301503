"""The poster of an infographic (一图读懂): its images, as published, with the title and QR code below."""

from PIL import Image

from core.renditions import SIZES

from .. import cards


def poster_png(page, card, url, department):
    """`page` is the live revision's content, `card` the page's share card."""
    pictures = []
    for part in page.poster_images():
        # The large rendition publishing generated (core/renditions.py), not the upload, which may be huge.
        rendition = part.image.get_rendition(SIZES["infographic_desktop"])
        with rendition.file.open("rb") as file:
            picture = Image.open(file)
            picture.load()
        pictures.append(picture)
    return cards.poster(card, pictures, url, department)
