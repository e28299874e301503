from datetime import datetime, time

from django.db import migrations
from django.utils import timezone

# Frozen here: the kinds of reminder when this migration was written.
REMINDER_KINDS = ("due_soon", "overdue", "correction_lapsed", "fee_lapsed")


def one_row_per_address(apps, schema_editor):
    """A reminder sent before the digests was one row per request and day listing all its addresses.

    Give each address its own row, tied to a digest record of that address and day: the history reads as it will from
    now on, and a run on the day of the upgrade does not mail again the addresses that had that day's reminders.
    Nothing is lost (kind, day, time and every address stay); `merge_addresses` undoes it.
    """
    RequestMail = apps.get_model("disclosure", "RequestMail")
    ReminderDigest = apps.get_model("disclosure", "ReminderDigest")
    for mail in RequestMail.objects.filter(kind__in=REMINDER_KINDS, digest=None).order_by("pk"):
        addresses = [address.strip() for address in mail.recipients.split(",") if address.strip()]
        sent_at = mail.sent_at or datetime.combine(mail.sent_on, time(), tzinfo=timezone.get_current_timezone())
        for position, address in enumerate(addresses):
            digest, _created = ReminderDigest.objects.get_or_create(
                address=address.lower(), sent_on=mail.sent_on, defaults={"sent_at": sent_at}
            )
            if position:
                mail.pk = None
            mail.recipients, mail.digest = address, digest
            mail.save()


def merge_addresses(apps, schema_editor):
    """Back to one row per request and day (the earlier schema's constraint), its addresses joined."""
    RequestMail = apps.get_model("disclosure", "RequestMail")
    kept = {}
    for mail in RequestMail.objects.filter(kind__in=REMINDER_KINDS).exclude(digest=None).order_by("pk"):
        first = kept.setdefault((mail.request_id, mail.sent_on), mail)
        if first is mail:
            first.addresses = [mail.recipients]
        else:
            first.addresses.append(mail.recipients)
            mail.delete()
    for mail in kept.values():
        mail.recipients, mail.digest = ", ".join(sorted(set(mail.addresses))), None
        mail.save()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0009_reminder_digests")]

    operations = [migrations.RunPython(one_row_per_address, merge_addresses)]
