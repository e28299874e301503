"""Requests for disclosure (依申请公开) under 《政府信息公开条例》 (国务院令第711号), articles 27–45."""

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
from .office import DisclosureOffice
from .platform import DisclosureGuidePage, DisclosurePlatformPage, DisclosureSectionLink, DisclosureSectionPage
from .requests import DisclosureRequest

__all__ = [
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
    "OrganisationType",
    "RemedyOutcome",
    "RequestAttachment",
    "RequestEvent",
    "State",
]
