"""音视频解读: an audio or video interpretation that plays on its page (an uploaded file, with captions for a video)
or links to a platform, always with its transcript."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from core.sharing import rich_text

from .base import InterpretationPage, Kind, _html_text


class MediaInterpretationPage(InterpretationPage):
    """音视频解读: an uploaded audio/video file or an embed, with a required transcript."""

    KIND = Kind.MEDIA
    AUDIO_EXTENSIONS = {"mp3", "m4a", "ogg", "wav"}
    VIDEO_EXTENSIONS = {"mp4", "webm", "ogv"}

    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("音视频文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("字幕文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("视频的 WebVTT 字幕（.vtt），在播放器中显示；没有字幕时，听障读者可阅读下方的文字实录"),
    )
    embed_url = models.URLField(
        _("外部视频地址"),
        blank=True,
        help_text=_("视频平台的播放地址：没有上传文件时只能链接过去观看；上传了文件时作为“在视频平台观看”的链接"),
    )
    duration = models.CharField(_("时长"), max_length=20, blank=True, help_text=_("如 12:30"))
    transcript = RichTextField(_("文字实录"), features=["h3", "bold", "ol", "ul"], help_text=_("完整文字实录（必填）"))

    content_panels = (
        InterpretationPage.content_panels
        + [
            FieldRowPanel([FieldPanel("media_file"), FieldPanel("captions")]),
            FieldPanel("embed_url"),
            FieldPanel("duration"),
            FieldPanel("transcript"),
        ]
        + InterpretationPage.change_panels
    )
    template = "interpretations/media_interpretation_page.html"

    class Meta:
        verbose_name = _("音视频解读")

    def clean(self):
        super().clean()
        if not self.media_file_id and not self.embed_url:
            raise ValidationError({"media_file": _("请上传音视频文件或填写外部视频地址。")})
        if self.media_file_id and self.media_extension not in self.AUDIO_EXTENSIONS | self.VIDEO_EXTENSIONS:
            raise ValidationError({"media_file": _("只支持 MP3、M4A、OGG、WAV、MP4、WebM 格式。")})
        if self.captions_id:
            if self.captions.file_extension.lower() != "vtt":
                raise ValidationError({"captions": _("字幕须为 WebVTT 格式（.vtt 文件）。")})
            if not self.media_file_id or self.is_audio:
                raise ValidationError({"captions": _("字幕只用于上传的视频文件；音频请在文字实录中提供全文。")})

    @property
    def media_extension(self):
        return self.media_file.file_extension.lower() if self.media_file_id else ""

    @property
    def is_audio(self):
        return self.media_extension in self.AUDIO_EXTENSIONS

    def kind_parts(self):
        return [rich_text(self.transcript)]

    def kind_text(self):
        return _html_text(self.transcript)
