"""A request for disclosure (政府信息公开申请) and what the applicant wrote in it (第二十九条)."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .codes import OPEN_STATES, ApplicantType, Channel, Delivery, InformationForm, OrganisationType, State

# Letters an applicant cannot misread (no 0/O, 1/I/L) for the code they type on the status page.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_secret_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))


def submission_digest(submission):
    """What is stored of a form's one-time submission key: its hash, so the stored value gives no code away."""
    return hashlib.sha256(submission.encode()).hexdigest()


def code_for_submission(submission):
    """The secret code of the request sent with `submission`, the same each time it is asked for.

    A double click posts the form twice and the browser shows the second answer: that answer must give the same
    number and code as the first. Derived with the site's secret key, so neither the key nor its stored hash
    alone gives the code.
    """
    mac = hmac.new(settings.SECRET_KEY.encode(), b"disclosure.code:" + submission.encode(), hashlib.sha256).digest()
    number = int.from_bytes(mac, "big")
    letters = []
    for _index in range(CODE_LENGTH):
        number, digit = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[digit])
    return "".join(letters)


def normalise_code(code):
    return "".join((code or "").split()).upper().replace("-", "")


class AlreadySubmitted(Exception):
    def __init__(self, request):
        super().__init__(request.number)
        self.request = request


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def sent_with(self, submission):
        """The request an earlier post of the same form created, if any."""
        return self.filter(submission_digest=submission_digest(submission)).first() if submission else None

    def assigned_to(self, divisions):
        return self.filter(division__in=divisions)


