"""Citizens' comments (意见) on a consultation and the drafting division's answer to each.

A comment is kept whole once acknowledged: it is never edited by staff (only answered), never deleted with its
consultation (PROTECT). Contact details are for the division only; citizens see a comment's text at most, and only
when the department publishes comments after moderation (ZHENGCE_CONSULTATION_PUBLISH_COMMENTS = "moderated").
Answers are written with optimistic locking (`version`): ``Comment.objects.answer`` updates a row only if it still
has the version the staff member saw, so two people answering at once never overwrite each other silently.
"""

import hashlib
import hmac
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policies.numerals import article_label

# No 0/O, 1/I/L: a receipt number is read out over the phone.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class Answer(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不采纳")
    OUT_OF_SCOPE = "out_of_scope", _("不属于征求范围")


# The answers that must say why.
REASON_REQUIRED = (Answer.PARTLY_ADOPTED, Answer.NOT_ADOPTED, Answer.OUT_OF_SCOPE)


class Moderation(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("公开")
    REJECTED = "rejected", _("不公开")


class DuplicateComment(Exception):
    """Raised when the same client sent the same text on the same consultation within the duplicate window."""


class StaleAnswer(Exception):
    """Raised when a comment was answered by someone else since the form was opened."""

    def __init__(self, comment):
        super().__init__(comment.pk)
        self.comment = comment


def client_key(address):
    """Return a keyed hash of a client's address: enough to tell repeats apart, without keeping the address."""
    return hmac.new(settings.SECRET_KEY.encode(), f"consultation:{address}".encode(), hashlib.sha256).hexdigest()[:40]


def text_key(text):
    """Return a hash of a comment's text that ignores width, case and white space (the same text typed twice)."""
    normal = "".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha256(normal.encode()).hexdigest()


def new_receipt():
    now = timezone.localtime()
    return f"YJ{now:%Y%m%d}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))


class CommentQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answer="")

    def answered(self):
        return self.exclude(answer="")

    def published_on_page(self):
        """Return the comments citizens may read on the consultation's page (per the department's setting)."""
        if settings.ZHENGCE_CONSULTATION_PUBLISH_COMMENTS != "moderated":
            return self.none()
        return self.filter(moderation=Moderation.APPROVED).order_by("created_at", "pk")

    def under(self, pages):
        """Return the comments on consultations that are `pages` or below them: deleting any of `pages` would take
        these consultations with it."""
        paths = Q()
        for page in pages:
            paths |= Q(consultation__path__startswith=page.path)
        return self.filter(paths) if paths else self.none()

    def for_divisions(self, division_ids):
        """Return the comments on consultations owned by `division_ids` (None: every division)."""
        return self if division_ids is None else self.filter(consultation__division__in=division_ids)

    def receive(self, consultation, client, text, **fields):
        """Save a citizen's comment in a transaction of its own and return it, or raise DuplicateComment (saving
        nothing) when `client` sent the same text on `consultation` within the duplicate window.

        The check and the save hold the consultation's row first, so that comments on one consultation are checked
        and saved one at a time: two identical posts at the same moment cannot both pass the check, the second
        waits for the first to commit and then finds it. The window slides and is a setting, which no unique key
        could express; the hold lasts a few milliseconds and only posts on the same consultation wait for it. It is
        an UPDATE (of a value to itself) rather than select_for_update because SQLite ignores the latter, and a
        SQLite transaction that has read cannot wait for a writer (unless it began IMMEDIATE, as the test settings
        make every transaction): it fails at once ("database is locked").
        """
        consultations = self.model._meta.get_field("consultation").related_model
        with transaction.atomic():
            consultations.objects.filter(pk=consultation.pk).update(is_major_decision=F("is_major_decision"))
            if self.recent_duplicate(consultation, client, text):
                raise DuplicateComment
            return self.create(consultation=consultation, client_key=client, text=text, **fields)

    def recent_duplicate(self, consultation, client, text, window=None):
        """Return whether `client` sent the same text on `consultation` within the duplicate window."""
        window = window or settings.ZHENGCE_CONSULTATION_DUPLICATE_WINDOW
        since = timezone.now() - timedelta(seconds=window)
        return self.filter(
            consultation=consultation, client_key=client, text_key=text_key(text), created_at__gte=since
        ).exists()

    def answer(self, comments_and_versions, answer, reason, note, user, moderation=None):
        """Answer each (comment id, version seen) with `answer`, `reason` and `note`, all or none.

        Raise StaleAnswer with the first comment that changed since its version was seen; nothing is written then.
        """
        if answer in REASON_REQUIRED and not reason.strip():
            raise ValueError("a reason is required unless the comment is adopted")
        now = timezone.now()
        values = dict(answer=answer, reason=reason, internal_note=note, answered_by=user, answered_at=now)
        if moderation:
            values["moderation"] = moderation
        with transaction.atomic():
            for pk, version in comments_and_versions:
                changed = self.filter(pk=pk, version=version).update(version=F("version") + 1, **values)
                if not changed:
                    raise StaleAnswer(self.model.objects.select_related("answered_by").get(pk=pk))
        return len(comments_and_versions)


class Comment(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("征求意见"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    article = models.PositiveIntegerField(
        _("条"), null=True, blank=True, help_text=_("针对的条号；为空表示针对草案全文")
    )
    text = models.TextField(_("意见内容"))
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True, help_text=_("仅起草处室可见，不公开"))
    receipt = models.CharField(_("回执编号"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True, editable=False)
    client_key = models.CharField(max_length=40, editable=False, db_index=True)
    text_key = models.CharField(max_length=64, editable=False)

    answer = models.CharField(_("答复"), max_length=20, choices=Answer.choices, blank=True, db_index=True)
    reason = models.TextField(_("理由"), blank=True, help_text=_("采纳以外的答复必须说明理由；将在反馈报告中公开"))
    internal_note = models.TextField(_("内部备注"), blank=True, help_text=_("仅内部可见，不会公开"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    moderation = models.CharField(_("公开审核"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING)

    objects = CommentQuerySet.as_manager()

    # A comment is not a use of its consultation. Left in Wagtail's reference index, whether it got there would depend
    # on whether the admin's URLs were loaded when it was saved (the comments' viewset registers it then), and an
    # entry makes the bulk delete refuse with a bare "no permission" before consultations.deletion can say why.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        indexes = [models.Index(fields=["consultation", "client_key", "text_key"])]
        constraints = [
            # An answer other than 采纳 says why, whatever path wrote it.
            models.CheckConstraint(
                condition=Q(answer="") | Q(answer=Answer.ADOPTED) | ~Q(reason=""),
                name="consultation_comment_reason_unless_adopted",
            )
        ]

    def __str__(self):
        return f"{self.receipt} {self.article_label}"

    @property
    def article_label(self):
        return article_label(self.article) if self.article else _("全文")

    @property
    def created_local(self):
        """The submission time in Beijing time, as the export shows it."""
        return timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def answered_local(self):
        return timezone.localtime(self.answered_at).strftime("%Y-%m-%d %H:%M:%S") if self.answered_at else ""

    @property
    def is_answered(self):
        return bool(self.answer)

    def save(self, *args, **kwargs):
        if not self.receipt:
            self.receipt = new_receipt()
        if not self.text_key:
            self.text_key = text_key(self.text)
        super().save(*args, **kwargs)
