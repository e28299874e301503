"""The demo loader: complete, realistic content, and idempotent (a second run creates and changes nothing)."""

import pytest

from demo import documents, infographic
from disclosure.models import AnnualReportPage, DisclosureRequest, Letter, State
from disclosure.models.annual import tables
from home.models import CollectionPage, NewsPage, SiteSettings
from interpretations.models import (
    InfographicInterpretationPage,
    InterpretationPage,
    Kind,
    LeaderInterpretationPage,
    QuestionAnswer,
)
from interpretations.snippets import Person
from policies.models import Agency, Division, PolicyPage, Topic
from policies.numerals import article_label
from policies.validity import Validity

# One worker runs this module and test_review_demo.py, so the demo they share is loaded once (conftest.py).
# On PostgreSQL too: a command writing many rows, and the SQL form of the validity rule checked against Python.
pytestmark = [pytest.mark.xdist_group("test_demo"), pytest.mark.postgresql]


def doc(key):
    return PolicyPage.objects.get(source_id=documents.source_id(key))


@pytest.fixture(scope="module")
def demo(initial_demo):
    """The output of each of two runs of load_initial_data and the snapshot taken after each (conftest.py)."""
    return initial_demo


def test_a_second_run_creates_and_changes_nothing(demo):
    first_output, first, second_output, second = demo
    assert first == second
    assert "新建 0 项，更新 0 项" in second_output
    assert "政策文件：新建 14" in first_output
    counts = first[0]
    assert counts["Page"] > 30 and counts["Revision"] > 25 and counts["Image"] == len(infographic.INFOGRAPHICS)


def test_reference_data_and_settings(demo):
    settings = SiteSettings.objects.get()
    assert settings.site_name == "浙江省生态环境厅"
    assert "ICP" in settings.icp_number and "占位" in settings.icp_number
    assert settings.address and settings.phone and settings.site_code
    department = Agency.objects.get(name="浙江省生态环境厅")
    assert department.short_name == "浙环" and len(department.code) == 9
    assert {"浙江省人民政府办公厅", "生态环境部"} <= set(Agency.objects.values_list("name", flat=True))
    divisions = set(Division.objects.values_list("name", flat=True))
    assert {"综合处", "大气处", "水处", "海洋处", "土壤处", "法规处", "执法处", "监信处"} <= divisions
    assert "宣教中心" not in divisions
    assert Topic.objects.count() >= 7
    assert Person.objects.filter(role=Person.Role.FIRST_INTERPRETER, position="厅长").exists()
    assert Person.objects.filter(role=Person.Role.EXPERT).count() >= 2


def test_documents_cover_every_state(demo):
    live = PolicyPage.objects.live()
    assert live.count() >= 12
    assert live.values("topic").distinct().count() >= 6
    assert live.filter(is_normative=True).count() >= 5
    for page in live:
        assert page.doc_number and page.index_number and page.issuing_agency and page.division and page.topic
        assert page.date_published and page.summary and page.tags.exists()
    assert doc("water-outfall-2019").validity == Validity.REPEALED
    assert doc("discretion-2020").validity == Validity.REPEALED
    assert doc("soil-riskcontrol-2022").validity == Validity.AMENDED
    assert doc("soil-riskcontrol-2022").amending_relations()[0].note == "修改第十二条"
    assert doc("marine-projects").validity == Validity.NOT_YET_EFFECTIVE
    assert doc("ozone-notice-2025").validity == Validity.EXPIRED
    assert doc("air-voc").validity == Validity.IN_FORCE
    # The SQL form of the rule agrees with the Python one.
    for page in PolicyPage.objects.live().with_validity():
        assert page.validity_code == PolicyPage.objects.get(pk=page.pk).validity
    # Long documents have chapters and articles; notices have neither.
    assert len(doc("air-voc").article_numbers()) >= 15
    assert any(block.block_type == "chapter" for block in doc("air-voc").body)
    assert not doc("ozone-notice-2025").article_numbers()
    # The relations are part of the published revision, so an edit in the admin keeps them.
    source = doc("water-outfall-2025")
    assert source.get_latest_revision_as_object().relations.get().target == doc("water-outfall-2019")


