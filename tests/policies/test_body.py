"""The body of a document: chapters and articles from text, unique article numbers, anchors, citations."""

import pytest
from django.core.exceptions import ValidationError

from policies.services import body_from_text
from tests import factories
from tests.pages import get_html, section


def test_a_malformed_article_number_stays_text():
    blocks = body_from_text("第一条 内容。\n\n第十十条 不是条文。\n\n第二〇二四条 也不是。\n\n第一百零五条 条文。")
    assert [b["type"] for b in blocks] == ["article", "article"]
    assert blocks[0]["value"] == {"number": 1, "text": "内容。\n\n第十十条 不是条文。\n\n第二〇二四条 也不是。"}
    assert blocks[1]["value"] == {"number": 105, "text": "条文。"}


def test_body_text_becomes_chapters_and_articles():
    blocks = body_from_text(
        "前言段落。\n\n第一章 总则\n\n第一条 第一款。\n\n第二款。\n\n第二条 内容。\n\n附件\n\n第一条 附件条文。"
    )
    assert [b["type"] for b in blocks] == ["paragraph", "chapter", "article", "article"]
    assert blocks[2]["value"] == {"number": 1, "text": "第一款。\n\n第二款。"}
    # An annex restarting at 第一条 stays inside the last article so anchors stay unique.
    assert "附件条文" in blocks[3]["value"]["text"]


def test_duplicate_article_numbers_are_refused():
    page = factories.policy("文件")
    page.body = [("article", {"number": 1, "text": "甲"}), ("article", {"number": 1, "text": "乙"})]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "条号重复" in str(error.value)


class TestPolicyPage:
    def test_articles_have_anchors_and_chapters_headings(self, client, library):
        html = get_html(client, library["doc"].url)
        body = html[html.index('<section class="policy-body"') :]
        assert '<h2 class="chapter-heading">第一章 总则</h2>' in body
        assert '<h2 class="chapter-heading">第二章 排污许可</h2>' in body
        for number, label in [(1, "第一条"), (3, "第三条"), (4, "第四条")]:
            assert f'<section class="article" id="article-{number}"' in body
            assert f'<h3 class="article__label" id="article-{number}-label">{label}</h3>' in body
        assert "<p>排污单位应当依法申领排污许可证。</p>" in body

    def test_cited_article_links_back_to_the_answer(self, client, library):
        doc, qa = library["doc"], library["qa"]
        answer = qa.questions.get()
        html = get_html(client, doc.url)
        article = section(html, 'id="article-3"')
        assert 'class="article__citations"' in article
        assert f'href="{qa.url}#qa-{answer.pk}"' in article
        assert "问答：排污单位需要申领许可证吗？" in article
        # Articles nobody cites carry no marker.
        assert "article__citations" not in section(html, 'id="article-1"')
