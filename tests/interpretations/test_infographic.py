"""一图读懂: the images, their alt texts and the full-text alternative."""

import re

from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html, section


class TestInfographicPage:
    def test_infographic(self, client, doc):
        page = factories.interpretation(
            "infographic",
            [doc],
            title="一图读懂大气污染防治办法",
            images=[factories.image("图一.png", (1600, 1200)), factories.image("图二.png", (600, 400))],
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "一图读懂")
        figures = re.findall(r'<figure class="infographic">.*?</figure>', html, re.S)
        assert len(figures) == 2
        first = figures[0]
        assert re.search(r'srcset="[^"]+width-640[^"]* 640w, [^"]+width-1400[^"]* 1400w"', first)
        assert 'alt="一图读懂大气污染防治办法（图1，文字版见下方）"' in first
        assert 'alt="一图读懂大气污染防治办法（图2，文字版见下方）"' in figures[1]
        text = section(html, 'id="text-alternative"')
        assert "<h2" in text and "文字版</h2>" in text
        assert "图解文字版：排污许可要点。" in text
        assert 'href="#text-alternative"' in html

    def test_infographic_caption_is_the_alt_text(self, client, doc):
        page = factories.interpretation("infographic", [doc], title="图解", images=[factories.image()])
        item = page.images.get()
        item.caption = "排污许可办理流程"
        item.save()
        html = get_html(client, page.url)
        assert 'alt="排污许可办理流程（文字版见下方）"' in html
        assert "<figcaption>排污许可办理流程</figcaption>" in html
