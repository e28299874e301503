"""Who may do what with a division-owned page: ownership follows the drafting division, not the page tree.

Wagtail's page permissions (``roles.groups.ROLES``) say which sections a role works in. Within them, a
user without the permission ``editorial.act_on_all_divisions`` (division editors, division heads) acts
only on the pages they own: pages whose drafting division (``division``) is one of theirs — a division is
theirs when they are in its editors' group (``DivisionGroup``) — or, while a page has no division, pages
they created. On any other division-owned page such a user can do nothing (edit, submit, delete, move,
copy, lock, see its history, revisions or previews), can never publish or unpublish a division-owned page,
and does not see the page at all in the admin while it is not live (its live version is public, so it
stays visible, read-only).

The office (办公室), the legality and publicity reviewers (法规处审核, 宣教中心审核) — the ``all_divisions``
roles, which hold that permission — and superusers keep Wagtail's tree-based rules for every division.

Division-owned pages are those of models with ``core.ownership.DivisionOwnedMixin`` (PolicyPage,
InterpretationPage); ``core.ownership`` reaches this module through the settings
ZHENGCE_PAGE_PERMISSION_TESTER and ZHENGCE_DIVISION_CHOICES, and ``roles.hooks`` applies the same
rule to the admin's listings, search, choosers and reports (``DivisionPagePermissionPolicy``).
"""

from dataclasses import dataclass
from functools import reduce

from django.apps import apps
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.ownership import DivisionOwnedMixin
from policies.models import Division

from ..models.permissions import ALL_DIVISIONS
from ..models.permissions import perm as permission_name

_SCOPE_CACHE = "_zhengce_division_scope"
# The actions that make a page section explorable (as in PagePermissionPolicy.explorable_instances).
_EXPLORE_ACTIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")


@dataclass(frozen=True)
class DivisionScope:
    """What a user may act on: every division, or the divisions (by id) whose editors' group they are in."""

    all_divisions: bool
    division_ids: frozenset = frozenset()


def division_scope(user):
    """Return the user's DivisionScope, cached on the user object (like Wagtail's page permissions)."""
    scope = getattr(user, _SCOPE_CACHE, None)
    if scope is not None:
        return scope
    if user is None or user.is_anonymous or not user.is_active:
        scope = DivisionScope(all_divisions=False)
    elif user.has_perm(permission_name(ALL_DIVISIONS)):
        scope = DivisionScope(all_divisions=True)
    else:
        ids = Division.objects.filter(editor_group__group__user=user).values_list("pk", flat=True)
        scope = DivisionScope(all_divisions=False, division_ids=frozenset(ids))
    if user is not None:
        setattr(user, _SCOPE_CACHE, scope)
    return scope


def divisions_for_user(user):
    """Return the divisions `user` may give a page they draft (settings.ZHENGCE_DIVISION_CHOICES), or None for all."""
    if user is None:
        return None
    scope = division_scope(user)
    if scope.all_divisions:
        return None
    return Division.objects.filter(pk__in=scope.division_ids)


def is_division_owned(page):
    return isinstance(page, DivisionOwnedMixin) and hasattr(page, "division_id")


def owns(user, page):
    """Return whether `user` may act on the division-owned `page` (always True for every-division roles)."""
    scope = division_scope(user)
    if scope.all_divisions:
        return True
    if page.division_id is not None:
        return page.division_id in scope.division_ids
    return user.pk is not None and page.owner_id == user.pk


def division_owned_models():
    """Return the concrete page models owned by a division, without the subclasses of another one in the list."""
    owned = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, DivisionOwnedMixin) and not model._meta.abstract
    ]
    return [model for model in owned if not any(parent in owned for parent in model._meta.get_parent_list())]


def foreign_pages_q(user):
    """Return a Q (on Page) matching the division-owned pages `user` does not own, or None if they own all."""
    scope = division_scope(user)
    if scope.all_divisions:
        return None
    owned = Q(division__in=scope.division_ids)
    if user is not None and user.pk is not None:
        owned |= Q(division__isnull=True, owner=user.pk)
    subqueries = [Q(pk__in=model._base_manager.exclude(owned).values("pk")) for model in division_owned_models()]
    return reduce(lambda a, b: a | b, subqueries) if subqueries else None


def hide_foreign_drafts(pages, user):
    """Remove from the page queryset `pages` the pages `user` does not own that are not live."""
    foreign = foreign_pages_q(user)
    if foreign is None:
        return pages
    return pages.exclude(foreign & Q(live=False))


class DivisionPagePermissionTester(PagePermissionTester):
    """Wagtail's tree-based permissions, narrowed to the drafting division that owns the page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.division_owned = is_division_owned(page)
        # Superusers and every-division roles keep Wagtail's rules; others are narrowed on owned pages.
        self.narrowed = self.division_owned and not division_scope(user).all_divisions
        self.owned = not self.narrowed or owns(user, page)

    def can_edit(self):
        return self.owned and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.owned and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        # Division editors and heads never publish: a review that ends publishes for them.
        return not self.narrowed and super().can_publish()

    def can_unpublish(self):
        return not self.narrowed and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.owned and super().can_submit_for_moderation()

    def can_lock(self):
        return self.owned and super().can_lock()

    def can_unlock(self):
        # Whoever holds a lock may always release it.
        return (self.owned or self.user_has_lock()) and super().can_unlock()

    def can_view_revisions(self):
        return self.owned and super().can_view_revisions()

    def can_copy(self):
        return self.owned and super().can_copy()


class DivisionPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with division ownership applied to the querysets the admin lists.

    A user acts on no page of another division (reports, "pages I can change"), and explores only the
    live ones (explorer, page search, the admin API, site history).
    """

    def _foreign(self, user):
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return None
        return foreign_pages_q(user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        foreign = self._foreign(user)
        return pages if foreign is None else pages.exclude(foreign)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        specific = getattr(instance, "specific_deferred", instance)
        if is_division_owned(specific) and not owns(user, specific) and not user.is_superuser:
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)  # without any page of another division (see above)
        foreign = self._foreign(user)
        if foreign is None:
            return pages
        codenames = self._get_permission_codenames(_EXPLORE_ACTIONS)
        explored = [
            Q(path__startswith=perm.page.path)
            for perm in self.get_cached_permissions_for_user(user)
            if perm.permission.codename in codenames
        ]
        if not explored:
            return pages
        # The live pages of other divisions are public anyway: they stay visible (read-only).
        in_reach = reduce(lambda a, b: a | b, explored)
        return pages | self.model._default_manager.filter(foreign, in_reach, live=True)
