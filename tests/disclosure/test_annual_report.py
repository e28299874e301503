"""The annual report (政府信息公开工作年度报告): each table against a prepared set of records, carry-over across the
year boundary by the clock's dates, overrides and their notes, the checks before review, and what citizens get.

The records are built once for the module (tests/shared_data.py): four documents of the policy library and eight
requests around the turn of 2024/2025 and 2025/2026, with a review and two suits.
"""

import io
import json
from datetime import date

import pytest
import time_machine
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from disclosure import surface
from disclosure.models import AnnualReportPage, EventKind
from disclosure.models.annual import figures, layout
from disclosure.workflow import take_step
from tests import factories, shared_data

pytestmark = pytest.mark.xdist_group("disclosure_annual_report")

REQ = layout.REQUESTS


def cell(row, column, table=REQ):
    return layout.key(table, row, column)


def answer(item, day, answer_type, reason=""):
    take_step(None, item, EventKind.ANSWERED, {"date": day, "answer_type": answer_type, "answer_reason": reason})


def build_records():
    factories.editorial()
    normative = {"is_normative": True, "division": "大气处"}
    factories.policy("旧规范性文件", date_published=date(2024, 3, 1), date_expires=date(2025, 6, 30), **normative)
    factories.policy("新规范性文件", date_published=date(2025, 5, 10), **normative)
    factories.policy("长期有效的规范性文件", date_published=date(2023, 1, 1), **normative)
    factories.policy("某管理规章", date_published=date(2025, 2, 1), category="规章")
    org = {"applicant_type": "organisation"}
    carried, _ = factories.disclosure_request(submitted_on=date(2024, 12, 20))
    answer(carried, date(2025, 1, 10), "disclosed")
    earlier, _ = factories.disclosure_request(submitted_on=date(2024, 11, 1))
    answer(earlier, date(2024, 11, 20), "disclosed")
    factories.disclosure_request(
        submitted_on=date(2025, 12, 25), signed_on=date(2025, 12, 29), channel="letter", **org,
        organisation_type="commercial", address="杭州市某路1号", delivery="post",
    )  # fmt: skip
    # Submitted online in 2025, confirmed (so received, 第三十一条) in 2026: a request of 2026.
    online, _ = factories.disclosure_request(submitted_on=date(2025, 12, 30), channel="online")
    take_step(None, online, EventKind.CONFIRMED, {"date": date(2026, 1, 5)})
    lawyers, _ = factories.disclosure_request(submitted_on=date(2025, 3, 3), **org, organisation_type="legal_service")
    answer(lawyers, date(2025, 3, 20), "withheld", "withheld_third_party")
    already, _ = factories.disclosure_request(submitted_on=date(2025, 6, 2))
    answer(already, date(2025, 6, 10), "already_public")
    research, _ = factories.disclosure_request(submitted_on=date(2025, 12, 15), **org, organisation_type="research")
    answer(research, date(2026, 1, 8), "partly")
    appealed, _ = factories.disclosure_request(submitted_on=date(2025, 4, 1))
    answer(appealed, date(2025, 4, 15), "unavailable", "unavailable_not_held")
    review = take_step(
        None, appealed, EventKind.ADMINISTRATIVE_REVIEW, {"date": date(2025, 5, 10), "outcome": "pending"}
    )
    take_step(
        None, appealed, EventKind.REMEDY_DECIDED, {"date": date(2025, 7, 1), "remedy": review, "outcome": "upheld"}
    )
    suit = take_step(
        None, appealed, EventKind.LITIGATION, {"date": date(2025, 8, 1), "outcome": "pending", "after_review": True}
    )
    # Decided after the year: still 尚未审结 in the report of 2025.
    take_step(
        None, appealed, EventKind.REMEDY_DECIDED, {"date": date(2026, 2, 2), "remedy": suit, "outcome": "corrected"}
    )
    take_step(None, lawyers, EventKind.LITIGATION, {"date": date(2025, 4, 10), "outcome": "pending"})
    return {"index": surface.ensure_report_index()}


@pytest.fixture(scope="module")
def built_records(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_records)


