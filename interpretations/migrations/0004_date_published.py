# The interpretation's 发布日期 takes the name every page type uses (core.publication), and when left blank
# is the day the page first goes live instead of the day its draft was created. Existing dates are kept, in
# the pages and in their revisions (whose content names the field).

from django.db import migrations, models


def _rename_in_revisions(apps, old, new):
    Revision = apps.get_model("wagtailcore", "Revision")
    revisions = Revision.objects.filter(content_type__app_label="interpretations")
    batch = []
    for revision in revisions.only("pk", "content").iterator(chunk_size=500):
        if old in revision.content and new not in revision.content:
            revision.content[new] = revision.content.pop(old)
            batch.append(revision)
        if len(batch) == 500:
            Revision.objects.bulk_update(batch, ["content"])
            batch = []
    Revision.objects.bulk_update(batch, ["content"])


def forwards(apps, schema_editor):
    _rename_in_revisions(apps, "date", "date_published")


def backwards(apps, schema_editor):
    _rename_in_revisions(apps, "date_published", "date")


class Migration(migrations.Migration):

    dependencies = [
        ('interpretations', '0003_publication_state'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RenameField(
            model_name='interpretationpage',
            old_name='date',
            new_name='date_published',
        ),
        migrations.AlterField(
            model_name='interpretationpage',
            name='date_published',
            field=models.DateField(blank=True, db_index=True, help_text='留空则为在本网站首次发布之日', null=True, verbose_name='发布日期'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
