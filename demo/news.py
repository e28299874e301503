"""Demo news releases (新闻发布), one press conference among them, and topic collections (专题).

All texts are written for the demo; places, times and speakers are fictitious.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _body(*items):
    """Build NewsPage.body stream data: a str starting with '## ' is a heading, any other str a paragraph."""
    blocks = []
    for item in items:
        if item.startswith("## "):
            blocks.append({"type": "heading", "value": item[3:]})
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{item}</p>"})
    return blocks


NEWS = [
    {
        "slug": "fabuhui-ruhe-ruhai-paiwukou-banfa",
        "title": "省生态环境厅举行《浙江省入河入海排污口监督管理办法》新闻发布会",
        "news_kind": "press_conference",
        "date": date(2025, 6, 20),
        "event_time": datetime(2025, 6, 20, 10, 0, tzinfo=SHANGHAI),
        "place": "浙江省生态环境厅新闻发布厅（演示地点）",
        "speakers": "周海川 浙江省生态环境厅厅长\n何静 浙江省生态环境厅水处处长",
        "summary": "发布会介绍了排污口监督管理办法的主要内容，并回答了记者关于入海排污口监管和美丽河湖建设的提问。",
        "body": _body(
            "6月20日上午，省生态环境厅举行新闻发布会，发布《浙江省入河入海排污口监督管理办法》。",
            "## 发布内容",
            "厅长周海川介绍，办法将入海排污口与入河排污口统一纳入监管，建立排污口名录和“一口一档”，"
            "对来源不明的排污口限期溯源，并按照取缔、合并、规范的要求分类整治。",
            "## 记者问答",
            "针对记者关于群众如何参与监督的提问，水处处长何静表示，排污口名录将通过政府网站公开，"
            "群众发现可疑排污口可以拨打12345热线反映。",
        ),
        "policies": ["water-outfall-2025", "rivers-opinion-2024"],
    },
    {
        "slug": "voc-shendu-zhili-tuijinhui",
        "title": "全省挥发性有机物深度治理工作推进会召开",
        "news_kind": "news",
        "date": date(2026, 5, 14),
        "summary": "推进会部署《浙江省挥发性有机物污染防治管理办法》施行后的重点工作，推广源头替代经验。",
        "body": _body(
            "5月14日，全省挥发性有机物深度治理工作推进会召开。会议通报了《浙江省挥发性有机物污染防治管理办法》"
            "施行以来各地的工作进展。",
            "会议要求，各地要对照办法要求，抓紧摸排仍在使用低效治理工艺的企业，制定升级改造计划；"
            "在臭氧污染高发时段到来前，完成重点企业帮扶检查。",
        ),
        "policies": ["air-voc"],
    },
    {
        "slug": "caibiao-jizhun-guiding-yinfa",
        "title": "《浙江省生态环境行政处罚裁量基准规定》印发",
        "news_kind": "news",
        "date": date(2024, 3, 21),
        "summary": "新规定自2024年5月1日起施行，代替2020年版裁量基准。",
        "body": _body(
            "近日，省生态环境厅印发《浙江省生态环境行政处罚裁量基准规定》，自2024年5月1日起施行。",
            "新规定明确了不予处罚、从轻减轻处罚和从重处罚的情形，要求处罚决定书载明裁量理由，"
            "推动同一地区、同类违法行为处罚尺度基本一致。",
        ),
        "policies": ["discretion-2024"],
    },
    {
        "slug": "liuwu-huanjingri-xuanchuan-2026",
        "title": "省生态环境厅开展2026年六五环境日系列宣传活动",
        "news_kind": "news",
        "date": date(2026, 6, 5),
        "summary": "环境监测站、污水处理厂等设施向公众开放，邀请市民走进一线了解生态环境保护工作。",
        "body": _body(
            "6月5日是世界环境日。当天，省生态环境厅组织开展系列宣传活动，多家环境监测站和污水处理厂向公众开放。",
            "活动现场设置政策咨询台，工作人员向市民介绍新近出台的生态环境政策文件和解读材料。",
        ),
        "policies": [],
    },
]

COLLECTIONS = [
    {
        "slug": "lantian-baowei",
        "title": "蓝天保卫专题",
        "topic": "大气环境",
        "intro": "汇集本省大气污染防治的政策文件与解读，聚焦挥发性有机物治理和臭氧污染防控。",
    },
    {
        "slug": "bishui-xingdong",
        "title": "碧水行动专题",
        "topic": "水环境",
        "intro": "入河入海排污口监督管理、美丽河湖建设等水生态环境保护政策一站查阅。",
    },
    {
        "slug": "jingtu-qingfei",
        "title": "净土清废专题",
        "topic": "土壤与固废",
        "intro": "建设用地土壤污染风险管控、一般工业固体废物管理的政策文件和解读。",
    },
]
