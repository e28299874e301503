"""The consultation models: the section, the consultation page, comments and answers, the feedback report and the
reminders sent. Each lives in the module of its rule; this package only gathers them for Django and for importers.
"""

from .comments import Answer, Comment, CommentQuerySet, DuplicateComment, Moderation, StaleAnswer
from .index import ConsultationIndexPage
from .page import ConsultationAttachment, ConsultationPage
from .reminders import ReminderKind, ReminderSent
from .report import FeedbackReportPage, build_outcome
from .status import Status, derive_status

__all__ = [
    "Answer",
    "Comment",
    "CommentQuerySet",
    "ConsultationAttachment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "DuplicateComment",
    "FeedbackReportPage",
    "Moderation",
    "ReminderKind",
    "ReminderSent",
    "StaleAnswer",
    "Status",
    "build_outcome",
    "derive_status",
]
