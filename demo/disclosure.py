"""Demo requests for disclosure (依申请公开), one in each state the dashboard shows, dated from today; requests of
2025 on fixed dates and the published annual report of 2025 computed from them.

Each is found again by its description, so a second run creates nothing. The steps go through
``disclosure.workflow.take_step`` as the system, the way staff take them in the admin.
"""

from datetime import date

from core.workdays import add_workdays
from disclosure.models import AnnualReportPage, DisclosureRequest, EventKind
from disclosure.surface import ensure_report_index
from disclosure.workflow import take_step
from policies.models import Division

PERSON = {
    "applicant_type": "person",
    "id_document": "居民身份证 330106198805120000",
    "phone": "13900000000",
    "information_form": "electronic",
    "delivery": "email",
}
COMPANY = {
    "applicant_type": "organisation",
    "organisation_type": "commercial",
    "id_document": "统一社会信用代码 91330100000000000X",
    "legal_representative": "周某",
    "contact_person": "吴某",
    "phone": "0571-80000000",
    "address": "杭州市西湖区某路1号",
    "postcode": "310000",
    "information_form": "paper",
    "delivery": "post",
}

# (what the applicant asked, who, channel, working days ago it arrived, the steps: (kind, working days ago, data))
REQUESTS = [
    ("2025年杭州市重点排污单位自行监测数据", {**PERSON, "name": "陈某", "email": "chen@example.com"}, "online", 1, []),
    (
        "某工业园区规划环境影响评价报告书及审查意见",
        {**PERSON, "name": "林某", "email": "lin@example.com"},
        "in_person",
        4,
        [(EventKind.CORRECTION_REQUESTED, 2, {"note": "请说明所需报告书的园区名称和年份。", "due_in": 10})],
    ),
    (
        "2025年全省空气质量监测站点名单",
        {**PERSON, "name": "黄某", "email": "huang@example.com"},
        "letter",
        17,
        [(EventKind.ASSIGNED, 16, {"division": "大气处"})],
    ),
    (
        "某河流断面2025年水质月报",
        {**PERSON, "name": "赵某", "email": "zhao@example.com"},
        "fax",
        23,
        [(EventKind.ASSIGNED, 22, {"division": "水处"})],
    ),
    (
        "对某化工企业的行政处罚决定书",
        {**COMPANY, "name": "某环保科技有限公司"},
        "letter",
        12,
        [
            (EventKind.ASSIGNED, 11, {"division": "执法处"}),
            (
                EventKind.CONSULT_THIRD_PARTY,
                3,
                {"party": "某化工有限公司", "note": "征求被处罚企业意见（第三十二条）。"},
            ),
        ],
    ),
    (
        "2024年至2025年全省危险废物经营许可证发放情况",
        {**COMPANY, "name": "某律师事务所", "organisation_type": "legal_service"},
        "in_person",
        22,
        [
            (EventKind.ASSIGNED, 21, {"division": "土壤处"}),
            (EventKind.EXTENDED, 2, {"days": 15, "approved_by": "办公室主任", "note": "涉及年份多，需汇总。"}),
        ],
    ),
    (
        # 第三十五条 and 第四十二条: many requests in a month; reasons asked, then a fee notice (the clock stops).
        "2020年至2025年全省每一家排污单位的全部执法检查记录",
        {**COMPANY, "name": "某数据服务有限公司"},
        "letter",
        15,
        [
            (EventKind.ASSIGNED, 14, {"division": "执法处"}),
            (EventKind.REASONS_REQUESTED, 12, {"note": "本月已申请40件，请说明申请理由（第三十五条）。"}),
            (EventKind.REASONS_RECEIVED, 9, {"note": "用于行业研究。"}),
            (
                EventKind.FEE_NOTICE,
                5,
                {"note": "按件计收：第11至30件每件100元，第31至40件每件200元，共4000元。", "due_in": 15},
            ),
        ],
    ),
    (
        "本厅2025年政府信息公开工作年度报告",
        {**PERSON, "name": "孙某", "email": "sun@example.com"},
        "in_person",
        30,
        [
            (EventKind.ASSIGNED, 29, {"division": "综合处"}),
            (EventKind.ANSWERED, 25, {"answer_type": "already_public", "note": "已在本网站主动公开，告知获取途径。"}),
        ],
    ),
    (
        "某建设项目环境影响报告书全本",
        {**COMPANY, "name": "某环境研究院", "organisation_type": "research"},
        "letter",
        80,
        [
            (EventKind.ASSIGNED, 79, {"division": "环评处"}),
            (EventKind.CONSULT_THIRD_PARTY, 75, {"party": "某建设单位", "end": 65}),
            (
                EventKind.ANSWERED,
                60,
                {"answer_type": "partly", "note": "涉及商业秘密的部分不予公开（第三十七条）。"},
            ),
            (EventKind.ARCHIVED, 55, {}),
            (EventKind.ADMINISTRATIVE_REVIEW, 40, {"outcome": "pending"}),
        ],
    ),
]


def load_requests(today, tally):
    for description, applicant, channel, ago, steps in REQUESTS:
        if DisclosureRequest.objects.filter(description=description).exists():
            tally.add("依申请公开申请", "unchanged")
            continue
        arrived = add_workdays(today, -ago)
        item = DisclosureRequest(description=description, channel=channel, submitted_on=arrived, **applicant)
        if channel == "letter":
            item.signed_on = arrived
        elif channel == "fax":
            item.confirmed_on = arrived
        item.register()
        for kind, step_ago, data in steps:
            day = add_workdays(today, -step_ago)
            values = {"date": day, "note": data.get("note", "")}
            values.update(
                {key: data[key] for key in ("days", "approved_by", "party", "answer_type", "outcome") if key in data}
            )
            if "division" in data:
                values["division"] = Division.objects.get(name=data["division"])
            if "due_in" in data:
                values["due_date"] = add_workdays(today, data["due_in"])
            take_step(None, item, kind, values)
            if "end" in data:
                take_step(None, item, EventKind.CONSULTATION_ENDED, {"date": add_workdays(today, -data["end"])})
        tally.add("依申请公开申请", "created")


