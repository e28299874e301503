"""专家解读: an expert's commentary."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.sharing import rich_text

from .base import InterpretationPage, Kind, _html_text


class ExpertInterpretationPage(InterpretationPage):
    """专家解读: an expert's commentary; the expert and affiliation come from the interpreter."""

    KIND = Kind.EXPERT
    commentary = RichTextField(_("解读内容"), features=["h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = InterpretationPage.content_panels + [FieldPanel("commentary")] + InterpretationPage.change_panels
    template = "interpretations/expert_interpretation_page.html"

    class Meta:
        verbose_name = _("专家解读")

    def kind_parts(self):
        return [rich_text(self.commentary)]

    def kind_text(self):
        affiliation = self.interpreter.affiliation if self.interpreter else ""
        return f"{affiliation} {_html_text(self.commentary)}"
