import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from cms.operations.backup import DATABASE_FILE, MANIFEST_FILE, MEDIA_FILE, excluded_from_dump, write_media_archive


class Command(BaseCommand):
    help = "Write a backup: the database as portable JSON (any engine can restore it) and MEDIA_ROOT as a tarball."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="directory to create for the backup (default: backups/<date-time>)",
        )

    def handle(self, *args, output=None, **options):
        target = Path(output or settings.BASE_DIR / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S"))
        target.mkdir(parents=True, exist_ok=False)
        # Only an outermost transaction can choose its isolation level (a test runs inside its own).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                # One snapshot for every table, so a page saved during the dump is either whole or absent.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                exclude=excluded_from_dump(),
                output=str(target / DATABASE_FILE),
                verbosity=0,
            )
        files = write_media_archive(target / MEDIA_FILE)
        manifest = {"created": timezone.now().isoformat(), "database_vendor": connection.vendor, "media_files": files}
        (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"Backup written to {target} ({files} media files).")
