"""Admin hooks of the consultations: the section, its review, the period warning, the comments' admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core.cache_tags import TIMED_CHANGES_HOOK

from . import deletion, surface
from .answers.permissions import CommentPermissionPolicy
from .answers.viewsets import CommentViewSet
from .models import Comment, ConsultationIndexPage, ConsultationPage
from .site_tree import ensure_consultation_index

register_permission_policy(Comment, CommentPermissionPolicy(Comment))


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return CommentViewSet()


@hooks.register("editorial_review_sections")
def consultation_review_section(create=True):
    """The consultations section (made when `create`): it gets the review workflow and the roles' permissions."""
    page = ensure_consultation_index() if create else ConsultationIndexPage.objects.first()
    return {"consultations": page} if page is not None else {}


def _warn_about_period(request, page):
    specific = page.specific
    if isinstance(specific, ConsultationPage):
        warning = specific.get_latest_revision_as_object().period_warning()
        if warning:
            messages.warning(request, warning)


def _refuse_deletion(request, pages, then):
    message = deletion.refusal(pages)
    if message:
        messages.error(request, message)
        return redirect(then)
    return None


@hooks.register("before_delete_page")
def keep_comments(request, page):
    """The delete view (asked before its confirmation page too): see consultations.deletion."""
    return _refuse_deletion(request, [page], reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_bulk_action")
def keep_comments_in_bulk(request, action_type, objects, action_view):
    """The bulk delete of a page listing: nothing of the selection is deleted when one of them holds comments."""
    if action_type == "delete" and issubclass(action_view.model, Page):
        return _refuse_deletion(request, objects, action_view.next_url)
    return None


@hooks.register("construct_admin_api")
def keep_comments_through_the_api(router):
    router.register_endpoint("pages", deletion.GuardedPagesAdminAPIViewSet)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_period(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_period(request, page)


# Whoever builds the site tree (setup_roles, the importers, the demo) builds this section too.
hooks.register("ensure_site_tree", ensure_consultation_index)

# The home page shows the consultations open now; the page cache learns when one opens or closes.
hooks.register("home_page_sections", surface.home_section)
hooks.register(TIMED_CHANGES_HOOK, surface.timed_changes)


@hooks.register("policy_consultations")
def consultations_of_policy(policy):
    """The public consultations whose final document `policy` is, for the document's page to link back."""
    from django.db.models import Exists, OuterRef

    from .models import FeedbackReportPage

    reports = FeedbackReportPage.objects.published().filter(consultation=OuterRef("pk"))
    return list(
        ConsultationPage.objects.published()
        .filter(final_policy=policy)
        .annotate(report_is_published=Exists(reports))
        .order_by("opens_at")
    )


@hooks.register("register_page_header_buttons")
def consultation_header_buttons(page, user, view_name, next_url=None):
    """From a consultation's admin pages: its comments, and its feedback report once it may be written."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.admin.ui.menus import MenuItem

    from .models import FeedbackReportPage

    if not isinstance(page.specific_deferred, ConsultationPage):
        return []
    items = []
    if user.has_perm("consultations.view_comment") or user.has_perm("consultations.change_comment"):
        url = reverse("consultation_comments:index") + f"?consultation={page.pk}"
        items.append(MenuItem(_("公众意见与答复"), url, icon_name="comment", priority=80))
    if FeedbackReportPage.can_create_at(page) and page.permissions_for_user(user).can_add_subpage():
        url = reverse("wagtailadmin_pages:add", args=["consultations", "feedbackreportpage", page.pk])
        items.append(MenuItem(_("撰写意见采纳情况反馈"), url, icon_name="doc-full", priority=81))
    return items


# Following by e-mail (subscriptions/, above this app) asks what the consultations' list is called.
@hooks.register("describe_follow_list")
def describe_follow_list(kind, value):
    return gettext_lazy("新的意见征集") if kind == "consultations" else None
