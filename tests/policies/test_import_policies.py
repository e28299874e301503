"""The JSONL importer: `manage.py import_policies` and the record parsing behind it."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry, ReferenceIndex, Revision

from cms.search.db_query import DatabaseQuery
from cms.search.params import SearchParams
from core.segmentation import segment, segment_all
from policies.importing import BadRecord, parse_line, parse_record
from policies.management.commands import import_policies
from policies.models import Agency, PolicyPage
from policies.numerals import to_chinese
from policies.services import search_source_of
from policies.validity import Validity
from tests import factories

# An import command writing many rows, then found by the database search backend.
pytestmark = pytest.mark.postgresql

# Invented records: 4 good ones (lines 1, 2, 4, 6), 4 bad ones (3, 5, 7, 9) and a blank line (8).
FIXTURE = Path(__file__).parent / "data" / "policies.jsonl"
BAD_LINES = {
    3: "不是有效的 JSON",
    5: "缺少 title",
    7: "published 不是有效日期：2021-02-30",
    9: "发文字号无法识别：青环函十二号",
}


def run(*files, **options):
    """Run the command; return (stdout, stderr, CommandError or None)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_policies", *map(str, files), stdout=stdout, stderr=stderr, **options)
    except CommandError as raised:
        error = raised
    return stdout.getvalue(), stderr.getvalue(), error


def page(source_id):
    return PolicyPage.objects.get(source_id=source_id)


def record(**fields):
    base = {"id": "t:1", "title": "青溪市测试文件", "category": "规章", "body": "第一条 测试条文。"}
    return json.dumps({**base, **fields}, ensure_ascii=False)


