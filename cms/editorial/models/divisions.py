"""The drafting division (起草处室) of a page under review, and the people who belong to it.

A division's editors form one group, linked by ``DivisionGroup``; until that link exists for a division
the group named "起草处室编辑-<处室>" (``EDITOR_GROUP``, the name the roles table gives it) stands for it.
This is the one place that lookup is made.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from policies.models import Division

# The name of a division's editors' group; cms.editorial.roles names the role after it.
EDITOR_GROUP = "起草处室编辑-{division}"


class DivisionGroup(models.Model):
    """The editors' group of a drafting division (起草处室编辑-大气处 …); created with the division."""

    division = models.OneToOneField("policies.Division", on_delete=models.CASCADE, related_name="editor_group")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="division_link")

    class Meta:
        verbose_name = _("处室编辑组")

    def __str__(self):
        return f"{self.division} → {self.group}"


def division_of(page):
    """Return the drafting division of `page` as its latest revision has it (what is under review), or None."""
    revision = page.get_latest_revision() if hasattr(page, "get_latest_revision") else None
    if revision is not None and "division" in revision.content:
        division_id = revision.content.get("division")
    else:
        division_id = getattr(page.specific, "division_id", None)
    if not division_id:
        return None
    return Division.objects.filter(pk=division_id).first()


def division_group(division):
    """Return the editors' group of `division` (or None if it has none yet)."""
    if division is None:
        return None
    link = DivisionGroup.objects.filter(division=division).select_related("group").first()
    if link is not None:
        return link.group
    return Group.objects.filter(name=EDITOR_GROUP.format(division=division.name)).first()


def users_of_division(division):
    """Return the active users in the editors' group of `division`."""
    group = division_group(division)
    if group is None:
        return get_user_model().objects.none()
    return group.user_set.filter(is_active=True)


def divisions_of_user(user):
    """Return the divisions whose editors' group `user` belongs to (the converse of ``users_of_division``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Division.objects.none()
    prefix = EDITOR_GROUP.format(division="")
    named = [name[len(prefix) :] for name in user.groups.filter(name__startswith=prefix).values_list("name", flat=True)]
    return Division.objects.filter(
        models.Q(editor_group__group__user=user) | models.Q(editor_group__isnull=True, name__in=named)
    ).distinct()


class EditorsGroupMembership:
    """Who belongs to which division: its editors' group, both ways (settings.ZHENGCE_DIVISION_MEMBERSHIP)."""

    members = staticmethod(users_of_division)
    divisions = staticmethod(divisions_of_user)


def belongs_to_division(user, division):
    """Return whether `user` is in the editors' group of `division`."""
    group = division_group(division)
    return group is not None and user.groups.filter(pk=group.pk).exists()
