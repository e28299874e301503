"""The 政府信息公开 platform under the home page (/xxgk/), with its four columns, created once.

`ensure_platform` is what `manage.py setup_disclosure_platform` and the demo run. It creates only what is missing
(found again by type and slug), so pages the office has edited, moved or unpublished are left as they are.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Site
from wagtail.rich_text import RichText

from .models import (
    AnnualReportIndexPage,
    DisclosureGuidePage,
    DisclosurePlatformPage,
    DisclosureSectionLink,
    DisclosureSectionPage,
)

SLUG = "xxgk"

# 法定主动公开内容 (第二十条) held elsewhere on the site: (title, address, what it holds).
PROACTIVE_LINKS = [
    (_("规章和行政规范性文件"), "/zhengce/?normative=1", _("第二十条第（一）项：规章和规范性文件")),
    (_("现行有效的政策文件"), "/zhengce/?validity=in_force", _("施行中的政策文件；已废止、失效的另有标注")),
    (_("政策文件库"), "/zhengce/", _("全部政策文件，可按主题、年份、有效性筛选")),
    (_("政策解读"), "/jiedu/", _("政策文件的解读材料")),
    (_("意见征集"), "/zhengqiu/", _("征求意见的文件草案及意见采纳情况反馈")),
    (_("新闻发布"), "/xinwen/", _("新闻发布会和工作动态")),
]
# 政府信息公开制度: the rules the work follows, named in the column's text (the office adds its own and links).
RULES = _(
    "<ul><li>《中华人民共和国政府信息公开条例》（国务院令第711号，2019年5月15日起施行）</li>"
    "<li>《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）</li>"
    "<li>《国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知》（国办公开办函〔2019〕61号）</li>"
    "<li>《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）</li></ul>"
)
RULES_LINKS = [
    (_("政府信息公开指南"), DisclosureGuidePage, _("依申请公开的办理流程、期限和受理机构")),
    (_("在线申请政府信息公开"), "/yishenqing/", _("无需注册，提交后凭申请编号和查询码查询进度")),
]

# (slug, page type, title, intro, body, links: (title, an address or the page type of the page linked, description))
COLUMNS = [
    (
        "zhinan",
        DisclosureGuidePage,
        _("政府信息公开指南"),
        _("如何获取本厅的政府信息：主动公开的查阅途径，依申请公开的办理流程、期限和受理机构。"),
        "",
        [],
    ),
    (
        "zhidu",
        DisclosureSectionPage,
        _("政府信息公开制度"),
        _("本厅政府信息公开工作遵循的法规、规章和工作制度。"),
        RULES,
        RULES_LINKS,
    ),
    (
        "fdzdgknr",
        DisclosureSectionPage,
        _("法定主动公开内容"),
        _("《中华人民共和国政府信息公开条例》第二十条规定应当主动公开的政府信息，按类别链接到本站相应栏目。"),
        "",
        PROACTIVE_LINKS,
    ),
    (
        "ndbg",
        AnnualReportIndexPage,
        _("政府信息公开年报"),
        _("本厅每年1月31日前公布上一年度政府信息公开工作年度报告（第四十九条、第五十条）。"),
        "",
        [],
    ),
]


def _link(title, target, description):
    if isinstance(target, str):
        return DisclosureSectionLink(title=title, url=target, description=description)
    return DisclosureSectionLink(title=title, page=target.objects.first(), description=description)


def _home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        # The site shell (beside this app) makes the home page through its hook.
        for ensure_site_tree in hooks.get_hooks("ensure_site_tree"):
            ensure_site_tree()
        site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page


@transaction.atomic
def ensure_platform():
    """Create what is missing of the platform and its columns; return (the root, the pages created)."""
    created = []
    root = DisclosurePlatformPage.objects.first()
    if root is None:
        root = _home().add_child(
            instance=DisclosurePlatformPage(
                title=_("政府信息公开"),
                slug=SLUG,
                live=True,
                intro=_("根据《中华人民共和国政府信息公开条例》集中发布本厅主动公开的政府信息，并提供依申请公开服务。"),
            )
        )
        created.append(root)
    for slug, model, title, intro, body, links in COLUMNS:
        if root.get_children().filter(slug=slug).exists() or (model.max_count == 1 and model.objects.exists()):
            continue
        page = model(title=title, slug=slug, live=True, intro=intro)
        if body:
            page.body = [("paragraph", RichText(str(body)))]
        if links:
            page.links = [_link(*link) for link in links]
        root.add_child(instance=page)
        created.append(page)
    return root, created