def write(tmp_path, *lines, name="records.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- the fixture file --------------------------------------------------------------------------


def test_good_records_are_created_and_published():
    stdout, _stderr, error = run(FIXTURE)
    assert error is not None
    assert set(PolicyPage.objects.values_list("source_id", flat=True)) == {"demo:1", "demo:2", "demo:3", "5"}
    assert all(p.live and not p.has_unpublished_changes for p in PolicyPage.objects.all())
    assert "新建 4，更新 0，未变 0，错误 4，警告 1" in stdout


def test_record_fields_are_mapped():
    run(FIXTURE)
    lake = page("demo:1")
    assert lake.title == "青溪湖水环境保护条例"
    assert lake.issuing_agency.name == "青溪市人民代表大会常务委员会"
    assert lake.category == "地方性法规"
    assert lake.date_published == date(2021, 3, 1)
    assert lake.date_effective == date(2021, 5, 1)
    assert lake.summary == "2021年3月1日 青溪市第五届人民代表大会常务委员会第九次会议通过；自2021年5月1日起施行"
    assert sorted(tag.name for tag in lake.tags.all()) == ["水", "湖泊"]
    assert lake.source_url == "invented:qingxi-lake"
    assert lake.expiry_declared is False
    assert lake.topic is None
    assert lake.get_parent().specific_class.__name__ == "PolicyIndexPage"


def test_chapters_and_articles_become_blocks():
    run(FIXTURE)
    blocks = [(block.block_type, block.value) for block in page("demo:1").body]
    assert [kind for kind, _ in blocks] == ["chapter", "article", "article", "chapter", "article"]
    assert blocks[0][1]["heading"] == "第一章 总则"
    articles = [value for kind, value in blocks if kind == "article"]
    assert [value["number"] for value in articles] == [1, 2, 3]
    assert articles[1]["text"] == "本条例适用于青溪湖保护范围内的活动。\n\n保护范围由市人民政府划定并公布。"
    assert page("demo:1").article_numbers() == {1, 2, 3}


def test_doc_numbers_are_normalised():
    run(FIXTURE)
    assert page("demo:2").doc_number == "青环发〔2020〕7号"
    assert page("5").doc_number == "青溪市人民政府令第3号"


def test_expired_status_declares_expiry():
    run(FIXTURE)
    battery = page("5")  # an integer id becomes the string source id
    assert battery.expiry_declared is True
    assert battery.validity == Validity.EXPIRED
    assert page("demo:2").validity == Validity.IN_FORCE


def test_empty_body_is_imported_with_a_warning():
    stdout, _stderr, _error = run(FIXTURE)
    assert len(page("demo:3").body) == 0
    assert page("demo:3").live
    assert f"{FIXTURE}:4: 警告：正文为空（id demo:3）" in stdout


def test_bad_lines_are_reported_with_line_numbers_and_the_command_fails():
    _stdout, stderr, error = run(FIXTURE)
    for number, reason in BAD_LINES.items():
        line = next(text for text in stderr.splitlines() if text.startswith(f"{FIXTURE}:{number}: "))
        assert reason in line
    assert f"{FIXTURE}:8:" not in stderr  # the blank line is skipped, not reported
    assert len(stderr.splitlines()) == len(BAD_LINES)
    assert "4 条记录未能导入" in str(error)


def test_second_run_changes_nothing():
    run(FIXTURE)
    pages = dict(PolicyPage.objects.values_list("source_id", "latest_revision_id"))
    revisions = Revision.objects.count()

    stdout, stderr, error = run(FIXTURE)

    assert "新建 0，更新 0，未变 4，错误 4" in stdout
    assert dict(PolicyPage.objects.values_list("source_id", "latest_revision_id")) == pages
    assert Revision.objects.count() == revisions
    assert error is not None and len(stderr.splitlines()) == len(BAD_LINES)


def test_changed_record_updates_the_page_with_a_new_revision(tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    run(FIXTURE)
    straw = page("demo:2")
    revisions = straw.revisions.count()

    changed = json.loads(lines[1])
    changed["title"] = "关于开展秸秆露天焚烧专项巡查的通知"
    stdout, _stderr, error = run(write(tmp_path, lines[0], json.dumps(changed, ensure_ascii=False)))

    assert error is None
    assert "新建 0，更新 1，未变 1，错误 0" in stdout
    straw.refresh_from_db()
    assert straw.title == "关于开展秸秆露天焚烧专项巡查的通知"
    assert straw.revisions.count() == revisions + 1
    assert straw.live and not straw.has_unpublished_changes
    assert PolicyPage.objects.count() == 4


def found(query):
    return {hit.title for hit in DatabaseQuery(SearchParams(q=query)).run().hits}


def test_imported_pages_are_in_the_search_index():
    run(FIXTURE)
    assert "青溪湖水环境保护条例" in found("青溪湖")
    assert "关于开展秸秆露天焚烧巡查的通知" in found("秸秆")
    # The command indexes pages itself while it runs; afterwards every save indexes again as usual.
    factories.policy("青溪市臭氧污染应对办法", body_text="第一条 臭氧超标时启动应对。")
    assert "青溪市臭氧污染应对办法" in found("臭氧")


def test_a_draft_update_keeps_the_live_text_in_the_search_index(tmp_path):
    run(write(tmp_path, record(body="第一条 加强蓝藻监测。")))
    run(write(tmp_path, record(body="第一条 加强水葫芦清理。")), draft=True)
    draft = page("t:1")
    assert draft.live and draft.has_unpublished_changes
    assert "青溪市测试文件" in found("蓝藻")
    assert "青溪市测试文件" not in found("水葫芦")


# --- options, files and failures ---------------------------------------------------------------


def test_draft_option_saves_unpublished_pages(tmp_path):
    stdout, _stderr, error = run(write(tmp_path, record()), draft=True)
    assert error is None and "新建 1" in stdout
    draft = page("t:1")
    assert not draft.live
    assert draft.latest_revision is not None


def test_limit_stops_after_n_records():
    stdout, stderr, error = run(FIXTURE, limit=2)
    assert error is None and stderr == ""
    assert "共处理 2 条：新建 2" in stdout
    assert PolicyPage.objects.count() == 2


def test_several_files_are_imported_in_order(tmp_path):
    first = write(tmp_path, record(id="a"), name="a.jsonl")
    second = write(tmp_path, record(id="b"), record(id="a", title="重复"), name="b.jsonl")
    stdout, stderr, error = run(first, second)
    assert "新建 2" in stdout
    assert f"{second}:2: 错误：id 重复（与 {first} 第 1 行相同）：a" in stderr
    assert page("a").title == "青溪市测试文件"
    assert "1 条记录未能导入" in str(error)


def test_missing_file_is_refused_before_importing_anything(tmp_path):
    _stdout, _stderr, error = run(FIXTURE, tmp_path / "missing.jsonl")
    assert "文件不存在" in str(error) and "missing.jsonl" in str(error)
    assert not PolicyPage.objects.exists()


def test_an_exception_while_saving_is_reported_and_the_import_continues(tmp_path, monkeypatch):
    real_save = import_policies.save_policy

    def failing_save(parent, data, **kwargs):
        if data.source_id == "boom":
            raise RuntimeError("数据库开小差了")
        return real_save(parent, data, **kwargs)

    monkeypatch.setattr(import_policies, "save_policy", failing_save)
    path = write(tmp_path, record(id="boom"), record(id="fine"))
    stdout, stderr, error = run(path)
    assert f"{path}:1: 错误：保存失败（id boom）：RuntimeError: 数据库开小差了" in stderr
    assert "新建 1" in stdout and page("fine").live
    assert "1 条记录未能导入" in str(error)


def test_progress_lines_when_not_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(import_policies, "PROGRESS_EVERY", 2)
    path = write(tmp_path, *(record(id=f"p{n}") for n in range(5)))
    _stdout, stderr, error = run(path)
    assert error is None
    assert [line.split("（")[0] for line in stderr.splitlines()] == ["已处理 2/5 条", "已处理 4/5 条"]


def test_very_long_body(tmp_path):
    articles = [
        f"第{to_chinese(n)}条 青溪市各级人民政府应当加强第{n}项生态环境保护工作，落实各项责任。" for n in range(1, 2400)
    ]
    body = "\n\n".join(["第一章 总则", *articles])
    assert len(body) > 100_000
    stdout, _stderr, error = run(write(tmp_path, record(body=body)))
    assert error is None and "新建 1" in stdout
    numbers = [block.value["number"] for block in page("t:1").body if block.block_type == "article"]
    assert numbers == list(range(1, 2400))


# --- parsing single records --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"id": None}, "缺少 id"),
        ({"id": ""}, "缺少 id"),
        ({"title": "   "}, "缺少 title"),
        ({"published": "2021/03/01"}, "published 日期格式不正确"),
        ({"effective": "2021-13-01"}, "effective 不是有效日期"),
        ({"status": "已修改"}, "status 只能是"),
        ({"tags": "大气"}, "tags 应为字符串列表"),
        ({"info": [1, 2]}, "info 应为字符串列表"),
        ({"category": "类" * 51}, "category 过长"),
        ({"doc_number": "〔2020〕12号"}, "发文字号无法识别"),
    ],
)
def test_bad_records_say_why(fields, reason):
    with pytest.raises(BadRecord, match=reason):
        parse_record(json.loads(record(**fields)))


