"""The review demo: 大气处 content waiting at every step of the review workflow.

``load_review_demo()`` (``python manage.py load_review_demo``, run by ``make demo`` after ``setup_roles``) gives
a newcomer something to do as each role account of ``demo.accounts.ACCOUNTS``:

- 起草中: a document and its interpretation saved by ``daqi_editor``, not yet submitted;
- 处室负责人审核: a notice submitted by ``daqi_editor``, waiting for ``daqi_head``;
- 法规处合法性审核: a 行政规范性文件 approved by ``daqi_head``, waiting for ``fagui_reviewer``, and its
  interpretation (no legality review for it) waiting at 宣教中心终审 for ``xuanjiao``;
- 宣教中心终审: a 行政规范性文件 approved by the head and the legality reviewer, waiting for ``xuanjiao``; its
  interpretation has passed final review and waits to go out with it (三同步: approving the document publishes
  both at the same moment);
- 退回修改: a notice sent back by ``xuanjiao`` with a comment, waiting for ``daqi_editor`` to change it;
- 未经审核发布: an alert the office force-published with a written reason, waiting for someone else (``admin``)
  to confirm its review.

Everything goes through the machinery the admin uses: pages are created and saved as revisions of the editor,
reviews are started with ``page.get_workflow().start(page, user)`` and each step is approved or rejected with
``task.on_action(task_state, user, action, **form.cleaned_data)`` as the user whose turn it is, after the
same checks the workflow action view makes (so the "second pair of eyes" rule and 三同步 apply).

An item is created and driven only when none of its pages exists yet (documents are found by ``source_id``,
interpretations by slug, and nothing already in a review is submitted again). A second run therefore creates
nothing and leaves alone whatever a newcomer has done with the items since. All titles, numbers, names and
texts below are invented for the demo.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from unicodedata import east_asian_width

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from cms.editorial.models.permissions import ACT_AS_OFFICE, perm
from cms.editorial.models.release import AwaitingRelease, scheduled_revision
from cms.editorial.office.actions import force_publish, is_office, last_force_publish
from cms.editorial.workflow.notifications import approvers_for
from home.site_tree import ensure_site_tree
from interpretations import models as interp
from interpretations.snippets import Person
from policies.models import Division, PolicyPage
from policies.services import PolicyData, save_policy

from . import reference
from .documents import DEPARTMENT, NORMATIVE

DIVISION = "大气处"
TOPIC = "大气环境"

EDITOR, HEAD, LEGALITY, PUBLICITY, OFFICE, ADMIN = (
    "daqi_editor",
    "daqi_head",
    "fagui_reviewer",
    "xuanjiao",
    "office",
    "admin",
)
# The accounts the demo acts as; `admin` only confirms the force-published item, so it is not required.
REQUIRED_ACCOUNTS = (EDITOR, HEAD, LEGALITY, PUBLICITY, OFFICE)

# Stages an item is driven to.
DRAFT, AT_HEAD, AT_LEGALITY, AT_FINAL, SENT_BACK, FORCED = (
    "draft",
    "head",
    "legality",
    "final",
    "sent_back",
    "forced",
)


class ReviewDemoError(Exception):
    """The review demo cannot be loaded (the role accounts, the workflow or the demo content are missing)."""


def source_id(key):
    return f"demo:review:{key}"


def _text(*paragraphs):
    return "\n\n".join(paragraphs)


# --- the content -----------------------------------------------------------------------------------------------


@dataclass
class Item:
    key: str
    label: str  # what the item shows of the workflow, for the table
    stage: str
    policy: dict  # PolicyData fields beyond source_id, agency, division and topic
    exemption: str = ""  # 不解读的理由, written by the editor in a second save
    interpretation: dict | None = None
    comments: dict = field(default_factory=dict)  # what each reviewer writes


NONROAD_BODY = _text(
    "第一章 总则",
    "第一条 为了加强非道路移动机械排放污染防治，改善环境空气质量，根据《中华人民共和国大气污染防治法》"
    "《浙江省大气污染防治条例》等法律法规，结合本省实际，制定本办法。",
    "第二条 本办法适用于本省行政区域内非道路移动机械的排放监督管理。",
    "本办法所称非道路移动机械，是指装用柴油机等压燃式发动机、在建设工地、港口码头、机场、物流园区、"
    "工业企业厂区等场所使用的挖掘机、装载机、叉车、起重机、场内运输车辆等机械。",
    "第三条 设区的市生态环境主管部门负责本行政区域内非道路移动机械排放的统一监督管理；"
    "住房城乡建设、交通运输、民航等部门按照各自职责做好相关场所内非道路移动机械的使用管理。",
    "第二章 编码登记",
    "第四条 在本省使用的非道路移动机械，所有人或者使用人应当在首次使用前通过省非道路移动机械管理系统"
    "进行编码登记，如实填报机械类型、发动机型号、排放阶段、所有人等信息，并在机械显著位置粘贴登记号码标识。",
    "第五条 机械转让、报废或者迁出本省的，所有人应当在三十日内办理信息变更或者注销。",
    "第三章 使用管理",
    "第六条 设区的市人民政府可以根据大气环境质量状况，划定并公布禁止使用高排放非道路移动机械的区域。"
    "在该区域内不得使用未编码登记或者排放不达标的非道路移动机械。",
    "第七条 建设单位应当在施工合同中明确施工单位使用排放达标的非道路移动机械的要求；"
    "施工单位应当建立进场机械台账，记录登记号码、进出场时间和排放检验情况。",
    "第八条 港口码头、物流园区和工业企业应当按照有关规定逐步淘汰国三及以下排放标准的场内作业机械，"
    "新增和更新的场内作业机械优先选用新能源机械。",
    "第四章 监督检查",
    "第九条 生态环境主管部门可以在机械使用场所对非道路移动机械进行排放检验抽测，"
    "并可以采取远程监控、视频巡查等方式实施监督。被检查单位应当予以配合，不得拒绝、阻挠。",
    "第十条 抽测发现排放不达标的，生态环境主管部门应当责令所有人或者使用人限期维修并复检；"
    "复检合格前，不得在禁止使用高排放非道路移动机械的区域内使用。",
    "第五章 附则",
    "第十一条 违反本办法规定的行为，法律、法规已有法律责任规定的，从其规定。",
    "第十二条 本办法自印发之日起三十日后施行。",
)

NONROAD_INTERPRETATION = {
    "slug": "review-demo-feidaolu-jixie-jiedu",
    "kind": "text",
    "title": "《浙江省非道路移动机械排放监督管理办法》政策解读",
    "summary": "说明《办法》的起草背景，以及编码登记、禁用区域和监督抽测三项主要制度。",
    "sections": [
        (
            "background",
            "<p>挖掘机、装载机、叉车等非道路移动机械数量多、分布散，柴油机排放的氮氧化物和颗粒物"
            "在部分城市已占到移动源排放的相当比例。各地在施工工地、港口码头开展过专项检查，"
            "但登记、抽测和禁用区域的做法不统一，需要在全省层面作出规范。</p>",
        ),
        (
            "main",
            "<p>《办法》共五章十二条，重点建立三项制度：</p><ol>"
            "<li>编码登记：机械首次使用前登记并粘贴号码标识，转让、报废时及时变更或者注销；</li>"
            "<li>禁用区域：由设区的市人民政府划定并公布禁止使用高排放机械的区域；</li>"
            "<li>监督抽测：在使用场所开展排放检验抽测，不达标的限期维修复检。</li></ol>",
        ),
    ],
}

HEAD_NOTICE_BODY = _text(
    "各设区市生态环境局：",
    "为做好冬春季细颗粒物污染防控，帮助企业稳定达标排放，我厅决定组织开展冬春季涉气重点企业帮扶指导工作。"
    "现将有关事项通知如下。",
    "一、帮扶对象。以钢铁、水泥、玻璃、陶瓷等工业炉窑企业，以及纳入重污染天气应急减排清单的A、B级企业为重点，"
    "各地可结合本地实际增加帮扶对象。",
    "二、帮扶内容。重点帮助企业排查除尘、脱硝设施运行和物料堆场扬尘管控中的问题，"
    "指导企业完善自动监测数据异常情况的报告和处理程序。",
    "三、工作方式。各地组织执法、监测和技术专家组成帮扶组，采取“一企一策”方式提出整改建议；"
    "对帮扶中发现的问题，原则上给予企业合理整改时间，整改到位的不作处罚，法律法规另有规定的除外。",
    "四、工作要求。各地于下月10日前报送帮扶企业名单，帮扶工作结束后十个工作日内报送工作总结。",
)

EMERGENCY_LIST_BODY = _text(
    "第一章 总则",
    "第一条 为了规范重污染天气应急减排清单的编制、修订和管理，确保应急减排措施科学、精准、可执行，"
    "根据《中华人民共和国大气污染防治法》和国家、本省重污染天气应急预案，制定本办法。",
    "第二条 本办法所称应急减排清单，是指设区的市生态环境主管部门编制的，列明在重污染天气预警期间"
    "各企业、工地应当采取的限产、停产、错峰运输等减排措施的名单。",
    "第三条 应急减排清单实行年度修订、动态更新，坚持应纳尽纳、分级管控、公开透明的原则。",
    "第二章 编制和修订",
    "第四条 设区的市生态环境主管部门每年9月30日前完成本年度应急减排清单修订，"
    "经本级人民政府同意后报省生态环境主管部门备案，并向社会公开。",
    "第五条 纳入清单的工业企业按照绩效水平分为A、B、C、D级和引领性企业。绩效分级按照国家技术指南开展，"
    "评定结果应当在评定完成后十个工作日内告知企业。",
    "第六条 企业对绩效分级结果有异议的，可以自收到告知之日起十五日内向设区的市生态环境主管部门提出复核申请，"
    "并提交相关证明材料。",
    "第三章 措施落实",
    "第七条 纳入清单的企业应当制定“一厂一策”操作方案，明确各级预警下停止或者限制的生产线、工序和运输方式，"
    "并在厂区显著位置公示。",
    "第八条 预警期间，企业应当按照操作方案落实减排措施，如实记录生产设施运行、原辅材料消耗和运输车辆进出情况。",
    "第四章 监督管理",
    "第九条 生态环境主管部门应当在预警期间对清单企业开展抽查，重点核查减排措施落实情况。",
    "第十条 绩效分级评定中弄虚作假，或者预警期间未落实减排措施的，设区的市生态环境主管部门应当调整其绩效等级，"
    "并依法处理。",
    "第五章 附则",
    "第十一条 本办法自2027年1月1日起施行。",
)

EMERGENCY_LIST_INTERPRETATION = {
    "slug": "review-demo-jianpai-qingdan-jiedu",
    "kind": "text",
    "title": "《浙江省重污染天气应急减排清单管理办法》政策解读",
    "summary": "解读应急减排清单的年度修订、企业绩效分级和异议复核，以及预警期间企业要做的三件事。",
    "sections": [
        (
            "background",
            "<p>应急减排清单是重污染天气预警期间各地落实减排措施的依据。过去各地清单修订时间不一、"
            "分级结果告知和异议处理缺少统一程序，企业反映较多。《办法》把这些做法统一下来。</p>",
        ),
        (
            "main",
            "<p>《办法》共五章十一条。清单每年9月30日前完成修订并向社会公开；企业绩效分级结果在评定完成后"
            "十个工作日内告知，企业有异议的可以在十五日内申请复核；预警期间企业要按“一厂一策”落实措施、"
            "如实记录生产和运输情况、接受抽查。</p>",
        ),
        (
            "keywords",
            "<p><b>绩效分级</b>：按照企业的装备水平、治理工艺和排放限值等指标，把同行业企业分为不同等级，"
            "绩效水平高的企业在预警期间少减排或者不减排。</p>",
        ),
    ],
}

VEHICLE_TESTING_BODY = _text(
    "第一章 总则",
    "第一条 为了规范机动车排放检验行为，保证检验数据真实准确，根据《中华人民共和国大气污染防治法》"
    "《浙江省机动车排气污染防治条例》等法律法规，制定本办法。",
    "第二条 本办法适用于本省行政区域内从事机动车排放检验的机构（以下称检验机构）及其检验活动的监督管理。",
    "第三条 省生态环境主管部门负责全省检验机构排放检验活动的监督指导，"
    "设区的市生态环境主管部门负责本行政区域内检验机构的日常监督检查。",
    "第二章 检验行为规范",
    "第四条 检验机构应当按照国家排放标准和检验方法开展检验，使用经检定或者校准合格的检验设备，"
    "检验过程全程录像，录像资料保存期限不少于两年。",
    "第五条 检验机构应当将检验数据实时上传至省机动车排放检验监管平台，不得篡改、删除检验数据，"
    "不得为未经检验或者检验不合格的车辆出具合格报告。",
    "第六条 检验机构应当在业务场所公示检验流程、收费标准、投诉电话和排放检验结果查询方式。",
    "第三章 监督管理",
    "第七条 生态环境主管部门通过监管平台对检验数据进行实时比对分析，发现数据异常的，"
    "应当及时核查，并可以对检验机构开展现场检查和比对检验。",
    "第八条 生态环境主管部门对检验机构实行年度监督检查全覆盖，检查结果向社会公开，并通报市场监督管理部门。",
    "第九条 任何单位和个人发现检验机构弄虚作假的，可以向生态环境主管部门举报，查证属实的，按照本省有关规定给予奖励。",
    "第四章 附则",
    "第十条 检验机构出具虚假排放检验报告的，依照《中华人民共和国大气污染防治法》的规定处理。",
    "第十一条 本办法自2027年1月1日起施行。",
)

VEHICLE_TESTING_INTERPRETATION = {
    "slug": "review-demo-jidongche-jianyan-wenda",
    "kind": "qa",
    "title": "机动车排放检验机构监管新规五问五答",
    "summary": "车主和检验机构关心的五个问题：管什么、数据怎么上传、录像存多久、怎么查结果、发现造假怎么办。",
    "questions": [
        (
            "《办法》管的是谁？",
            "<p>管的是在本省从事机动车排放检验的机构和它们的检验活动，车主送检的程序没有变化。</p>",
            2,
        ),
        (
            "检验数据需要上传吗？",
            "<p>需要。检验数据要实时上传到省机动车排放检验监管平台，不得篡改、删除。</p>",
            5,
        ),
        (
            "检验过程的录像要保存多久？",
            "<p>检验过程全程录像，录像资料保存不少于两年，以便事后核查。</p>",
            4,
        ),
        (
            "车主怎么知道检验结果和收费标准？",
            "<p>检验机构要在业务场所公示检验流程、收费标准、投诉电话和结果查询方式。</p>",
            6,
        ),
        (
            "发现检验机构弄虚作假怎么办？",
            "<p>可以向生态环境部门举报，查证属实的按照本省有关规定给予奖励。</p>",
            9,
        ),
    ],
}

CATERING_BODY = _text(
    "各设区市生态环境局：",
    "餐饮油烟是城市居民投诉较多的环境问题之一。为进一步加强餐饮油烟污染防治，现就有关工作通知如下。",
    "一、摸清底数。各地要会同有关部门，对城市建成区内产生油烟的餐饮服务单位开展摸底排查，建立管理台账。",
    "二、规范治理设施。产生油烟的餐饮服务单位应当安装油烟净化设施并保持正常使用，"
    "大中型餐饮服务单位的油烟净化设施去除效率不低于90%，鼓励安装油烟在线监控设施。",
    "三、落实清洗维护。餐饮服务单位应当定期清洗油烟净化设施和排烟管道，并保存清洗维护记录。",
    "四、化解信访矛盾。对群众反复投诉的点位，各地要逐一建立整改清单，明确整改措施和完成时限。",
)

ALERT_BODY = _text(
    "杭州市、嘉兴市、湖州市生态环境局：",
    "据省环境监测中心和省气象台联合会商，受静稳天气和区域传输共同影响，"
    "未来三天杭嘉湖地区将出现一次区域性中度至重度污染过程。现提示如下。",
    "一、各地要按照本地重污染天气应急预案，及时发布相应级别预警，并提前告知应急减排清单内企业。",
    "二、督促清单内企业按照“一厂一策”操作方案落实减排措施，加强建筑工地扬尘和渣土运输车辆管控。",
    "三、加强空气质量监测和信息公开，提醒儿童、老年人和呼吸道疾病患者减少户外活动。",
    "四、预警期间每日17时前报送措施落实情况，预警解除后两个工作日内报送总结。",
)


def items(today=None):
    """Return the demo items, in the order of the workflow."""
    today = today or timezone.localdate()
    year = today.year

    def days_ago(n):
        return today - timedelta(days=n)

    return [
        Item(
            key="nonroad-machinery",
            label="起草中",
            stage=DRAFT,
            policy={
                "title": "浙江省非道路移动机械排放监督管理办法",
                "category": NORMATIVE,
                "is_normative": True,
                "tags": ["非道路移动机械", "编码登记", "禁用区域"],
                "summary": "规范非道路移动机械的编码登记、使用管理和排放监督抽测，"
                "明确设区的市可以划定禁止使用高排放非道路移动机械的区域。",
                "body_text": NONROAD_BODY,
            },
            interpretation=NONROAD_INTERPRETATION,
        ),
        Item(
            key="winter-enterprise-support",
            label="待处室负责人审核",
            stage=AT_HEAD,
            policy={
                "title": "浙江省生态环境厅关于开展冬春季涉气重点企业帮扶指导工作的通知",
                "doc_number": f"浙环函〔{year}〕141号",
                "category": "通知",
                "tags": ["帮扶指导", "工业炉窑", "细颗粒物"],
                "date_written": days_ago(3),
                "date_published": today,
                "date_effective": today,
                "summary": "部署冬春季涉气重点企业帮扶指导：明确帮扶对象和内容，采取“一企一策”方式，"
                "整改到位的不作处罚。",
                "body_text": HEAD_NOTICE_BODY,
            },
            exemption="本通知是对各设区市生态环境局的工作部署，不直接设定公民、法人和其他组织的权利义务，不另行解读。",
        ),
        Item(
            key="emergency-reduction-list",
            label="待法规处合法性审核（解读待宣教中心终审）",
            stage=AT_LEGALITY,
            policy={
                "title": "浙江省重污染天气应急减排清单管理办法",
                "doc_number": f"浙环发〔{year}〕23号",
                "category": NORMATIVE,
                "is_normative": True,
                "tags": ["重污染天气", "应急减排清单", "绩效分级"],
                "date_written": days_ago(6),
                "date_published": today,
                "date_effective": today.replace(year=year + 1, month=1, day=1),
                "summary": "规范应急减排清单的年度修订和公开、企业绩效分级及异议复核，"
                "要求清单企业制定“一厂一策”操作方案并在预警期间如实记录。",
                "body_text": EMERGENCY_LIST_BODY,
            },
            interpretation=EMERGENCY_LIST_INTERPRETATION,
            comments={HEAD: "已对照国家技术指南核对，同意报送。"},
        ),
        Item(
            key="vehicle-testing-agencies",
            label="待宣教中心终审（解读已通过，待随文件发布）",
            stage=AT_FINAL,
            policy={
                "title": "浙江省机动车排放检验机构监督管理办法",
                "doc_number": f"浙环发〔{year}〕26号",
                "category": NORMATIVE,
                "is_normative": True,
                "tags": ["机动车", "排放检验", "检验机构"],
                "date_written": days_ago(10),
                "date_published": today,
                "date_effective": today.replace(year=year + 1, month=1, day=1),
                "summary": "规范机动车排放检验机构的检验行为，要求检验数据实时上传、检验过程全程录像，"
                "实行年度监督检查全覆盖并公开结果。",
                "body_text": VEHICLE_TESTING_BODY,
            },
            interpretation=VEHICLE_TESTING_INTERPRETATION,
            comments={
                HEAD: "同意。",
                LEGALITY: "经审核，本办法制定主体和程序合法，未增设行政许可、行政处罚和收费事项，同意。",
                PUBLICITY: "问答与文件条款一致，同意随文件一同发布。",
            },
        ),
        Item(
            key="catering-fumes",
            label="已退回修改",
            stage=SENT_BACK,
            policy={
                "title": "浙江省生态环境厅关于进一步加强餐饮油烟污染防治工作的通知",
                "doc_number": f"浙环函〔{year}〕152号",
                "category": "通知",
                "tags": ["餐饮油烟", "信访", "油烟净化设施"],
                "date_written": days_ago(8),
                "date_published": today,
                "date_effective": today,
                "summary": "部署餐饮油烟污染防治：摸清底数，规范油烟净化设施（大中型餐饮服务单位去除效率不低于85%），"
                "落实清洗维护，化解信访矛盾。",
                "body_text": CATERING_BODY,
            },
            exemption="本通知是对各地的工作部署，不另行解读。",
            comments={
                HEAD: "同意报送。",
                PUBLICITY: "请修改后重新提交：一是摘要写油烟净化设施去除效率“不低于85%”，正文第二点为“不低于90%”，"
                "请核实统一；二是通知对餐饮服务单位提出了设施安装和清洗维护要求，涉及经营者的义务，"
                "不宜以工作部署为由不作解读，请补充一篇简明问答一并提交。",
            },
        ),
        Item(
            key="hjh-pollution-alert",
            label="紧急发布，待他人确认审核",
            stage=FORCED,
            policy={
                "title": "浙江省生态环境厅关于做好杭嘉湖地区重污染天气应对工作的紧急通知",
                "doc_number": f"浙环函〔{year}〕160号",
                "category": "通知",
                "tags": ["重污染天气", "预警", "杭嘉湖"],
                "date_written": today,
                "date_published": today,
                "date_effective": today,
                "summary": "预计杭嘉湖地区将出现区域性中度至重度污染过程，要求三市及时发布预警、落实减排措施、"
                "做好健康防护提示和信息报送。",
                "body_text": ALERT_BODY,
            },
            exemption="应急工作提示，时效性强，不另行解读。",
            comments={
                OFFICE: "污染过程预计次日凌晨开始，提示须在当天下班前公开；大气处负责人外出督察，"
                "经分管厅领导电话同意先行发布，事后补办审核。",
            },
        ),
    ]


# --- what a step looks like ------------------------------------------------------------------------------------


@dataclass
class Row:
    item: str  # the item's label
    kind: str  # 文件 or 解读
    title: str
    step: str
    actors: list  # usernames

    def cells(self, title_length=26):
        title = self.title if len(self.title) <= title_length else self.title[: title_length - 1] + "..."
        return [self.kind, title, self.step, "、".join(self.actors) or "-"]


def current_step(page):
    """Return (step, usernames of who acts next) for a demo page, read from the database as it is now."""
    page = _reload(page)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        step = task_state.task.name if task_state else ""
        return f"退回修改（{step}）", [state.requested_by.get_username()] if state.requested_by else []
    if state is not None and state.current_task_state is not None:
        task_state = state.current_task_state.specific
        return task_state.task.name, [user.get_username() for user in approvers_for(task_state)]
    if AwaitingRelease.objects.filter(page_id=page.pk).exists():
        return "已通过终审，待随文件发布", []
    if page.live and getattr(page, "unreviewed", False):
        entry = last_force_publish(page)
        users = get_user_model().objects.with_perm(
            perm(ACT_AS_OFFICE), is_active=True, backend="django.contrib.auth.backends.ModelBackend"
        )
        confirmers = [
            user.get_username()
            for user in users.order_by("username")
            if is_office(user) and (entry is None or entry.user_id != user.pk)
        ]
        return "未经审核发布，待确认审核", confirmers
    if page.live:
        return "已发布", []
    if scheduled_revision(page) is not None:
        return "已定时发布", []
    revision = page.get_latest_revision()
    author = revision.user if revision is not None else page.owner
    return "起草中（未提交）", [author.get_username()] if author else []


def rows_for(item, pages):
    rows = []
    for kind, page in pages:
        step, actors = current_step(page)
        rows.append(Row(item.label, kind, page.get_admin_display_title(), step, actors))
    return rows


def _width(text):
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def format_table(rows, headers=("类型", "标题", "当前步骤", "办理人")):
    """Return the rows as lines of a plain-text table (CJK characters count as two columns)."""
    table = [list(headers)] + [row.cells() for row in rows]
    widths = [max(_width(line[column]) for line in table) for column in range(len(headers))]

    def line(cells):
        return "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(cells)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(table[0]), rule] + [line(cells) for cells in table[1:]]


# --- driving the workflow as each user ---------------------------------------------------------------------------


def _reload(page):
    return Page.objects.get(pk=page.pk).specific


def submit(page, user):
    """Submit `page` for review as `user`, as the edit view's 提交审核 does."""
    page = _reload(page)
    if page.workflow_in_progress:
        return page
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewDemoError(f"《{page.title}》没有适用的审核流程：请先运行 setup_roles。")
    workflow.start(page, user)
    return _reload(page)