@pytest.fixture
def records(built_records, db):
    return shared_data.fresh(built_records)


def test_each_table_of_2025_counts_the_records_and_2026_carries_over_what_2025_carried_forward(records):
    cells = figures.compute(2025)
    expected_requests = {
        ("new", "person"): 2, ("carried_over", "person"): 1, ("disclosed", "person"): 2,
        ("unavailable_not_held", "person"): 1,
        ("new", "commercial"): 1, ("carried_forward", "commercial"): 1,
        ("new", "research"): 1, ("carried_forward", "research"): 1,
        ("new", "legal_service"): 1, ("withheld_third_party", "legal_service"): 1,
    }  # fmt: skip
    found = {
        (row, column): cells[cell(row, column)]
        for row in layout.REQUEST_STORED_ROWS
        for column in layout.APPLICANT_COLUMNS
        if cells[cell(row, column)]
    }
    assert found == expected_requests
    from disclosure.models.annual import tables

    assert tables.request_value(cells, "new", "total") == 5
    assert tables.request_value(cells, "handled", "total") == 4
    assert tables.request_value(cells, "withheld", "legal_service") == 1
    assert all(received == handled for received, handled in (tables.balance(cells, c) for c in layout.REQUEST_COLUMNS))
    active = layout.ACTIVE
    assert [cells[cell(layout.NORMATIVE, c, active)] for c in ("issued", "repealed", "in_force")] == [1, 1, 2]
    assert [cells[cell(layout.RULES, c, active)] for c in ("issued", "repealed", "in_force")] == [1, 0, 1]
    assert tables.remedy_values(cells) == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1]

    next_year = figures.compute(2026)
    assert tables.request_value(next_year, "carried_over", "total") == 2
    assert next_year[cell("carried_over", "commercial")] == next_year[cell("carried_over", "research")] == 1
    assert next_year[cell("new", "person")] == 1  # the online request confirmed in 2026
    assert next_year[cell("partly", "research")] == 1


RICH = json.dumps(
    {
        "blocks": [
            {"key": "a1", "type": "unstyled", "text": "本年度依法做好政府信息公开工作。", "depth": 0}
            | {"inlineStyleRanges": [], "entityRanges": []}
        ],
        "entityMap": {},
    }
)


def add_form(client, index):
    url = f"/admin/pages/add/disclosure/annualreportpage/{index.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data.update(
        {
            "title": "2025年政府信息公开工作年度报告",
            "slug": "nianbao-2025",
            "year": "2025",
            "overview": RICH,
            "problems": RICH,
        }
    )
    return url, data


def with_override(data, cell_key, value, note):
    return data | (
        {
            "overrides-TOTAL_FORMS": "1",
            "overrides-0-cell": cell_key,
            "overrides-0-value": str(value),
            "overrides-0-note": note,
            "overrides-0-ORDER": "1",
        }
    )


def errors_of(response):
    return response.context["form"].non_field_errors()


