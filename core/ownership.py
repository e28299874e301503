"""Pages owned by a drafting division: who may do what follows the page's division, not the page tree.

The rule itself lives in the editorial app; the content apps name it only through settings, so they
work (with Wagtail's tree-based rules and every division to choose from) without it:
ZHENGCE_PAGE_PERMISSION_TESTER (the permission tester of a division-owned page) and
ZHENGCE_DIVISION_CHOICES (a function of a user returning the divisions they may give a page, or None
for all of them) and ZHENGCE_DIVISION_MEMBERSHIP (who belongs to which division, both ways: an object with
``members(division)``, its active users, and ``divisions(user)``, a QuerySet of divisions). Every app asks membership
here, never the setting, so there is one answer to "who is in this division" and its converse.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import PagePermissionTester


class DivisionOwnedMixin:
    """Ask the configured permission tester what a user may do with this page (its `division` field owns it)."""

    def permissions_for_user(self, user):
        path = getattr(settings, "ZHENGCE_PAGE_PERMISSION_TESTER", None)
        tester_class = import_string(path) if path else PagePermissionTester
        return tester_class(user, self)

    @property
    def division_name(self):
        return self.division.name if self.division else ""


def limit_division_choices(form, user, field_name="division"):
    """Offer in `form` only the divisions `user` may choose; preselect the only one; require one if any.

    Call it from the admin form of a division-owned page (after the form's __init__).
    """
    field = form.fields.get(field_name)
    path = getattr(settings, "ZHENGCE_DIVISION_CHOICES", None)
    if field is None or user is None or not path:
        return
    divisions = import_string(path)(user)
    if divisions is None:
        return
    field.queryset = divisions
    choices = list(divisions[:2])
    if not choices:
        return
    # The page must belong to one of the user's divisions, or they could not edit it once saved.
    field.required = True
    if len(choices) == 1:
        field.empty_label = None
        if not form.initial.get(field_name):
            form.initial[field_name] = choices[0].pk


def division_ids_for(user):
    """Return the ids of the divisions `user` acts for (ZHENGCE_DIVISION_CHOICES), or None for every division."""
    path = getattr(settings, "ZHENGCE_DIVISION_CHOICES", None)
    if user is None or not path:
        return None
    divisions = import_string(path)(user)
    return None if divisions is None else set(divisions.values_list("pk", flat=True))


def _membership():
    path = getattr(settings, "ZHENGCE_DIVISION_MEMBERSHIP", None)
    return import_string(path) if path else None


def division_members(division):
    """Return the active users who belong to `division`, or no one when membership is not configured."""
    from django.contrib.auth import get_user_model

    membership = _membership()
    if division is None or membership is None:
        return get_user_model().objects.none()
    return membership.members(division)


def user_division_ids(user):
    """Return the ids of the divisions `user` belongs to (empty when membership is not configured)."""
    membership = _membership()
    if user is None or membership is None or not user.is_authenticated:
        return frozenset()
    return frozenset(membership.divisions(user).values_list("pk", flat=True))
