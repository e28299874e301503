"""Issuing a letter (告知书) when a step is taken: the template current then, filled with the request's facts."""

import re

from django.utils.translation import gettext as _

from .clock import deadline_of
from .models import AnswerReason, EventKind, Letter, LetterTemplate
from .models.letters import fill

# The steps that send a letter; an answer's letter is the one of its answer type.
LETTER_STEPS = (EventKind.ANSWERED, EventKind.CORRECTION_REQUESTED, EventKind.EXTENDED, EventKind.CONSULT_THIRD_PARTY)

_ARTICLE = "《中华人民共和国政府信息公开条例》"
# The legal ground of each sub-reason an answer may give (the rows of the annual report).
REASON_GROUNDS = {
    AnswerReason.WITHHELD_STATE_SECRET: f"{_ARTICLE}第十四条",
    AnswerReason.WITHHELD_LAW: f"{_ARTICLE}第十四条",
    AnswerReason.WITHHELD_SECURITY: f"{_ARTICLE}第十四条",
    AnswerReason.WITHHELD_THIRD_PARTY: f"{_ARTICLE}第十五条",
    AnswerReason.WITHHELD_INTERNAL: f"{_ARTICLE}第十六条第一款",
    AnswerReason.WITHHELD_PROCESS: f"{_ARTICLE}第十六条第二款",
    AnswerReason.WITHHELD_ENFORCEMENT: f"{_ARTICLE}第十六条第二款",
    AnswerReason.WITHHELD_QUERY: f"{_ARTICLE}第三十六条第（七）项",
    AnswerReason.UNAVAILABLE_NOT_HELD: f"{_ARTICLE}第三十六条第（四）项、第（五）项",
    AnswerReason.UNAVAILABLE_TO_BE_MADE: f"{_ARTICLE}第三十八条",
    AnswerReason.UNAVAILABLE_UNCLEAR: f"{_ARTICLE}第三十条",
    AnswerReason.NOT_PROCESSED_PETITION: f"{_ARTICLE}第三十九条第一款",
    AnswerReason.NOT_PROCESSED_REPEATED: f"{_ARTICLE}第三十六条第（六）项",
    AnswerReason.NOT_PROCESSED_PUBLICATION: f"{_ARTICLE}第三十九条第二款",
    AnswerReason.NOT_PROCESSED_EXCESSIVE: f"{_ARTICLE}第三十五条",
    AnswerReason.NOT_PROCESSED_CONFIRM: f"{_ARTICLE}第三十九条",
    AnswerReason.OTHER_NO_CORRECTION: f"{_ARTICLE}第三十条",
    AnswerReason.OTHER_FEE_UNPAID: f"{_ARTICLE}第四十二条",
}

# Control characters (other than tab and line feed) are not allowed in a DOCX's XML and draw nothing in a PDF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(value):
    return _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")


def template_kind(event):
    return event.answer_type if event.kind == EventKind.ANSWERED else event.kind


def _day(value):
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def values_for(event, template):
    request = event.request
    values = {
        "申请人": request.name,
        "被征求意见方": event.party,
        "申请编号": request.number,
        "提交日期": _day(request.submitted_on),
        "收到申请日期": _day(request.received_on),
        "所需信息": request.description,
        "告知日期": _day(event.date),
        "答复类型": event.get_answer_type_display() if event.answer_type else "",
        "具体情形": event.get_answer_reason_display() if event.answer_reason else "",
        "法律依据": REASON_GROUNDS.get(event.answer_reason, template.legal_basis),
        "说明": event.note,
        "承办处室": str(request.division or ""),
        "补正期限": _day(event.due_date),
        "延长工作日数": event.days or "",
        "答复期限": "",
    }
    if event.kind == EventKind.EXTENDED:
        values["答复期限"] = _day(deadline_of(request, explain=False).due)
    return {name: plain(value) for name, value in values.items()}


def issue(event):
    """Issue the letter of `event`'s step from the template current now; return it, or None if it sends none."""
    if event.kind not in LETTER_STEPS:
        return None
    template = LetterTemplate.objects.filter(kind=template_kind(event)).first()
    if template is None:
        return None
    values = values_for(event, template)
    return Letter.objects.create(
        request=event.request,
        event=event,
        kind=template.kind,
        title=fill(template.title, values),
        body=fill(template.body, values),
        legal_basis=values["法律依据"],
        template_version=template.updated_at,
    )


def letter_of(request, step):
    """Return the letter sent for the latest `step` of `request`, or None."""
    return request.letters.filter(event__kind=step).select_related("request", "event").last()


def missing_message(step):
    if step == EventKind.ANSWERED:
        return _("这件申请尚未答复，还没有答复告知书。")
    return _("这件申请没有这一告知书。")
