"""The steps a request goes through: which step may follow which, who may take it, what it records.

登记 → (补正 → 登记) → 办理 (分办; 征求意见 pauses it) → (延期) → 答复 → 归档; 行政复议 and 行政诉讼 after the answer.
Requests clearly beyond a reasonable number or frequency (第三十五条): 要求说明理由 → 收到理由说明 → either
不予处理 (无正当理由大量反复申请) or 确定延迟答复期限; and a fee for them (第四十二条, 国办函〔2020〕109号):
发出收费通知 (待缴费, the clock stops) → 收到缴费 (办理中) or, unpaid past the period, 其他处理 (逾期未缴纳费用).
Each step is one event (models/events.py) and, in the same transaction, the request's new state and an entry in
Wagtail's audit log. A step that does not fit the request's state, the user, or the rules of the regulation is
refused with a Chinese message (``StepRefused``) and changes nothing.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from policies.models import Division

from . import access, letters
from .clock import EXTENSION_DAYS, deadline_of
from .models.codes import REASONS_BY_ANSWER, AnswerReason, AnswerType, EventKind, RemedyOutcome, State
from .models.events import RequestEvent
from .models.mail import MailKind
from .receipts import receipt_after_commit

OFFICE, HANDLER, LEGAL = "office", "handler", "legal"


class StepRefused(Exception):
    """A step that cannot be taken; the message says why, in Chinese."""


def _date_field(label=None):
    return forms.DateField(label=label or _("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class StepForm(forms.Form):
    date = _date_field()
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_obj = request_obj
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天。"))
        received = self.request_obj.received_on if self.request_obj else None
        if received and day < received:
            raise forms.ValidationError(_("日期不能早于收到申请之日（%(day)s）。") % {"day": received})
        return day


class ConfirmForm(StepForm):
    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天。"))
        if day < self.request_obj.submitted_on:
            raise forms.ValidationError(_("确认日期不能早于提交日期。"))
        return day


class AssignForm(StepForm):
    division = forms.ModelChoiceField(label=_("承办处室"), queryset=Division.objects.all())


class CorrectionRequestForm(StepForm):
    due_date = _date_field(_("补正期限"))
    note = forms.CharField(
        label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("第三十条：一次性告知")
    )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("due_date") and data["due_date"] <= data["date"]:
            self.add_error("due_date", _("补正期限应晚于告知日期。"))
        return data


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=EXTENSION_DAYS)
    approved_by = forms.CharField(
        label=_("批准人"), max_length=50, help_text=_("第三十三条：经政府信息公开工作机构负责人同意")
    )


class ConsultForm(StepForm):
    party = forms.CharField(
        label=_("被征求意见方"),
        max_length=100,
        help_text=_("第三方（第三十二条）或其他机关（第三十四条）的名称；征询函的抬头"),
    )


class ReasonsForm(StepForm):
    note = forms.CharField(
        label=_("需要说明的事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("第三十五条：申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由"),
    )


class DelayForm(StepForm):
    due_date = _date_field(_("延迟答复期限"))
    note = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "第三十五条：申请理由合理，但无法在第三十三条规定的期限内答复的，确定延迟答复的合理期限并告知申请人"
        ),
    )


class FeeNoticeForm(StepForm):
    due_date = _date_field(_("缴费期限"))
    note = forms.CharField(
        label=_("收费依据、标准、数额和缴纳方式"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第七条：在答复期限内发出收费通知，"
            "申请人自收到通知次日起20个工作日内缴纳，逾期未缴纳的视为放弃申请；通知至缴费期间不计入答复期限"
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("due_date") and data["due_date"] <= data["date"]:
            self.add_error("due_date", _("缴费期限应晚于通知日期。"))
        return data


class AnswerForm(StepForm):
    answer_type = forms.ChoiceField(label=_("答复类型"), choices=AnswerType.choices, help_text=_("第三十六条"))
    answer_reason = forms.ChoiceField(label=_("具体情形"), choices=[("", "——")] + AnswerReason.choices, required=False)

    def clean(self):
        data = super().clean()
        answer_type, reason = data.get("answer_type"), data.get("answer_reason")
        allowed = REASONS_BY_ANSWER.get(answer_type)
        if allowed and reason not in allowed:
            self.add_error("answer_reason", _("请选择与答复类型相符的具体情形（年度报告按此统计）。"))
        if not allowed and reason:
            data["answer_reason"] = ""
        return data


class RemedyForm(StepForm):
    outcome = forms.ChoiceField(label=_("结果"), choices=RemedyOutcome.choices, initial=RemedyOutcome.PENDING)


class LitigationForm(RemedyForm):
    after_review = forms.BooleanField(label=_("复议后起诉"), required=False)


class RemedyDecidedForm(StepForm):
    remedy = forms.ModelChoiceField(label=_("复议或诉讼"), queryset=RequestEvent.objects.none())
    outcome = forms.ChoiceField(
        label=_("结果"), choices=[c for c in RemedyOutcome.choices if c[0] != RemedyOutcome.PENDING]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request_obj is not None:
            self.fields["remedy"].queryset = self.request_obj.events.filter(
                kind__in=(EventKind.ADMINISTRATIVE_REVIEW, EventKind.LITIGATION), outcome=RemedyOutcome.PENDING
            )


@dataclass(frozen=True)
class Step:
    kind: str
    label: str
    from_states: tuple
    who: str
    form: type = StepForm
    to_state: str | None = None  # None: the state stays
    article: str = ""


STEPS = {
    step.kind: step
    for step in (
        Step(EventKind.CONFIRMED, _("确认收到申请"), (State.REGISTERED,), OFFICE, ConfirmForm, None, "第三十一条"),
        Step(
            EventKind.ASSIGNED,
            _("分办"),
            (State.REGISTERED, State.PROCESSING, State.PAUSED),
            OFFICE,
            AssignForm,
            State.PROCESSING,
        ),
        Step(
            EventKind.CORRECTION_REQUESTED,
            _("告知补正"),
            (State.REGISTERED, State.PROCESSING),
            OFFICE,
            CorrectionRequestForm,
            State.AWAITING_CORRECTION,
            "第三十条",
        ),
        Step(
            EventKind.CORRECTION_RECEIVED,
            _("收到补正"),
            (State.AWAITING_CORRECTION,),
            OFFICE,
            StepForm,
            None,
            "第三十条",
        ),
        Step(
            EventKind.CONSULT_THIRD_PARTY,
            _("征求第三方意见"),
            (State.PROCESSING,),
            HANDLER,
            ConsultForm,
            State.PAUSED,
            "第三十二条",
        ),
        Step(
            EventKind.CONSULT_AGENCY,
            _("征求其他机关意见"),
            (State.PROCESSING,),
            HANDLER,
            ConsultForm,
            State.PAUSED,
            "第三十四条",
        ),
        Step(
            EventKind.CONSULTATION_ENDED,
            _("收到意见（征求意见结束）"),
            (State.PAUSED,),
            HANDLER,
            StepForm,
            State.PROCESSING,
            "第三十三条第二款",
        ),
        Step(
            EventKind.EXTENDED,
            _("延期答复"),
            (State.PROCESSING, State.PAUSED),
            OFFICE,
            ExtendForm,
            None,
            "第三十三条",
        ),
        Step(
            EventKind.ANSWERED,
            _("答复"),
            (State.REGISTERED, State.AWAITING_CORRECTION, State.PROCESSING, State.AWAITING_FEE),
            HANDLER,
            AnswerForm,
            State.ANSWERED,
            "第三十六条",
        ),
        Step(
            EventKind.REASONS_REQUESTED,
            _("要求说明理由"),
            (State.REGISTERED, State.PROCESSING, State.PAUSED),
            OFFICE,
            ReasonsForm,
            None,
            "第三十五条",
        ),
        Step(
            EventKind.REASONS_RECEIVED,
            _("收到理由说明"),
            (State.REGISTERED, State.PROCESSING, State.PAUSED),
            OFFICE,
            StepForm,
            None,
            "第三十五条",
        ),
        Step(
            EventKind.DELAY_SET,
            _("确定延迟答复期限"),
            (State.REGISTERED, State.PROCESSING, State.PAUSED),
            OFFICE,
            DelayForm,
            None,
            "第三十五条",
        ),
        Step(
            EventKind.FEE_NOTICE,
            _("发出收费通知"),
            (State.PROCESSING,),
            OFFICE,
            FeeNoticeForm,
            State.AWAITING_FEE,
            "第四十二条",
        ),
        Step(
            EventKind.FEE_PAID,
            _("收到缴费"),
            (State.AWAITING_FEE,),
            OFFICE,
            StepForm,
            State.PROCESSING,
            "第四十二条",
        ),
        Step(EventKind.ARCHIVED, _("归档"), (State.ANSWERED,), OFFICE, StepForm, State.ARCHIVED, "第四十五条"),
        Step(
            EventKind.ADMINISTRATIVE_REVIEW,
            _("登记行政复议"),
            (State.ANSWERED, State.ARCHIVED),
            LEGAL,
            RemedyForm,
            None,
            "第五十一条",
        ),
        Step(
            EventKind.LITIGATION,
            _("登记行政诉讼"),
            (State.ANSWERED, State.ARCHIVED),
            LEGAL,
            LitigationForm,
            None,
            "第五十一条",
        ),
        Step(
            EventKind.REMEDY_DECIDED,
            _("登记复议或诉讼结果"),
            (State.ANSWERED, State.ARCHIVED),
            LEGAL,
            RemedyDecidedForm,
            None,
            "第五十一条",
        ),
    )
}


def may_take(user, request, step):
    if step.who == OFFICE:
        return access.is_office(user)
    if step.who == LEGAL:
        return access.sees_all(user)
    return access.is_handler(user, request)


def available_steps(user, request):
    """The steps `user` may take on `request` now (for the buttons of the admin page)."""
    return [step for step in STEPS.values() if request.state in step.from_states and may_take(user, request, step)]


def _check(request, step, data):
    """Raise StepRefused when the regulation or the request's history rules the step out."""
    if request.state not in step.from_states:
        raise StepRefused(
            _("申请当前状态为“%(state)s”，不能%(step)s。") % {"state": request.get_state_display(), "step": step.label}
        )
    if step.kind == EventKind.CONFIRMED and request.received_on is not None:
        raise StepRefused(_("这件申请已有收到申请之日（%(day)s），无需再确认。") % {"day": request.received_on})
    if step.kind != EventKind.CONFIRMED and request.received_on is None:
        raise StepRefused(_("请先确认收到申请：在线申请、传真和平常信函以双方确认之日为收到申请之日（第三十一条）。"))
    if step.kind == EventKind.CORRECTION_REQUESTED and request.events.filter(kind=step.kind).exists():
        raise StepRefused(_("补正只能一次性告知（第三十条），这件申请已告知过补正。"))
    if step.kind == EventKind.ANSWERED and request.state == State.AWAITING_CORRECTION:
        if data.get("answer_reason") not in (AnswerReason.OTHER_NO_CORRECTION, AnswerReason.UNAVAILABLE_UNCLEAR):
            raise StepRefused(
                _("待补正的申请只能以“申请人无正当理由逾期不补正”（第三十条）或“补正后申请内容仍不明确”办结。")
            )
    _check_excessive_and_fee(request, step, data)
    if step.kind == EventKind.ASSIGNED and data["division"].pk == request.division_id:
        raise StepRefused(_("这件申请已由%(division)s承办。") % {"division": data["division"]})
    clock = None
    if step.kind in (EventKind.EXTENDED, EventKind.DELAY_SET, EventKind.FEE_NOTICE):
        clock = deadline_of(request, explain=False)
    if step.kind == EventKind.EXTENDED:
        if clock.extension_days + data["days"] > EXTENSION_DAYS:
            raise StepRefused(
                _("延长的期限最长不得超过%(max)s个工作日（第三十三条），已延长%(days)s个工作日。")
                % {"max": EXTENSION_DAYS, "days": clock.extension_days}
            )
        if clock.due and data["date"] > clock.due:
            raise StepRefused(_("答复期限（%(due)s）已过，不能再延期（第三十三条）。") % {"due": clock.due})
    if step.kind == EventKind.DELAY_SET:
        if clock.due and data["date"] > clock.due:
            raise StepRefused(_("答复期限（%(due)s）已过，不能再确定延迟答复期限（第三十五条）。") % {"due": clock.due})
        if clock.due and data["due_date"] <= clock.due:
            raise StepRefused(_("延迟答复期限应晚于现在的答复期限（%(due)s）。") % {"due": clock.due})
    if step.kind == EventKind.FEE_NOTICE and clock.due and data["date"] > clock.due:
        raise StepRefused(
            _("收费通知应在答复期限（%(due)s）内发出（国办函〔2020〕109号第七条）。") % {"due": clock.due}
        )
    if step.kind == EventKind.CONSULTATION_ENDED:
        pause = request.events.pauses().filter(end_date__isnull=True).last()
        if pause and data["date"] < pause.date:
            raise StepRefused(_("结束日期不能早于征求意见之日（%(day)s）。") % {"day": pause.date})
    if step.kind == EventKind.ANSWERED and request.state == State.REGISTERED and request.division_id:
        raise StepRefused(_("请在办理中答复。"))


