"""How a news release appears in the search index (see cms/search/documents.py)."""

from django.utils.translation import gettext_lazy as _

from cms.search.documents import ContentDocument

from .models import NewsPage


class NewsDocument(ContentDocument):
    model = NewsPage
    kinds = {"news": _("新闻发布")}

    @classmethod
    def indexable(cls):
        return NewsPage.objects.published()

    @classmethod
    def fields_for(cls, page):
        body = " ".join(str(text) for block in page.body for text in block.block.get_searchable_content(block.value))
        return {
            **cls.facet_fields(page),
            "summary": " ".join(part for part in (page.summary, page.speakers) if part),
            "body": body,
            "related": " ".join(policy.title for policy in page.policies),
        }
