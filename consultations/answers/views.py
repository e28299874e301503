"""Answering comments in the admin: one comment, or several similar ones together, with optimistic locking.

Each form carries the version of every comment it shows; saving writes only the comments still at that version,
all or none (``CommentQuerySet.answer``). A comment someone else answered meanwhile is named in the refusal, with
who answered and when, and the form shows the current answer: saving again is then a deliberate choice.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import Comment, StaleAnswer
from .forms import AnswerForm
from .permissions import comments_for, may_answer

INDEX_URL = "consultation_comments:index"


def answering_refusal(comments, now=None):
    """Return why `comments` cannot be answered now, or "" if they can."""
    now = now or timezone.now()
    for consultation in {comment.consultation for comment in comments}:
        if consultation.closes_at > now:
            return _("“%(title)s”的征求意见尚未截止，截止后才能答复。") % {"title": consultation.title}
        if any(report.locks_answers for report in consultation.reports.all()):
            return _("“%(title)s”的意见采纳情况反馈已提交审核或已发布，答复已锁定。") % {"title": consultation.title}
    return ""


def stale_message(comment):
    return _(
        "未保存：回执编号 %(receipt)s 的意见在您打开本页之后已由 %(user)s 于 %(time)s 答复为“%(answer)s”。"
        "下面显示的是最新的答复；如确认以您的答复为准，请再次提交。"
    ) % {
        "receipt": comment.receipt,
        "user": get_user_display_name(comment.answered_by) if comment.answered_by else _("其他用户"),
        "time": timezone.localtime(comment.answered_at).strftime("%Y-%m-%d %H:%M:%S") if comment.answered_at else "",
        "answer": comment.get_answer_display(),
    }


class AnswerView(WagtailAdminTemplateMixin, FormView):
    """Answer the comments given by `pk` (one) or by `?id=` (several, each can be unticked)."""

    form_class = AnswerForm
    template_name = "consultations/answers/answer.html"
    header_icon = "comment"
    page_title = gettext_lazy("答复意见")
    _show_breadcrumbs = True

    def dispatch(self, request, pk=None, *args, **kwargs):
        ids = [pk] if pk is not None else [int(i) for i in request.GET.getlist("id") if i.isdigit()]
        self.comments = list(
            comments_for(request.user)
            .filter(pk__in=ids)
            .select_related("consultation", "answered_by")
            .prefetch_related("consultation__reports")
        )
        if not self.comments:
            raise Http404
        if not all(may_answer(request.user, comment) for comment in self.comments):
            context = {"page_title": _("没有权限"), "header_title": _("没有权限")}
            return TemplateResponse(request, "consultations/answers/forbidden.html", context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(INDEX_URL), "label": _("公众意见")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        first = self.comments[0]
        if len(self.comments) == 1 and first.is_answered:
            return {"answer": first.answer, "reason": first.reason, "internal_note": first.internal_note}
        return {"moderation": first.moderation} if len(self.comments) == 1 else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            comments=self.comments,
            refusal=answering_refusal(self.comments),
            index_url=reverse(INDEX_URL),
            **kwargs,
        )

    def chosen(self):
        """Return [(id, version)] of the comments ticked in the post (every one shown, for a single comment)."""
        shown = {comment.pk for comment in self.comments}
        chosen = []
        for value in self.request.POST.getlist("comment"):
            pk, _sep, version = value.partition(":")
            if pk.isdigit() and version.isdigit() and int(pk) in shown:
                chosen.append((int(pk), int(version)))
        return chosen

    def form_valid(self, form):
        refusal = answering_refusal(self.comments)
        if refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        chosen = self.chosen()
        if not chosen:
            form.add_error(None, _("请至少勾选一条意见。"))
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            count = Comment.objects.answer(
                chosen,
                data["answer"],
                data["reason"],
                data["internal_note"].strip(),
                self.request.user,
                moderation=data.get("moderation") or None,
            )
        except StaleAnswer as stale:
            form.add_error(None, stale_message(stale.comment))
            # The form now shows the current versions and answers: submitting again overwrites knowingly.
            self.comments = [
                fresh
                for fresh in Comment.objects.filter(pk__in=[c.pk for c in self.comments])
                .select_related("consultation", "answered_by")
                .prefetch_related("consultation__reports")
            ]
            return self.form_invalid(form)
        messages.success(self.request, _("已答复 %(count)s 条意见。") % {"count": count})
        return redirect(self.request.GET.get("next") or reverse(INDEX_URL))
