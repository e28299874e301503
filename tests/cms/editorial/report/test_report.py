"""The 解读情况 report: its figures on a prepared set of documents, the admin page, the chart, CSV and access."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.editorial.report.data import available_years, build_report, late_interpretations
from core.models.holidays import Holiday
from interpretations.models import InterpretationPage
from interpretations.snippets import Person
from policies.models import Division, PolicyPage
from tests import factories, shared_data

# Counts per year and division in Beijing time, over dates and datetimes.
pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("test_report")]

SHANGHAI = ZoneInfo("Asia/Shanghai")
URL = "/admin/reports/interpretations/"


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def policy(title, published, **fields):
    """A document published at `published` (Beijing time), left without a date: it gets the day it went live."""
    page = factories.policy(title, date_published=None, **fields)
    return went_live(PolicyPage, page, published)


def interpretation(kind, policies, title, published, **fields):
    page = factories.interpretation(kind, policies, title=title, **fields)
    return went_live(InterpretationPage, page, published)


def went_live(model, page, moment):
    """Make `page` as if it had gone live at `moment` without a date of its own."""
    model.objects.filter(pk=page.pk).update(first_published_at=moment, date_published=None)
    page = model.objects.get(pk=page.pk)
    page.save()  # as publishing does
    return page


def build_documents():
    """Documents and interpretations of 2025 (and one of 2024) with known dates; returns them by name."""
    factories.editorial()
    daqi, shui = Division.objects.get(name="大气处"), Division.objects.get(name="水处")
    wang = factories.person("王厅长", Person.Role.FIRST_INTERPRETER)
    zhao = factories.person("赵厅长", Person.Role.FIRST_INTERPRETER, affiliation="浙江省人民政府")
    d = {}

    # Friday 7 March; the interpretation on Wednesday 12 March: 3 working days across a weekend, on time.
    d["p_friday"] = policy("关于加强臭氧污染防治的通知", at(2025, 3, 7))
    d["i_on_time"] = interpretation("text", [d["p_friday"]], "臭氧通知文字解读", at(2025, 3, 12, 17), division=daqi)

    # Thursday 3 April; Friday 4 is 清明节 (the State Council's calendar, seeded by a migration), then a weekend:
    # the deadline is Wednesday 9 April. Published on Thursday 10 April at 01:00 Beijing time (still 9 April in
    # UTC): 4 working days, late by 1.
    d["p_qingming"] = policy("浙江省水污染防治条例实施办法", at(2025, 4, 3), division="水处", is_normative=True)
    d["i_late"] = interpretation("qa", [d["p_qingming"]], "水污染办法问答", at(2025, 4, 10, 1), division=shui)

    # Tuesday 20 May: published together with a 一图读懂 and a leader interpretation by 王厅长.
    d["p_together"] = policy("生态环境行政处罚裁量基准", at(2025, 5, 20), is_normative=True)
    d["i_together"] = interpretation(
        "infographic", [d["p_together"]], "裁量基准一图读懂", at(2025, 5, 20), division=daqi
    )
    d["i_wang"] = interpretation(
        "leader", [d["p_together"]], "王厅长谈裁量基准", at(2025, 5, 20), division=daqi, interpreter=wang
    )
    # 赵厅长 twice: once on 1 January at 00:30 Beijing time (31 December in UTC), before the document.
    d["i_zhao_1"] = interpretation(
        "leader", [d["p_together"]], "赵厅长新年谈执法", at(2025, 1, 1, 0, 30), division=shui, interpreter=zhao
    )
    d["i_zhao_2"] = interpretation(
        "leader", [d["p_together"]], "赵厅长谈裁量基准", at(2025, 5, 22), division=shui, interpreter=zhao
    )

    # A normative document without any interpretation, one with only a draft and one whose interpretation was
    # withdrawn: all listed. An exempted one is listed apart; one that needs none is not listed.
    d["p_missing"] = policy("浙江省排污许可管理办法", at(2025, 6, 3), is_normative=True)
    factories.interpretation("text", [d["p_missing"]], title="排污许可草稿解读", publish=False)
    d["p_withdrawn"] = policy("关于规范环评审批的通知", at(2025, 7, 1), division="水处")
    d["i_withdrawn"] = interpretation("text", [d["p_withdrawn"]], "已撤回的解读", at(2025, 7, 1), division=shui)
    InterpretationPage.objects.filter(pk=d["i_withdrawn"].pk).update(withdrawn_at=at(2025, 7, 2))
    d["p_exempt"] = policy("厅机关公文处理办法", at(2025, 8, 5))
    PolicyPage.objects.filter(pk=d["p_exempt"].pk).update(interpretation_exemption="内部管理文件，不涉及公众权利义务")
    d["p_no_need"] = policy("2025年第三季度环境质量通报", at(2025, 9, 2))
    PolicyPage.objects.filter(pk=d["p_no_need"].pk).update(needs_interpretation=False)
    factories.policy("浙江省土壤污染防治办法（征求意见稿）", publish=False, is_normative=True)

    # 2024: neither the document nor 王厅长's interpretation of it counts in 2025.
    d["p_2024"] = policy("2024年大气治理方案", at(2024, 12, 27), is_normative=True)
    interpretation("leader", [d["p_2024"]], "王厅长年终谈大气", at(2024, 12, 31, 23, 30), interpreter=wang)
    return d


@pytest.fixture(scope="module")
def built_documents(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_documents)


@pytest.fixture
def documents(built_documents):
    return shared_data.fresh(built_documents)


def test_documents_needing_an_interpretation(documents):
    report = build_report(2025)
    assert [p.title for p in report.uninterpreted] == ["浙江省排污许可管理办法", "关于规范环评审批的通知"]
    missing = report.uninterpreted[0]
    assert (missing.published_on, missing.division, str(missing.reason)) == (
        date(2025, 6, 3),
        "大气处",
        "行政规范性文件",
    )
    assert [(p.title, p.exemption) for p in report.exempted] == [
        ("厅机关公文处理办法", "内部管理文件，不涉及公众权利义务")
    ]
    assert [p.title for p in build_report(2024).uninterpreted] == []  # 2024's document has its interpretation


def test_late_interpretations_count_working_days_in_beijing_time(documents):
    report = build_report(2025)
    assert [(row.title, row.policy_title) for row in report.late] == [
        ("水污染办法问答", "浙江省水污染防治条例实施办法")
    ]
    late = report.late[0]
    assert late.policy_published_on == date(2025, 4, 3)
    assert late.deadline == date(2025, 4, 9)
    assert late.published_on == date(2025, 4, 10)
    assert late.days_late == 1
    assert (late.division, str(late.kind_label)) == ("水处", "简明问答")
    assert report.late_interpretation_count == 1


def test_without_the_holiday_the_same_interpretation_is_two_days_late(documents):
    Holiday.objects.all().delete()
    (late,) = late_interpretations(2025)
    assert (late.deadline, late.days_late) == (date(2025, 4, 8), 2)


def test_the_number_of_working_days_is_a_setting(documents, settings):
    settings.ZHENGCE_INTERPRETATION_WORKDAYS = 4
    assert late_interpretations(2025) == []
    settings.ZHENGCE_INTERPRETATION_WORKDAYS = 2
    late = {row.title: row.days_late for row in late_interpretations(2025)}
    assert late == {"臭氧通知文字解读": 1, "水污染办法问答": 2}


def test_publishing_on_a_day_off_after_the_deadline_is_late_by_one(documents):
    # 臭氧 document: Friday 7 March, deadline Wednesday 12 March; a 简明问答 on Saturday 15 March.
    interpretation("qa", [documents["p_friday"]], "臭氧通知周六问答", at(2025, 3, 15))
    rows = {row.title: (row.deadline, row.days_late) for row in late_interpretations(2025)}
    # Thursday 13 and Friday 14 were missed.
    assert rows["臭氧通知周六问答"] == (date(2025, 3, 12), 2)
    interpretation("qa", [documents["p_together"]], "裁量基准周六问答", at(2025, 5, 24))
    rows = {row.title: (row.deadline, row.days_late) for row in late_interpretations(2025)}
    # Tuesday 20 May, deadline Friday 23 May, published Saturday 24: no working day missed, still late.
    assert rows["裁量基准周六问答"] == (date(2025, 5, 23), 1)


def test_counts_per_division_and_kind(documents):
    counts = build_report(2025).counts
    assert counts.total == 6
    assert {row.name: row.total for row in counts.by_division} == {"大气处": 3, "水处": 3, "法规处": 0}
    assert {row.kind: row.count for row in counts.by_kind} == {
        "text": 1,
        "qa": 1,
        "infographic": 1,
        "expert": 0,
        "media": 0,
        "leader": 3,
    }
    daqi = next(row for row in counts.by_division if row.name == "大气处")
    assert {cell.kind: cell.count for cell in daqi.by_kind if cell.count} == {"text": 1, "infographic": 1, "leader": 1}
    assert build_report(2024).counts.total == 1


def test_first_interpreters_below_twice_a_year_are_flagged(documents):
    report = build_report(2025)
    assert [(p.name, p.count, p.below_minimum) for p in report.first_interpreters] == [
        ("王厅长", 1, True),
        ("赵厅长", 2, False),
    ]
    assert [p.name for p in report.flagged_interpreters] == ["王厅长"]


def test_the_number_of_queries_does_not_grow_with_the_documents(documents):
    with CaptureQueriesContext(connection) as few:
        build_report(2025)
    for n in range(4):
        extra = policy(f"补充文件{n}", at(2025, 10, 9 + n), is_normative=True)
        interpretation("media", [extra, documents["p_qingming"]], f"补充解读{n}", at(2025, 10, 9 + n))
    policy("又一个未解读文件", at(2025, 11, 3), is_normative=True)
    with CaptureQueriesContext(connection) as many:
        report = build_report(2025)
    assert len(report.late) == 4 + 1 and len(report.uninterpreted) == 3
    assert len(many.captured_queries) == len(few.captured_queries) <= 10


def test_an_imported_back_catalogue_counts_in_its_own_year():
    """A 2019 document and its interpretation brought in today count in 2019, and on time by their own dates."""
    document, interpretation_page = factories.back_catalogue()
    # The document went live here three weeks before its interpretation: by those days, it would be late.
    PolicyPage.objects.filter(pk=document.pk).update(first_published_at=timezone.now() - timedelta(days=21))
    # Another imported document that needed an interpretation and never had one.
    factories.policy("浙江省固体废物污染防治实施方案", date_published=date(2019, 5, 6), is_normative=True)
    this_year = build_report(timezone.localdate().year)
    assert (this_year.uninterpreted, this_year.late, this_year.counts.total) == ([], [], 0)

    report = build_report(2019)
    assert report.counts.total == 1 and report.late == []
    assert [(p.title, p.published_on) for p in report.uninterpreted] == [
        ("浙江省固体废物污染防治实施方案", date(2019, 5, 6))
    ]
    assert 2019 in available_years()

    # A day later than three working days after Friday 19 April 2019 is late, by its own date too.
    factories.revise(interpretation_page, date_published=date(2019, 4, 25))
    (late,) = late_interpretations(2019)
    assert (late.policy_published_on, late.deadline, late.published_on, late.days_late) == (
        date(2019, 4, 19),
        date(2019, 4, 24),
        date(2019, 4, 25),
        1,
    )


def test_an_empty_year():
    report = build_report(2019)
    assert (report.uninterpreted, report.exempted, report.late, report.counts.total) == ([], [], [], 0)


# --- the admin page ---------------------------------------------------------------------------------------


def signed_in(client, username, *groups, superuser=False):
    factories.user(username, *groups, superuser=superuser)
    assert client.login(username=username, password="pw")
    return client


def test_the_office_sees_the_report_with_its_numbers_and_charts(client, documents):
    signed_in(client, "office", "办公室")
    response = client.get(URL, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    report = response.context["report"]
    assert report.year == 2025 and report.counts.total == 6
    for text in (
        "解读情况",
        "浙江省排污许可管理办法",
        "厅机关公文处理办法",
        "内部管理文件，不涉及公众权利义务",
        "水污染办法问答",
        "所有日期均为文件和解读各自的“发布日期”",
    ):
        assert text in html
    assert "生态环境行政处罚裁量基准" not in html.split('id="report-late"')[1].split("</section>")[0]
    assert 'data-days-late="1">1<' in html
    assert 'data-division-total="大气处">3<' in html and 'data-division-total="法规处">0<' in html
    assert 'data-kind-total="leader">3<' in html and "data-total>6<" in html
    assert 'data-interpreter-count="王厅长">1<' in html and "未达到每年 2 次" in html
    assert html.count('<svg role="img"') == 2
    assert 'aria-label="2025年各处室解读数量：大气处 3，水处 3，法规处 0"' in html
    assert (
        "<title>2025年各形式解读数量：文字解读 1，简明问答 1，一图读懂 1，专家解读 0，音视频解读 0，领导解读 3</title>"
        in html
    )
    assert '<option value="2025" selected>' in html and "?year=2025&amp;export=csv" in html


def test_the_report_defaults_to_this_year(client, documents):
    signed_in(client, "office", "办公室")
    response = client.get(URL, {"year": "not-a-year"})
    assert response.status_code == 200
    assert response.context["report"].year == timezone.now().astimezone(SHANGHAI).year


def test_csv_export(client, documents):
    signed_in(client, "xuanjiao", "宣教中心审核")
    response = client.get(URL, {"year": 2025, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="interpretation-report-2025.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["部分", "名称"]
    by_section = {}
    for row in rows[1:]:
        # The last four columns are the 新媒体发布 rows' own (tests/sharing), blank in every other section.
        assert len(row) == len(rows[0]) and row[10:] == ["", "", "", ""]
        by_section.setdefault(row[0], []).append(row[:10])
    assert [row[1] for row in by_section["未解读文件"]] == ["浙江省排污许可管理办法", "关于规范环评审批的通知"]
    assert by_section["豁免解读文件"] == [
        [
            "豁免解读文件",
            "厅机关公文处理办法",
            "大气处",
            "",
            "",
            "2025-08-05",
            "",
            "",
            "",
            "内部管理文件，不涉及公众权利义务",
        ]
    ]
    assert by_section["超期解读"] == [
        [
            "超期解读",
            "水污染办法问答",
            "水处",
            "简明问答",
            "浙江省水污染防治条例实施办法",
            "2025-04-03",
            "2025-04-10",
            "2025-04-09",
            "1",
            "超期 1 个工作日",
        ]
    ]
    assert {row[1]: row[8] for row in by_section["按处室统计"]} == {"大气处": "3", "水处": "3", "法规处": "0"}
    assert {row[1]: row[8] for row in by_section["按形式统计"]}["领导解读"] == "3"
    assert [(row[1], row[8], row[9]) for row in by_section["第一解读人"]] == [
        ("王厅长", "1", "少于每年 2 次"),
        ("赵厅长", "2", ""),
    ]


def test_csv_cells_are_not_read_as_formulas(client, documents):
    PolicyPage.objects.filter(pk=documents["p_missing"].pk).update(title="=HYPERLINK(1)")
    signed_in(client, "office", "办公室")
    rows = list(csv.reader(io.StringIO(client.get(URL, {"year": 2025, "export": "csv"}).content.decode("utf-8-sig"))))
    assert ["未解读文件", "'=HYPERLINK(1)"] == rows[1][:2]


def test_a_division_editor_is_refused(client, documents):
    signed_in(client, "daqi_editor", "起草处室编辑-大气处")
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"export": "csv"}).status_code == 403
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("groups,superuser", [(("办公室",), False), (("宣教中心审核",), False), ((), True)])
def test_the_reports_menu_shows_the_report_to_its_readers(client, groups, superuser):
    factories.editorial()
    signed_in(client, "reader", *groups, superuser=superuser)
    assert URL in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 200


def test_the_holiday_list_is_edited_in_the_admin(client):
    factories.editorial()
    signed_in(client, "admin", superuser=True)
    assert "/admin/snippets/core/holiday/" in client.get("/admin/").content.decode()
    assert "国庆节" in client.get("/admin/snippets/core/holiday/").content.decode()
    response = client.post(
        "/admin/snippets/core/holiday/add/", {"date": "2025-11-15", "name": "防汛调休上班", "is_workday": "on"}
    )
    assert response.status_code == 302
    added = Holiday.objects.get(date=date(2025, 11, 15))
    assert added.is_workday and added.source == Holiday.Source.STAFF
