"""The interpretation list (/jiedu/): live interpretations, newest first, filterable by kind."""

import re

import pytest

from tests import factories
from tests.pages import get_html, section


@pytest.mark.postgresql
class TestIndex:
    @pytest.fixture
    def interpretations(self, doc):
        return {
            "qa": factories.interpretation(
                "qa", [doc], title="问答一则", questions=[("问？", "<p>答。</p>", None, None)]
            ),
            "infographic": factories.interpretation("infographic", [doc], title="图解一则", images=[factories.image()]),
            "text": factories.interpretation("text", [doc], title="文字解读一则"),
            "draft": factories.interpretation("text", [doc], title="草稿解读", publish=False),
        }

    def test_lists_live_interpretations_with_kind_and_thumbnail(self, client, interpretations):
        html = get_html(client, "/jiedu/")
        assert html.count("<h1") == 1
        assert "共 3 篇解读" in html
        for key in ("qa", "infographic", "text"):
            assert f'href="{interpretations[key].url}"' in html
        assert "草稿解读" not in html
        assert '<span class="kind-label">一图读懂</span>' in html
        assert re.search(r'<img [^>]*class="thumb"', html)

    def test_lists_by_publication_date(self, client, interpretations):
        _old, old_interpretation = factories.back_catalogue()  # brought in last, published in 2019
        html = get_html(client, "/jiedu/")
        assert html.index(f'href="{interpretations["qa"].url}"') < html.index(f'href="{old_interpretation.url}"')
        assert '<time datetime="2019-04-24">2019年4月24日</time>' in html

    def test_kind_filter(self, client, interpretations):
        html = get_html(client, "/jiedu/?kind=qa")
        assert "问答一则" in html
        assert "图解一则" not in html and "文字解读一则" not in html
        filters = section(html, '<ul class="tag-list">', "</ul>")
        assert '<a href="?kind=qa" aria-current="page"><strong>简明问答</strong></a>' in filters
        for label in ["文字解读", "一图读懂", "专家解读", "音视频解读", "领导解读"]:
            assert label in filters

    def test_unknown_kind_and_page_are_ignored(self, client, interpretations):
        html = get_html(client, "/jiedu/?kind=nonsense&page=999")
        assert "共 3 篇解读" in html

    def test_draft_is_not_served(self, client, interpretations):
        assert client.get(interpretations["draft"].url).status_code == 404
