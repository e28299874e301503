"""Who may read and answer the comments: the Django permissions of the roles, narrowed to the user's divisions.

Comments come only from citizens and are never deleted, so nobody adds or deletes them here. A user without
`editorial.act_on_all_divisions` (division editors and heads) sees and answers only the comments on consultations of
their own divisions (core.ownership.division_ids_for); the office and the publicity center see all of them.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from core.ownership import division_ids_for

from ..models import Comment

READ_ONLY_ACTIONS = ("add", "delete", "copy")


def divisions_of(user):
    """Return the division ids `user` answers for, or None for all (superusers too)."""
    if user.is_superuser:
        return None
    return division_ids_for(user)


def comments_for(user):
    """Return the comments `user` may see in the admin."""
    if not user.has_perm("consultations.view_comment") and not user.has_perm("consultations.change_comment"):
        return Comment.objects.none()
    return Comment.objects.for_divisions(divisions_of(user))


def may_answer(user, comment):
    if not user.has_perm("consultations.change_comment"):
        return False
    divisions = divisions_of(user)
    return divisions is None or comment.consultation.division_id in divisions


class CommentPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in READ_ONLY_ACTIONS])

    def user_has_permission_for_instance(self, user, action, instance):
        if action in READ_ONLY_ACTIONS:
            return False
        if action == "change":
            return may_answer(user, instance)
        return super().user_has_permission_for_instance(user, action, instance) and (
            comments_for(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return Comment.objects.none()
        return super().instances_user_has_permission_for(user, action) & comments_for(user)
