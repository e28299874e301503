"""The comments' admin (意见征集 → 公众意见): a listing with filters and CSV export, and the answer views."""

import django_filters
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..models import Answer, Comment, ConsultationPage
from .permissions import comments_for
from .views import AnswerView

# The most comments one group answer shows at once.
GROUP_LIMIT = 100


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("征求意见"), queryset=ConsultationPage.objects.order_by("-opens_at"), empty_label=_("全部")
    )
    article = django_filters.NumberFilter(label=_("条号"), help_text=_("0 表示针对全文"), method="filter_article")
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("unanswered", _("待答复")), ("answered", _("已答复"))],
        method="filter_state",
        empty_label=_("全部"),
    )
    answer = django_filters.ChoiceFilter(label=_("答复"), choices=Answer.choices, empty_label=_("全部"))

    class Meta:
        model = Comment
        fields = []

    def filter_article(self, queryset, name, value):
        return queryset.filter(article__isnull=True) if value == 0 else queryset.filter(article=value)

    def filter_state(self, queryset, name, value):
        return queryset.unanswered() if value == "unanswered" else queryset.answered()


class AnswerColumn(Column):
    def get_value(self, instance):
        return instance.get_answer_display() if instance.answer else _("待答复")


class ExcerptColumn(Column):
    def get_value(self, instance):
        return Truncator(instance.text).chars(40)


# A cell starting with one of these is a formula to a spreadsheet: what a citizen typed must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CommentIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    def get_base_queryset(self):
        return comments_for(self.request.user).select_related("consultation", "answered_by")

    @property
    def group_answer_url(self):
        unanswered = self.get_queryset().unanswered().values_list("pk", flat=True)[:GROUP_LIMIT]
        ids = list(unanswered)
        if not ids:
            return ""
        query = urlencode([("id", pk) for pk in ids] + [("next", self.request.get_full_path())])
        return f"{reverse('consultation_comments:answer_group')}?{query}"

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("change") and (url := self.group_answer_url):
            buttons.append(HeaderButton(_("一并答复筛选出的待答复意见"), url=url, icon_name="comment"))
        return buttons


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "consultation_comments"
    url_prefix = "consultations/comments"
    icon = "comment"
    menu_label = _("公众意见")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        TitleColumn("receipt", label=_("回执编号"), url_name="consultation_comments:edit"),
        Column("consultation", label=_("征求意见")),
        Column("article_label", label=_("条")),
        ExcerptColumn("text", label=_("意见内容")),
        DateColumn("created_at", label=_("提交时间")),
        AnswerColumn("answer", label=_("答复")),
    ]
    list_export = [
        "receipt",
        "consultation",
        "article_label",
        "text",
        "name",
        "contact",
        "created_local",
        "get_answer_display",
        "reason",
        "internal_note",
        "answered_by",
        "answered_local",
    ]
    export_headings = {
        "receipt": _("回执编号"),
        "consultation": _("征求意见"),
        "article_label": _("条"),
        "text": _("意见内容"),
        "name": _("姓名"),
        "contact": _("联系方式"),
        "created_local": _("提交时间"),
        "get_answer_display": _("答复"),
        "reason": _("理由"),
        "internal_note": _("内部备注"),
        "answered_by": _("答复人"),
        "answered_local": _("答复时间"),
    }
    export_filename = "consultation-comments"
    ordering = ["-created_at"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            export_headings=self.export_headings, default_ordering="-created_at", **kwargs
        )

    def get_urlpatterns(self):
        # Comments come from citizens only and are never deleted: no add, delete or copy views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("answer/<int:pk>/", AnswerView.as_view(), name="edit"),
            path("answer/", AnswerView.as_view(), name="answer_group"),
        ]
