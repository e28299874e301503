"""音视频解读: an embed or an uploaded audio or video file, and the transcript."""

import pytest
from django.core.exceptions import ValidationError
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

    def test_a_video_plays_with_its_captions_and_keeps_the_platform_link(self, client, doc):
        video = Document.objects.create(title="访谈", file=ContentFile(b"0" * 16, name="fangtan.mp4"))
        captions = Document.objects.create(title="字幕", file=ContentFile(b"WEBVTT\n", name="fangtan.vtt"))
        page = factories.interpretation("media", [doc], title="访谈视频", media_file=video, captions=captions)
        html = get_html(client, page.url)
        player = section(html, '<section aria-labelledby="media-heading"')
        assert f'<track kind="captions" src="{captions.url}" srclang="zh-Hans" label="中文字幕" default>' in player
        assert "播放器可显示中文字幕" in player
        assert 'href="https://example.org/video/1"' in player and "在视频平台观看" in player
        assert client.get(video.url).status_code == 200 and client.get(captions.url).status_code == 200

    def test_an_audio_has_no_captions_but_its_transcript(self, client, doc):
        audio = Document.objects.create(title="访谈", file=ContentFile(b"RIFF0000WAVE", name="fangtan.wav"))
        captions = Document.objects.create(title="字幕", file=ContentFile(b"WEBVTT\n", name="fangtan.vtt"))
        page = factories.interpretation("media", [doc], title="访谈音频", embed_url="", media_file=audio)
        html = get_html(client, page.url)
        assert f'<source src="{audio.url}">' in html and "<track" not in html
        assert "完整内容见下方文字实录。" in html
        page.captions = captions
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert "字幕只用于上传的视频文件" in str(refused.value)
        page.captions = Document.objects.create(title="字幕", file=ContentFile(b"0", name="fangtan.mp4"))
        page.media_file = Document.objects.create(title="视频", file=ContentFile(b"0", name="fangtan2.mp4"))
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert "字幕须为 WebVTT 格式" in str(refused.value)

    @pytest.mark.postgresql
    def test_a_drafts_media_and_captions_are_never_served(self, client, doc):
        video = Document.objects.create(title="访谈", file=ContentFile(b"0" * 16, name="draft.mp4"))
        captions = Document.objects.create(title="字幕", file=ContentFile(b"WEBVTT\n", name="draft.vtt"))
        page = factories.interpretation("media", [doc], publish=False, media_file=video, captions=captions)
        assert client.get(video.url).status_code == 404 and client.get(captions.url).status_code == 404
        page.get_latest_revision().publish()
        assert client.get(video.url).status_code == 200 and client.get(captions.url).status_code == 200
        page.refresh_from_db()
        page.unpublish()
        assert client.get(video.url).status_code == 404 and client.get(captions.url).status_code == 404
