"""Model rules of policy documents: doc numbers, index numbers, disclosure, validity, article numbering."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from policies.doc_numbers import looks_like_doc_number, normalise_doc_number
from policies.models import PolicyPage
from policies.numerals import article_label, digits_from_chinese, from_chinese, to_chinese
from policies.services import body_from_text, relate
from policies.validity import Validity, derive_validity
from tests import factories


@pytest.mark.parametrize(
    "raw",
    [
        "浙环发〔2020〕12号",
        "浙环发[2020]12号",
        "浙环发(2020)12号",
        "浙环发（2020）12号",
        "浙环发【2020】12号",
        "浙环发2020年第12号",
        "浙环发2020年12号",
        " 浙环发 〔2020〕 第12号 ",
        "浙环发〔２０２０〕１２号",
    ],
)
def test_doc_number_variants_normalise_to_the_canonical_form(raw):
    assert normalise_doc_number(raw) == "浙环发〔2020〕12号"


def test_orders_keep_their_own_form():
    assert normalise_doc_number("中华人民共和国国务院令 第722号") == "中华人民共和国国务院令第722号"


@pytest.mark.parametrize("raw", ["浙环发12号", "〔2020〕12号", "hello", "浙环发〔20〕12号"])
def test_malformed_doc_numbers_are_refused_with_a_clear_message(raw):
    with pytest.raises(ValidationError) as error:
        normalise_doc_number(raw)
    assert "发文字号" in str(error.value)
    assert looks_like_doc_number(raw) is None


def test_chinese_numerals_round_trip():
    for number in [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 119, 999, 1000, 1001, 1010, 2345]:
        assert from_chinese(to_chinese(number)) == number
    assert to_chinese(12) == "十二"
    assert to_chinese(103) == "一百零三"
    assert to_chinese(110) == "一百一十"
    assert article_label(12) == "第十二条"
    assert from_chinese("12") == 12
    with pytest.raises(ValueError):
        from_chinese("十二条")


@pytest.mark.parametrize(
    "text,number",
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("一百零五", 105),
        ("一千零一", 1001),
        ("两百", 200),
        ("一十二", 12),
        ("一百一十", 110),
        ("一千零一十", 1010),
        ("一百〇五", 105),
        ("两千零二十六", 2026),
        ("九千九百九十九", 9999),
        ("零", 0),
        (" 三十一 ", 31),
    ],
)
def test_well_formed_chinese_numerals_are_read(text, number):
    assert from_chinese(text) == number


@pytest.mark.parametrize(
    "text,reason",
    [
        ("十十", "十 has no digit before it"),
        ("二二十", "二 is followed by 二, not by a unit"),
        ("百百", "百 has no digit before it"),
        ("一十十", "十 has no digit before it"),
        ("零零", "written digit by digit"),
        ("", "empty"),
        ("abc", "a is not a numeral"),
        ("IV", "I is not a numeral"),
        ("二〇二四", "written digit by digit"),
        ("一百五", "零 is needed"),
        ("一千五十", "零 is needed"),
        ("一百零五十", "零 stands only where a unit is skipped"),
        ("一千零零五", "零 stands once"),
        ("一百零", "零 cannot end"),
        ("两", "两 stands only before 百 or 千"),
        ("两十", "两 stands only before 百 or 千"),
        ("一百二千", "units must fall"),
        ("一万", "not by a unit"),
    ],
)
def test_malformed_chinese_numerals_are_refused_with_the_fault(text, reason):
    with pytest.raises(ValueError, match=reason):
        from_chinese(text)


def test_a_year_written_digit_by_digit_is_read_as_one():
    assert digits_from_chinese("二〇二四") == 2024
    assert digits_from_chinese("二零二一") == 2021
    assert digits_from_chinese("二○二六") == 2026
    assert digits_from_chinese("2024") == 2024
    for text in ("二十二", "", "二〇二四年", "20二4x"):
        with pytest.raises(ValueError, match="digit by digit"):
            digits_from_chinese(text)


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


def test_page_tree_rules():
    from home.models import HomePage
    from interpretations.models import InterpretationIndexPage, InterpretationPage, QAInterpretationPage
    from policies.models import PolicyIndexPage

    assert PolicyPage.allowed_parent_page_models() == [PolicyIndexPage]
    assert PolicyPage.allowed_subpage_models() == []
    assert PolicyIndexPage.allowed_parent_page_models() == [HomePage]
    assert QAInterpretationPage.allowed_parent_page_models() == [InterpretationIndexPage]
    assert not InterpretationPage.is_creatable
    assert InterpretationPage not in InterpretationIndexPage.creatable_subpage_models()
    assert PolicyPage not in HomePage.allowed_subpage_models()
    home, policy_index, interpretation_index, _ = factories.site()
    assert not PolicyPage.can_create_at(home)
    assert PolicyPage.can_create_at(policy_index)
    assert not PolicyPage.can_create_at(interpretation_index)
    assert not PolicyIndexPage.can_create_at(home)  # max_count = 1, and one exists


@pytest.mark.postgresql
class TestIndexNumbers:
    def test_generated_per_agency_and_year_when_blank(self):
        first = factories.policy("甲", doc_number="浙环发〔2020〕1号", date_written=date(2020, 5, 1))
        second = factories.policy("乙", doc_number="浙环发〔2020〕2号", date_written=date(2020, 6, 1))
        other_year = factories.policy("丙", doc_number="浙环发〔2021〕1号", date_written=date(2021, 1, 4))
        code = first.issuing_agency.code
        assert first.index_number == f"{code}/2020-00001"
        assert second.index_number == f"{code}/2020-00002"
        assert other_year.index_number == f"{code}/2021-00001"

    def test_kept_when_given_and_unique(self):
        page = factories.policy("甲")
        page.index_number = "002482365/2020-00777"
        page.save()
        other = factories.policy("乙")
        other.index_number = "002482365/2020-00777"
        with pytest.raises(ValidationError) as error:
            other.full_clean()
        assert "index_number" in error.value.message_dict

    def test_survive_republishing(self):
        page = factories.policy("甲")
        number = page.index_number
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.index_number == number


class TestDisclosure:
    @pytest.mark.parametrize("disclosure", ["on_request", "not_disclosed"])
    def test_only_proactive_documents_can_be_published(self, disclosure):
        page = factories.policy("内部文件", disclosure=disclosure, publish=False)
        assert not page.live
        with pytest.raises(ValidationError) as error:
            page.save_revision().publish()
        assert "主动公开" in str(error.value)
        page.refresh_from_db()
        assert not page.live

    def test_a_live_document_cannot_be_switched_to_non_disclosure(self):
        page = factories.policy("公开文件")
        page.disclosure = "on_request"
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "disclosure" in error.value.message_dict

    def test_admin_refuses_publishing_and_keeps_the_form(self, admin_client):
        page = factories.policy("草稿文件", disclosure="on_request", publish=False)
        edit_url = f"/admin/pages/{page.pk}/edit/"
        assert admin_client.get(edit_url).status_code == 200
        data = edit_form_data(page, title="修改后的标题")
        response = admin_client.post(edit_url, {**data, "action-publish": "publish"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "只有“主动公开”的文件才能对外发布" in html
        assert "修改后的标题" in html
        page.refresh_from_db()
        assert not page.live
        # Saving as a draft is allowed.
        response = admin_client.post(edit_url, data)
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "修改后的标题"


def edit_form_data(page, **changes):
    """Return the POST data of the admin edit form for a policy document with an empty body."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = {
        "title": page.title,
        "slug": page.slug,
        "doc_number": page.doc_number,
        "index_number": page.index_number,
        "issuing_agency": page.issuing_agency_id or "",
        "division": page.division_id or "",
        "topic": page.topic_id or "",
        "category": page.category,
        "tags": "",
        "disclosure": page.disclosure,
        "needs_interpretation": "on",
        "date_published": page.date_published.isoformat() if page.date_published else "",
        "summary": page.summary,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "change_notes": inline_formset([]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


class TestValidity:
    TODAY = date(2024, 6, 1)

    @pytest.mark.parametrize(
        "facts, expected",
        [
            ({}, Validity.IN_FORCE),
            ({"effective": date(2025, 1, 1)}, Validity.NOT_YET_EFFECTIVE),
            ({"effective": date(2024, 6, 1)}, Validity.IN_FORCE),
            ({"expires": date(2024, 6, 1)}, Validity.EXPIRED),
            ({"expires": date(2024, 6, 2)}, Validity.IN_FORCE),
            ({"declared_expired": True}, Validity.EXPIRED),
            ({"amended": True}, Validity.AMENDED),
            ({"repealed": True, "amended": True}, Validity.REPEALED),
            ({"repealed": True, "expires": date(2020, 1, 1)}, Validity.REPEALED),
            ({"effective": date(2025, 1, 1), "amended": True}, Validity.NOT_YET_EFFECTIVE),
        ],
    )
    def test_derivation(self, facts, expected):
        arguments = {
            "today": self.TODAY,
            "effective": None,
            "expires": None,
            "declared_expired": False,
            "repealed": False,
            "amended": False,
        }
        assert derive_validity(**{**arguments, **facts}) == expected

    @pytest.mark.postgresql
    def test_dates_and_relations_on_real_pages_agree_with_sql(self):
        today = timezone.localdate()
        in_force = factories.policy("有效文件")
        future = factories.policy("未施行文件", date_effective=today + timedelta(days=30))
        expired = factories.policy("已失效文件", date_expires=today - timedelta(days=1))
        declared = factories.policy("宣布失效文件", expiry_declared=True)
        repealed = factories.policy("被废止文件")
        amended = factories.policy("被修改文件")
        replaced = factories.policy("被代替文件")
        pending = factories.policy("待废止文件")
        newer = factories.policy("新文件")
        relate(newer, repealed, "repeals")
        relate(newer, amended, "amends", "修改第二条")
        relate(newer, replaced, "replaces")
        later = factories.policy("明年施行的新文件", date_effective=today + timedelta(days=365))
        relate(later, pending, "repeals")
        draft = factories.policy("草稿新文件", publish=False)
        relate(draft, in_force, "repeals")

        expected = {
            in_force: Validity.IN_FORCE,
            future: Validity.NOT_YET_EFFECTIVE,
            expired: Validity.EXPIRED,
            declared: Validity.EXPIRED,
            repealed: Validity.REPEALED,
            amended: Validity.AMENDED,
            replaced: Validity.REPEALED,
            pending: Validity.IN_FORCE,  # the repealing document is not in force yet
            newer: Validity.IN_FORCE,
        }
        annotated = {p.pk: p.validity_code for p in PolicyPage.objects.with_validity()}
        for page, validity in expected.items():
            fresh = PolicyPage.objects.get(pk=page.pk)
            assert fresh.validity == validity, page.title
            assert annotated[page.pk] == validity.value, page.title
        assert set(PolicyPage.objects.in_force().values_list("pk", flat=True)) >= {in_force.pk, amended.pk, newer.pk}
        assert repealed.pk not in PolicyPage.objects.in_force().values_list("pk", flat=True)
        assert fresh.validity_label == "有效"

    @pytest.mark.postgresql
    def test_repealed_document_names_the_newer_one(self):
        older = factories.policy("旧办法")
        newer = factories.policy("新办法")
        relate(newer, older, "repeals", "全文废止")
        older = PolicyPage.objects.get(pk=older.pk)
        assert older.repealing_relation().source == newer
        assert [r.target for r in PolicyPage.objects.get(pk=newer.pk).live_relations()] == [older]


def test_duplicate_article_numbers_are_refused():
    page = factories.policy("文件")
    page.body = [("article", {"number": 1, "text": "甲"}), ("article", {"number": 1, "text": "乙"})]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "条号重复" in str(error.value)


def test_expiry_before_commencement_is_refused():
    page = factories.policy("文件", date_effective=date(2024, 1, 1))
    page.date_expires = date(2023, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "date_expires" in error.value.message_dict


def test_qa_citation_must_name_an_existing_article():
    from interpretations.models import QuestionAnswer

    policy = factories.policy("文件")
    answer = QuestionAnswer(question="问", answer="<p>答</p>", cited_policy=policy, cited_article=99)
    with pytest.raises(ValidationError) as error:
        answer.clean()
    assert "第九十九条" in str(error.value)
    QuestionAnswer(question="问", answer="<p>答</p>", cited_policy=policy, cited_article=3).clean()
