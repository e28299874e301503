"""The editor guide (编辑使用指南): one admin page in Chinese, which the help menu links to instead of Wagtail's."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

URL_NAME = "editorial_guide"


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Every signed-in editor may read it: it tells each role what to do, and holds nothing confidential."""

    page_title = _("编辑使用指南")
    header_icon = "help"
    template_name = "editorial/guide/guide.html"