def _check_excessive_and_fee(request, step, data):
    """第三十五条 and 第四十二条: reasons are asked before anything rests on them; a fee notice is answered once."""
    events = request.events
    reasons_asked = events.filter(kind=EventKind.REASONS_REQUESTED).exists()
    if step.kind in (EventKind.REASONS_RECEIVED, EventKind.DELAY_SET) and not reasons_asked:
        raise StepRefused(_("请先要求申请人说明理由（第三十五条）。"))
    if step.kind == EventKind.REASONS_REQUESTED and reasons_asked:
        raise StepRefused(_("这件申请已要求说明理由。"))
    if step.kind == EventKind.FEE_NOTICE and events.filter(kind=EventKind.FEE_NOTICE).exists():
        raise StepRefused(_("这件申请已发出收费通知，不能重复收费。"))
    if step.kind == EventKind.FEE_PAID:
        notice = events.filter(kind=EventKind.FEE_NOTICE, end_date__isnull=True).last()
        if notice and data["date"] < notice.date:
            raise StepRefused(_("缴费日期不能早于收费通知之日（%(day)s）。") % {"day": notice.date})
    if step.kind != EventKind.ANSWERED:
        return
    reason = data.get("answer_reason")
    if reason == AnswerReason.NOT_PROCESSED_EXCESSIVE and not reasons_asked:
        raise StepRefused(_("以“无正当理由大量反复申请”不予处理前，应先要求申请人说明理由（第三十五条）。"))
    if request.state == State.AWAITING_FEE or reason == AnswerReason.OTHER_FEE_UNPAID:
        notice = events.filter(kind=EventKind.FEE_NOTICE, end_date__isnull=True).last()
        if request.state != State.AWAITING_FEE or reason != AnswerReason.OTHER_FEE_UNPAID:
            raise StepRefused(
                _("待缴费的申请，收到缴费后继续办理；未缴费的，只能以“逾期未按收费通知要求缴纳费用”办结。")
            )
        if notice.due_date and data["date"] <= notice.due_date:
            raise StepRefused(_("缴费期限（%(due)s）尚未届满。") % {"due": notice.due_date})


