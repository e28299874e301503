"""The codes a request is recorded with.

Applicant types and answer types are those the annual report counts (the table 收到和处理政府信息公开申请情况 of
国办公开办函〔2021〕30号): its columns are the applicant types, its rows the answer types and their sub-reasons, so the
report is a count over these codes and nothing is re-classified afterwards.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    # 第二十七条: 公民、法人或者其他组织可以申请获取政府信息.
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class OrganisationType(models.TextChoices):
    # The columns of 法人或其他组织 in the annual report table.
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    ONLINE = "online", _("在线申请")
    LETTER = "letter", _("信函")
    FAX = "fax", _("传真")
    IN_PERSON = "in_person", _("当面提交")


class InformationForm(models.TextChoices):
    # 第二十九条第二款第三项 and 第四十条: the form the applicant asks for.
    PAPER = "paper", _("纸质文本")
    ELECTRONIC = "electronic", _("电子文本")


class Delivery(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    POST = "post", _("邮寄")
    PICKUP = "pickup", _("自行领取")


class State(models.TextChoices):
    REGISTERED = "registered", _("登记")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    PROCESSING = "processing", _("办理中")
    PAUSED = "paused", _("征求意见中")
    AWAITING_FEE = "awaiting_fee", _("待缴费")  # 第四十二条: a fee notice sent, the clock stopped until paid
    ANSWERED = "answered", _("已答复")
    ARCHIVED = "archived", _("已归档")


OPEN_STATES = (State.REGISTERED, State.AWAITING_CORRECTION, State.PROCESSING, State.PAUSED, State.AWAITING_FEE)


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("登记")
    CONFIRMED = "confirmed", _("确认收到申请")
    ASSIGNED = "assigned", _("分办")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正")
    CONSULT_THIRD_PARTY = "consult_third_party", _("征求第三方意见")
    CONSULT_AGENCY = "consult_agency", _("征求其他机关意见")
    CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
    EXTENDED = "extended", _("延期答复")
    # 第三十五条: a number or frequency of requests clearly beyond what is reasonable.
    REASONS_REQUESTED = "reasons_requested", _("要求说明理由")
    REASONS_RECEIVED = "reasons_received", _("收到理由说明")
    DELAY_SET = "delay_set", _("确定延迟答复期限")
    # 第四十二条 and 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) 第七条.
    FEE_NOTICE = "fee_notice", _("发出收费通知")
    FEE_PAID = "fee_paid", _("收到缴费")
    ANSWERED = "answered", _("答复")
    ARCHIVED = "archived", _("归档")
    ADMINISTRATIVE_REVIEW = "administrative_review", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")
    REMEDY_DECIDED = "remedy_decided", _("复议或诉讼结果")


PAUSE_KINDS = (EventKind.CONSULT_THIRD_PARTY, EventKind.CONSULT_AGENCY)


class AnswerType(models.TextChoices):
    # 第三十六条 (and 第三十七条 for 部分公开); the rows of the annual report's 本年度办理结果.
    ALREADY_PUBLIC = "already_public", _("已主动公开")  # 第三十六条第一项
    DISCLOSED = "disclosed", _("予以公开")  # 第三十六条第二项
    PARTLY = "partly", _("部分公开")  # 第三十七条
    WITHHELD = "withheld", _("不予公开")  # 第三十六条第三项
    UNAVAILABLE = "unavailable", _("无法提供")  # 第三十六条第四、五项, 第三十八条
    NOT_PROCESSED = "not_processed", _("不予处理")  # 第三十六条第六、七项, 第三十九条
    OTHER = "other", _("其他处理")


class AnswerReason(models.TextChoices):
    """The sub-reasons the annual report counts under its answer type (the prefix names the type)."""

    # 不予公开 (第十四条、第十五条、第十六条)
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("属于国家秘密")
    WITHHELD_LAW = "withheld_law", _("其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "withheld_security", _("危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld_internal", _("属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld_process", _("属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "withheld_enforcement", _("属于行政执法案卷")
    WITHHELD_QUERY = "withheld_query", _("属于行政查询事项")
    # 无法提供 (第三十六条第四、五项, 第三十八条, 第三十条)
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("本机关不掌握相关政府信息")
    UNAVAILABLE_TO_BE_MADE = "unavailable_to_be_made", _("没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("补正后申请内容仍不明确")
    # 不予处理 (第三十九条, 第三十六条第六项, 第三十五条)
    NOT_PROCESSED_PETITION = "not_processed_petition", _("信访举报投诉类申请")
    NOT_PROCESSED_REPEATED = "not_processed_repeated", _("重复申请")
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", _("要求提供公开出版物")
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", _("无正当理由大量反复申请")
    NOT_PROCESSED_CONFIRM = "not_processed_confirm", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理 (第三十条, 第四十二条)
    OTHER_NO_CORRECTION = "other_no_correction", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER_OTHER = "other_other", _("其他")


# Which answer types need a sub-reason, and which sub-reasons each allows.
REASONS_BY_ANSWER = {
    AnswerType.WITHHELD: tuple(r for r in AnswerReason if r.value.startswith("withheld_")),
    AnswerType.UNAVAILABLE: tuple(r for r in AnswerReason if r.value.startswith("unavailable_")),
    AnswerType.NOT_PROCESSED: tuple(r for r in AnswerReason if r.value.startswith("not_processed_")),
    AnswerType.OTHER: tuple(r for r in AnswerReason if r.value.startswith("other_")),
}


class RemedyOutcome(models.TextChoices):
    # The columns of the annual report's 行政复议、行政诉讼情况 (第五十一条).
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")
