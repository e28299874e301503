"""Admin hooks of drafting: an interpretation started from its document, and create forms that create once."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from . import create_once
from .views import AddInterpretationView


@hooks.register("register_admin_urls")
def register_drafting_urls():
    return [
        path(
            "editorial/policies/<int:policy_id>/interpretations/add/<slug:kind>/",
            AddInterpretationView.as_view(),
            name="editorial_add_interpretation",
        ),
    ]


@hooks.register("before_create_page")
def create_once_per_form(request, parent_page, page_class):
    """A second post of the same create form leads to the page the first made, instead of making another."""
    if request.method != "POST":
        return None
    page_id = create_once.earlier_page_id(request)
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        return None
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not request.accepts("text/html"):
        # The autosave: answer as Wagtail's create view does, so the form carries on as the edit form of that page.
        revision = page.get_latest_revision()
        return JsonResponse(
            {
                "success": True,
                "pk": page.pk,
                "revision_id": revision.pk if revision else None,
                "revision_created_at": revision.created_at.isoformat() if revision else None,
                "field_updates": {},
                "comments": {"comments": [], "user": request.user.pk, "authors": {}},
                "url": edit_url,
                "hydrate_url": f"{edit_url}?{urlencode({'_w_hydrate_create_view': '1'})}",
            }
        )
    messages.info(
        request,
        _("「%(title)s」已经创建（同一表单提交了两次，没有再建一个页面），这里是它的编辑页面。")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


@hooks.register("after_create_page")
def remember_created_page(request, page):
    create_once.remember(request, page)
