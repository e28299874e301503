"""What every interpretation page shows: its badges and the cards of the documents it interprets."""

import pytest

from tests import factories
from tests.pages import get_html


class TestEveryKind:
    def test_after_implementation_badge_and_division(self, client, doc):
        page = factories.interpretation("text", [doc], title="施行一年回头看", after_implementation=True)
        html = get_html(client, page.url)
        assert '<span class="kind-label">施行后解读</span>' in html
        plain = factories.interpretation("text", [doc], title="普通解读")
        assert "施行后解读" not in get_html(client, plain.url)

    @pytest.mark.postgresql
    def test_policy_cards_only_show_live_documents(self, client, doc):
        draft = factories.policy("尚未发布的文件", publish=False)
        page = factories.interpretation("text", [doc, draft], title="两份文件的解读")
        html = get_html(client, page.url)
        assert doc.url in html
        assert "尚未发布的文件" not in html
