"""What a backup holds and where: a portable database dump and a tarball of the uploaded media."""

import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings

DATABASE_FILE = "database.json.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
MEDIA_ARCNAME = "media"

# Derived from the content (search index entries) or worthless after a restore (sessions, open editing
# sessions). Everything else is dumped with its primary key: rich text links, revisions and the audit log
# (which keeps entries of deleted pages) refer to pages by id, so natural keys would not restore them.
EXCLUDED_FROM_DUMP = [
    "sessions",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailadmin.editingsession",
]


def excluded_from_dump():
    """Return the EXCLUDED_FROM_DUMP labels this database has (the FTS table exists on SQLite only)."""
    found = []
    for label in EXCLUDED_FROM_DUMP:
        app_label, _, model = label.partition(".")
        try:
            app = apps.get_app_config(app_label)
        except LookupError:
            continue
        if not model or model in {m._meta.model_name for m in app.get_models()}:
            found.append(label)
    return found


def write_media_archive(path):
    """Write MEDIA_ROOT into a gzipped tarball at `path`; return the number of files."""
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(path, "w:gz") as archive:
        archive.add(media_root, arcname=MEDIA_ARCNAME, recursive=False)
        if media_root.is_dir():
            for file in sorted(media_root.rglob("*")):
                archive.add(file, arcname=f"{MEDIA_ARCNAME}/{file.relative_to(media_root)}", recursive=False)
                count += file.is_file()
    return count


def restore_media_archive(path):
    """Extract a media tarball into MEDIA_ROOT, refusing members that would land outside it."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(path, "r:gz") as archive:
        members = []
        for member in archive.getmembers():
            if member.name == MEDIA_ARCNAME:
                continue
            member.name = member.name.removeprefix(f"{MEDIA_ARCNAME}/")
            members.append(member)
            count += member.isfile()
        # The "data" filter rejects absolute paths, "..", links out of the tree and device files.
        archive.extractall(media_root, members=members, filter="data")
    return count
