"""Demo consultations (意见征集): one open now, one completed (answered, reported, and issued as a document).

Written for this demo; the open one's dates follow the day the demo is loaded, so it is always taking comments.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def _body(*items):
    blocks = []
    for item in items:
        if isinstance(item, tuple):
            blocks.append(("article", {"number": item[0], "text": item[1]}))
        else:
            blocks.append(("chapter", {"heading": item}))
    return blocks


def _rich(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


HEAVY_POLLUTION_BODY = _body(
    "第一章 总则",
    (
        1,
        "为了规范重污染天气应急减排清单的编制、更新和实施，减少重污染天气期间大气污染物排放，保障公众健康，"
        "根据《中华人民共和国大气污染防治法》等法律法规，结合本省实际，制定本办法。",
    ),
    (2, "本办法适用于本省行政区域内重污染天气应急减排清单（以下简称减排清单）的编制、更新、公开和监督管理。"),
    (
        3,
        "设区的市生态环境主管部门每年9月30日前完成本行政区域减排清单的更新，并报省生态环境厅备案。\n\n"
        "纳入减排清单的企业应当在每年8月31日前通过省级平台更新生产工艺、排放环节和减排措施等信息。",
    ),
    "第二章 分级与措施",
    (
        4,
        "减排清单中的企业按照绩效水平分为A、B、C、D四级及引领性企业。A级和引领性企业在橙色及以上预警期间"
        "可以自主采取减排措施；其他企业按照清单载明的措施限产或者停产。",
    ),
    (5, "涉及民生保障、重大工程和应急物资生产的企业，可以列入保障类清单，但应当采取不低于同行业B级企业的减排措施。"),
    (
        6,
        "企业应当制定“一厂一策”实施方案，明确各预警级别下停止或者减少生产的具体工序、设备和时限，"
        "并在厂区显著位置公示。",
    ),
    "第三章 监督管理",
    (
        7,
        "生态环境主管部门应当通过用电监控、自动监测和现场检查等方式核查减排措施落实情况，"
        "检查结果纳入企业环境信用评价。",
    ),
    (8, "企业未按照减排清单落实减排措施的，由生态环境主管部门依法责令改正，并在下一年度清单中调整其绩效等级。"),
    (9, "本办法自印发之日起施行。"),
)

DISCRETION_DRAFT_BODY = _body(
    "第一章 一般规定",
    (1, "为了规范生态环境行政处罚自由裁量权的行使，统一执法尺度，保障当事人合法权益，制定本规定。"),
    (2, "本省各级生态环境主管部门实施行政处罚，适用本规定；法律、法规、规章另有规定的，从其规定。"),
    (3, "行使裁量权应当坚持过罚相当、宽严相济，综合考虑违法行为的事实、性质、情节、社会危害程度以及当事人主观过错。"),
    "第二章 裁量情形",
    (4, "当事人初次违法且危害后果轻微并及时改正的，可以不予行政处罚，但应当对当事人进行教育。"),
    (5, "当事人主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚。"),
    (6, "篡改、伪造自动监测数据，或者通过暗管、渗井、渗坑逃避监管排放污染物的，应当从重处罚。"),
    "第三章 程序要求",
    (7, "行政处罚决定书应当载明裁量理由，说明适用的裁量情形及其依据。"),
    (8, "本规定自2024年5月1日起施行。"),
)


def consultations(today):
    """Return the demo consultations: page fields, comments (text, article, answer, reason) and the report."""
    opened = today - timedelta(days=7)
    return [
        {
            "slug": "zhongwuran-tianqi-yingji-jianpai-qingdan",
            "title": "浙江省重污染天气应急减排清单管理办法（征求意见稿）",
            "division": "大气处",
            "is_major_decision": True,
            "opens_at": _at(opened, 9),
            "closes_at": _at(opened + timedelta(days=31), 17),
            "summary": "规范重污染天气应急减排清单的编制、更新和实施，按企业绩效分级采取差异化减排措施。",
            "explanation": _rich(
                "近年来，本省重污染天气应对中存在清单更新不及时、同类企业减排要求不一致、"
                "部分企业“一厂一策”可操作性不强等问题。为此，我厅起草了本办法。",
                "办法主要明确三方面内容：一是减排清单每年更新的时间和程序；二是按A、B、C、D级实行差异化管控，"
                "对绩效水平高的企业减少停限产要求；三是通过用电监控、自动监测核查措施落实情况。",
                "请重点对第三条的更新时限、第四条的分级管控要求和第五条保障类企业的认定提出意见。",
            ),
            "body": HEAVY_POLLUTION_BODY,
            "how_to_take_part": (
                "1. 在本页点击“提出意见”，或在具体条款旁点击“对本条提意见”在线填写；\n"
                "2. 发送电子邮件至 daqichu@sthjt.example，邮件主题注明“减排清单办法意见”；\n"
                "3. 信函寄至杭州市西湖区学院路117号浙江省生态环境厅大气环境处（邮编310012），信封注明“征求意见”。"
            ),
            "contact": "大气环境处 0571-00000000",
            "comments": [
                ("第三条规定企业8月31日前更新信息，正值夏季生产高峰，建议延长至9月15日。", 3, "", ""),
                ("建议明确保障类企业名单是否向社会公开，便于公众监督。", 5, "", ""),
                ("希望对中小企业提供“一厂一策”编制模板和技术指导。", None, "", ""),
            ],
        },
        {
            "slug": "xingzheng-chufa-caiju-jizhun-guiding",
            "title": "浙江省生态环境行政处罚裁量基准规定（征求意见稿）",
            "division": "执法处",
            "is_major_decision": False,
            "opens_at": _at(datetime(2023, 12, 1).date(), 9),
            "closes_at": _at(datetime(2024, 1, 5).date(), 17),
            "feedback_due_on": datetime(2024, 2, 29).date(),
            "final_policy": "discretion-2024",
            "summary": "修订2020年版裁量基准，统一全省生态环境行政处罚裁量尺度，明确不罚、轻罚和从重处罚情形。",
            "explanation": _rich(
                "2020年版裁量基准施行以来，对规范执法发挥了作用，但“首违不罚”等新制度尚未体现，"
                "部分条款在基层适用中理解不一。本次修订重点增加不予处罚情形、细化从重处罚情形，并要求处罚决定说明裁量理由。",
            ),
            "body": DISCRETION_DRAFT_BODY,
            "how_to_take_part": "在本页在线提出意见，或发送电子邮件至 zhifachu@sthjt.example。",
            "contact": "执法监督处 0571-00000001",
            "comments": [
                ("第四条“危害后果轻微”缺乏判断标准，建议列举典型情形。", 4, "adopted", ""),
                (
                    "建议第四条将“初次违法”限定在两年内未受过同类处罚。",
                    4,
                    "partly",
                    "已在正式文件中明确“初次违法”指一年内未因同类违法行为受到行政处罚；两年期限过长，未予采纳。",
                ),
                ("第六条应增加“拒不配合现场检查”作为从重情形。", 6, "adopted", ""),
                (
                    "建议取消对篡改监测数据的从重处罚，由企业自行整改即可。",
                    6,
                    "not_adopted",
                    "篡改、伪造监测数据属于严重违法行为，法律明确规定应当依法严惩，不宜取消。",
                ),
                (
                    "处罚决定书说明裁量理由会增加基层工作量，建议只对罚款较大案件要求。",
                    7,
                    "not_adopted",
                    "说明裁量理由是规范裁量权的基本要求，正式文件提供了说理模板以减轻工作量。",
                ),
                (
                    "希望同时出台企业环保信用修复办法。",
                    None,
                    "out_of_scope",
                    "信用修复不属于本规定调整范围，我厅将另行研究制定相关办法。",
                ),
                (
                    "建议增加对小微企业的柔性执法措施。",
                    None,
                    "partly",
                    "已在第五条中增加对主动消除危害后果的小微企业减轻处罚的规定；其他柔性措施将在执法指引中细化。",
                ),
            ],
            "report": {
                "title": "《浙江省生态环境行政处罚裁量基准规定（征求意见稿）》意见采纳情况反馈",
                "date_published": datetime(2024, 2, 20).date(),
                "summary": _rich(
                    "2023年12月1日至2024年1月5日，我厅就本规定公开征求意见，共收到有效意见7条，"
                    "其中采纳2条、部分采纳2条、不采纳2条、不属于征求范围1条。",
                    "根据意见，正式文件细化了“初次违法”和“危害后果轻微”的认定，增加了拒不配合检查的从重情形，"
                    "并对小微企业主动消除危害后果的情形作出减轻处罚规定。感谢社会各界的关心和支持。",
                ),
            },
        },
    ]