def act(page, user, action, **data):
    """Take `action` ("approve" or "reject") on the current step of `page` as `user`, as the workflow action view does.

    The action must be one the step offers `user`; its form is filled with `data` and must validate; the step
    must then have ended (a final approval that the 三同步 rule refuses leaves it open).
    """
    page = _reload(page)
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise ReviewDemoError(f"《{page.title}》不在审核中。")
    task = task_state.task.specific
    if action not in [name for name, _label, _modal in task.get_actions(page, user)]:
        raise ReviewDemoError(
            f"账号 {user.get_username()} 不能在“{task.name}”一步处理《{page.title}》：请先运行 setup_roles。"
        )
    form = task.get_form_for_action(action)(data)
    if not form.is_valid():
        raise ReviewDemoError(f"《{page.title}》的审核意见无效：{form.errors.as_text()}")
    try:
        task.on_action(task_state, user, action, **form.cleaned_data)
    except PermissionDenied as error:
        raise ReviewDemoError(f"账号 {user.get_username()} 不能处理《{page.title}》：{error}") from error
    task_state.refresh_from_db()
    if task_state.status == TaskState.STATUS_IN_PROGRESS:
        raise ReviewDemoError(f"“{task.name}”未能处理《{page.title}》。")
    return _reload(page)


