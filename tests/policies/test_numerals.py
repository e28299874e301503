"""Chinese numerals (第十二条, 二〇二四年): reading and writing them, refusing malformed ones."""

import pytest

from policies.numerals import article_label, digits_from_chinese, from_chinese, to_chinese


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
