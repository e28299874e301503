"""Admin forms and views for the office's actions after publication."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from . import actions

# --- forms -----------------------------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("请填写理由。")},
    )

    def __init__(self, *args, page=None, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if help_text:
            self.fields["reason"].help_text = help_text


class ConfirmForm(forms.Form):
    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)


class SupersedeForm(forms.Form):
    replacement = forms.ModelChoiceField(
        label=gettext_lazy("替代页面"),
        queryset=Page.objects.none(),
        help_text=gettext_lazy("只能选择已发布的同类页面；原网址将永久重定向到这里。"),
        error_messages={
            "required": gettext_lazy("请选择替代页面。"),
            "invalid_choice": gettext_lazy("替代页面必须是已发布的同类页面。"),
        },
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        model = actions.family(page)
        field = self.fields["replacement"]
        field.queryset = Page.objects.filter(pk__in=actions.published_of_family(model).values("pk")).exclude(pk=page.pk)
        field.widget = AdminPageChooser(target_models=[model])


def forbidden(request):
    context = {"page_title": _("没有权限"), "header_title": _("没有权限")}
    return TemplateResponse(request, "editorial/actions/forbidden.html", context, status=403)


# --- views -----------------------------------------------------------------------------------------------------


class PageActionView(WagtailAdminTemplateMixin, FormView):
    """A form for one office action on one page; only the office and superusers may open it."""

    form_class = ReasonForm
    template_name = "editorial/actions/form.html"
    header_icon = "doc-empty-inverse"
    page_title = ""
    submit_label = gettext_lazy("确定")
    success_message = ""
    reason_label = None
    reason_help = None

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = actions.current(get_object_or_404(Page, pk=page_id))
        if self.page is None:
            raise Http404
        if not actions.is_office(request.user):
            # Answer 403 here: a PermissionDenied would become Wagtail's redirect to the dashboard.
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.page_title},
        ]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["page"] = self.page
        if self.form_class is ReasonForm:
            kwargs.update(label=self.reason_label, help_text=self.reason_help)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            edit_url=self.edit_url,
            submit_label=self.submit_label,
            action_url=self.request.path,
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            self.success_message % {"title": self.page.get_admin_display_title()},
            buttons=[messages.button(self.edit_url, _("编辑"))],
        )
        return redirect(self.edit_url)

    def act(self, data):
        raise NotImplementedError


class ForcePublishView(PageActionView):
    template_name = "editorial/actions/force_publish.html"
    page_title = gettext_lazy("紧急发布")
    submit_label = gettext_lazy("立即发布")
    reason_label = gettext_lazy("紧急发布理由")
    reason_help = gettext_lazy("必填。发布后页面标记为“未经审核发布”，须由另一位同事确认审核。")
    success_message = gettext_lazy("已紧急发布“%(title)s”，标记为未经审核发布。")

    def act(self, data):
        self.page = actions.force_publish(self.page, self.request.user, data["reason"])


class MarkReviewedView(PageActionView):
    form_class = ConfirmForm
    template_name = "editorial/actions/mark_reviewed.html"
    page_title = gettext_lazy("确认已审核")
    submit_label = gettext_lazy("确认已审核")
    success_message = gettext_lazy("已确认“%(title)s”审核通过，取消“未经审核发布”标记。")

    def get_context_data(self, **kwargs):
        entry = actions.last_force_publish(self.page)
        return super().get_context_data(force_publish_entry=entry, **kwargs)

    def act(self, data):
        self.page = actions.mark_reviewed(self.page, self.request.user)


class WithdrawView(PageActionView):
    template_name = "editorial/actions/withdraw.html"
    page_title = gettext_lazy("撤回")
    submit_label = gettext_lazy("撤回")
    reason_label = gettext_lazy("撤回说明")
    reason_help = gettext_lazy("必填，将在页面上向公众显示。")
    success_message = gettext_lazy("已撤回“%(title)s”。")

    def act(self, data):
        self.page = actions.withdraw(self.page, self.request.user, data["reason"])


class RemoveView(PageActionView):
    template_name = "editorial/actions/remove.html"
    page_title = gettext_lazy("错误发布删除")
    submit_label = gettext_lazy("删除")
    reason_label = gettext_lazy("删除原因")
    reason_help = gettext_lazy("必填，仅内部可见，不向公众显示。")
    success_message = gettext_lazy("已将“%(title)s”作为错误发布删除，原网址返回“页面已删除”（410）。")

    def act(self, data):
        self.page = actions.remove_in_error(self.page, self.request.user, data["reason"])


class SupersedeView(PageActionView):
    form_class = SupersedeForm
    template_name = "editorial/actions/supersede.html"
    page_title = gettext_lazy("替代并重定向")
    submit_label = gettext_lazy("替代")
    success_message = gettext_lazy("“%(title)s”已被替代，原网址永久重定向到替代页面。")

    def act(self, data):
        self.page = actions.supersede(self.page, self.request.user, data["replacement"])
