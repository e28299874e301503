"""一图读懂: an interpretation in images, with a required full-text alternative."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.renditions import sized
from core.sharing import figure, rich_text

from .base import InterpretationPage, Kind, _html_text


class InfographicInterpretationPage(InterpretationPage):
    """一图读懂: one or more images, with a required full-text alternative."""

    KIND = Kind.INFOGRAPHIC
    text_alternative = RichTextField(
        _("文字版"),
        features=["h3", "bold", "ol", "ul", "link"],
        help_text=_("图片内容的完整文字版，供读屏软件、检索和打印使用（必填）"),
    )

    content_panels = (
        InterpretationPage.content_panels
        + [
            InlinePanel("images", min_num=1, label=_("图片")),
            FieldPanel("text_alternative"),
        ]
        + InterpretationPage.change_panels
    )
    template = "interpretations/infographic_interpretation_page.html"

    class Meta:
        verbose_name = _("一图读懂")

    def save(self, *args, **kwargs):
        if not self.listing_image_id:
            first = self.images.first() if self.pk else None
            if first:
                self.listing_image_id = first.image_id
        return super().save(*args, **kwargs)

    def poster_images(self):
        return [figure(item.image, item.caption, item.caption or self.title) for item in self.images.all()]

    def kind_parts(self):
        return self.poster_images() + [rich_text(self.text_alternative)]

    def kind_text(self):
        return _html_text(self.text_alternative)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["images"] = list(self.images.select_related("image"))
        return context

    def renditions_needed(self):
        pictures = [
            pair
            for item in self.images.select_related("image")
            for pair in sized(item.image, "infographic_mobile", "infographic_desktop")
        ]
        return super().renditions_needed() + pictures


class InfographicImage(Orderable):
    page = ParentalKey(InfographicInterpretationPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("图注"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("图解图片")
        verbose_name_plural = _("图解图片")
