"""/api/v2/pages/?search= ranks by the database search's words, over the pages a citizen may see."""

import pytest

from tests import factories

pytestmark = pytest.mark.postgresql  # the word index's BM25 statement runs on both databases


def titles(client, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_search_finds_words_of_the_body_best_first_and_never_a_draft(client):
    factories.policy("浙江省噪声污染防治办法", body_text="第一条 为了防治噪声污染。")
    body = "第一条 为了防治臭氧污染。\n\n第二条 臭氧与挥发性有机物协同治理。"
    factories.policy("浙江省臭氧污染防治实施方案", body_text=body)
    factories.policy("浙江省臭氧监测方案（草案）", body_text="第一条 臭氧监测。", publish=False)
    assert titles(client, "臭氧")[0] == "浙江省臭氧污染防治实施方案"
    assert "浙江省臭氧监测方案（草案）" not in titles(client, "臭氧")
    assert titles(client, "挥发性有机物") == ["浙江省臭氧污染防治实施方案"]
    assert titles(client, "不存在的词语组合") == []


def test_search_keeps_an_explicit_order(client):
    # By relevance 甲 (its body says 臭氧 three times) would come first.
    factories.policy("乙：臭氧防治", body_text="第一条 臭氧。")
    factories.policy("甲：臭氧监测", body_text="第一条 臭氧臭氧臭氧。")
    response = client.get("/api/v2/pages/", {"search": "臭氧", "order": "title", "type": "policies.PolicyPage"})
    assert [item["title"] for item in response.json()["items"]] == ["乙：臭氧防治", "甲：臭氧监测"]
