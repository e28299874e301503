"""专家解读: the expert and the commentary."""

from interpretations.snippets import Person
from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html


class TestExpertPage:
    def test_expert(self, client, doc):
        expert = factories.person("李教授", Person.Role.EXPERT, affiliation="浙江大学", position="环境学院教授")
        page = factories.interpretation("expert", [doc], title="专家谈大气办法", interpreter=expert)
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "专家解读")
        assert "解读专家" in html
        assert "<strong>李教授</strong>，浙江大学 环境学院教授" in html
        assert "<p>专家认为该办法切实可行。</p>" in html
