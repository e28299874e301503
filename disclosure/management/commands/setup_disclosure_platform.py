"""Create the 政府信息公开 platform (/xxgk/) and its four columns on a site that has none yet."""

from django.core.management.base import BaseCommand

from disclosure.site_tree import ensure_platform


class Command(BaseCommand):
    help = "创建“政府信息公开”平台及其四个栏目（已存在的页面不变，可重复运行）"

    def handle(self, *args, **options):
        root, created = ensure_platform()
        for page in created:
            self.stdout.write(f"新建：{page.title}（{page.url_path}）")
        if not created:
            self.stdout.write(f"已存在：{root.title}，未作改动")