# --- last year's requests and its annual report ------------------------------------------------------------------

# (what the applicant asked, who, channel, submitted, received, the steps: (kind, date, data)), on fixed dates of
# 2025 (and either side of it) so that the report of 2025 counts requests carried over from 2024 and into 2026.
REQUESTS_2025 = [
    (
        "2024年全省生态环境状况公报的监测数据",
        {**PERSON, "name": "钱某", "email": "qian@example.com"},
        "in_person",
        date(2024, 12, 18),
        [(EventKind.ANSWERED, date(2025, 1, 9), {"answer_type": "disclosed"})],
    ),
    (
        "某垃圾焚烧厂2024年排放在线监测数据",
        {**PERSON, "name": "周某", "email": "zhou@example.com"},
        "online",
        date(2025, 3, 12),
        [
            (EventKind.CONFIRMED, date(2025, 3, 12), {}),
            (EventKind.ANSWERED, date(2025, 4, 2), {"answer_type": "disclosed"}),
        ],
    ),
    (
        "某流域水生态调查报告",
        {**COMPANY, "name": "某自然保护公益基金会", "organisation_type": "public_interest"},
        "in_person",
        date(2025, 5, 20),
        [(EventKind.ANSWERED, date(2025, 6, 12), {"answer_type": "partly", "note": "涉及个人信息的部分不予公开。"})],
    ),
    (
        "对某企业噪声扰民投诉的处理结果",
        {**PERSON, "name": "吴某", "email": "wu@example.com"},
        "in_person",
        date(2025, 7, 8),
        [
            (
                EventKind.ANSWERED,
                date(2025, 7, 18),
                {
                    "answer_type": "not_processed",
                    "answer_reason": "not_processed_petition",
                    "note": "告知通过投诉渠道办理。",
                },
            )
        ],
    ),
    (
        "某企业排污许可证副本及执行报告",
        {**COMPANY, "name": "某化工有限公司"},
        "in_person",
        date(2025, 9, 1),
        [
            (
                EventKind.ANSWERED,
                date(2025, 9, 15),
                {
                    "answer_type": "unavailable",
                    "answer_reason": "unavailable_not_held",
                    "note": "由设区市生态环境局核发。",
                },
            ),
            (EventKind.ADMINISTRATIVE_REVIEW, date(2025, 10, 10), {"outcome": "pending"}),
            (EventKind.REMEDY_DECIDED, date(2025, 12, 1), {"outcome": "upheld"}),
        ],
    ),
    (
        "2025年第四季度钱塘江某断面水质数据",
        {**PERSON, "name": "郑某", "email": "zheng@example.com"},
        "in_person",
        date(2025, 12, 22),
        [(EventKind.ANSWERED, date(2026, 1, 12), {"answer_type": "disclosed"})],
    ),
]

REPORT_YEAR = 2025
REPORT_TEXT = {
    "overview": (
        "<p>2025年，我厅认真贯彻《中华人民共和国政府信息公开条例》，围绕生态环境保护重点工作，"
        "依法做好主动公开、依申请公开和政府信息管理工作，在门户网站集中公开政策文件及其解读。</p>"
    ),
    "problems": (
        "<p>主要问题：部分答复告知书的法律依据表述不够统一。改进情况：统一答复模板，"
        "由法规处对不予公开类答复进行合法性审核。</p>"
    ),
    "other_matters": "<p>本年度未收取信息处理费。</p>",
}


def load_requests_2025(tally):
    for description, applicant, channel, submitted, steps in REQUESTS_2025:
        if DisclosureRequest.objects.filter(description=description).exists():
            tally.add("依申请公开申请", "unchanged")
            continue
        item = DisclosureRequest(description=description, channel=channel, submitted_on=submitted, **applicant)
        item.register()
        for kind, day, data in steps:
            values = {"date": day, "note": data.get("note", "")}
            values.update({key: data[key] for key in ("answer_type", "answer_reason", "outcome") if key in data})
            if kind == EventKind.REMEDY_DECIDED:
                values["remedy"] = item.events.get(kind=EventKind.ADMINISTRATIVE_REVIEW)
            take_step(None, item, kind, values)
        tally.add("依申请公开申请", "created")


def load_annual_report(tally):
    """The 2025 report, computed from the records and published, in the 年报 section under the home page."""
    if AnnualReportPage.objects.filter(year=REPORT_YEAR).exists():
        tally.add("政府信息公开工作年度报告", "unchanged")
        return
    page = AnnualReportPage(
        title=f"浙江省生态环境厅{REPORT_YEAR}年政府信息公开工作年度报告",
        slug=f"nianbao-{REPORT_YEAR}",
        year=REPORT_YEAR,
        date_published=date(REPORT_YEAR + 1, 1, 20),
        licensing_decisions=1268,
        penalty_decisions=342,
        coercion_decisions=57,
        **REPORT_TEXT,
    )
    page.take_figures()
    ensure_report_index().add_child(instance=page)
    page.save_revision().publish()
    tally.add("政府信息公开工作年度报告", "created")
