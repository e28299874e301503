"""How consultations and their feedback reports appear in search (see cms/search/documents.py for the hooks).

A consultation is its own kind (征求意见), found by its title, summary, 起草说明 and the draft's articles, each article
a hit of its own as a policy's are. It is often approved before it opens, when nothing of it may reach a citizen,
and nothing is edited at its opening time: it is indexed once published and found from `opens_at` on (the queries
compare `visible_from` with the clock; the database search keeps to core.visibility). It is listed under the day
it opened. A feedback report (意见采纳情况反馈) is a kind too, indexed once published; a hit links to it where
citizens read it, on its consultation's page.
"""

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cms.search.documents import ContentDocument, article, words
from policies.documents import body_of

from .models import ConsultationPage, FeedbackReportPage


def _text(html):
    return " ".join(strip_tags(str(html or "")).split())


class ConsultationDocument(ContentDocument):
    model = ConsultationPage
    kinds = {"consultation": _("征求意见")}

    @classmethod
    def indexable(cls):
        return ConsultationPage.objects.announced()

    @classmethod
    def found_from(cls, page):
        return page.opens_at

    @classmethod
    def published_on(cls, page):
        return timezone.localdate(page.opens_at)

    @classmethod
    def newest(cls, limit):
        opened = ConsultationPage.objects.published().newest_first().values_list("opens_at", "pk")[:limit]
        return [(timezone.localdate(opens_at), pk) for opens_at, pk in opened]

    @classmethod
    def prepare(cls, pages):
        prefetch_related_objects(pages, "division")
        return pages

    @classmethod
    def fields_for(cls, page):
        body = body_of(page)
        articles = [article(label, anchor, text) for label, anchor, text in body.articles]
        return {
            **cls.facet_fields(page),
            "related": page.division.name if page.division_id else "",
            "summary": " ".join(part for part in (page.summary, _text(page.explanation)) if part),
            "body": body.text,
            "body_words": " ".join([words(body.other), *(a.text_words for a in articles)]),
            "articles": articles,
        }

    @classmethod
    def passages(cls, page):
        return body_of(page).articles

    @classmethod
    def fallback_text(cls, page):
        return body_of(page).text


class FeedbackReportDocument(ContentDocument):
    model = FeedbackReportPage
    kinds = {"consultation_report": _("意见采纳情况反馈")}

    @classmethod
    def indexable(cls):
        return FeedbackReportPage.objects.published().filter(consultation__in=ConsultationPage.objects.published())

    @classmethod
    def prepare(cls, pages):
        prefetch_related_objects(pages, "consultation")
        return pages

    @classmethod
    def url_of(cls, page):
        return f"{page.consultation.url}#feedback"

    @classmethod
    def database_text(cls, page):
        return " ".join(words(part) for part in cls.texts(page) if part)

    @classmethod
    def texts(cls, page):
        """Return the report's text: the division's summary, then each answer's reason under its article."""
        reasons = [
            f"{item['label']} {answer['label']} {answer['reason']}"
            for item in page.outcome_articles()
            for answer in item.get("answers", [])
        ]
        return [page.title, _text(page.summary), " ".join(reasons)]

    @classmethod
    def fields_for(cls, page):
        _title, summary, reasons = cls.texts(page)
        return {
            **cls.facet_fields(page),
            "related": page.consultation.title,
            "summary": summary,
            "body": reasons,
        }

    @classmethod
    def fallback_text(cls, page):
        return cls.texts(page)[1]

    @classmethod
    def related_page_ids(cls, page):
        return [page.consultation_id] if page.consultation_id else []
