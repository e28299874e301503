"""`python manage.py load_review_demo`: 大气处 content waiting at each step of the review, for each role account."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.review import ReviewDemoError, format_table, load_review_demo


class Command(BaseCommand):
    help = (
        "为审核流程演示创建大气处的文件和解读，并以各角色账号推进到各个审核步骤（起草中、处室负责人审核、"
        "法规处合法性审核、宣教中心终审、退回修改、紧急发布待确认）。需先运行 load_initial_data 和 setup_roles；"
        "可重复运行：已有的演示事项不会重复创建，也不会改动。"
    )

    def handle(self, *args, **options):
        try:
            result = load_review_demo()
        except ReviewDemoError as error:
            raise CommandError(str(error)) from error

        self.stdout.write("审核流程演示：")
        for line in format_table(result.rows):
            self.stdout.write(f"  {line}")
        if result.created:
            summary = f"新建演示事项 {len(result.created)} 项"
            if result.existing:
                summary += f"，已存在 {len(result.existing)} 项（未改动）"
        else:
            summary = f"演示事项均已存在（{len(result.existing)} 项），未作改动"
        self.stdout.write(self.style.SUCCESS(f"{summary}。"))
        self.stdout.write(f"用上表中的账号登录 /admin/ 办理（初始密码见 {settings.ROLE_ACCOUNTS_FILE}）。")
