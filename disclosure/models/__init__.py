"""Requests for disclosure (依申请公开) under 《政府信息公开条例》 (国务院令第711号), articles 27–45."""

from .annual.page import AnnualReportIndexPage, AnnualReportPage, CellOverride
from .attachments import RequestAttachment
from .codes import (
    AnswerReason,
    AnswerType,
    ApplicantType,
    Channel,
    Delivery,
    EventKind,
    InformationForm,
    OrganisationType,
    RemedyOutcome,
    State,
)
from .events import RequestEvent
from .letters import Letter, LetterKind, LetterTemplate
from .mail import MailKind, ReminderDigest, RequestMail
from .office import DisclosureOffice
from .platform import DisclosureGuidePage, DisclosurePlatformPage, DisclosureSectionLink, DisclosureSectionPage
from .requests import AlreadySubmitted, DisclosureRequest

__all__ = [
    "AlreadySubmitted",
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "CellOverride",
    "AnswerReason",
    "AnswerType",
    "ApplicantType",
    "Channel",
    "Delivery",
    "DisclosureGuidePage",
    "DisclosureOffice",
    "DisclosurePlatformPage",
    "DisclosureRequest",
    "DisclosureSectionLink",
    "DisclosureSectionPage",
    "EventKind",
    "InformationForm",
    "Letter",
    "LetterKind",
    "LetterTemplate",
    "MailKind",
    "OrganisationType",
    "RemedyOutcome",
    "ReminderDigest",
    "RequestAttachment",
    "RequestEvent",
    "RequestMail",
    "State",
]
