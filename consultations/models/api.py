"""What the pages API (/api/v2/pages/) tells of a consultation and of its feedback report.

The status and the figures, never anything of a commenter: no name, contact, comment text or internal note reaches
the API by any field (comments are not pages, and a report's outcome holds counts and the division's reasons only).
"""

from wagtail.api import APIField


class ConsultationAPIMixin:
    api_fields = [
        APIField("status"),
        APIField("status_label"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("feedback_due"),
        APIField("division_name"),
        APIField("is_major_decision"),
        APIField("summary"),
        APIField("body"),
        APIField("comment_count"),
        APIField("feedback_report"),
        APIField("final_document"),
    ]

    @property
    def status_label(self):
        return str(self.status.label)

    @property
    def comment_count(self):
        """How many comments were received (the feedback report publishes the same figure)."""
        return self.comments.count()

    @property
    def feedback_report(self):
        """The published feedback report's figures and answers, or None before it is published."""
        report = self.published_report()
        if report is None:
            return None
        return {
            "id": report.pk,
            "title": report.title,
            "url": f"{self.full_url}#feedback",
            "date_published": report.date_published,
            "summary": report.summary,
            "total": report.outcome.get("total", 0),
            "counts": report.outcome_counts(),
            "articles": report.outcome_articles(),
        }

    @property
    def final_document(self):
        """The document the consultation led to, once citizens may find it: id, title, URL; else None."""
        policy = self.published_final_policy()
        if policy is None:
            return None
        return {"id": policy.pk, "title": policy.title, "url": policy.full_url}


class FeedbackReportAPIMixin:
    api_fields = [
        APIField("consultation_id"),
        APIField("date_published"),
        APIField("summary"),
        APIField("outcome_counts"),
        APIField("outcome_articles"),
    ]
