"""Labels for the fields and columns Wagtail 8 leaves without one, so that Django shows their English name.

A field or column without a label shows its name made readable (Page, External link text, Port), which no
catalogue can translate. Wagtail builds these forms and the sites listing itself, with no setting for a label:

- the forms' fields are labelled on Wagtail's form classes once, at start-up (`label_wagtail_forms`), so that
  every form Wagtail makes from them carries the label;
- the sites listing is Wagtail's viewset with an index view whose columns are labelled (`SiteIndexView`), swapped
  in by the admin hook that registers viewsets, before Wagtail builds its URLs (hooks.py);
- the task chooser's type filter is added by its search form at run time: the chooser view is Wagtail's with the
  filter labelled (`TaskChooserView`), served at Wagtail's URL in front of it, as the link choosers are.

Recheck each on a Wagtail upgrade: tests/demo/test_admin_language.py fails when one shows English again.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.admin.views import workflows
from wagtail.sites import views as site_views
from wagtail.utils.urlpatterns import decorate_urlpatterns

PAGE = _("页面")


def label_wagtail_forms():
    """Label the fields Wagtail's forms leave without a label (called once, when the app is ready)."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.contrib.search_promotions.forms import SearchPromotionForm, SearchPromotionsFormSet
    from wagtail.users.forms import PagePermissionsForm

    # The page of a row of page permissions (group editor) or of pages a workflow applies to, read aloud.
    PagePermissionsForm.base_fields["page"].label = PAGE
    WorkflowPageForm.base_fields["page"].label = PAGE
    # The formset's form is a copy of the form class made when Wagtail's module was loaded, with fields of its own.
    for form in (SearchPromotionForm, SearchPromotionsFormSet.form):
        form.base_fields["external_link_text"].label = _("外部链接文字")


class SiteIndexView(site_views.IndexView):
    """Wagtail's sites listing, each column labelled."""

    columns = [
        TitleColumn("hostname", label=_("Site"), sort_key="hostname", url_name="wagtailsites:edit"),
        Column("port", label=_("端口"), sort_key="port"),
        Column("site_name", label=_("站点名称")),
        Column("root_page", label=_("根页面")),
        StatusFlagColumn("is_default_site", label=_("Default?"), true_label=_("Default")),
    ]


def label_site_listing(viewsets):
    """Give Wagtail's registered sites viewset the labelled listing (before its URLs are built)."""
    for viewset in viewsets:
        if isinstance(viewset, site_views.SiteViewSet):
            viewset.index_view_class = SiteIndexView


class TaskChooserView(workflows.TaskChooserView):
    """Wagtail's chooser of a workflow's steps, its type filter labelled."""

    def get_task_listing_context_data(self):
        context = super().get_task_listing_context_data()
        form = context["search_form"]
        if "task_type" in form.fields:
            # The form has validated itself already, so its bound field (which drew the label then) is labelled too.
            form.fields["task_type"].label = form["task_type"].label = _("任务类型")
        return context


urlpatterns = [path("admin/workflows/task_chooser/", TaskChooserView.as_view(), name="wagtailadmin_task_chooser")]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
