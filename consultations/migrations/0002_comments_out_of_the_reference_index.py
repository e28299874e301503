"""Comments are no longer in Wagtail's reference index (Comment.wagtail_reference_index_ignore): drop the entries
the comments saved so far may have left there."""

from django.db import migrations


def drop_comment_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    comment = ContentType.objects.filter(app_label="consultations", model="comment").first()
    if comment is not None:
        ReferenceIndex.objects.filter(base_content_type=comment).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(drop_comment_references, migrations.RunPython.noop)]
