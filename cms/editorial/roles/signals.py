"""Keeping division ownership up to date: each division has its editors' group, each draft its division.

The receivers are connected when this module is imported: ``roles.hooks`` imports it, and
``EditorialConfig.ready()`` may import it too (``dispatch_uid`` makes a second import harmless).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision

from policies.models import Division

from .groups import ensure_division_group
from .ownership import division_owned_models


@receiver(post_save, sender=Division, dispatch_uid="zhengce_division_editor_group")
def give_division_its_editor_group(sender, instance, raw=False, **kwargs):
    """A new division gets its editors' group (起草处室编辑-<name>); a renamed one, its group renamed."""
    if raw:  # loading fixtures: setup_roles links the groups
        return
    ensure_division_group(instance)


@receiver(post_save, sender=Revision, dispatch_uid="zhengce_draft_follows_its_division")
def draft_follows_its_division(sender, instance, raw=False, **kwargs):
    """Keep a never-published page's division column in step with its latest draft.

    Wagtail writes a draft's fields only into its revision; the admin's listings filter on the page
    row. A page that is not live has nothing public in that row, so its division there follows the
    draft; a live page's row keeps its published division until the draft is published.
    """
    if raw or "division" not in (instance.content or {}):
        return
    if _saved_from_live_page(instance):
        return  # the UPDATE below would match nothing (one query a page of an import)
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is None or not issubclass(model, tuple(division_owned_models())):
        return
    owner_model = model._meta.get_field("division").model
    owner_model._base_manager.filter(pk=instance.object_id, live=False).exclude(
        division_id=instance.content["division"]
    ).update(division_id=instance.content["division"])


def _saved_from_live_page(revision):
    """Return whether the revision was just saved from a page instance that is live (Wagtail hands it over)."""
    field = Revision._meta.get_field("content_object")
    return field.is_cached(revision) and getattr(field.get_cached_value(revision), "live", False)
