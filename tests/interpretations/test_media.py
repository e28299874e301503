"""音视频解读: an embed or an uploaded audio or video file, and the transcript."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests import factories
from tests.interpretations.common import assert_common_parts
from tests.pages import get_html, section


class TestMediaPage:
    def test_media_embed(self, client, doc):
        page = factories.interpretation("media", [doc], title="访谈视频", duration="12:30")
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "音视频解读")
        assert 'href="https://example.org/video/1"' in html
        assert "在新窗口观看" in html
        assert "<iframe" not in html
        assert "时长：12:30" in html
        transcript = section(html, '<section class="transcript"')
        assert "文字实录</h2>" in transcript and "<p>访谈实录。</p>" in transcript

    @pytest.mark.parametrize("filename, tag", [("fangtan.mp3", "audio"), ("fangtan.mp4", "video")])
    def test_media_file(self, client, doc, filename, tag):
        media = Document.objects.create(title="访谈", file=ContentFile(b"0" * 16, name=filename))
        page = factories.interpretation("media", [doc], title=f"访谈{tag}", embed_url="", media_file=media)
        html = get_html(client, page.url)
        assert f"<{tag} controls" in html
        assert f'<source src="{media.url}">' in html
        assert "在新窗口观看" not in html
