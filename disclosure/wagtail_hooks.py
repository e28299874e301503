"""Admin hooks of the requests for disclosure: views, menu, dashboard panel, the roles' permissions, the audit log."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, dashboard, letter_files, surface
from .access import HANDLE_ASSIGNED, MANAGE, VIEW_ALL
from .models import LetterTemplate
from .models.codes import EventKind
from .views import admin as views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("disclosure/", views.index, name="disclosure_admin_index"),
        path("disclosure/new/", views.register, name="disclosure_admin_register"),
        path("disclosure/export.csv", views.export, name="disclosure_admin_export"),
        path("disclosure/<int:pk>/", views.detail, name="disclosure_admin_detail"),
        path("disclosure/<int:pk>/steps/<str:kind>/", views.step, name="disclosure_admin_step"),
        path("disclosure/<int:pk>/scans/", views.add_scan, name="disclosure_admin_add_scan"),
        path(
            "disclosure/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="disclosure_admin_attachment"
        ),
        *(
            path(
                f"disclosure/<int:pk>/letters/<slug:step>.{extension}",
                views.letter,
                {"extension": extension},
                name=f"disclosure_admin_letter_{extension}",
            )
            for extension in letter_files.FORMATS
        ),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RequestsMenuItem(
        _("依申请公开"), reverse("disclosure_admin_index"), name="disclosure", icon_name="mail", order=250
    )


# The roles table lives in cms.editorial (above this app): it asks for what the roles need here. Roles by name.
@hooks.register("register_role_permissions")
def role_permissions():
    return {
        # The office keeps the letters' wording and the guide's contact details (Settings → 政府信息公开工作机构).
        "办公室": (
            MANAGE,
            "disclosure.change_lettertemplate",
            "disclosure.view_disclosureoffice",
            "disclosure.change_disclosureoffice",
        ),
        "法规处审核": (VIEW_ALL,),
        "起草处室编辑-{division}": (HANDLE_ASSIGNED,),
    }


class AttentionPanel(Component):
    """The requests that need attention, for whoever has a part in them (only the requests they may see)."""

    name = "disclosure_attention"
    template_name = "disclosure/admin/panel.html"
    order = 240

    def render_html(self, parent_context=None):
        if not access.may_use(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        found = dashboard.buckets(access.visible_requests(user), timezone.localdate())
        return {
            "groups": [(name, dashboard.BUCKET_LABELS[name], rows) for name, rows in found.items() if rows],
            "index_url": reverse("disclosure_admin_index"),
        }


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    panels.append(AttentionPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("disclosure.viewed", _("查看申请"), _("查看了申请及申请人信息"))
    actions.register_action("disclosure.exported", _("导出申请"), _("导出了申请清单（CSV）"))
    actions.register_action("disclosure.scan_added", _("添加扫描件"), _("添加了扫描件"))
    actions.register_action("disclosure.letter_downloaded", _("下载告知书"), _("下载了告知书"))
    actions.register_action("disclosure.mail_failed", _("邮件发送失败"), _("给申请人的邮件发送失败"))
    actions.register_action("disclosure.anonymised", _("匿名化"), _("保存期满，删除了申请人个人信息"))
    for kind in EventKind:
        actions.register_action(f"disclosure.{kind.value}", kind.label, kind.label)


class LetterTemplateViewSet(SnippetViewSet):
    """The office edits the letters' wording (the templates are seeded, one per kind: none is added or deleted)."""

    model = LetterTemplate
    icon = "doc-full"
    menu_label = _("告知书模板")
    list_display = ["kind", "legal_basis", "updated_at"]
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("legal_basis"),
    ]


register_snippet(LetterTemplateViewSet)


# --- the annual report (政府信息公开工作年度报告) -------------------------------------------------------------------


@hooks.register("editorial_review_sections")
def annual_report_section(create=True):
    """The 年报 section (made when `create`): its reports go through the review workflow."""
    from .models import AnnualReportIndexPage

    page = surface.ensure_report_index() if create else AnnualReportIndexPage.objects.first()
    return {"disclosure_reports": page} if page is not None else {}


# The home page links the latest annual report and the 政府信息公开 platform's columns (home never imports this app).
hooks.register("home_page_sections", surface.report_home_section)
hooks.register("home_page_sections", surface.platform_home_section)


class ReportDeadlinePanel(Component):
    """Tells the office that last year's report is past its deadline (第四十九条: by 31 January) and unpublished."""

    name = "disclosure_report_deadline"
    template_name = "disclosure/admin/report_deadline_panel.html"
    order = 230

    def __init__(self, year):
        self.year = year

    def get_context_data(self, parent_context=None):
        from .models.annual.page import publication_deadline

        return {"year": self.year, "deadline": publication_deadline(self.year)}


@hooks.register("construct_homepage_panels")
def add_report_deadline_panel(request, panels):
    if access.is_office(request.user):
        year = surface.overdue_report_year()
        if year is not None:
            panels.append(ReportDeadlinePanel(year))
