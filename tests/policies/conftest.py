"""Fixtures of the policy tests: a small library of documents."""

from datetime import date

import pytest

from policies.services import relate
from tests import factories


@pytest.fixture
def library():
    """A document with Q&A and infographic interpretations, and an older document it repeals."""
    older = factories.policy(
        "浙江省排污许可管理暂行办法",
        doc_number="浙环发[2018]5号",
        date_published=date(2018, 3, 1),
        date_effective=date(2018, 4, 1),
    )
    doc = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发（2020）12号",
        date_written=date(2020, 6, 1),
        date_published=date(2020, 6, 10),
        date_effective=date(2020, 7, 1),
        tags=["大气污染", "排污许可"],
        is_normative=True,
        summary="规范本省大气污染防治工作。",
    )
    relate(doc, older, "repeals", note="自本办法施行之日起废止")
    doc.save_revision().publish()
    doc.refresh_from_db()
    qa = factories.interpretation(
        "qa",
        [doc],
        title="大气污染防治办法问答",
        questions=[("排污单位需要申领许可证吗？", "<p>需要，见第三条。</p>", doc, 3)],
    )
    infographic = factories.interpretation(
        "infographic", [doc], title="一图读懂大气污染防治办法", images=[factories.image()]
    )
    return {"doc": doc, "older": older, "qa": qa, "infographic": infographic}
