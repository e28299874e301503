"""The image sizes the public templates show, named once.

Templates ask for a size by name (``{% load renditions %}{% rendition image "thumbnail" as thumb %}``), and the page
models list the images they show in these sizes (``renditions_needed()``), so that publishing a page can generate
them before its first visitor asks.
"""

SIZES = {
    # An interpretation's card in a listing, and on the page of the document it interprets.
    "thumbnail": "fill-160x120",
    "thumbnail_large": "fill-320x240",
    # An infographic, served by width to small and large screens.
    "infographic_mobile": "width-640",
    "infographic_desktop": "width-1400",
    # A figure in a body, and a collection's picture.
    "figure": "width-1200",
    # The 党政机关网站标识 in the footer (the issued mark is about 55 by 64 pixels).
    "site_mark": "height-64",
}


def sized(image, *sizes):
    """Return (image, filter spec) for each named size, or nothing without an image."""
    return [(image, SIZES[size]) for size in sizes] if image else []


def body_figures(body):
    """Return (image, filter spec) for each figure of a StreamField body."""
    return [
        pair for block in body if block.block_type == "figure" for pair in sized(block.value.get("image"), "figure")
    ]
