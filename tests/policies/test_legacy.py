import datetime
import re

import pytest
from opencc import OpenCC

from policies.legacy import (
    LegacyDocument,
    parse_legacy_page,
    repair,
    strip_chrome,
    strip_pinyin,
    to_simplified,
)

# An invented page garbled the way the old site garbled its pages.
PAGE = (
    "關(guān)于開(kāi)展河道清潔(jié)活動(dòng)的通知 | ||||||||\n"
    "|\n"
    "||||||||\n"
    "各區(qū)縣環(huán)保局,各有關(guān)單位: 現(xiàn)將有關(guān)事項通知如下。\n"
    "某某市環(huán)境保護(hù)局 2021年3月5日\n"
    "為(wèi)改善水質(zhì),制定本通知。 一、總(zǒng)體要求 "
    "(一)明確目標(biāo)。每月清理一次。(綜合處) "
    "(二)落實責(zé)任。各單位負(fù)責(zé)本轄區(qū)。 "
    "二、工作安排 （一）加強巡查。 相關(guān)附件: |\n"
    "||||||||\n"
    "打印本頁(yè) 關(guān)閉窗口 | ||||||||\n"
)


@pytest.fixture(autouse=True)
def _db():
    """Override the suite-wide database fixture: this module is pure Python."""


def test_strip_pinyin_removes_ascii_bracket_pinyin():
    assert strip_pinyin("關(guān)于印發(fā)") == "關于印發"


def test_strip_pinyin_removes_fullwidth_bracket_pinyin():
    assert strip_pinyin("生態（tài）環（huán）境") == "生態環境"


def test_strip_pinyin_removes_pinyin_with_spaces_digits_and_umlaut():
    assert strip_pinyin("關於(guān yú)會議") == "關於會議"
    assert strip_pinyin("關(guan1)係") == "關係"
    assert strip_pinyin("綠(lǜ)色") == "綠色"


def test_strip_pinyin_removes_untoned_pinyin_after_traditional_character():
    assert strip_pinyin("你們(men)好") == "你們好"


def test_strip_pinyin_keeps_normal_parentheticals():
    text = "請(綜合處)負責（2020）年度工作(一)和（二）及世界衛生組織(WHO)"
    assert strip_pinyin(text) == text


def test_strip_pinyin_keeps_latin_words_and_markers_after_simplified_characters():
    assert strip_pinyin("运行命令(ping)检查附件(a)") == "运行命令(ping)检查附件(a)"


def test_strip_pinyin_ignores_brackets_not_after_cjk():
    assert strip_pinyin("abc(guān) 2020(fā)") == "abc(guān) 2020(fā)"


def test_to_simplified_converts_traditional_characters():
    assert to_simplified("生態環境廳辦公室實施關于政務處理") == "生态环境厅办公室实施关于政务处理"


def test_to_simplified_leaves_simplified_text_unchanged():
    text = "各区县按要求落实工作，及时公开信息。"
    assert to_simplified(text) == text


def test_to_simplified_restores_zhe_where_mainland_usage_needs_it():
    assert to_simplified("著力推進隨著發展") == "着力推进随着发展"
    assert to_simplified("顯著成效和著名作品") == "显著成效和著名作品"


@pytest.mark.parametrize(
    "old,new",
    [
        ("看著", "看着"),
        ("說著", "说着"),
        ("執著", "执着"),
        ("执著", "执着"),
        ("執著於理想", "执着于理想"),
        ("隨著發展", "随着发展"),
        ("衣著整潔", "衣着整洁"),
        ("著作", "著作"),
        ("顯著", "显著"),
        ("著名", "著名"),
        ("學術專著", "学术专著"),
        ("成績卓著", "成绩卓著"),
        ("論著和編著", "论著和编著"),
        ("甚麼", "什么"),
        ("怎麼辦", "怎么办"),
    ],
)
def test_to_simplified_tells_zhe_from_zhu(old, new):
    assert to_simplified(old) == new


def test_to_simplified_reads_a_sentence_with_both():
    text = "他看著報告說著，始終執著於保護著作權，成效顯著，著名學者的專著也隨著出版。"
    assert to_simplified(text) == "他看着报告说着，始终执着于保护著作权，成效显著，著名学者的专著也随着出版。"


def test_strip_chrome_removes_pipes_and_site_tokens():
    text = "標題 | ||||||||\n|\n||||||||\n正文\n||||||||\n打印本頁 關閉窗口 | ||||||||"
    assert strip_chrome(text) == "標題\n正文"
    assert strip_chrome("标题\n【打印本页】 [关闭窗口]") == "标题"


