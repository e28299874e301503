"""`python manage.py setup_roles`: create the editorial role groups, the review workflow and the role accounts.

The accounts are those of settings.ZHENGCE_ROLE_ACCOUNTS (the demo's: one per role)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.editorial.roles.groups import EDITOR_GROUP, setup_roles
from cms.editorial.workflow.setup import ensure_workflows


class Command(BaseCommand):
    help = (
        "创建编辑角色组及其权限、审核流程，并为每个角色创建一个账号（随机密码只显示一次，并写入 ROLE_ACCOUNTS_FILE）。"
        "可重复运行：已有账号的密码不会改变。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--groups-only", action="store_true", help="只创建和更新角色组，不创建账号")

    def handle(self, *args, groups_only=False, **options):
        accounts_file = settings.ROLE_ACCOUNTS_FILE
        groups, accounts = setup_roles(accounts_file, with_accounts=not groups_only)

        self.stdout.write("角色组：")
        for name, (_group, created, changes) in groups.items():
            state = "新建" if created else (f"已更新 {changes} 项权限" if changes else "已存在")
            self.stdout.write(f"  {name}：{state}")
        if not any(name.startswith(EDITOR_GROUP.format(division="")) for name in groups):
            self.stdout.write(
                self.style.WARNING("  尚无起草处室：请先运行 load_initial_data 或在后台添加处室，再运行本命令。")
            )

        workflow = ensure_workflows()
        steps = " → ".join(task.name for task in workflow.tasks)
        self.stdout.write(f"审核流程：{workflow.name}（{steps}），适用于政策文件库和政策解读栏目")

        if groups_only:
            return
        self.stdout.write("账号：")
        new = 0
        for account, password, missing in accounts:
            roles = "、".join(account.groups)
            if password:
                new += 1
                self.stdout.write(f"  新建账号：{account.username}  密码：{password}  角色：{roles}")
            else:
                self.stdout.write(f"  {account.username}：已存在，密码未改变（见 {accounts_file}）  角色：{roles}")
            if missing:
                self.stdout.write(
                    self.style.WARNING(f"    缺少角色组 {'、'.join(missing)}：请先添加相应处室，再运行本命令。")
                )
        if new:
            self.stdout.write(
                self.style.SUCCESS(
                    f"已新建 {new} 个账号。以上密码只显示这一次，已保存到 {accounts_file}（仅本人可读）；"
                    "请分发后尽快修改。"
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"没有新账号。已有账号的初始密码见 {accounts_file}。"))
