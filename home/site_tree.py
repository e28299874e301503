"""The fixed part of the page tree: the home page and its three sections, created once."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site


def ensure_site_tree(hostname="localhost", port=80):
    """Create (or find) the home page and its sections, make it the default site, and return them."""
    from interpretations.models import InterpretationIndexPage
    from policies.models import PolicyIndexPage

    from .models import HomePage, NewsIndexPage

    with transaction.atomic():
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # The welcome page of a fresh Wagtail install (and its Site) is replaced by our home page.
            for page in root.get_children().filter(content_type__app_label="wagtailcore", content_type__model="page"):
                page.delete()
            root.refresh_from_db()
            home = root.add_child(instance=HomePage(title=_("浙江省生态环境厅"), slug="home", live=True))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=home.title
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = home.title
            site.save()
        sections = {}
        for model, slug, title in (
            (PolicyIndexPage, "zhengce", _("政策文件库")),
            (InterpretationIndexPage, "jiedu", _("政策解读")),
            (NewsIndexPage, "xinwen", _("新闻发布")),
        ):
            page = model.objects.child_of(home).first()
            if page is None:
                page = home.add_child(instance=model(title=title, slug=slug, live=True))
            sections[slug] = page
    return home, sections["zhengce"], sections["jiedu"], sections["xinwen"]