def approve(page, user, comment=""):
    return act(page, user, "approve", comment=comment)


def reject(page, user, comment):
    return act(page, user, "reject", comment=comment)


# --- creating the pages, as an editor does in the admin --------------------------------------------------------


def _save_draft(page, user, **fields):
    """Change `fields` of the latest draft of `page` and save it as a new revision by `user` (保存草稿)."""
    draft = _reload(page).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    if not draft.live:
        draft.save()  # a never-published page's row follows its draft, as the edit view saves it
    draft.save_revision(user=user, log_action=True)
    return _reload(page)


def create_policy(policy_index, item, editor):
    data = PolicyData(source_id=source_id(item.key), agency=DEPARTMENT, division=DIVISION, topic=TOPIC, **item.policy)
    page, _action = save_policy(policy_index, data, publish=False, user=editor)
    # The admin makes whoever creates a page its owner.
    PolicyPage.objects.filter(pk=page.pk).update(owner=editor)
    if item.exemption:
        page = _save_draft(page, editor, interpretation_exemption=item.exemption)
    return _reload(page)


INTERPRETATION_MODELS = {"text": interp.TextInterpretationPage, "qa": interp.QAInterpretationPage}


def create_interpretation(parent, spec, policy, editor, division, interpreter):
    model = INTERPRETATION_MODELS[spec["kind"]]
    page = model(
        title=spec["title"],
        slug=spec["slug"],
        live=False,
        owner=editor,
        division=division,
        interpreter=interpreter,
        summary=spec["summary"],
    )
    if spec["kind"] == "text":
        page.sections = [
            {"type": "section", "value": {"kind": kind, "heading": "", "body": body}} for kind, body in spec["sections"]
        ]
    page.policy_links.add(interp.PolicyLink(policy=policy))
    for question, answer, article in spec.get("questions", ()):
        page.questions.add(
            interp.QuestionAnswer(question=question, answer=answer, cited_policy=policy, cited_article=article)
        )
    parent.add_child(instance=page)
    page.save_revision(user=editor, log_action=True, clean=False)
    return _reload(page)


