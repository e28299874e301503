"""`python manage.py load_initial_data`: create the site tree, settings, reference data and demo content."""

import time

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "创建网站结构、网站设置、基础数据和演示内容（政策文件、解读、新闻、专题）；可重复运行，不会重复创建。"

    def handle(self, *args, **options):
        started = time.monotonic()
        tally = load_demo()
        for line in tally.lines():
            self.stdout.write(line)
        created, updated = tally.total("created"), tally.total("updated")
        summary = f"演示数据已就绪：新建 {created} 项，更新 {updated} 项，用时 {time.monotonic() - started:.1f} 秒。"
        self.stdout.write(self.style.SUCCESS(summary))
