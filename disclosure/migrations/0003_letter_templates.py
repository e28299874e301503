"""The letters' default wording, one template per kind, each with the article it rests on; the office edits them.

Articles cited: 《中华人民共和国政府信息公开条例》 (国务院令第711号) 第三十条 (补正), 第三十二条 (第三方意见), 第三十三条
第二款 (延期), 第三十六条 (答复的七种情形), 第三十七条 (部分公开); the remedies: 《中华人民共和国行政复议法》 (2023年修订)
第二十条 (自知道该行政行为之日起六十日内申请行政复议), 《中华人民共和国行政诉讼法》 第四十六条 (直接起诉的，六个月内);
a provincial department's acts are reviewed by the provincial people's government.
"""

from django.db import migrations

REGULATION = "《中华人民共和国政府信息公开条例》"
AGENCY = "浙江省生态环境厅"
OPENING = (
    "{申请人}：\n"
    "本机关于{收到申请日期}收到您（单位）提出的政府信息公开申请（申请编号：{申请编号}），"
    "申请获取“{所需信息}”。"
)
REMEDIES = (
    "如对本答复不服，可以自收到本告知书之日起六十日内向浙江省人民政府申请行政复议"
    "（《中华人民共和国行政复议法》第二十条），或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十六条）。"
)
CLOSING = f"\n{AGENCY}\n{{告知日期}}"
ANSWER = "政府信息公开申请答复告知书"


def answer(text):
    return f"{OPENING}\n{text}\n{REMEDIES}{CLOSING}"


TEMPLATES = [
    (
        "already_public",
        ANSWER,
        answer(
            "经审查，您（单位）申请获取的政府信息已经主动公开。根据{法律依据}的规定，现告知您（单位）获取该政府信息的"
            "方式和途径：{说明}"
        ),
        f"{REGULATION}第三十六条第（一）项",
    ),
    (
        "disclosed",
        ANSWER,
        answer(
            "经审查，您（单位）申请获取的政府信息属于公开范围。根据{法律依据}的规定，本机关决定予以公开，"
            "现向您（单位）提供该政府信息，或者告知获取该政府信息的方式、途径和时间：{说明}"
        ),
        f"{REGULATION}第三十六条第（二）项",
    ),
    (
        "partly",
        ANSWER,
        answer(
            "经审查，您（单位）申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。"
            "根据{法律依据}的规定，本机关向您（单位）提供可以公开的政府信息内容，并对不予公开的内容说明理由：{说明}"
        ),
        f"{REGULATION}第三十七条",
    ),
    (
        "withheld",
        ANSWER,
        answer(
            "经审查，您（单位）申请获取的政府信息属于不予公开的情形（{具体情形}）。根据{法律依据}和第三十六条第（三）项"
            "的规定，本机关决定不予公开。理由如下：{说明}"
        ),
        f"{REGULATION}第三十六条第（三）项",
    ),
    (
        "unavailable",
        ANSWER,
        answer(
            "经审查，本机关无法提供您（单位）申请获取的政府信息（{具体情形}）。根据{法律依据}的规定，现告知如下：{说明}"
        ),
        f"{REGULATION}第三十六条第（四）项、第（五）项，第三十八条",
    ),
    (
        "not_processed",
        ANSWER,
        answer("经审查，您（单位）的申请属于{具体情形}的情形。根据{法律依据}的规定，本机关不予处理。{说明}"),
        f"{REGULATION}第三十五条、第三十六条第（六）项、第三十九条",
    ),
    (
        "other",
        ANSWER,
        answer("经审查，您（单位）的申请按以下情形处理：{具体情形}。根据{法律依据}的规定，现告知如下：{说明}"),
        f"{REGULATION}第三十条、第四十二条",
    ),
    (
        "correction_requested",
        "政府信息公开申请补正告知书",
        f"{OPENING}\n"
        f"经审查，您（单位）的申请内容不明确。根据{REGULATION}第三十条的规定，请对以下事项作出补正：{{说明}}\n"
        "请于{补正期限}前提交补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
        f"本机关不再处理该政府信息公开申请。{CLOSING}",
        f"{REGULATION}第三十条",
    ),
    (
        "extended",
        "政府信息公开申请延期答复告知书",
        f"{OPENING}\n"
        "本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，"
        f"根据{REGULATION}第三十三条第二款的规定，答复期限延长{{延长工作日数}}个工作日，本机关将于{{答复期限}}前"
        f"作出答复。{{说明}}{CLOSING}",
        f"{REGULATION}第三十三条第二款",
    ),
    (
        "consult_third_party",
        "政府信息公开第三方意见征询函",
        "__________：\n"
        "本机关收到政府信息公开申请（申请编号：{申请编号}），申请获取“{所需信息}”。该政府信息公开可能损害你方合法"
        f"权益。根据{REGULATION}第三十二条的规定，现书面征求你方意见。\n"
        "请自收到本函之日起15个工作日内提出意见；逾期未提出意见的，由本机关依照该条例的规定决定是否公开。"
        "你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        f"并将决定公开的政府信息内容和理由书面告知你方。{{说明}}{CLOSING}",
        f"{REGULATION}第三十二条",
    ),
]


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("disclosure", "LetterTemplate")
    for kind, title, body, basis in TEMPLATES:
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"title": title, "body": body, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_letters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