# --- the stages ---------------------------------------------------------------------------------------------------


def drive(item, policy, interpretation, users):
    """Take the freshly created pages of `item` to its stage, each step as the user whose turn it is."""
    editor, head, legality, publicity, office = (users[name] for name in REQUIRED_ACCOUNTS)
    comments = item.comments
    if item.stage == DRAFT:
        return
    if item.stage == FORCED:
        try:
            force_publish(policy, office, comments[OFFICE])
        except (PermissionDenied, ValidationError) as error:
            raise ReviewDemoError(f"账号 office 不能紧急发布《{policy.title}》：{error}") from error
        return

    submit(policy, editor)
    if interpretation is not None:
        submit(interpretation, editor)
    if item.stage == AT_HEAD:
        return
    if item.stage == SENT_BACK:
        approve(policy, head, comments.get(HEAD, ""))  # legality review skipped: not a 行政规范性文件
        reject(policy, publicity, comments[PUBLICITY])
        return
    if item.stage == AT_LEGALITY:
        approve(interpretation, head, comments.get(HEAD, ""))  # interpretations skip the legality review
        approve(policy, head, comments.get(HEAD, ""))
        return
    if item.stage == AT_FINAL:
        # The interpretation passes final review first; it waits for its document (AwaitingRelease).
        approve(interpretation, head, comments.get(HEAD, ""))
        act(interpretation, publicity, "approve", comment=comments.get(PUBLICITY, ""), go_live_at="")
        approve(policy, head, comments.get(HEAD, ""))
        if policy.is_normative:
            approve(policy, legality, comments.get(LEGALITY, ""))
        return
    raise ValueError(f"unknown stage {item.stage!r}")


