import gzip
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from cms.operations.backup import DATABASE_FILE, MEDIA_FILE, restore_media_archive


def backed_up_content_types(path):
    """Return the content types of a database dump, with their ids."""
    with gzip.open(path, "rt", encoding="utf-8") as dump:
        return [
            ContentType(pk=row["pk"], **row["fields"])
            for row in json.load(dump)
            if row["model"] == "contenttypes.contenttype"
        ]


class Command(BaseCommand):
    help = "Replace the database's content and add the media files with a backup written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by `manage.py backup`")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, directory, interactive=True, **options):
        source = Path(directory)
        for name in (DATABASE_FILE, MEDIA_FILE):
            if not (source / name).is_file():
                raise CommandError(f"{source / name} is missing: not a backup directory.")
        if interactive:
            answer = input("This deletes everything in the database and loads the backup. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        with transaction.atomic():
            # Empty every table, including what migrations seeded (Wagtail's welcome page, content types,
            # permissions): the backup brings its own rows with their ids, so the result is the backup exactly.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            # Content types first, without signals and with no cached ones: handlers that run while rows load
            # look content types up, and would otherwise create rows that collide with the backup's.
            ContentType.objects.clear_cache()
            ContentType.objects.bulk_create(backed_up_content_types(source / DATABASE_FILE))
            with connection.cursor() as cursor:  # explicit ids leave PostgreSQL's sequence behind
                for statement in connection.ops.sequence_reset_sql(no_style(), [ContentType]):
                    cursor.execute(statement)
            call_command("loaddata", str(source / DATABASE_FILE), exclude=["contenttypes"], verbosity=0)
        files = restore_media_archive(source / MEDIA_FILE)
        # The database search index is derived data and was not dumped.
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Restored {source} ({files} media files). With Elasticsearch, run search_reindex next.")
