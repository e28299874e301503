"""The citizen's comment: the form (not a Wagtail page, never in the page cache) and its post.

The consultation's page is served to everyone from the page cache, so it carries no form and no CSRF token: it
links here (`?tiao=N` for an article). A post is refused, saving nothing, when the period is over by the server's
clock at that moment, when the client posts too often (cms.security's counters), when the hidden field is filled in,
or when the same text came from the same client within the window (also when both posts arrive at the same moment:
Comment.objects.receive). A comment is saved in its own transaction before the receipt (回执编号) is shown.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.security.clients import client_ip
from cms.security.rate_limit import hit

from .forms import CommentForm
from .models import Comment, ConsultationPage, DuplicateComment
from .models.comments import client_key

RATE_BUCKET = "consultation-comment"


def _render(request, page, template, status=200, **context):
    return render(request, template, {"page": page, "consultation": page, **context}, status=status)


def _initial_article(request, articles):
    number = request.GET.get("tiao", "")
    return int(number) if number.isdigit() and int(number) in articles else ""


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment(request, page_id):
    page = get_object_or_404(ConsultationPage.objects.openable(), pk=page_id)
    now = timezone.now()
    articles = page.articles()
    if not page.accepts_comments(now):
        # The form is gone once the period is over; a post after the close saves nothing.
        return _render(
            request, page, "consultations/comment_closed.html", status=403 if request.method == "POST" else 200
        )
    if request.method != "POST":
        form = CommentForm(articles=articles, initial={"article": _initial_article(request, articles)})
        return _render(request, page, "consultations/comment_form.html", form=form)

    limit, window = settings.ZHENGCE_CONSULTATION_COMMENT_RATE
    wait = hit(RATE_BUCKET, client_ip(request), limit, window)
    if wait:
        message = _("您提交意见过于频繁，请 %(minutes)s 分钟后再试。已提交的意见不受影响。") % {
            "minutes": max(1, round(wait / 60))
        }
        response = _render(request, page, "consultations/comment_refused.html", status=429, message=message)
        response.headers["Retry-After"] = str(wait)
        return response

    form = CommentForm(request.POST, articles=articles)
    if not form.is_valid():
        return _render(request, page, "consultations/comment_form.html", status=400, form=form)
    if form.is_robot():
        message = _("提交未能完成，请刷新页面后重新填写。")
        return _render(request, page, "consultations/comment_refused.html", status=400, message=message)
    try:
        saved = Comment.objects.receive(
            page,
            client_key(client_ip(request)),
            form.cleaned_data["text"],
            article=form.cleaned_data["article"],
            name=form.cleaned_data["name"].strip(),
            contact=form.cleaned_data["contact"].strip(),
            created_at=now,
        )
    except DuplicateComment:
        form.add_error("text", _("您已经提交过相同内容的意见，无需重复提交。"))
        return _render(request, page, "consultations/comment_form.html", status=409, form=form)
    return _render(request, page, "consultations/comment_received.html", comment=saved)
