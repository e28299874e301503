"""A document's interpretations on its page, grouped by kind."""

from tests import factories
from tests.pages import get_html, section


class TestPolicyPage:
    def test_interpretations_grouped_by_kind(self, client, library):
        html = get_html(client, library["doc"].url)
        part = section(html, 'id="interpretations"', "</main>")
        assert '<h2 id="policy-interpretations">政策解读</h2>' in html
        qa_group = section(part, 'class="kind-group kind-group--qa"')
        infographic_group = section(part, 'class="kind-group kind-group--infographic"')
        assert "<h3" in qa_group and "简明问答</h3>" in qa_group
        assert library["qa"].url in qa_group and "大气污染防治办法问答" in qa_group
        assert "一图读懂</h3>" in infographic_group
        assert library["infographic"].url in infographic_group
        assert '<img class="thumb"' in infographic_group
        assert "<img" not in qa_group
        # Groups follow the order in which the kinds are declared.
        assert part.index("kind-group--qa") < part.index("kind-group--infographic")

    def test_without_interpretations_a_short_note(self, client):
        doc = factories.policy("尚无解读的文件")
        html = get_html(client, doc.url)
        assert "暂无解读" in html
        assert "kind-group" not in html
