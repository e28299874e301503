"""What search keeps in the database: the outbox of index changes, staff-edited synonyms, query statistics."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingIndexChange(models.Model):
    """A page whose index entry must be brought in line with the database (the outbox).

    A row says "look at this page again", not what to do: applying it indexes the page if search may
    show it and deletes its entry otherwise, so replaying rows in any order and twice is harmless.
    """

    page_id = models.PositiveIntegerField(unique=True)
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("待同步的索引变更")
        verbose_name_plural = _("待同步的索引变更")

    def __str__(self):
        return f"page {self.page_id}"


_SEPARATORS = re.compile(r"[,，、;；\s]+")


class SynonymGroup(models.Model):
    """Words that mean the same to a citizen (环评, 环境影响评价): a query with one also finds the others."""

    terms = models.CharField(
        _("同义词"),
        max_length=500,
        help_text=_("用逗号或顿号分隔，如：环评、环境影响评价。检索其中任一词时同时检索其余各词，修改后立即生效。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["terms"]

    def __str__(self):
        return "、".join(self.term_list())

    def term_list(self):
        seen = []
        for term in _SEPARATORS.split(self.terms.strip().lower()):
            if term and term not in seen:
                seen.append(term)
        return seen

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("至少填写两个词，用逗号或顿号分隔。")})
        if any(len(term) > 50 for term in terms):
            raise ValidationError({"terms": _("每个词不超过 50 个字。")})
        self.terms = "、".join(terms)


class SearchQueryStatQuerySet(models.QuerySet):
    def totals(self, days, today=None):
        """Return each query of the last `days` days (today included) with its summed counts."""
        today = today or timezone.localdate()
        return (
            self.filter(date__gt=today - timedelta(days=days), date__lte=today)
            .values("query")
            .annotate(total_searches=Sum("searches"), total_empty=Sum("empty_searches"))
        )

    def most_searched(self, days, limit, today=None):
        return list(self.totals(days, today).order_by("-total_searches", "query")[:limit])

    def most_often_empty(self, days, limit, today=None):
        return list(self.totals(days, today).filter(total_empty__gt=0).order_by("-total_empty", "query")[:limit])


class SearchQueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing; no user or address is kept."""

    date = models.DateField(_("日期"), default=timezone.localdate, db_index=True)
    query = models.CharField(_("检索词"), max_length=100)
    searches = models.PositiveIntegerField(_("检索次数"), default=0)
    empty_searches = models.PositiveIntegerField(_("无结果次数"), default=0)

    objects = SearchQueryStatQuerySet.as_manager()

    class Meta:
        verbose_name = _("检索统计")
        verbose_name_plural = _("检索统计")
        constraints = [models.UniqueConstraint(fields=["date", "query"], name="unique_query_per_day")]
        # Granted by the editorial roles table (the publicity center and the office); see report_views.
        permissions = [("view_search_report", "可以查看检索统计报表")]

    def __str__(self):
        return f"{self.date} {self.query}"

    @classmethod
    def record(cls, query, count):
        """Count one search for `query` that found `count` results."""
        stat, _created = cls.objects.get_or_create(date=timezone.localdate(), query=query)
        cls.objects.filter(pk=stat.pk).update(
            searches=F("searches") + 1, empty_searches=F("empty_searches") + (0 if count else 1)
        )


class PageEmbedding(models.Model):
    """The meaning vector of a page's passage (cms.search.semantic), kept so it is computed once per text.

    It belongs to the page, whatever its state: only published pages are indexed, so a vector of a draft
    or a withdrawn page is never searched or shown.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_embedding"
    )
    # The sha1 of the passage it was computed from: a different passage needs a new vector.
    text_sha1 = models.CharField(max_length=40)
    # 384 float32 values, little-endian, as numpy stores them.
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("页面语义向量")
        verbose_name_plural = _("页面语义向量")

    def __str__(self):
        return f"page {self.page_id}"


class SearchTermPage(models.Model):
    """A page in the database search's word index (cms.search.terms), with its length in words for BM25."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+")
    length = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("检索词索引页面")
        verbose_name_plural = _("检索词索引页面")

    def __str__(self):
        return f"page {self.page_id}"


class SearchTerm(models.Model):
    """How often a word occurs in a page search may show: one row of the database search's inverted index."""

    term = models.CharField(max_length=32)
    page = models.ForeignKey(SearchTermPage, on_delete=models.CASCADE, related_name="terms")
    frequency = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("检索词")
        verbose_name_plural = _("检索词")
        # Ranking reads the rows of a few words; updating a page deletes its rows.
        indexes = [models.Index(fields=["term", "page"], name="search_term_term_page")]

    def __str__(self):
        return f"{self.term} @ {self.page_id}"
