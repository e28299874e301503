"""The rich-text link choosers (external, anchor, e-mail, phone) with their fields labelled in Chinese.

Wagtail's forms leave most of these fields without a label, so Django shows the English field name (Link text,
Email address). These views are Wagtail's own with labelled forms, served at Wagtail's URLs: cms/urls.py puts
`urlpatterns` before the admin's, as it does for the page chooser (cms/search/chooser.py).
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms import choosers as wagtail_forms
from wagtail.admin.views import chooser
from wagtail.utils.urlpatterns import decorate_urlpatterns

LINK_TEXT = _("链接文字")


class ExternalLinkChooserForm(wagtail_forms.ExternalLinkChooserForm):
    link_text = forms.CharField(required=False, label=LINK_TEXT)


class AnchorLinkChooserForm(wagtail_forms.AnchorLinkChooserForm):
    url = forms.CharField(required=True, label=_("锚点（#后的名称）"))
    link_text = forms.CharField(required=False, label=LINK_TEXT)


class EmailLinkChooserForm(wagtail_forms.EmailLinkChooserForm):
    email_address = forms.EmailField(required=True, label=_("电子邮件地址"))
    link_text = forms.CharField(required=False, label=LINK_TEXT)
    subject = forms.CharField(required=False, label=_("邮件主题"))
    body = forms.CharField(required=False, label=_("邮件正文"), widget=forms.Textarea(attrs={"rows": 3}))


class PhoneLinkChooserForm(wagtail_forms.PhoneLinkChooserForm):
    phone_number = forms.CharField(required=True, label=_("电话号码"))
    link_text = forms.CharField(required=False, label=LINK_TEXT)


class ExternalLinkView(chooser.ExternalLinkView):
    form_class = ExternalLinkChooserForm


class AnchorLinkView(chooser.AnchorLinkView):
    form_class = AnchorLinkChooserForm


class EmailLinkView(chooser.EmailLinkView):
    form_class = EmailLinkChooserForm


class PhoneLinkView(chooser.PhoneLinkView):
    form_class = PhoneLinkChooserForm


urlpatterns = [
    path("admin/choose-external-link/", ExternalLinkView.as_view(), name="wagtailadmin_choose_page_external_link"),
    path("admin/choose-email-link/", EmailLinkView.as_view(), name="wagtailadmin_choose_page_email_link"),
    path("admin/choose-phone-link/", PhoneLinkView.as_view(), name="wagtailadmin_choose_page_phone_link"),
    path("admin/choose-anchor-link/", AnchorLinkView.as_view(), name="wagtailadmin_choose_page_anchor_link"),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
