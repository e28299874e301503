"""Editorial roles (编辑角色): the groups, what each may do, and the accounts given to them.

``ROLES`` is the single table of who may do what. ``setup_roles()`` makes the database match it:
it creates the groups, then sets their model, page and collection permissions to exactly what the
table says, so running it again changes nothing (and permissions added to these groups by hand are
reset — change the table instead). Drafting-division roles (``per_division``) get one group per
``Division``: "起草处室编辑-大气处", "起草处室编辑-水处" … , linked to it by ``DivisionGroup``; adding a
division (in the admin or anywhere else) creates its group at once, and renaming it renames the group
(``ensure_division_group``, the same code ``setup_roles`` runs).

Ownership follows the drafting division (``cms.editorial.roles.ownership``): the page permissions below say
which sections a role works in; within them, members of a role that is not ``all_divisions`` act only on
the pages of their own divisions. Nobody but the office (and the superuser) publishes policies and
interpretations directly: they go out when the review workflow ends.

What a role may do beyond models and pages — the office's actions, the reports, the release queue,
acting on every division — are Django permissions too (``cms.editorial.models.permissions``,
``cms_search.view_search_report``) granted here; the code checks ``user.has_perm``, never a group name.

The accounts to create are listed by ``settings.ZHENGCE_ROLE_ACCOUNTS`` (the dotted path of a sequence of
``Account``; the demo's, ``demo.accounts.ACCOUNTS``, gives one account per role). New accounts get a random
password, printed once and appended to ``settings.ROLE_ACCOUNTS_FILE`` (mode 0600, git-ignored); an existing
account keeps its password.

The review workflow (谁起草、谁解读; 三同步; 处室负责人 → 法规处 → 宣教中心) assigns its steps to these groups by
name, so the names below are part of the interface.
"""

import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.models import HomePage, NewsIndexPage
from home.site_tree import ensure_site_tree
from interpretations.models import InterpretationIndexPage
from policies.models import Division, PolicyIndexPage

from ..models.divisions import EDITOR_GROUP, DivisionGroup
from ..models.permissions import (
    ACT_AS_OFFICE,
    ALL_DIVISIONS,
    VIEW_CONSULTATION_REPORT,
    VIEW_INTERPRETATION_REPORT,
    VIEW_RELEASE_QUEUE,
    perm,
)

logger = logging.getLogger(__name__)

# --- the table ---------------------------------------------------------------------------------------------

# Page sections a role's page permissions apply to (each covers the section and every page below it).
SITE, POLICIES, INTERPRETATIONS, NEWS = "site", "policies", "interpretations", "news"
# A content app's section it declares through the hook `editorial_review_sections` (create=True|False) → {name: page}.
CONSULTATIONS = "consultations"

ADMIN_ACCESS = ("wagtailadmin.access_admin",)
# Reading the reference data (to choose a drafting division, topic or interpreter).
VIEW_REFERENCE = (
    "policies.view_agency",
    "policies.view_division",
    "policies.view_topic",
    "policies.view_industry",
    "policies.view_region",
    "interpretations.view_person",
)
# Managing the reference data and the interpreters (snippets).
MANAGE_REFERENCE = tuple(
    f"{app}.{action}_{model}"
    for app, model in (
        ("policies", "agency"),
        ("policies", "division"),
        ("policies", "topic"),
        ("policies", "industry"),
        ("policies", "region"),
        ("interpretations", "person"),
    )
    for action in ("add", "change", "view")
)
# Images and documents (attachments, 一图读懂, audio/video files) in the root collection.
MEDIA_USE = ("choose_image", "choose_document")
MEDIA_ADD = MEDIA_USE + ("add_image", "add_document")
MEDIA_MANAGE = MEDIA_ADD + ("change_image", "change_document")

HEAD_GROUP = "处室负责人"
LEGALITY_GROUP = "法规处审核"
PUBLICITY_GROUP = "宣教中心审核"
OFFICE_GROUP = "办公室"
ADMIN_GROUP = "系统管理员"


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    # section -> page actions: "add", "change", "publish", "lock", "unlock", "bulk_delete", "delete"
    page_permissions: dict = field(default_factory=dict)
    collection_permissions: tuple = ()  # codenames on the root collection, e.g. "add_image"
    model_permissions: tuple = ()  # "app_label.codename"
    per_division: bool = False  # one group per Division; `name` holds "{division}"
    # Members act on every division's pages (within page_permissions); otherwise only on their own divisions'.
    # The group is given the permission editorial.act_on_all_divisions for it.
    all_divisions: bool = False

    def group_names(self, divisions):
        if self.per_division:
            return [self.name.format(division=division.name) for division in divisions]
        return [self.name]

    def permission_names(self):
        """Return the "app_label.codename" model permissions the role's groups get, the content apps' included."""
        own = self.model_permissions + ((perm(ALL_DIVISIONS),) if self.all_divisions else ())
        return own + app_permissions().get(self.name, ())


