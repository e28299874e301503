"""领导解读: the leader, the occasion and the interpretation."""

from interpretations.snippets import Person
from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html


class TestLeaderPage:
    def test_leader(self, client, doc):
        leader = factories.person("王厅长", Person.Role.FIRST_INTERPRETER, position="厅长")
        page = factories.interpretation(
            "leader", [doc], title="厅长解读大气办法", interpreter=leader, occasion="press_conference"
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "领导解读")
        assert "<strong>王厅长</strong> 厅长" in html
        assert "解读场合：新闻发布会" in html
        assert "<p>厅长解读。</p>" in html
        assert "解读人：王厅长（浙江省生态环境厅 厅长）" in html
