"""Admin hooks of the admin's language: the sites listing with its columns labelled (labels.py)."""

from wagtail import hooks
from wagtail.admin.viewsets import viewsets

from .labels import label_site_listing


@hooks.register("register_admin_viewset", order=100)
def label_the_sites_listing():
    """After Wagtail's own registrations (order 0): nothing new, its sites viewset given our listing."""
    label_site_listing(viewsets.viewsets)
    return []