def app_permissions():
    """Return {role name: permissions} that content apps add to the roles through the hook
    ``register_role_permissions`` (a function returning such a mapping, roles named as in ROLES), so that an app
    this one must not import (it sits below) still tells the roles what its work needs."""
    added = {}
    for declare in hooks.get_hooks("register_role_permissions"):
        for role_name, permissions in declare().items():
            added[role_name] = added.get(role_name, ()) + tuple(permissions)
    return added


# The office's actions after publication (紧急发布, 确认审核, 撤回, 错误发布删除, 替代).
OFFICE_ACTIONS = (perm(ACT_AS_OFFICE),)
# What waits to go out (dashboard panel) and the reports: 解读情况, 意见征集情况 and 检索统计 (cms/search).
PUBLICATION_OVERVIEW = (
    perm(VIEW_RELEASE_QUEUE),
    perm(VIEW_INTERPRETATION_REPORT),
    perm(VIEW_CONSULTATION_REPORT),
    "cms_search.view_search_report",
)

# Staff picks for search and the synonyms it applies (cms/search), kept by the publicity center and the office.
SEARCH_CURATION = tuple(
    f"{app}.{action}_{model}"
    for app, model in (("wagtailsearchpromotions", "searchpromotion"), ("cms_search", "synonymgroup"))
    for action in ("add", "change", "delete", "view")
)

# The publicity center's new-media work (sharing/): exports of the approved version (微信图文, 微博文案, 一图读懂海报)
# and the 新媒体发布记录 of each page.
NEW_MEDIA = ("sharing.export_new_media",)

# Reading and answering the public's comments on a consultation (意见征集); each user only those of the consultations
# of their own divisions, unless they act on every division (consultations/admin).
ANSWER_COMMENTS = ("consultations.view_comment", "consultations.change_comment")

EDITOR_ROLE = Role(
    EDITOR_GROUP,
    "起草处室编辑：起草本处室的政策文件和解读（谁起草、谁解读），保存草稿、提交审核，不能发布；看不到其他处室的草稿。",
    page_permissions={
        POLICIES: ("add", "change"),
        INTERPRETATIONS: ("add", "change"),
        CONSULTATIONS: ("add", "change"),
    },
    collection_permissions=MEDIA_ADD,
    model_permissions=ADMIN_ACCESS + VIEW_REFERENCE + ANSWER_COMMENTS,
    per_division=True,
)

ROLES = (
    EDITOR_ROLE,
    Role(
        HEAD_GROUP,
        "处室负责人：本处室文件和解读的第一道审核（只管本处室，即所在的起草处室编辑组），不能直接发布。",
        page_permissions={
            POLICIES: ("add", "change"),
            INTERPRETATIONS: ("add", "change"),
            CONSULTATIONS: ("add", "change"),
        },
        collection_permissions=MEDIA_ADD,
        model_permissions=ADMIN_ACCESS + VIEW_REFERENCE + ANSWER_COMMENTS,
    ),
    Role(
        LEGALITY_GROUP,
        "法规处：对各处室的行政规范性文件进行合法性审核，不能直接发布。",
        page_permissions={POLICIES: ("change",), INTERPRETATIONS: ("change",), CONSULTATIONS: ("change",)},
        collection_permissions=MEDIA_USE,
        model_permissions=ADMIN_ACCESS + VIEW_REFERENCE,
        all_divisions=True,
    ),
    Role(
        PUBLICITY_GROUP,
        "宣教中心：终审各处室的文件和解读（审核通过即发布或定时发布，不能直接发布）；负责新闻发布栏目，可以发布新闻；"
        "维护检索推荐结果和同义词；导出微信图文、微博文案和一图读懂海报，登记新媒体发布记录。",
        page_permissions={
            POLICIES: ("change",),
            INTERPRETATIONS: ("add", "change"),
            NEWS: ("add", "change", "publish"),
            CONSULTATIONS: ("change",),
        },
        collection_permissions=MEDIA_ADD,
        model_permissions=ADMIN_ACCESS
        + VIEW_REFERENCE
        + SEARCH_CURATION
        + PUBLICATION_OVERVIEW
        + ANSWER_COMMENTS
        + NEW_MEDIA,
        all_divisions=True,
    ),
    Role(
        OFFICE_GROUP,
        "办公室：负责政务公开和网站发布，管理全部处室的页面；紧急情况下可以直接发布和撤下，可以锁定和解锁页面，"
        "管理网站设置和基础数据。",
        page_permissions={SITE: ("add", "change", "publish", "lock", "unlock")},
        collection_permissions=MEDIA_MANAGE,
        model_permissions=ADMIN_ACCESS
        + OFFICE_ACTIONS
        + PUBLICATION_OVERVIEW
        + NEW_MEDIA
        + MANAGE_REFERENCE
        + SEARCH_CURATION
        + ANSWER_COMMENTS
        + ("home.view_sitesettings", "home.change_sitesettings")
        + tuple(f"core.{action}_holiday" for action in ("add", "change", "delete", "view")),
        all_divisions=True,
    ),
    Role(
        ADMIN_GROUP,
        "系统管理员：超级用户，拥有全部权限；本组只用于标明角色。",
        model_permissions=ADMIN_ACCESS,
        all_divisions=True,
    ),
)


