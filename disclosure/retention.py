"""How long an applicant's personal data is kept: ZHENGCE_DISCLOSURE_RETENTION_YEARS after the request is archived.

Then ``manage.py anonymise_disclosure_requests`` removes it: who applied (name, identity document, representative,
contact person, telephone, e-mail, address), what they wrote (the description and purpose, and the staff's notes on
the events, which may quote them), the name of a third party consulted (it may be a person), the scans (rows and files
in storage), the letters sent (they name the applicant and quote the request), the addresses the receipts went to,
and the secret code's hash. It keeps every field a count
is made of — applicant and organisation type, channel, the dates, the state, the division, the events' kinds, dates,
answer types and reasons, the review and litigation outcomes — so the annual report and the dashboard count the same
before and after.

A request whose review or lawsuit is still pending (尚未审结) is kept whole until it is decided.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import DisclosureRequest, EventKind, RemedyOutcome, RequestMail, State
from .models.mail import TO_APPLICANT

ANONYMISED_NAME = "（已匿名化）"
PERSONAL_FIELDS = (
    "id_document",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "secret_hash",
)


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return date(day.year - years, 2, 28)


def due_for_anonymisation(today=None, years=None):
    """Return the archived requests whose retention period ended by `today` and that were not anonymised yet."""
    today = today or timezone.localdate()
    years = settings.ZHENGCE_DISCLOSURE_RETENTION_YEARS if years is None else years
    cutoff = years_before(today, years)
    pending = DisclosureRequest.objects.filter(
        events__kind__in=(EventKind.ADMINISTRATIVE_REVIEW, EventKind.LITIGATION),
        events__outcome=RemedyOutcome.PENDING,
    )
    return (
        DisclosureRequest.objects.filter(
            state=State.ARCHIVED,
            anonymised_on__isnull=True,
            events__kind=EventKind.ARCHIVED,
            events__date__lte=cutoff,
        )
        .exclude(pk__in=pending)
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def anonymise(request, today=None, years=None):
    """Remove `request`'s personal data (see the module's docstring); its scans' files go once the change commits."""
    today = today or timezone.localdate()
    years = settings.ZHENGCE_DISCLOSURE_RETENTION_YEARS if years is None else years
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if request.anonymised_on is not None:
        return request  # already done (another run)
    request.name = ANONYMISED_NAME
    for name in PERSONAL_FIELDS:
        setattr(request, name, "")
    request.anonymised_on = today
    request.save(update_fields=["name", *PERSONAL_FIELDS, "anonymised_on"])
    # A note may quote the applicant; a consulted third party may be a person.
    request.events.exclude(note="").update(note="")
    request.events.filter(kind=EventKind.CONSULT_THIRD_PARTY).exclude(party="").update(party="")
    RequestMail.objects.filter(request=request, kind__in=TO_APPLICANT).update(recipients="", error="")
    files = [(scan.file.storage, scan.file.name) for scan in request.attachments.all() if scan.file]
    scans = request.attachments.all().delete()[0]
    letters = request.letters.all().delete()[0]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    log(
        instance=request,
        action="disclosure.anonymised",
        user=None,
        data={
            "retention_years": years,
            "scans": scans,
            "letters": letters,
        },
    )
    return request
