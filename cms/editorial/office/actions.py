"""What the general office (办公室) does with content after publication: 紧急发布, 确认审核, 撤回, 错误发布删除, 替代.

Each function runs in one transaction, checks who acts and what the page allows, and writes an entry to
Wagtail's audit log (shown in the page history) with the reason in the entry's data. A refusal is a
``ValidationError`` with a message for the user; a user outside the office gets ``PermissionDenied``.

The state itself lives in the fields of ``core.publication.PublicationStateMixin``; the querysets of the
content apps read it to keep withdrawn and removed pages out of listings, feeds, the API and search.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, PageLogEntry

from core.publication import PublicationStateMixin, publication_state_changed
from home.models import NewsPage
from interpretations.models import InterpretationPage
from policies.models import PolicyPage

from ..models.permissions import ACT_AS_OFFICE, perm

FORCE_PUBLISH = "editorial.force_publish"
MARK_REVIEWED = "editorial.mark_reviewed"
WITHDRAW = "editorial.withdraw"
REMOVE = "editorial.remove"
SUPERSEDE = "editorial.supersede"

# The page types an office action applies to; a page is replaced only by a page of its own family.
FAMILIES = (PolicyPage, InterpretationPage, NewsPage)


# --- who and what --------------------------------------------------------------------------------------------


def is_office(user):
    """Return whether `user` may take the office's actions: holds editorial.act_as_office (办公室), or a superuser."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(perm(ACT_AS_OFFICE))


def family(page_or_class):
    """Return the base page type (PolicyPage, InterpretationPage or NewsPage) of a page, or None."""
    cls = page_or_class if isinstance(page_or_class, type) else page_or_class.specific_class
    return next((base for base in FAMILIES if cls is not None and issubclass(cls, base)), None)


def current(page):
    """Return the page as stored (its specific class), not as an edit view's latest revision shows it."""
    cls = page.specific_class
    if cls is None or not issubclass(cls, PublicationStateMixin):
        return None
    return cls.objects.filter(pk=page.pk).first()


def published_of_family(model):
    """Return the pages of `model`'s family a citizen may find (what a page may be replaced by)."""
    return family(model).objects.published()


def _check_office(user):
    if not is_office(user):
        raise PermissionDenied(_("只有办公室可以执行此操作。"))


def _check_page(page):
    if not isinstance(page, PublicationStateMixin):
        raise ValidationError(_("此类页面不支持该操作。"))