@dataclass(frozen=True)
class Account:
    username: str
    groups: tuple
    display_name: str = ""
    superuser: bool = False
    # Where the review's notifications go (cms/editorial/workflow/notifications.py writes to no one without one).
    email: str = ""


# --- applying it -------------------------------------------------------------------------------------------


def hooked_sections(create):
    """Return {section: page} of the sections content apps declare (hook `editorial_review_sections`)."""
    found = {}
    for declared in hooks.get_hooks("editorial_review_sections"):
        found.update(declared(create=create))
    return found


def sections():
    """Return {section: page} for the sections named in the table (creating the site tree if needed)."""
    home, policy_index, interpretation_index, news_index = ensure_site_tree()
    return {
        SITE: home,
        POLICIES: policy_index,
        INTERPRETATIONS: interpretation_index,
        NEWS: news_index,
        **hooked_sections(create=True),
    }


def existing_sections():
    """Return {section: page} for the sections that exist, creating nothing."""
    found = {
        SITE: HomePage.objects.first(),
        POLICIES: PolicyIndexPage.objects.first(),
        INTERPRETATIONS: InterpretationIndexPage.objects.first(),
        NEWS: NewsIndexPage.objects.first(),
        **hooked_sections(create=False),
    }
    return {section: page for section, page in found.items() if page is not None}


class _Permissions:
    """Every permission's id by (app label, codename), read in one query.

    A role names dozens of permissions: a query for each made half the time of `ensure_groups`, which runs for
    each division added and, in the tests, for each review desk built.
    """

    def __init__(self):
        rows = Permission.objects.values_list("pk", "content_type__app_label", "codename")
        self.ids = {(app_label, codename): pk for pk, app_label, codename in rows}

    def model(self, dotted):
        return self.ids[tuple(dotted.split("."))]

    def page(self, action):
        return self.ids["wagtailcore", f"{action}_page"]

    def collection(self, codename):
        return self.ids["wagtailimages" if codename.endswith("_image") else "wagtaildocs", codename]


