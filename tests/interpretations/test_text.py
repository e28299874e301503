"""文字解读: the sections of a text interpretation."""

from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html


class TestTextPage:
    def test_text(self, client, doc):
        page = factories.interpretation(
            "text",
            [doc],
            title="大气污染防治办法文字解读",
            sections=[
                ("section", {"kind": "background", "heading": "", "body": "<p>出台背景说明。</p>"}),
                ("section", {"kind": "main", "heading": "办法的五项重点", "body": "<p>重点内容。</p>"}),
                ("section", {"kind": "innovation", "heading": "", "body": "<p>创新做法。</p>"}),
            ],
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "文字解读")
        assert '<section class="section-block">' in html
        assert "<h2>背景依据</h2>" in html  # the kind's label when no heading is given
        assert "<h2>办法的五项重点</h2>" in html
        assert "<h2>创新举措</h2>" in html
        assert "<p>出台背景说明。</p>" in html