# What a step's form may record on its event, as it was entered.
EVENT_FIELDS = ("date", "note", "due_date", "days", "approved_by", "party", "answer_type", "answer_reason", "outcome")


@transaction.atomic
def take_step(user, request, kind, data):
    """Take step `kind` on `request` as `user` with the cleaned form `data`; return the event recorded.

    `user` None is the system (the demo loader, a command): the rules of the steps apply, no one's permissions.
    """
    step = STEPS[kind]
    request = type(request).objects.select_for_update().get(pk=request.pk)
    if user is not None and not may_take(user, request, step):
        raise StepRefused(_("您没有权限对这件申请%(step)s。") % {"step": step.label})
    _check(request, step, data)
    fields = {name: data[name] for name in EVENT_FIELDS if data.get(name) not in (None, "")}
    fields["after_review"] = bool(data.get("after_review"))
    event = RequestEvent(request=request, kind=kind, user=user, **fields)
    if kind == EventKind.ASSIGNED:
        event.division = request.division = data["division"]
    if kind == EventKind.CONFIRMED:
        request.confirmed_on = data["date"]
    if kind == EventKind.CORRECTION_RECEIVED:
        event.to_state = State.PROCESSING if request.division_id else State.REGISTERED
    if kind == EventKind.CONSULTATION_ENDED:
        pause = request.events.pauses().filter(end_date__isnull=True).last()
        pause.end_date = data["date"]
        pause.save(update_fields=["end_date"])
    if kind == EventKind.FEE_PAID:
        notice = request.events.filter(kind=EventKind.FEE_NOTICE, end_date__isnull=True).last()
        notice.end_date = data["date"]
        notice.save(update_fields=["end_date"])
    if kind == EventKind.REMEDY_DECIDED:
        remedy = data["remedy"]
        remedy.outcome, remedy.end_date = data["outcome"], data["date"]
        remedy.save(update_fields=["outcome", "end_date"])
        event.note = f"{remedy.get_kind_display()}（{remedy.date}）：{remedy.get_outcome_display()}。{event.note}"
    event.save()
    new_state = getattr(event, "to_state", None) or step.to_state
    if new_state:
        request.state = new_state
    request.save()
    # The letter of the step, from the template current now, kept as it is sent (disclosure/letters.py).
    letter = letters.issue(event)
    if kind == EventKind.CONFIRMED:
        receipt_after_commit(request, MailKind.CONFIRMED)  # the date of receipt and the deadline, now known
    log(
        instance=request,
        action=f"disclosure.{kind}",
        user=user,
        data={"event": event.pk, "state": request.state, "date": str(event.date), "letter": letter and letter.pk},
    )
    return event


def record_view(user, request):
    """Write that `user` read the request (and so the applicant's personal data) to the audit log."""
    log(instance=request, action="disclosure.viewed", user=user, data={})
