"""The small library most Elasticsearch tests search, and how they search it."""

import datetime

from cms.search import engine
from cms.search.params import SearchParams
from cms.search.service import search
from tests import factories

AIR_BODY = (
    "第一条 为了防治大气污染，改善环境空气质量，制定本办法。\n\n"
    "第二条 本办法适用于本省行政区域内的大气污染防治。\n\n"
    "第十二条 重点排污单位应当安装挥发性有机物自动监测设备，并与生态环境主管部门联网。"
)


def build_library():
    """Three documents in force on different topics, a draft and a Q&A interpretation."""
    air = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发〔2020〕12号",
        body_text=AIR_BODY,
        date_published=datetime.date(2020, 6, 10),
    )
    permits = factories.policy(
        "关于进一步规范排污许可证管理的通知",
        doc_number="浙环发〔2021〕7号",
        topic="环评与排污许可",
        agency="浙江省人民政府办公厅",
        body_text="第一条 排污单位应当持证排污。\n\n第二条 建设项目环境影响评价文件与排污许可衔接。",
        date_published=datetime.date(2021, 3, 1),
    )
    water = factories.policy(
        "浙江省河长制工作规定",
        doc_number="浙环办〔2019〕3号",
        topic="水环境",
        body_text="第一条 全面推行河长制，保护水资源。",
        date_published=datetime.date(2019, 1, 5),
    )
    draft = factories.policy("大气环境草稿文件", publish=False, body_text="第一条 大气草稿不得公开。")
    qa = factories.interpretation(
        "qa",
        [permits],
        title="排污许可十问十答",
        questions=[("排污许可证怎么办理？", "<p>依照第一条持证排污。</p>", permits, 1)],
    )
    return {"air": air, "permits": permits, "water": water, "draft": draft, "qa": qa}


def run(q="", **params):
    return search(SearchParams(q=q, **params))


def titles(q="", **params):
    results = run(q, **params)
    assert results.engine == "elasticsearch"
    return [hit.title for hit in results.promoted + results.hits]


def delete_indexes(es):
    """Delete this test process's indexes (the alias's name is the process's, cms/settings/test.py)."""
    names = list(es.indices.get(index=f"{engine.alias_name()}*", allow_no_indices=True, ignore_unavailable=True))
    if names:
        es.indices.delete(index=",".join(names))