def _required(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
    return reason


def _update(page, **fields):
    """Write `fields` to the stored page row and to `page`, leaving the rest of the row alone."""
    type(page).objects.filter(pk=page.pk).update(**fields)
    for name, value in fields.items():
        setattr(page, name, value)
    publication_state_changed.send(sender=type(page), page=page)


def last_force_publish(page):
    """Return the log entry of the latest force-publishing of `page`, or None."""
    return PageLogEntry.objects.filter(page_id=page.pk, action=FORCE_PUBLISH).order_by("-timestamp", "-pk").first()


# --- the actions ---------------------------------------------------------------------------------------------


@transaction.atomic
def force_publish(page, user, reason):
    """Publish the latest revision of `page` now, without review, and flag it "未经审核发布".

    An interpretation is published only if at least one document it interprets is published (live, and
    neither withdrawn nor removed; 三同步: an interpretation is never public while its documents are not).
    A page removed in error comes back; a withdrawn page stays withdrawn.
    """
    _check_office(user)
    _check_page(page)
    reason = _required(reason, _("请填写紧急发布的理由。"))
    page = current(page)

    revision = page.latest_revision or page.save_revision(user=user, log_action=False)
    draft = revision.as_object()
    if isinstance(draft, InterpretationPage):
        policy_ids = [link.policy_id for link in draft.policy_links.all()]
        if not PolicyPage.objects.published().filter(pk__in=policy_ids).exists():
            raise ValidationError(
                _("所解读的政策文件尚未发布，不能紧急发布解读。请先发布政策文件，或与文件一同审核发布。")
            )
    if draft.go_live_at and draft.go_live_at > timezone.now():
        # "Now" means now: a scheduled time in the revision would only schedule it again.
        draft.go_live_at = None
        revision = draft.save_revision(user=user, log_action=False, clean=False)

    revision.publish(user=user, skip_permission_checks=True)
    page = current(page)
    _update(page, unreviewed=True, force_publish_reason=reason, removed_at=None)
    log(instance=page, action=FORCE_PUBLISH, user=user, data={"reason": reason}, revision=revision)
    return page


@transaction.atomic
def mark_reviewed(page, user):
    """Record that a force-published page has been reviewed by someone other than who published it."""
    _check_office(user)
    _check_page(page)
    page = current(page)
    if not page.unreviewed:
        raise ValidationError(_("该页面没有“未经审核发布”的标记。"))
    entry = last_force_publish(page)
    if entry is not None and entry.user_id == user.pk:
        raise ValidationError(_("紧急发布人不能确认自己发布的内容，请由另一位同事审核。"))
    _update(page, unreviewed=False)
    log(instance=page, action=MARK_REVIEWED, user=user, data={"reason": page.force_publish_reason})
    return page


@transaction.atomic
def withdraw(page, user, reason):
    """Withdraw (撤回) a live page: it stays at its URL with a public notice, out of listings and search."""
    _check_office(user)
    _check_page(page)
    reason = _required(reason, _("请填写撤回说明，该说明将向公众显示。"))
    page = current(page)
    if not page.live:
        raise ValidationError(_("只有已发布的页面才能撤回。"))
    if page.is_withdrawn:
        raise ValidationError(_("该页面已经撤回。"))
    _update(page, withdrawn_at=timezone.now(), withdrawal_reason=reason)
    log(instance=page, action=WITHDRAW, user=user, data={"reason": reason})
    return page


@transaction.atomic
def remove_in_error(page, user, reason):
    """Take down a page published in error: unpublished, its URL answers 410, the reason kept internally."""
    _check_office(user)
    _check_page(page)
    reason = _required(reason, _("请填写删除原因（仅内部可见）。"))
    page = current(page)
    if not page.live:
        raise ValidationError(_("只有已发布的页面才能作为错误发布删除。"))
    UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
    _update(page, removed_at=timezone.now(), removal_reason=reason)
    log(instance=page, action=REMOVE, user=user, data={"reason": reason})
    return page


@transaction.atomic
def supersede(page, user, replacement):
    """Replace `page` by `replacement`: a permanent redirect from its path, then unpublish it."""
    _check_office(user)
    _check_page(page)
    page = current(page)
    if not page.live:
        raise ValidationError(_("只有已发布的页面才能被替代。"))
    if replacement is None or replacement.pk == page.pk:
        raise ValidationError(_("请选择另一个页面作为替代页面。"))
    if not published_of_family(type(page)).filter(pk=replacement.pk).exists():
        raise ValidationError(_("替代页面必须是已发布的同类页面。"))
    replacement = replacement.specific

    site_id, _root_url, path = page.get_url_parts()
    old_path = Redirect.normalise_path(path)
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path,
        site_id=site_id,
        defaults={"redirect_page": replacement, "redirect_link": "", "is_permanent": True},
    )
    UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
    log(
        instance=page,
        action=SUPERSEDE,
        user=user,
        data={
            "replacement": {"id": replacement.pk, "title": replacement.title},
            "old_path": old_path,
            "redirect": redirect.pk,
        },
    )
    return page


# --- the audit log --------------------------------------------------------------------------------------------


class ReasonFormatter(LogFormatter):
    """Show the reason in the history's comment column."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


class ForcePublishFormatter(ReasonFormatter):
    label = gettext_lazy("紧急发布（未经审核）")
    message = gettext_lazy("紧急发布（未经审核），待他人确认审核")


class MarkReviewedFormatter(LogFormatter):
    label = gettext_lazy("确认已审核")
    message = gettext_lazy("确认紧急发布的内容已审核，取消“未经审核发布”标记")


class WithdrawFormatter(ReasonFormatter):
    label = gettext_lazy("撤回")
    message = gettext_lazy("撤回：页面保留并显示撤回说明，不再出现在列表和检索中")


class RemoveFormatter(ReasonFormatter):
    label = gettext_lazy("错误发布删除")
    message = gettext_lazy("作为错误发布删除：取消发布，网址返回 410")


class SupersedeFormatter(LogFormatter):
    label = gettext_lazy("被替代")

    def format_message(self, log_entry):
        replacement = (log_entry.data or {}).get("replacement") or {}
        return _("被《%(title)s》替代：取消发布，原网址永久重定向到替代页面") % {"title": replacement.get("title", "")}


LOG_ACTIONS = {
    FORCE_PUBLISH: ForcePublishFormatter,
    MARK_REVIEWED: MarkReviewedFormatter,
    WITHDRAW: WithdrawFormatter,
    REMOVE: RemoveFormatter,
    SUPERSEDE: SupersedeFormatter,
}


def register_log_actions(actions):
    for action, formatter in LOG_ACTIONS.items():
        actions.register_action(action)(formatter)


def unreviewed_pages():
    """Return the force-published pages still waiting for someone to confirm their review."""
    ids = []
    for model in FAMILIES:
        ids.extend(model.objects.filter(unreviewed=True).values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids).specific().order_by("-last_published_at")
