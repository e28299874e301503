"""The poster of an infographic (一图读懂): its images, as published, with the title and QR code below."""

from PIL import Image

from core.renditions import SIZES

from .. import cards


def poster_png(page, url, department):
    pictures = []
    for part in page.poster_images():
        # The large rendition publishing generated (core/renditions.py), not the upload, which may be huge.
        rendition = part.image.get_rendition(SIZES["infographic_desktop"])
        with rendition.file.open("rb") as file:
            picture = Image.open(file)
            picture.load()
        pictures.append(picture)
    return cards.poster(page.share_card(), pictures, url, department)