def test_overrides_need_a_note_and_submission_needs_balanced_tables_matching_the_records(records):
    office = factories.user("nianbao", superuser=True)
    client = Client()
    client.force_login(office)
    with time_machine.travel(date(2026, 2, 2)):  # past 31 January: last year's report is overdue (第四十九条)
        assert "2025年政府信息公开工作年度报告尚未发布" in client.get("/admin/").content.decode()
    url, data = add_form(client, records["index"])
    person_new = cell("new", "person")

    refused = client.post(url, with_override(data, person_new, 3, ""))
    assert refused.status_code == 200
    assert any(
        "“一、本年新收政府信息公开申请数量”行“自然人”列 修改了系统统计数，必须填写修改说明" in e
        for e in errors_of(refused)
    )
    assert not AnnualReportPage.objects.exists()

    # With a note the draft saves, but the 自然人 column no longer balances: it cannot go to review.
    unbalanced = with_override(data, person_new, 3, "补录一件纸质申请")
    refused = client.post(url, {**unbalanced, "action-submit": "1"})
    assert refused.status_code == 200
    assert any(
        "表三“自然人”列不平衡：本年新收加上年结转为 4，办理结果总计加结转下年度为 3" in e for e in errors_of(refused)
    )
    saved = client.post(url, unbalanced)
    assert saved.status_code == 302, (errors_of(saved), saved.context["form"].errors)
    page = AnnualReportPage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert draft.figures["cells"][person_new] == 2 and draft.cells()[person_new] == 3
    assert [(o.cell, o.value, o.note) for o in draft.overrides.all()] == [(person_new, 3, "补录一件纸质申请")]

    # A record changed after the figures were taken: the report must be refreshed (or overridden with a note).
    edit_url = f"/admin/pages/{page.pk}/edit/"
    edit = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form").dict()
    edit["overrides-0-DELETE"] = "1"
    factories.disclosure_request(submitted_on=date(2025, 9, 1))
    refused = client.post(edit_url, {**edit, "action-submit": "1"})
    assert any("报告中为 2，按当前记录为 3" in e for e in errors_of(refused))
    refreshed = client.post(edit_url, {**edit, "refresh_figures": "on", "action-submit": "1"})
    assert refreshed.status_code == 302
    page = AnnualReportPage.objects.get()
    assert page.get_latest_revision_as_object().figures["cells"][person_new] == 3
    assert page.workflow_in_progress


def publish_report(index, **fields):
    page = AnnualReportPage(
        title="浙江省生态环境厅2025年政府信息公开工作年度报告",
        year=2025,
        overview="<p>本年度依法做好政府信息公开工作。</p>",
        problems="<p>依申请公开答复规范性有待提高。</p>",
        licensing_decisions=321,
        **fields,
    )
    page.take_figures()
    index.add_child(instance=page)
    page.save_revision().publish()
    return AnnualReportPage.objects.get(pk=page.pk)


def test_citizens_get_the_published_revision_only_and_its_files_hold_the_figures(records):
    anonymous = Client()
    assert surface.overdue_report_year(date(2026, 2, 1)) == 2025
    draft = AnnualReportPage(title="草稿年报", year=2025, overview="<p>草稿</p>", problems="<p>草稿</p>", live=False)
    draft.take_figures()
    records["index"].add_child(instance=draft)
    draft.save_revision()
    draft_url = draft.get_url()
    for suffix in ("", "word/", "tables/"):
        assert anonymous.get(draft_url + suffix).status_code == 404
    assert "草稿年报" not in anonymous.get(records["index"].url).content.decode()
    draft.delete()

    page = publish_report(records["index"])
    later = page.get_latest_revision_as_object()
    later.overview = "<p>尚未审核的新文字</p>"
    later.licensing_decisions = 999
    later.save_revision()
    factories.disclosure_request(submitted_on=date(2025, 9, 1))  # records change after publication

    html = anonymous.get(page.url).content.decode()
    assert "本年度依法做好政府信息公开工作" in html and "尚未审核的新文字" not in html
    assert '<th scope="row" class="level-0">一、本年新收政府信息公开申请数量</th><td>2</td>' in html
    assert "<caption>" in html and 'scope="col"' in html
    assert "浙江省生态环境厅2025年政府信息公开工作年度报告" in anonymous.get("/").content.decode()
    assert surface.overdue_report_year(date(2026, 2, 1)) is None

    from docx import Document
    from openpyxl import load_workbook

    word = anonymous.get(page.url + "word/")
    assert word["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本年度依法做好政府信息公开工作" in text and "尚未审核的新文字" not in text
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for table in document.tables for row in table.rows}
    assert rows["一、本年新收政府信息公开申请数量"] == ["2", "1", "1", "0", "1", "0", "5"]
    assert rows["行政许可"][0] == "321"
    sheets = load_workbook(io.BytesIO(anonymous.get(page.url + "tables/").content))
    table3 = {row[0]: row[1:] for row in sheets["表三"].iter_rows(values_only=True)}
    assert table3["四、结转下年度继续办理"][:7] == (0, 1, 1, 0, 0, 0, 2)
    assert list(sheets["表四"].iter_rows(values_only=True))[-1] == (1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1)
    assert Page.objects.get(pk=page.pk).specific.figures == page.figures