def test_interpretations_of_every_kind(demo):
    live = InterpretationPage.objects.live()
    assert set(live.values_list("kind", flat=True)) == set(Kind.values)
    assert all(page.policy_links.exists() for page in live)
    assert len(doc("air-voc").interpretation_pages) >= 3
    assert any(page.policy_links.count() >= 2 for page in live)
    assert live.filter(after_implementation=True).exists()
    assert PolicyPage.objects.live().filter(interpretation_links__isnull=True).exists()
    leader = LeaderInterpretationPage.objects.live().get()
    assert leader.interpreter.role == Person.Role.FIRST_INTERPRETER
    assert leader.occasion in {"press_conference", "interview"}
    for page in live.filter(kind__in=[Kind.EXPERT]):
        assert page.specific.interpreter.role == Person.Role.EXPERT


def test_answers_cite_articles_that_exist(demo):
    cited = QuestionAnswer.objects.filter(cited_article__isnull=False, page__live=True)
    assert cited.count() >= 5
    for answer in cited:
        assert answer.cited_article in answer.cited_policy.article_numbers()
        assert article_label(answer.cited_article) in answer.answer
        assert f"#article-{answer.cited_article}" in answer.answer_html()
    assert max(page.questions.count() for page in InterpretationPage.objects.filter(kind=Kind.QA).specific()) >= 5


def test_infographic_images(demo):
    page = InfographicInterpretationPage.objects.live().get()
    images = [item.image for item in page.images.all()]
    assert images and page.listing_image == images[0]
    titles = {title for title, _name, _draw in infographic.INFOGRAPHICS.values()}
    assert {image.title for image in images} == titles
    assert (images[0].width, images[0].height) == (1080, 1920)
    assert len(page.text_alternative) > 200


def test_news_and_collections(demo):
    news = NewsPage.objects.live()
    assert news.count() >= 3
    conference = news.get(news_kind=NewsPage.Kind.PRESS_CONFERENCE)
    assert conference.event_time and conference.place and len(conference.speaker_list()) >= 2
    assert conference.policies
    collections = CollectionPage.objects.live()
    assert 2 <= collections.count() <= 3
    assert all(collection.topic_id for collection in collections)


def test_one_open_and_one_completed_consultation(demo, client):
    from consultations.models import ConsultationPage, Status

    statuses = {page.title: page.status for page in ConsultationPage.objects.live()}
    assert sorted(statuses.values()) == [Status.ADOPTED, Status.OPEN]
    done = next(page for page in ConsultationPage.objects.live() if page.status == Status.ADOPTED)
    assert done.final_policy == doc("discretion-2024")
    assert done.comments.count() == 7 and not done.comments.unanswered().exists()
    html = client.get(done.url).content.decode()
    assert "意见采纳情况反馈" in html and "共收到意见 7 条" in html and "已形成正式文件" in html
    assert done.url in client.get(doc("discretion-2024").url).content.decode()
    open_now = next(page for page in ConsultationPage.objects.live() if page.status == Status.OPEN)
    assert "对本条提意见" in client.get(open_now.url).content.decode()


def test_pages_render(demo, client):
    assert client.get("/").status_code == 200
    assert client.get(doc("air-voc").url).status_code == 200
    guide = client.get("/xxgk/zhinan/").content.decode()  # the platform, with the office's demo contact details
    assert "<dd>0571-00000002（演示号码）</dd>" in guide and 'href="/xxgk/"' in client.get("/").content.decode()


def test_requests_for_disclosure_in_each_state(demo):
    assert set(DisclosureRequest.objects.values_list("state", flat=True)) == set(State.values)
    assert DisclosureRequest.objects.filter(applicant_type="organisation").exists()
    # The answered ones have their answer letter, and the notices theirs (补正, 延期, 第三方意见).
    for item in DisclosureRequest.objects.filter(state__in=(State.ANSWERED, State.ARCHIVED)):
        letter = item.letters.get(event__kind="answered")
        assert item.number in letter.body and "行政复议" in letter.body and letter.kind == letter.event.answer_type
    assert set(Letter.objects.values_list("event__kind", flat=True)) == {
        "answered",
        "correction_requested",
        "extended",
        "consult_third_party",
    }
    # Last year's report, published, computed from the requests of 2025 (one carried over, one carried forward).
    cells = AnnualReportPage.objects.published().get(year=2025).cells()
    assert [tables.request_value(cells, row, "total") for row in ("new", "carried_over", "handled")] == [5, 1, 5]
    assert tables.request_value(cells, "carried_forward", "total") == 1
    assert tables.remedy_values(cells)[:5] == [1, 0, 0, 0, 1]