@pytest.mark.parametrize("line", ["[1, 2]", "not json", '{"id": 1,}'])
def test_lines_that_are_not_json_objects(line):
    with pytest.raises(BadRecord):
        parse_line(line)


def test_nulls_and_missing_fields_are_allowed():
    parsed = parse_record({"id": 7, "title": "只有标题", "status": None, "tags": None, "published": None})
    data = parsed.data
    assert (data.source_id, data.title, data.doc_number, data.agency) == ("7", "只有标题", "", None)
    assert (data.date_published, data.expiry_declared, data.tags, data.summary) == (None, False, [], "")
    assert parsed.warnings == ["正文为空"]


def test_summary_joins_info_lines_and_is_trimmed():
    parsed = parse_record({"id": 1, "title": "t", "body": "x", "info": [" 甲 ", "", "乙"]})
    assert parsed.data.summary == "甲；乙"
    long = parse_record({"id": 1, "title": "t", "body": "x", "info": ["字" * 300, "字" * 300]})
    assert len(long.data.summary) == 500


# --- batches and what each imported page gets ----------------------------------------------------


def test_an_imported_page_has_its_revision_audit_trail_and_references():
    run(FIXTURE)
    lake = page("demo:1")
    assert lake.live_revision_id == lake.latest_revision_id and lake.first_published_at is not None
    actions = set(PageLogEntry.objects.filter(page=lake).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions
    # The reference index (core.files reads it) holds what Wagtail itself computes from the live page.
    rows = set(
        ReferenceIndex.get_references_for_object(lake).values_list("to_content_type", "to_object_id", "model_path")
    )
    assert (ContentType.objects.get_for_model(Agency).pk, str(lake.issuing_agency_id), "issuing_agency") in rows
    ReferenceIndex.create_or_update_for_object(lake)
    assert (
        set(ReferenceIndex.get_references_for_object(lake).values_list("to_content_type", "to_object_id", "model_path"))
        == rows
    )


def test_records_are_saved_in_batches_and_a_failure_undoes_only_its_own_record(tmp_path, monkeypatch):
    monkeypatch.setattr(import_policies, "BATCH_SIZE", 2)
    real_save = import_policies.save_policy

    def save_then_fail(parent, data, **kwargs):
        saved = real_save(parent, data, **kwargs)  # the page, its revision and its agency are written first
        if data.source_id == "boom":
            raise RuntimeError("发布后出错")
        return saved

    monkeypatch.setattr(import_policies, "save_policy", save_then_fail)
    lines = [record(id=f"b{n}", title=f"青溪市批次文件{n}", issuing_agency="青溪市水利局") for n in range(5)]
    lines[2] = record(id="boom", title="青溪市出错文件", issuing_agency="青溪市新设机构")
    path = write(tmp_path, *lines)
    stdout, stderr, error = run(path)

    assert stderr.splitlines() == [f"{path}:3: 错误：保存失败（id boom）：RuntimeError: 发布后出错"]
    assert "新建 4，更新 0，未变 0，错误 1" in stdout and "1 条记录未能导入" in str(error)
    assert not PolicyPage.objects.filter(source_id="boom").exists()
    assert not Agency.objects.filter(name="青溪市新设机构").exists()
    assert all(p.live and p.issuing_agency.name == "青溪市水利局" for p in PolicyPage.objects.all())
    assert found("批次文件") == {f"青溪市批次文件{n}" for n in (0, 1, 3, 4)}


def test_a_record_after_a_failed_one_gets_a_fresh_agency(tmp_path, monkeypatch):
    """The agency created by an undone record is gone: the next record using it creates it again."""
    real_save = import_policies.save_policy

    def save_then_fail(parent, data, **kwargs):
        saved = real_save(parent, data, **kwargs)
        if data.source_id == "boom":
            raise RuntimeError("出错")
        return saved

    monkeypatch.setattr(import_policies, "save_policy", save_then_fail)
    path = write(
        tmp_path, record(id="boom", issuing_agency="青溪市新设机构"), record(id="ok", issuing_agency="青溪市新设机构")
    )
    _stdout, _stderr, error = run(path)
    assert "1 条记录未能导入" in str(error)
    assert page("ok").issuing_agency == Agency.objects.get(name="青溪市新设机构")


def test_an_unchanged_record_with_a_draft_ahead_is_compared_with_the_draft(tmp_path):
    first = write(tmp_path, record(body="第一条 加强蓝藻监测。"))
    run(first)
    run(write(tmp_path, record(body="第一条 加强水葫芦清理。"), name="draft.jsonl"), draft=True)
    revisions = Revision.objects.count()
    stdout, _stderr, _error = run(tmp_path / "draft.jsonl", draft=True)
    assert "未变 1" in stdout and Revision.objects.count() == revisions
    stdout, _stderr, _error = run(first)  # the live text again: a change from the draft, published
    assert "更新 1" in stdout and not page("t:1").has_unpublished_changes


def test_the_text_segmented_ahead_is_the_text_the_search_index_segments():
    """A large import segments each record's search text in another process before saving it: the same text."""
    run(FIXTURE)
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        try:
            data = parse_record(parse_line(line)).data
        except BadRecord:
            continue
        saved = PolicyPage.objects.prefetch_related("tags").get(source_id=data.source_id)
        assert search_source_of(data) == saved.search_source(tag.name for tag in saved.tags.all())
        assert segment(search_source_of(data)) == " ".join(segment_all([search_source_of(data)]))


def test_a_large_import_segments_in_a_second_process(tmp_path, monkeypatch):
    monkeypatch.setattr(import_policies, "SEGMENT_APART_FROM", 2)
    path = write(tmp_path, record(id="s1", title="青溪市蓝藻防控办法"), record(id="s2", title="青溪市水葫芦清理办法"))
    _stdout, _stderr, error = run(path)
    assert error is None
    assert found("蓝藻") == {"青溪市蓝藻防控办法"} and found("水葫芦") == {"青溪市水葫芦清理办法"}
