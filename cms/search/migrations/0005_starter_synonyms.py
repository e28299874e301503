"""The starter synonyms: the department's common abbreviations and their full names, editable in the admin.

Only true equivalences (a citizen typing one means the other). A group is added only when none of its terms is
in a group already, so a group staff made or edited is never overwritten, and one they deleted stays deleted
(the migration runs once). Undoing it removes only starter groups nobody changed.
"""

from django.db import migrations

NOTE = "初始同义词"

STARTER_GROUPS = [
    "环评、环境影响评价",
    "环评法、环境影响评价法",
    "排污证、排污许可证",
    "蓝天保卫战、大气污染防治",
    "碧水保卫战、水污染防治",
    "净土保卫战、土壤污染防治",
    "双随机、双随机一公开",
    "环保督察、生态环境保护督察、环境保护督察",
    "危废、危险废物",
    "固废、固体废物",
    "医废、医疗废物",
    "机动车尾气、机动车排气",
    "噪声、噪音",
    "双碳、碳达峰碳中和",
    "碳交易、碳排放权交易",
    "三线一单、生态环境分区管控",
    "河湖长制、河长制湖长制",
    "生态红线、生态保护红线",
    "饮用水源、饮用水水源",
    "污水厂、污水处理厂",
    "环保税、环境保护税",
    "环保法、环境保护法",
    "大气法、大气污染防治法",
    "水污染法、水污染防治法",
    "土壤法、土壤污染防治法",
    "固废法、固体废物污染环境防治法",
    "生态损害赔偿、生态环境损害赔偿",
    "环境应急预案、突发环境事件应急预案",
    "vocs、挥发性有机物",
    "pm2.5、细颗粒物",
    "pm10、可吸入颗粒物",
    "o3、臭氧",
    "so2、二氧化硫",
    "nox、氮氧化物",
    "cod、化学需氧量",
]


def _terms(text):
    return [term for term in text.split("、") if term]


def add_starter_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("cms_search", "SynonymGroup")
    taken = set()
    for group in SynonymGroup.objects.all():
        taken.update(term.strip().lower() for term in group.terms.replace("，", "、").replace(",", "、").split("、"))
    for text in STARTER_GROUPS:
        terms = _terms(text)
        if not taken.intersection(terms):
            SynonymGroup.objects.create(terms=text, note=NOTE)
            taken.update(terms)


def remove_unchanged_starter_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("cms_search", "SynonymGroup")
    SynonymGroup.objects.filter(note=NOTE, terms__in=STARTER_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0004_database_word_index")]

    operations = [migrations.RunPython(add_starter_groups, remove_unchanged_starter_groups)]
