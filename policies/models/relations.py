"""Relations between documents (修改/废止/代替) and the validity (有效性) of a document that follows from them.

`policies/validity.py` states the rule; PolicyRelationsMixin applies it to one page, PolicyPageQuerySet.with_validity()
(queryset.py) in SQL.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable

from core.cache_tags import listing_tag, page_tag, tags

from ..numerals import from_chinese
from ..validity import RelationKind, Validity, derive_validity

# An article of the changed document named in a relation's note (修改第十二条、第十五条).
_ARTICLE_MENTION = re.compile(r"第([一二三四五六七八九十百千零〇两\d]+)条")


def in_force_by(today, prefix=""):
    """Return a Q matching documents (through `prefix`) that are live and already in force on `today`."""
    return Q(**{f"{prefix}live": True}) & (
        Q(**{f"{prefix}date_effective__isnull": True}) | Q(**{f"{prefix}date_effective__lte": today})
    )


class PolicyRelation(Orderable):
    """A newer document (source) amends, repeals or replaces an older one (target)."""

    source = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("被修改/废止/代替的文件"),
        on_delete=models.CASCADE,
        related_name="changed_by",
    )
    kind = models.CharField(_("关系"), max_length=20, choices=RelationKind.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("如：修改第十二条、第十五条"))

    panels = [FieldPanel("kind"), PageChooserPanel("target", "policies.PolicyPage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("文件关系")

    def invalidated_cache_tags(self):
        # The target's banner and its validity in listings follow the relation.
        return tags(page_tag(self.source_id), page_tag(self.target_id), listing_tag("policies.PolicyPage"))

    def article_numbers(self):
        """Return the numbers of the changed document's articles that the note names, in its order."""
        numbers = []
        for match in _ARTICLE_MENTION.finditer(self.note):
            try:
                numbers.append(from_chinese(match.group(1)))
            except ValueError:
                continue  # a malformed numeral names no article: it stays text
        return list(dict.fromkeys(numbers))

    def note_on_target(self):
        """The note for the changed document's own page: each article it names links to the article's anchor."""
        return self.note_html("")

    def note_on_source(self):
        """The note for the changing document's page: each article it names links to that article of the other."""
        return self.note_html(self.target.url)

    def note_html(self, page_url):
        """Return the note with each article it names linked to that article of the changed document (at `page_url`,
        "" on its own page); only the articles the document has are linked."""
        articles = self.target.article_numbers()

        def link(match):
            try:
                number = from_chinese(match.group(1))
            except ValueError:
                return escape(match.group(0))
            if number not in articles:
                return escape(match.group(0))
            return format_html('<a href="{}#article-{}">{}</a>', page_url, number, match.group(0))

        parts, last = [], 0
        for match in _ARTICLE_MENTION.finditer(self.note):
            parts += [escape(self.note[last : match.start()]), link(match)]
            last = match.end()
        parts.append(escape(self.note[last:]))
        return mark_safe("".join(parts))

    def clean(self):
        if self.target_id and self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("文件不能修改或废止自身。")})


class PolicyRelationsMixin:
    """What a document's relations say about it: its validity, what changed it and what it changes."""

    @cached_property
    def changes_in_force(self):
        """Return the live relations whose newer document changed this one and is already in force."""
        today = timezone.localdate()
        relations = list(
            self.changed_by.filter(in_force_by(today, "source__"))
            .select_related("source")
            .order_by("source__date_effective")
        )
        for relation in relations:
            relation.target = self  # the changed document is this one: no query to read its articles
        return relations

    @property
    def validity(self):
        if hasattr(self, "validity_code"):
            return Validity(self.validity_code)
        kinds = {relation.kind for relation in self.changes_in_force}
        return derive_validity(
            today=timezone.localdate(),
            effective=self.date_effective,
            expires=self.date_expires,
            declared_expired=self.expiry_declared,
            repealed=bool(kinds & {RelationKind.REPEALS, RelationKind.REPLACES}),
            amended=RelationKind.AMENDS in kinds,
        )

    @property
    def validity_label(self):
        return self.validity.label

    def repealing_relation(self):
        """Return the relation that repealed or replaced this document, if any."""
        return next((r for r in self.changes_in_force if r.kind != RelationKind.AMENDS), None)

    def amending_relations(self):
        return [r for r in self.changes_in_force if r.kind == RelationKind.AMENDS]

    def article_amendments(self):
        """Map each article number to the amending relations in force whose note names it (修改第十二条)."""
        amendments = {}
        for relation in self.amending_relations():
            for number in relation.article_numbers():
                amendments.setdefault(number, []).append(relation)
        return amendments

    def live_relations(self):
        """Return what this document changed, limited to documents a citizen can open."""
        return [r for r in self.relations.select_related("target") if r.target.is_openable]
