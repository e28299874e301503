"""A consultation that received comments is never deleted, nor any page above it, whatever admin path is taken.

The database holds the rule in the end (Comment.consultation is PROTECT), but Wagtail reaches that point only after
it has logged the deletion and updated the tree's child counts (undone only where the view runs in a transaction),
and the admin then answers with a server error. So every
admin path that deletes pages asks `refusal` first and refuses with a message, writing nothing: the delete view
(`before_delete_page`), the bulk delete of a listing (`before_bulk_action`) and the admin API's delete action (its
pages endpoint, replaced through `construct_admin_api`, also makes the deletion one transaction). Moving a page is
not deleting it and stays allowed.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet

from .models import Comment, ConsultationPage


def refusal(pages):
    """Return why `pages` may not be deleted (a Chinese sentence naming the consultations), or None if they may."""
    held = Comment.objects.under(pages).values("consultation")
    titles = list(ConsultationPage.objects.filter(pk__in=held).order_by("path").values_list("title", flat=True))
    if not titles:
        return None
    message = _(
        "征求意见《%(titles)s》已收到公众意见，该页面及其上级页面都不能删除；如需下线，请取消发布或由办公室撤回。"
    )
    return message % {"titles": "》《".join(titles)}


class DeletePageUnlessItHoldsComments(DeletePageAPIAction):
    def execute(self, instance, data):
        message = refusal([instance])
        if message:
            raise ValidationError({"message": message})
        with transaction.atomic():
            return super().execute(instance, data)


class GuardedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "delete": DeletePageUnlessItHoldsComments}
