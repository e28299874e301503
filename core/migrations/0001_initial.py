"""core takes over the holiday list from editorial (whose 0006 renamed its table to core_holiday, rows and all)."""

from django.db import migrations, models


def move_content_type(apps, schema_editor, source="editorial", target="core"):
    # Permissions, the admin's history and the reference index point at the content type: renaming it keeps
    # the office's rights on the list and every log entry attached to the same rows.
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="holiday").exists():
        types.filter(app_label=source, model="holiday").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="core", target="editorial")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0006_holiday_moves_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Holiday",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        ("name", models.CharField(max_length=50, verbose_name="名称")),
                        (
                            "is_workday",
                            models.BooleanField(
                                default=False, help_text="勾选表示这一天需要上班（如周末调休上班）", verbose_name="调休上班"
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[("state_council", "国务院安排"), ("staff", "人工维护")],
                                default="staff",
                                help_text=(
                                    "国务院安排的日期由 sync_holidays 命令每年更新；人工添加或修改过的日期不会被覆盖，"
                                    "但删除的国务院安排日期会在下次更新时恢复，如需取消请修改而不要删除。"
                                ),
                                max_length=20,
                                verbose_name="来源",
                            ),
                        ),
                    ],
                    options={"verbose_name": "节假日", "verbose_name_plural": "节假日", "ordering": ["date"]},
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