def test_strip_chrome_normalises_whitespace_but_keeps_paragraph_breaks():
    text = "  第一段  内容\u3000\u3000结束 \n\n\n\n第二段\t内容  "
    assert strip_chrome(text) == "第一段 内容 结束\n\n第二段 内容"


def test_strip_chrome_keeps_chrome_words_inside_sentences():
    assert strip_chrome("用完请关闭窗口。") == "用完请关闭窗口。"


def test_repair_returns_clean_simplified_text():
    repaired = repair(PAGE)
    assert repaired.startswith("关于开展河道清洁活动的通知\n各区县环保局，各有关单位：")
    assert "某某市环境保护局 2021年3月5日" in repaired
    assert "（综合处）" in repaired
    assert not re.search(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü|]", repaired)
    assert "打印" not in repaired and "窗口" not in repaired and "附件" not in repaired
    assert OpenCC("t2s").convert(repaired) == repaired


def test_parse_recovers_title_issuer_and_date():
    doc = parse_legacy_page(PAGE)
    assert isinstance(doc, LegacyDocument)
    assert doc.title == "关于开展河道清洁活动的通知"
    assert doc.issuer == "某某市环境保护局"
    assert doc.date == datetime.date(2021, 3, 5)
    assert doc.doc_number is None


def test_parse_splits_body_into_paragraphs_without_the_title():
    doc = parse_legacy_page(PAGE)
    assert doc.body.split("\n\n") == [
        "各区县环保局，各有关单位：",
        "现将有关事项通知如下。",
        "某某市环境保护局",
        "2021年3月5日",
        "为改善水质，制定本通知。",
        "一、总体要求",
        "（一）明确目标。每月清理一次。（综合处）",
        "（二）落实责任。各单位负责本辖区。",
        "二、工作安排",
        "（一）加强巡查。",
    ]
    assert doc.title not in doc.body


def test_parse_does_not_split_inside_a_sentence():
    doc = parse_legacy_page("关于小事的通知\n按第（一）项和第三、四条办理。")
    assert doc.body == "按第（一）项和第三、四条办理。"


def test_parse_reads_iso_date_with_issuer_on_the_line_before():
    doc = parse_legacy_page("关于小事的通知\n请照办。\n某某县水利局\n2021-03-05")
    assert doc.issuer == "某某县水利局"
    assert doc.date == datetime.date(2021, 3, 5)


def test_parse_reads_date_in_chinese_numerals():
    doc = parse_legacy_page("关于小事的通知\n请照办。\n某某县水利局 二〇二一年三月十五日")
    assert doc.issuer == "某某县水利局"
    assert doc.date == datetime.date(2021, 3, 15)


def test_parse_reads_a_year_written_with_ling():
    doc = parse_legacy_page("关于小事的通知\n请照办。\n某某县水利局 二零二一年十二月三十一日")
    assert doc.date == datetime.date(2021, 12, 31)


@pytest.mark.parametrize("written", ["二〇二一年三月二二日", "二〇二一年十十月五日", "二〇二一年二月三十日"])
def test_parse_leaves_a_malformed_date_unread_rather_than_guess(written):
    doc = parse_legacy_page(f"关于小事的通知\n请照办。\n某某县水利局 {written}")
    assert doc.date is None
    assert written in doc.body.split("\n\n")


def test_parse_finds_doc_number_in_the_head_and_drops_it_from_the_body():
    doc = parse_legacy_page("关于小事的通知\n某环办[2021]7号\n各单位：\n请照办。")
    assert doc.doc_number == "某环办〔2021〕7号"
    assert doc.body == "各单位：\n\n请照办。"


def test_parse_ignores_doc_numbers_cited_in_the_text():
    doc = parse_legacy_page("关于小事的通知\n各单位：\n根据某环发〔2020〕3号文件要求做好工作。")
    assert doc.doc_number is None


def test_parse_without_signature_leaves_issuer_and_date_empty():
    doc = parse_legacy_page("关于小事的通知\n请照办。")
    assert doc.issuer == ""
    assert doc.date is None


@pytest.mark.parametrize("raw", ["", "   \n\n", "打印本页 关闭窗口 | ||||||||"])
def test_parse_rejects_empty_pages(raw):
    with pytest.raises(ValueError, match="无法识别标题"):
        parse_legacy_page(raw)


def test_parse_rejects_page_without_a_title():
    with pytest.raises(ValueError, match="无法识别标题"):
        parse_legacy_page("这是一段很长的正文，开头就是句子，没有任何标题。")
