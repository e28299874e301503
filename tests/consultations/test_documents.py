"""Consultations and their feedback reports in search, on the database and on Elasticsearch: a kind each, with its
facet; found from the opening time on, not before, though indexed once published; a report only once published,
linking to where citizens read it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.search import service
from cms.search.params import SearchParams
from consultations.models import Answer
from tests import factories

OPEN = "浙江省建设项目环境影响评价公众参与办法（征求意见稿）"
SOON = "浙江省土壤污染防治办法（征求意见稿）"
DONE = "浙江省噪声污染防治条例（征求意见稿）"
DRAFT_REPORT = "浙江省机动车排气污染防治条例（征求意见稿）"
REASON = "夜间施工噪声限值已按国家标准修改为五十五分贝"


def build():
    now = timezone.now()
    pages = {
        "open": factories.consultation(OPEN),
        "soon": factories.consultation(SOON, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=40)),
        "done": factories.consultation(
            DONE, division="水处", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=30)
        ),
        "draft report": factories.consultation(
            DRAFT_REPORT, opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=30)
        ),
    }
    commenter = {"name": "欧阳淼", "contact": "13900001111"}
    factories.comment(pages["done"], article=3, answer=Answer.PARTLY_ADOPTED, reason=REASON, **commenter)
    factories.comment(pages["done"], article=2, answer=Answer.ADOPTED)
    factories.comment(pages["draft report"], answer=Answer.NOT_ADOPTED, reason="机动车排气检测周期维持不变")
    pages["report"] = factories.feedback_report(pages["done"])
    factories.feedback_report(pages["draft report"], publish=False)
    return pages


def search(q, **filters):
    return service.search(SearchParams(q=q, **filters))


def check_search(pages, time_machine):
    found = search("环境影响评价公众参与")
    hit = next(hit for hit in found.hits if hit.title == OPEN)
    assert (hit.kind, hit.kind_label, hit.url) == ("consultation", "征求意见", pages["open"].url)
    assert hit.published == timezone.localdate(pages["open"].opens_at)
    kinds = {value.value: (value.label, value.count) for value in found.facets["kind"]}
    assert kinds["consultation"][0] == "征求意见"
    # The drafts share the factory's articles: every consultation citizens may see, and only those.
    assert {hit.title for hit in search("环境影响评价公众参与", kind="consultation").hits} == {OPEN, DONE, DRAFT_REPORT}

    # An article of the draft is a hit of its own.
    article = search("七个工作日 公开建设项目基本情况").hits[0]
    assert article.article == "第三条" and article.article_url == f"{article.url}#article-3"

    # The published report is found by the division's reasons, and links to the consultation's page; the one still
    # in review is not found, nor are the commenters.
    report = search("夜间施工噪声限值").hits[0]
    assert (report.kind, report.kind_label) == ("consultation_report", "意见采纳情况反馈")
    assert report.url == f"{pages['done'].url}#feedback"
    assert "consultation_report" not in {hit.kind for hit in search("机动车排气检测周期").hits}
    assert search("欧阳淼").count == 0 and search("13900001111").count == 0

    # Approved, but not yet open: nothing of it, until its opening time.
    assert SOON not in [hit.title for hit in search("土壤污染防治").hits]
    assert SOON not in [title for title, _url in service.autocomplete("浙江省土壤")]
    time_machine.move_to(pages["soon"].opens_at + timedelta(seconds=1))
    assert search("土壤污染防治").hits[0].title == SOON


@pytest.mark.postgresql  # the database search's word index and its BM25 statement
def test_the_database_search_finds_consultations_and_published_reports(time_machine, client):
    pages = build()
    # The pages API gives the published report's figures and reasons, nothing of the commenter.
    response = client.get(f"/api/v2/pages/{pages['done'].pk}/")
    assert response.status_code == 200
    report = response.json()["feedback_report"]
    assert report["total"] == 2 and report["url"].endswith(f"{pages['done'].url}#feedback")
    assert REASON in json.dumps(report, ensure_ascii=False)
    assert "欧阳淼" not in response.content.decode() and "13900001111" not in response.content.decode()
    assert client.get(f"/api/v2/pages/{pages['draft report'].pk}/").json()["feedback_report"] is None
    check_search(pages, time_machine)


def test_elasticsearch_finds_consultations_and_published_reports(search_engine, time_machine):
    pages = build()
    search_engine()
    assert search("环境影响评价公众参与").engine == "elasticsearch"
    check_search(pages, time_machine)
