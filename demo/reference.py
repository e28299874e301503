"""Demo reference data: site settings, issuing agencies, drafting divisions, topics and interpreters.

Every name of a person below is invented for the demo; codes, numbers and addresses are placeholders.
"""

from interpretations.snippets import Person

# Only blank fields are filled in, so values an administrator has entered are never overwritten.
SITE_SETTINGS = {
    "site_name": "浙江省生态环境厅",
    "address": "浙江省杭州市示例路1号（演示地址）",
    "phone": "0571-00000000（演示号码）",
    "icp_number": "浙ICP备00000000号（占位，待填写）",
    "site_code": "0000000000（占位）",
    "postcode": "310000",
    "email": "bangongshi@sthjt.example",
    "office_hours": "工作日 8:30-12:00，14:30-17:30",
    "police_record_number": "浙公网安备 00000000000000号（占位）",
}

# name, short name (机关代字), organisation code (prefix of the index numbers; placeholders).
AGENCIES = [
    ("浙江省生态环境厅", "浙环", "330000100"),
    ("浙江省人民政府办公厅", "浙政办", "330000001"),
    ("浙江省人民政府", "浙政", "330000000"),
    ("生态环境部", "环", "100000001"),
]

# name, slug, sort order. The 宣教中心 and the 办公室 are not drafting divisions: they are review roles.
DIVISIONS = [
    ("综合处", "zonghe", 10),
    ("法规处", "fagui", 20),
    ("大气处", "daqi", 30),
    ("水处", "shui", 40),
    ("海洋处", "haiyang", 50),
    ("土壤处", "turang", 60),
    ("环评处", "huanping", 70),
    ("执法处", "zhifa", 80),
    ("监信处", "jianxin", 90),
]

# name, slug, description, sort order.
TOPICS = [
    ("大气环境", "daqi", "细颗粒物与臭氧协同控制、挥发性有机物治理、移动源污染防治。", 10),
    ("水环境", "shui", "河湖水质、入河入海排污口、饮用水水源保护、美丽河湖建设。", 20),
    ("土壤与固废", "turang-gufei", "建设用地土壤风险管控、固体废物贮存和利用处置。", 30),
    ("海洋环境", "haiyang", "近岸海域污染防治、海洋工程生态环境保护。", 40),
    ("环评与排污许可", "huanping", "建设项目环境影响评价、排污许可证核发与证后监管。", 50),
    ("执法监督", "zhifa", "生态环境行政执法、处罚裁量、执法公示。", 60),
    ("政务公开", "zhengwu", "政务公开工作安排、政府信息公开年度报告。", 70),
]

# 涉企精准推送: the industries and regions businesses subscribe by.
INDUSTRIES = ["化工", "印染", "电镀", "造纸", "制药", "火电", "建材", "涉VOCs工业涂装"]
REGIONS = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"]

DEPARTMENT = "浙江省生态环境厅"

# key, name, position, affiliation, role.
PEOPLE = [
    ("director", "周海川", "厅长", DEPARTMENT, Person.Role.FIRST_INTERPRETER),
    ("deputy", "沈一鸣", "副厅长", DEPARTMENT, Person.Role.LEADER),
    ("daqi_head", "林晓峰", "大气处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("shui_head", "何静", "水处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("turang_head", "吴建平", "土壤处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("huanping_head", "陆文涛", "环评处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("zhifa_head", "郑一凡", "执法处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("haiyang_head", "叶青", "海洋处处长", DEPARTMENT, Person.Role.DIVISION_HEAD),
    ("law_expert", "钱思远", "教授、环境法研究中心主任", "浙东环境政策研究院（虚构）", Person.Role.EXPERT),
    ("marine_expert", "孙若兰", "研究员", "东海海洋生态研究所（虚构）", Person.Role.EXPERT),
]
