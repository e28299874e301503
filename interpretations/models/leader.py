"""领导解读 / 第一解读人: a leader interprets in person (interview, press conference or signed article)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.sharing import rich_text

from .base import InterpretationPage, Kind, _html_text


class LeaderInterpretationPage(InterpretationPage):
    """领导解读 / 第一解读人: a leader interprets in person at an interview, press conference or in a signed article."""

    KIND = Kind.LEADER

    class Occasion(models.TextChoices):
        INTERVIEW = "interview", _("访谈")
        PRESS_CONFERENCE = "press_conference", _("新闻发布会")
        SIGNED_ARTICLE = "signed_article", _("署名文章")

    occasion = models.CharField(_("解读场合"), max_length=20, choices=Occasion.choices)
    body = RichTextField(_("解读内容"), features=["h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = (
        InterpretationPage.content_panels
        + [FieldPanel("occasion"), FieldPanel("body")]
        + InterpretationPage.change_panels
    )
    template = "interpretations/leader_interpretation_page.html"

    class Meta:
        verbose_name = _("领导解读")

    def kind_parts(self):
        return [rich_text(self.body)]

    def kind_text(self):
        return f"{self.get_occasion_display()} {_html_text(self.body)}"
