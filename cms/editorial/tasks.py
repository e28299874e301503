"""The review steps: 处室负责人审核 → 法规处合法性审核 (normative documents only) → 宣教中心终审."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class ReviewTask(AbstractGroupApprovalTask):
    """A review step that nobody may approve for their own work (the submitter or the last editor)."""

    class Meta:
        abstract = True


class DivisionHeadReviewTask(ReviewTask):
    """处室负责人审核: the head of the page's own drafting division approves first."""

    class Meta:
        verbose_name = _("处室负责人审核")
        verbose_name_plural = _("处室负责人审核")


class LegalityReviewTask(ReviewTask):
    """法规处合法性审核: required for 行政规范性文件 only; skipped for everything else."""

    class Meta:
        verbose_name = _("法规处合法性审核")
        verbose_name_plural = _("法规处合法性审核")


class PublicationReviewTask(ReviewTask):
    """宣教中心终审: final approval, publishing now or at a chosen time, with the 三同步 rule."""

    class Meta:
        verbose_name = _("宣教中心终审")
        verbose_name_plural = _("宣教中心终审")
