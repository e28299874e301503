import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm
from wagtail.models import Page

from cms.cache.renditions import generate


class Command(BaseCommand):
    help = "Generate the image renditions every live page shows (publishing does it for one page)."

    def handle(self, *args, **options):
        pages = Page.objects.live().specific().order_by("path")
        total, images = pages.count(), 0
        progress = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(total=total, unit="页", desc="生成图片", file=progress, disable=options["verbosity"] == 0) as bar:
            for page in pages.iterator(chunk_size=200):
                images += generate(page)
                bar.update(1)
        self.stdout.write(f"已检查 {total} 个页面的 {images} 张图片，缺少的尺寸均已生成。")
