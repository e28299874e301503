"""The publicity center's screen of a page (新媒体): the exports from its live revision and its 新媒体发布记录."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page

from home.models import SiteSettings

from .. import facts
from ..models import EXPORT_NEW_MEDIA, PublicationRecord, perm
from .live import exportable, has_poster, live_version
from .log import log_export
from .poster import poster_png
from .wechat import article_html
from .weibo import weibo_text


def may_export(user):
    return user.is_authenticated and user.is_active and user.has_perm(perm(EXPORT_NEW_MEDIA))


class RecordForm(forms.ModelForm):
    url = forms.URLField(
        label=PublicationRecord._meta.get_field("url").verbose_name,
        help_text=PublicationRecord._meta.get_field("url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = PublicationRecord
        fields = ["platform", "platform_name", "posted_at", "url"]
        widgets = {"posted_at": AdminDateTimeInput()}


class PageMixin(WagtailAdminTemplateMixin):
    header_icon = "globe"

    def dispatch(self, request, page_id, *args, **kwargs):
        if not may_export(request.user):
            # A raised PermissionDenied becomes a redirect to the dashboard in Wagtail's admin: answer 403 here.
            return permission_denied(request, PermissionDenied())
        self.stored = get_object_or_404(Page, pk=page_id).specific
        self.page, self.live = live_version(page_id)
        if self.page is not None and self.page.get_url_parts(request) is None:
            self.page = self.live = None  # outside every site: no address to link to
        if self.page is not None:
            _site_id, self.root_url, path = self.page.get_url_parts(request)
            self.url = self.root_url + path
            self.department = SiteSettings.for_request(request).site_name
            # The title and date as published: the page's row holds the live title, and the publication date is
            # set on the row when the page goes live (its revisions may have none); the body from the revision.
            self.card = facts.card_of(self.page)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.stored.get_admin_display_title()

    def get_breadcrumbs_items(self):
        edit = reverse("wagtailadmin_pages:edit", args=[self.stored.pk])
        return self.breadcrumbs_items + [
            {"url": edit, "label": self.stored.get_admin_display_title()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.page
        context.update(
            stored=self.stored,
            page=page,
            exportable=page is not None and exportable(page),
            has_poster=page is not None and has_poster(page),
            overview_url=reverse("sharing_page", args=[self.stored.pk]),
        )
        return context

    def refuse_draft(self):
        """Nothing but what passed review goes out: a page citizens cannot open has nothing to export."""
        response = self.render_to_response(self.get_context_data(not_live=True))
        response.status_code = 404
        return response


class OverviewView(PageMixin, TemplateView):
    template_name = "sharing/admin/page.html"
    page_title = gettext_lazy("新媒体发布与导出")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RecordForm(initial={"platform": "wechat"}))
        context["records"] = self.stored.new_media_records.select_related("entered_by")
        return context

    def post(self, request, *args, **kwargs):
        form = RecordForm(request.POST, instance=PublicationRecord(page=self.stored, entered_by=request.user))
        if not form.is_valid():
            messages.error(request, _("新媒体发布记录未保存，请改正下面的错误。"))
            return self.render_to_response(self.get_context_data(form=form))
        form.save()
        messages.success(request, _("已登记新媒体发布记录。"))
        return redirect("sharing_page", self.stored.pk)


class DeleteRecordView(PageMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, record_id, **kwargs):
        record = get_object_or_404(PublicationRecord, pk=record_id, page=self.stored)
        record.delete()
        messages.success(request, _("已删除新媒体发布记录。"))
        return redirect("sharing_page", self.stored.pk)


class WechatView(PageMixin, TemplateView):
    template_name = "sharing/admin/wechat.html"
    page_title = gettext_lazy("微信图文")

    def get(self, request, *args, **kwargs):
        if self.page is None or not exportable(self.page):
            return self.refuse_draft()
        image_url = facts.image_url(self.page, self.root_url)
        html = article_html(self.card, self.live.article_parts(), self.url, image_url, self.department)
        log_export(self.page, request.user, "wechat")
        if request.GET.get("download"):
            response = HttpResponse(html, content_type="text/html; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="wechat-{self.page.pk}.html"'
            return response
        return self.render_to_response(self.get_context_data(html=html))


class WeiboView(PageMixin, TemplateView):
    template_name = "sharing/admin/weibo.html"
    page_title = gettext_lazy("微博文案")

    def get(self, request, *args, **kwargs):
        if self.page is None or not exportable(self.page):
            return self.refuse_draft()
        text = weibo_text(self.card, self.live.article_parts(), self.url)
        log_export(self.page, request.user, "weibo")
        return self.render_to_response(self.get_context_data(text=text))


class PosterView(PageMixin, TemplateView):
    template_name = "sharing/admin/page.html"
    page_title = gettext_lazy("一图读懂海报")

    def get(self, request, *args, **kwargs):
        if self.page is None or not has_poster(self.page) or not self.live.poster_images():
            return self.refuse_draft()
        png = poster_png(self.live, self.card, self.url, self.department)
        log_export(self.page, request.user, "poster")
        response = HttpResponse(png, content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="poster-{self.page.pk}.png"'
        return response
