"""Publishing a page generates the image renditions it shows; a command does it for every live page."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images.models import Rendition

from core.renditions import SIZES
from tests import factories
from tests.cms.cache.visits import serve

pytestmark = pytest.mark.usefixtures("page_cache")

INFOGRAPHIC_SIZES = ["thumbnail", "thumbnail_large", "infographic_mobile", "infographic_desktop"]


def specs(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


@pytest.fixture
def infographic():
    policy = factories.policy()
    image = factories.image("一图读懂.png", size=(1600, 1200))
    page = factories.interpretation("infographic", [policy], title="一图读懂大气办法", images=[image], publish=False)
    return page, image


def test_publishing_generates_every_rendition_the_page_and_its_cards_show(infographic):
    page, image = infographic
    page.listing_image = image
    revision = page.save_revision()
    assert specs(image) == set()
    revision.publish()
    assert specs(image) == {SIZES[size] for size in INFOGRAPHIC_SIZES}


def test_the_templates_show_the_renditions_publishing_generated(visitor, infographic):
    page, image = infographic
    page.listing_image = image
    page.save_revision().publish()
    generated = {rendition.url for rendition in Rendition.objects.filter(image=image)}
    html = serve(visitor, page.url)[0].content.decode()
    shown = set(re.findall(r'/media/images/[^" ]+', html))
    assert shown and shown <= generated
    # The document's page shows the large card, the listing the small one: both exist already.
    cards = "".join(serve(visitor, url)[0].content.decode() for url in ("/jiedu/", page.policy_pages[0].url))
    assert set(re.findall(r'/media/images/[^" ]+', cards)) <= generated
    assert Rendition.objects.filter(image=image).count() == len(INFOGRAPHIC_SIZES)


def test_a_collection_picture_is_generated_when_it_is_published():
    factories.policy()
    image = factories.image("专题.png")
    collection = factories.collection(publish=False, image=image)
    assert specs(image) == set()
    collection.get_latest_revision().publish()
    assert specs(image) == {SIZES["figure"]}


def test_the_command_generates_renditions_for_every_live_page(infographic):
    page, image = infographic
    page.listing_image = image
    page.save_revision().publish()
    Rendition.objects.all().delete()
    output, progress = StringIO(), StringIO()
    call_command("generate_renditions", stdout=output, stderr=progress)
    assert specs(image) == {SIZES[size] for size in INFOGRAPHIC_SIZES}
    assert "1 张图片" in output.getvalue()
    assert "生成图片" in progress.getvalue()
