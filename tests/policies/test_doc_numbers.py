"""发文字号: the accepted forms of a document number and its canonical 〔〕 form."""

import pytest
from django.core.exceptions import ValidationError

from policies.doc_numbers import looks_like_doc_number, normalise_doc_number


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