def _sync(model, group, target_field, wanted):
    """Make `group`'s rows of `model` (keyed by (target id, permission id)) exactly `wanted`; return changes."""
    existing = {
        (getattr(row, f"{target_field}_id"), row.permission_id): row.pk for row in model.objects.filter(group=group)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    missing = [key for key in wanted if key not in existing]
    model.objects.filter(pk__in=stale).delete()
    for target_id, permission_id in missing:
        model.objects.create(group=group, **{f"{target_field}_id": target_id}, permission_id=permission_id)
    return len(stale) + len(missing)


def apply_role(group, role, pages, root_collection, permissions=None):
    """Give `group` exactly the permissions `role` lists; return the number of permissions changed."""
    permissions = permissions or _Permissions()
    wanted = {permissions.model(dotted) for dotted in role.permission_names()}
    current = set(group.permissions.values_list("pk", flat=True))
    if wanted != current:
        group.permissions.set(wanted)
    changes = len(wanted ^ current)

    wanted_pages = {
        (pages[section].pk, permissions.page(action))
        for section, actions in role.page_permissions.items()
        if section in pages  # a section not created yet gets its permissions on the next run
        for action in actions
    }
    changes += _sync(GroupPagePermission, group, "page", wanted_pages)

    wanted_collections = {(root_collection.pk, permissions.collection(c)) for c in role.collection_permissions}
    changes += _sync(GroupCollectionPermission, group, "collection", wanted_collections)
    return changes


def ensure_division_group(division, pages=None, root_collection=None, permissions=None):
    """Create or refresh the editors' group of `division` and its DivisionGroup link; return (group, created, changes).

    The group is found through the link (and renamed when the division was renamed), else by its name
    (a group made before links existed), else created; its permissions are set from EDITOR_ROLE.
    """
    pages = existing_sections() if pages is None else pages
    root_collection = root_collection or Collection.get_first_root_node()
    (name,) = EDITOR_ROLE.group_names([division])
    created = False
    link = DivisionGroup.objects.select_related("group").filter(division=division).first()
    if link is not None:
        group = link.group
        if group.name != name:
            if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
                logger.warning("处室“%s”的编辑组无法改名为“%s”：已有同名的组。", division, name)
            else:
                group.name = name
                group.save(update_fields=["name"])
    else:
        group, created = Group.objects.get_or_create(name=name)
        other = DivisionGroup.objects.filter(group=group).select_related("division").first()
        if other is None:
            DivisionGroup.objects.create(division=division, group=group)
        else:
            logger.warning("组“%s”已属于处室“%s”，未与处室“%s”关联。", group, other.division, division)
    return group, created, apply_role(group, EDITOR_ROLE, pages, root_collection, permissions)


def ensure_groups():
    """Create the role groups and set their permissions; return {group name: (group, created, changes)}."""
    pages = sections()
    root_collection = Collection.get_first_root_node()
    divisions = list(Division.objects.order_by("sort_order", "name"))
    permissions = _Permissions()
    result = {}
    for role in ROLES:
        if role is EDITOR_ROLE:
            for division in divisions:
                group, created, changes = ensure_division_group(division, pages, root_collection, permissions)
                result[group.name] = (group, created, changes)
            continue
        for name in role.group_names(divisions):
            group, created = Group.objects.get_or_create(name=name)
            result[name] = (group, created, apply_role(group, role, pages, root_collection, permissions))
    return result


def _generate_password():
    return secrets.token_urlsafe(12)


def _record_passwords(path, entries):
    """Append (username, groups, password) lines to `path`, creating it readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if is_new:
            handle.write("# 角色账号（setup_roles 生成）。请妥善保管，首次登录后修改密码。不要提交到版本库。\n")
            handle.write("# 用户名\t角色\t初始密码\t生成时间\n")
        stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        for username, groups, password in entries:
            handle.write(f"{username}\t{'、'.join(groups)}\t{password}\t{stamp}\n")


def role_accounts():
    """Return the accounts to create: the sequence of ``Account`` named by settings.ZHENGCE_ROLE_ACCOUNTS."""
    path = getattr(settings, "ZHENGCE_ROLE_ACCOUNTS", "")
    return tuple(import_string(path)) if path else ()


def ensure_accounts(groups, accounts_file):
    """Create the missing role accounts; return [(account, password or None if it already existed, missing groups)].

    The whole step runs in a transaction that includes writing the file: if the passwords cannot be
    recorded, no account is created, so no password is ever lost.
    """
    User = get_user_model()
    results, new_entries = [], []
    with transaction.atomic():
        for account in role_accounts():
            missing = [name for name in account.groups if name not in groups]
            user = User.objects.filter(username=account.username).first()
            password = None
            if user is None:
                password = _generate_password()
                user = User(username=account.username, first_name=account.display_name, is_active=True)
                user.is_superuser = user.is_staff = account.superuser
                user.set_password(password)
                user.email = account.email
                user.save()
                new_entries.append((account.username, account.groups, password))
            elif account.email and not user.email:  # an account made before the table gave it an address
                user.email = account.email
                user.save(update_fields=["email"])
            user.groups.add(*[groups[name][0] for name in account.groups if name in groups])
            results.append((account, password, missing))
        if new_entries:
            _record_passwords(accounts_file, new_entries)
    return results


def setup_roles(accounts_file, with_accounts=True):
    """Create/refresh the role groups and (optionally) the role accounts; return (groups, accounts)."""
    with transaction.atomic():
        groups = ensure_groups()
        accounts = ensure_accounts(groups, accounts_file) if with_accounts else []
    return groups, accounts
