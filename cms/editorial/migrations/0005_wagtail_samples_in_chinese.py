"""Wagtail's sample data named in Chinese: the root page and collection, the groups Editors and Moderators, the
sample workflow.

Wagtail's own migrations create them with English names, which the admin shows as they are (the explorer's
breadcrumbs, the group list, the workflow reports). Only rows that still carry Wagtail's name are renamed.
"""

from django.db import migrations

ROOT_TITLE = ("Root", "根目录")
GROUPS = (("Editors", "初始编辑组"), ("Moderators", "初始审核组"))
SAMPLE_WORKFLOW = ("Moderators approval", "初始审核流程")
SAMPLE_TASK = ("Moderators approval", "初始审核环节")


def rename(apps, schema_editor):
    english, chinese = ROOT_TITLE
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=english).update(
        title=chinese, draft_title=chinese
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=english).update(name=chinese)
    Group = apps.get_model("auth", "Group")
    for english, chinese in GROUPS:
        if not Group.objects.filter(name=chinese).exists():
            Group.objects.filter(name=english).update(name=chinese)
    english, chinese = SAMPLE_WORKFLOW
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=english).update(name=chinese)
    english, chinese = SAMPLE_TASK
    apps.get_model("wagtailcore", "Task").objects.filter(name=english).update(name=chinese)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_editorial_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
