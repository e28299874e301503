"""The hooks a search document offers the queries, so that cms/search never names a content type."""

import pytest

from cms.search import registry
from cms.search.text import doc_number_in
from policies.documents import PolicyDocument, body_of
from policies.validity import Validity
from tests import factories

pytestmark = pytest.mark.django_db


def test_one_walk_over_a_policy_body_gives_its_text_articles_and_the_rest():
    page = factories.policy(body_text=factories.ARTICLES + "\n\n本办法自发布之日起施行。")
    body = body_of(page)
    assert body.text == page.body_text()
    assert [label for label, _anchor, _text in body.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert body.articles[2] == ("第三条", "article-3", "排污单位应当依法申领排污许可证。")
    assert "第一章 总则" in body.other and "第二章 排污许可" in body.other and "第一条" not in body.other
    assert body_of(page) is body  # kept while the body is the same value


def test_the_policy_document_answers_the_hooks():
    page = factories.policy(doc_number="浙环发〔2020〕12号")
    PolicyDocument.prepare([page])
    assert PolicyDocument.status_of(page) == Validity.IN_FORCE
    assert registry.status_labels() == dict(Validity.choices)
    assert doc_number_in("浙环发[2020]12号") == "浙环发〔2020〕12号"
    assert PolicyDocument.numbered("浙环发〔2020〕12号") == [page]
    label, anchor, _text = PolicyDocument.best_passage(page, ["排污许可证"])
    assert (label, anchor) == ("第三条", "article-3")
    assert PolicyDocument.best_passage(page, ["河长制"]) == ("", "", "")
    assert registry.document_class_for_kind("policy") is PolicyDocument
    assert registry.document_class_for_kind("link") is None
