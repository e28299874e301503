import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from cms.editorial.language import choosers as link_choosers
from cms.editorial.language import labels as admin_labels
from cms.operations.health import healthz
from cms.search import chooser as page_chooser
from cms.search import views as search_views
from cms.security import files
from consultations import feeds as consultation_feeds
from home import feeds, info_pages

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # The page chooser with the columns that tell documents apart, in front of Wagtail's own at the same paths.
    *page_chooser.urlpatterns,
    # The rich-text link choosers with their fields labelled in Chinese, in front of Wagtail's at the same paths.
    *link_choosers.urlpatterns,
    # The workflow task chooser with its type filter labelled, in front of Wagtail's at the same path.
    *admin_labels.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document serve view, with the caching headers of every file answer; its other URLs as they are.
    re_path(r"^documents/(\d+)/(.*)$", files.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    # Every uploaded file goes through the application, which refuses what a citizen may not see.
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", files.serve_media, name="media"),
    path("search/", search_views.search, name="search"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/suggest/", search_views.suggest_api, name="search_suggest"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/policies/", feeds.PolicyRssFeed(), name="feed_policies"),
    path("feeds/policies/atom/", feeds.PolicyAtomFeed(), name="feed_policies_atom"),
    path("feeds/interpretations/", feeds.InterpretationRssFeed(), name="feed_interpretations"),
    path("feeds/interpretations/atom/", feeds.InterpretationAtomFeed(), name="feed_interpretations_atom"),
    path("feeds/consultations/", consultation_feeds.ConsultationRssFeed(), name="feed_consultations"),
    path("feeds/consultations/atom/", consultation_feeds.ConsultationAtomFeed(), name="feed_consultations_atom"),
    path("ditu/", info_pages.site_map, name="site_map"),
    path("lianxi/", info_pages.contact, name="contact"),
    path("dingyue/", info_pages.subscribe, name="subscribe"),
    # Following by e-mail: the follow form's target and the mails' signed links (never cached).
    path("dingyue/youjian/", include("subscriptions.urls")),
    path("", include("consultations.urls")),
    # Share images of public pages (/fenxiang/<id>.png).
    path("", include("sharing.urls")),
    # 依申请公开: the application form and the status page (not pages of the tree, never cached).
    path("yishenqing/", include("disclosure.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

# A page removed as published in error answers 410 Gone; any other missing page the usual 404.
handler404 = "home.views.page_not_found"