# --- the loader ----------------------------------------------------------------------------------------------------


def role_users():
    """Return {username: user} of the role accounts; raise ReviewDemoError if any the demo needs is missing."""
    names = REQUIRED_ACCOUNTS + (ADMIN,)
    users = {user.get_username(): user for user in get_user_model().objects.filter(username__in=names, is_active=True)}
    missing = [name for name in REQUIRED_ACCOUNTS if name not in users]
    if missing:
        raise ReviewDemoError(f"缺少角色账号 {'、'.join(missing)}：请先运行 setup_roles。")
    return users


def existing_pages(item, policy_index, interpretation_index):
    """Return the pages of `item` already in the database: its document by source_id, its interpretation by slug."""
    found = []
    policy = PolicyPage.objects.filter(source_id=source_id(item.key)).first()
    if policy is not None:
        found.append(("文件", policy))
    if item.interpretation is not None:
        slug = item.interpretation["slug"]
        page = Page.objects.child_of(interpretation_index).filter(slug=slug).first()
        if page is not None:
            found.append(("解读", page.specific))
    return found


@dataclass
class Result:
    created: list = field(default_factory=list)  # labels of the items created in this run
    existing: list = field(default_factory=list)  # labels of the items left as they were
    rows: list = field(default_factory=list)


def load_review_demo(today=None):
    """Create the review demo items that do not exist yet and drive them to their steps; return a Result."""
    today = today or timezone.localdate()
    users = role_users()
    division = Division.objects.filter(name=DIVISION).first()
    if division is None:
        raise ReviewDemoError(f"缺少起草处室“{DIVISION}”：请先运行 load_initial_data。")
    _home, policy_index, interpretation_index, _news = ensure_site_tree()
    if policy_index.get_workflow() is None or interpretation_index.get_workflow() is None:
        raise ReviewDemoError("政策文件库或政策解读栏目没有审核流程：请先运行 setup_roles。")
    interpreter_name = next(name for key, name, *_rest in reference.PEOPLE if key == "daqi_head")
    interpreter = Person.objects.filter(name=interpreter_name).first()

    result = Result()
    with transaction.atomic():
        for item in items(today):
            pages = existing_pages(item, policy_index, interpretation_index)
            if pages:
                # Found again: leave it as it is (a newcomer may have moved it on since).
                result.existing.append(item.label)
                result.rows.extend(rows_for(item, pages))
                continue
            editor = users[EDITOR]
            policy = create_policy(policy_index, item, editor)
            interpretation = None
            if item.interpretation is not None:
                interpretation = create_interpretation(
                    interpretation_index, item.interpretation, policy, editor, division, interpreter
                )
            drive(item, policy, interpretation, users)
            result.created.append(item.label)
            pages = [("文件", policy)] + ([("解读", interpretation)] if interpretation is not None else [])
            result.rows.extend(rows_for(item, pages))
    return result
