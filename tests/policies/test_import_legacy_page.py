import datetime
import hashlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policies.management.commands import import_legacy_page as command_module
from policies.models import PolicyIndexPage, PolicyPage

# An import command writing pages and revisions, idempotent.
pytestmark = pytest.mark.postgresql

# An invented page, garbled the way the old site garbled its pages: traditional characters,
# bracketed pinyin after some of them, table pipes and the site's print/close links.
PAGE = (
    "關(guān)于印發(fā)《某某縣(xiàn)噪聲污染防治辦(bàn)法》的通(tōng)知 | ||||||||\n"
    "|\n"
    "||||||||\n"
    "各鄉(xiāng)鎮(zhèn)人民政府,縣(xiàn)級各部門: "
    "現(xiàn)將《某某縣(xiàn)噪聲污染防治辦(bàn)法》印發(fā)給你們,請遵照執(zhí)行。\n"
    "某某縣(xiàn)生態(tài)環(huán)境分局辦(bàn)公室 2022年9月18日\n"
    "為(wèi)減少夜間施工噪聲,保障居民休息,制定本辦(bàn)法。 一、適用範(fàn)圍 "
    "(一)本縣(xiàn)城區(qū)建築(zhù)工地。(執(zhí)法隊) (二)商業(yè)街區(qū)。 "
    "二、管理要求 (一)夜間禁止高噪聲作業(yè)。 相關(guān)附件: |\n"
    "||||||||\n"
    "打印本頁(yè) 關(guān)閉窗口 | ||||||||\n"
)
TITLE = "关于印发《某某县噪声污染防治办法》的通知"
ISSUER = "某某县生态环境分局办公室"
DATE = datetime.date(2022, 9, 18)
TRADITIONAL = set("關發縣辦聲環態鄉鎮現給請執為減範圍築區業隊頁閉")


def run(*args):
    """Run the command and return its output."""
    out = StringIO()
    call_command("import_legacy_page", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def page_file(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def assert_clean(text):
    assert not TRADITIONAL & set(text), text
    assert not re.search(r"[A-Za-z|()]", text), text
    for chrome in ("打印本页", "关闭窗口", "相关附件"):
        assert chrome not in text


def test_import_creates_one_repaired_draft(page_file):
    output = run(page_file)

    page = PolicyPage.objects.get()
    assert not page.live
    assert page.first_published_at is None
    assert isinstance(page.get_parent().specific, PolicyIndexPage)
    assert page.source_id == "legacy:" + hashlib.sha1(page_file.read_bytes()).hexdigest()
    assert page.title == TITLE
    assert page.issuing_agency.name == ISSUER
    assert page.date_written == DATE
    assert page.date_published == DATE
    body = page.body_text()
    assert "为减少夜间施工噪声，保障居民休息，制定本办法。" in body
    assert "（一）本县城区建筑工地。（执法队）" in body
    assert "二、管理要求" in body
    assert_clean(page.title + page.issuing_agency.name + body)

    assert TITLE in output
    assert ISSUER in output
    assert "2022-09-18" in output
    assert f"/admin/pages/{page.pk}/edit/" in output
    assert "草稿" in output and "核对" in output
    assert "为减少夜间施工噪声" not in output  # the body is not printed


def test_imported_draft_is_not_public(client, page_file):
    run(page_file)
    page = PolicyPage.objects.get()
    index = PolicyIndexPage.objects.get()

    listing = client.get(index.url)
    assert listing.status_code == 200
    assert page not in listing.context["documents"]
    assert TITLE not in listing.content.decode()
    assert client.get(page.url).status_code == 404


def test_second_import_of_the_same_file_changes_nothing(page_file):
    run(page_file)
    page = PolicyPage.objects.get()
    revisions = page.revisions.count()

    output = run(page_file)

    assert PolicyPage.objects.count() == 1
    assert page.revisions.count() == revisions
    assert "unchanged" in output
    assert f"/admin/pages/{page.pk}/edit/" in output


def test_reimport_does_not_overwrite_an_editors_changes(page_file, admin_user, monkeypatch):
    run(page_file)
    page = PolicyPage.objects.get()
    page.title = "编辑改过的标题"
    page.save_revision(user=admin_user)

    # A later parser reads the same file differently.
    original = command_module.parse_legacy_page

    def reparsed(text):
        document = original(text)
        document.body += "\n\n新增的一段。"
        return document

    monkeypatch.setattr(command_module, "parse_legacy_page", reparsed)
    output = run(page_file)

    page.refresh_from_db()
    assert "kept" in output
    assert page.get_latest_revision_as_object().title == "编辑改过的标题"
    assert not page.live


def test_gb18030_file_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(PAGE.encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    run(path)

    page = PolicyPage.objects.get()
    assert page.title == TITLE
    assert page.issuing_agency.name == ISSUER
    assert not page.live


def test_missing_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(CommandError, match="文件不存在") as error:
        run(missing)
    assert str(missing) in str(error.value)
    assert not PolicyPage.objects.exists()


def test_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的"):
        run(empty)
    assert not PolicyPage.objects.exists()


def test_page_without_a_title_is_a_clear_error(tmp_path):
    chrome_only = tmp_path / "chrome.txt"
    chrome_only.write_text("打印本頁(yè) 關(guān)閉窗口 | ||||||||\n", encoding="utf-8")
    with pytest.raises(CommandError, match="无法识别标题"):
        run(chrome_only)
    assert not PolicyPage.objects.exists()


def test_malformed_numerals_are_imported_as_text_never_as_a_wrong_number(tmp_path):
    path = tmp_path / "numerals.txt"
    body = "第一條 為(wèi)保護環境，制定本辦法。\n第十十條 不是條文。\n第二〇二四條 也不是。"
    path.write_text(f"某某縣環保辦法\n{body}\n某某縣環保局 二〇二二年九月十八十日\n", encoding="utf-8")
    output = run(path)
    page = PolicyPage.objects.get()
    assert page.date_written is None and page.date_published is None
    assert "日期：（未识别，请编辑补充）" in output
    assert page.article_numbers() == {1}
    assert "第十十条 不是条文。" in page.body_text() and "第二〇二四条 也不是。" in page.body_text()
    assert "二〇二二年九月十八十日" in page.body_text()


def test_undecodable_file_is_a_clear_error(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\xfd\xfc" * 10)
    with pytest.raises(CommandError, match="编码"):
        run(binary)


def test_explicit_encoding_is_used_alone(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(PAGE.encode("gb18030"))
    with pytest.raises(CommandError, match="utf-8"):
        run(path, "--encoding", "utf-8")
    run(path, "--encoding", "gb18030")
    assert PolicyPage.objects.get().title == TITLE


def test_unknown_encoding_is_refused(page_file):
    with pytest.raises(CommandError, match="未知的编码"):
        run(page_file, "--encoding", "no-such-codec")


def test_each_file_is_imported_independently(page_file, tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(CommandError, match="1 个导入失败") as error:
        run(missing, page_file)
    assert str(missing) in str(error.value)
    assert PolicyPage.objects.get().title == TITLE
