"""简明问答: questions and answers, the articles they cite and the links both ways."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html, section


class TestQAPage:
    def test_qa_links_the_cited_article(self, client, doc):
        page = factories.interpretation(
            "qa",
            [doc],
            title="大气污染防治办法问答",
            questions=[
                ("排污单位需要申领许可证吗？", "<p>需要，见第三条。</p>", doc, 3),
                ("办法何时施行？", "<p>自发布之日起施行。</p>", None, None),
            ],
        )
        first, second = page.questions.order_by("sort_order")
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "简明问答")
        qa_list = section(html, '<ol class="qa-list">', "</ol>")
        assert f'<li class="qa-item" id="qa-{first.pk}">' in qa_list
        assert f'<li class="qa-item" id="qa-{second.pk}">' in qa_list
        assert '<h2 class="qa-item__question">1. 排污单位需要申领许可证吗？</h2>' in qa_list
        cite = f'<a class="qa-item__cite" href="{doc.url}#article-3">依据：《浙江省大气污染防治办法》第三条</a>'
        assert cite in qa_list
        # The 第三条 mention inside the answer links to the article too.
        assert f'<a href="{doc.url}#article-3">第三条</a>' in qa_list
        # An answer citing nothing has no citation link.
        assert "qa-item__cite" not in qa_list[qa_list.index(f'id="qa-{second.pk}"') :]
        # Both directions: the document marks article 3 with a link back to the answer.
        policy_html = get_html(client, doc.url)
        assert f'href="{page.url}#qa-{first.pk}"' in section(policy_html, 'id="article-3"')

    def test_qa_malformed_article_numbers_are_left_as_text(self, client, doc):
        # The document has articles 1 to 4; 第二〇二四条 once read as 4, 第十十条 as 20.
        answer = "<p>见第三条、第二〇二四条和第十十条。</p>"
        page = factories.interpretation("qa", [doc], title="条文号写错的问答", questions=[("问题？", answer, doc, 3)])
        qa_list = section(get_html(client, page.url), '<ol class="qa-list">', "</ol>")
        assert f'<a href="{doc.url}#article-3">第三条</a>、第二〇二四条和第十十条。' in qa_list
        assert "#article-4" not in qa_list and "#article-20" not in qa_list

    @pytest.mark.postgresql
    def test_qa_citation_of_a_draft_document_is_not_linked(self, client, doc):
        draft = factories.policy("尚未发布的文件", publish=False)
        page = factories.interpretation(
            "qa", [doc], title="引用草稿的问答", questions=[("问题？", "<p>见第三条。</p>", draft, 3)]
        )
        html = get_html(client, page.url)
        assert "qa-item__cite" not in html
        assert draft.url not in html


def test_qa_citation_must_name_an_existing_article():
    from interpretations.models import QuestionAnswer

    policy = factories.policy("文件")
    answer = QuestionAnswer(question="问", answer="<p>答</p>", cited_policy=policy, cited_article=99)
    with pytest.raises(ValidationError) as error:
        answer.clean()
    assert "第九十九条" in str(error.value)
    QuestionAnswer(question="问", answer="<p>答</p>", cited_policy=policy, cited_article=3).clean()