class DisclosureRequest(models.Model):
    number = models.CharField(_("申请编号"), max_length=20, unique=True, editable=False)
    # Only a hash is kept: the code is shown once, on the confirmation, and whoever reads the database cannot
    # use it to open the status page.
    secret_hash = models.CharField(max_length=128, editable=False)

    # 第二十九条第二款第一项: 申请人的姓名或者名称、身份证明、联系方式.
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    organisation_type = models.CharField(
        _("组织类型"), max_length=20, choices=OrganisationType.choices, blank=True, help_text=_("法人或其他组织填写")
    )
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_document = models.CharField(
        _("身份证明"),
        max_length=100,
        help_text=_("自然人填写证件类型和号码；法人或其他组织填写统一社会信用代码"),
    )
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # 第二十九条第二款第二项: 名称、文号或者便于行政机关查询的其他特征性描述.
    description = models.TextField(_("所需政府信息的名称、文号或特征描述"))
    purpose = models.TextField(_("用途"), blank=True)
    # 第二十九条第二款第三项: 形式要求，包括获取信息的方式、途径.
    information_form = models.CharField(_("信息的指定提供形式"), max_length=20, choices=InformationForm.choices)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)

    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    submitted_on = models.DateField(
        _("提交日期"), help_text=_("当面提交的，提交之日即收到申请之日（第三十一条第一项）")
    )
    signed_on = models.DateField(
        _("签收日期"),
        null=True,
        blank=True,
        help_text=_("以需要签收的邮寄方式提交的，签收之日为收到申请之日（第三十一条第二项）"),
    )
    confirmed_on = models.DateField(
        _("确认日期"),
        null=True,
        blank=True,
        help_text=_(
            "平常信函等无需签收的邮寄方式，应于收到当日与申请人确认；在线申请和传真以双方确认之日为收到申请之日"
            "（第三十一条第二、三项）"
        ),
    )

    state = models.CharField(_("状态"), max_length=30, choices=State.choices, default=State.REGISTERED)
    division = models.ForeignKey(
        "policies.Division",
        verbose_name=_("承办处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # The public form's one-time key (hashed): a second post of the same form finds this request, not a new one.
    submission_digest = models.CharField(
        _("提交标识"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # The day the applicant's personal data was removed (disclosure/retention.py); the counts stay.
    anonymised_on = models.DateField(_("匿名化日期"), null=True, blank=True, editable=False)

    objects = DisclosureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        permissions = (
            ("manage_requests", "可以登记、分办和办理全部政府信息公开申请（办公室）"),
            ("view_all_requests", "可以查看全部政府信息公开申请及申请人信息，登记复议和诉讼（法规处）"),
            ("handle_assigned_requests", "可以办理分办给本处室的政府信息公开申请"),
        )

    def __str__(self):
        return self.number

    # --- the date of receipt (第三十一条) ---------------------------------------------------------------------

    @property
    def received_on(self):
        """Return the date the request counts as received, or None while it is not yet confirmed (第三十一条)."""
        if self.channel == Channel.IN_PERSON:
            return self.submitted_on  # 第三十一条第一项
        if self.channel == Channel.LETTER and self.signed_on:
            return self.signed_on  # 第三十一条第二项：签收之日
        return self.confirmed_on  # 第三十一条第二项（平常信函）、第三项（互联网、传真）：确认之日

    def clean(self):
        errors = {}
        if self.applicant_type == ApplicantType.ORGANISATION and not self.organisation_type:
            errors["organisation_type"] = _("法人或其他组织请选择组织类型。")
        if self.applicant_type == ApplicantType.PERSON:
            self.organisation_type = ""
        if self.delivery == Delivery.EMAIL and not self.email:
            errors["email"] = _("选择以电子邮件获取信息的，请填写电子邮箱。")
        if self.delivery == Delivery.POST and not self.address:
            errors["address"] = _("选择邮寄的，请填写通信地址。")
        for field in ("signed_on", "confirmed_on"):
            value = getattr(self, field)
            if value and self.submitted_on and value < self.submitted_on:
                errors[field] = _("不能早于提交日期。")
        if errors:
            raise ValidationError(errors)

    # --- the number and the code ------------------------------------------------------------------------------

    @classmethod
    def next_number(cls, year):
        """Return the next number of `year`, 依申请〔2026〕12号 style in ASCII: YSQ-2026-0012."""
        prefix = f"YSQ-{year}-"
        last = cls.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
        serial = int(last[0].rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{serial:04d}"

    def set_secret_code(self, submission=None):
        """Give the request a new secret code; return it (the only moment it is known in clear but for a repost)."""
        code = code_for_submission(submission) if submission else new_secret_code()
        self.secret_hash = make_password(code)
        return code

    def check_secret_code(self, code):
        return bool(self.secret_hash) and check_password(normalise_code(code), self.secret_hash)

    @transaction.atomic
    def register(self, user=None, submission=None):
        """Save a new request with its number, its secret code and the 登记 event; return the code.

        With the public form's `submission` key, a request already sent with it raises AlreadySubmitted.
        """
        from .codes import EventKind
        from .events import RequestEvent

        year = (self.submitted_on or timezone.localdate()).year
        self.created_by = user
        code = self.set_secret_code(submission)
        if submission:
            self.submission_digest = submission_digest(submission)
        self.number = self.next_number(year)
        self.full_clean(exclude=["number", "submission_digest"])  # both unique: the save below settles a clash
        # Two requests registered at once may take the same number: the unique index refuses the second, which
        # takes the next one (in a savepoint, so the transaction goes on).
        for attempt in range(10):
            try:
                with transaction.atomic():
                    self.save()
                break
            except IntegrityError:
                # The same form posted twice at once: the unique key refuses the second, which answers as the first.
                if (earlier := DisclosureRequest.objects.sent_with(submission)) is not None:
                    raise AlreadySubmitted(earlier) from None
                if attempt == 9:
                    raise
                self.pk = None
                self.number = self.next_number(year)
        RequestEvent.objects.create(
            request=self, kind=EventKind.REGISTERED, date=self.submitted_on, user=user, note=self.get_channel_display()
        )
        log(instance=self, action="disclosure.registered", user=user, data={"channel": self.channel})
        return code

    @property
    def is_open(self):
        return self.state in OPEN_STATES
