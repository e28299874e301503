"""Editorial roles: groups and permissions from the ROLES table, one account per role, passwords never reset."""

import re
import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from cms.editorial.roles.groups import EDITOR_GROUP, ROLES
from demo.accounts import ACCOUNTS
from policies.models import Division
from tests import factories

# A command that creates groups, permissions and accounts, unique and idempotent.
pytestmark = pytest.mark.postgresql

NEW_ACCOUNT = re.compile(r"新建账号：(\S+)\s+密码：(\S+)")


@pytest.fixture
def accounts_file(settings, tmp_path):
    settings.ROLE_ACCOUNTS_FILE = tmp_path / "private" / "role-accounts.txt"
    return settings.ROLE_ACCOUNTS_FILE


@pytest.fixture
def divisions():
    return [
        Division.objects.get_or_create(name=name, defaults={"slug": slug})[0]
        for name, slug in (("大气处", "daqi"), ("水处", "shui"), ("法规处", "fagui"))
    ]


def setup_roles():
    out = StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def group_state():
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list("permission__codename", flat=True)
            ),
        )
        for group in Group.objects.order_by("name")
    }


def password_hashes():
    return dict(get_user_model().objects.values_list("username", "password"))


def test_groups_accounts_and_passwords_are_created_once(accounts_file, divisions):
    first = setup_roles()
    groups, hashes = group_state(), password_hashes()
    passwords = dict(NEW_ACCOUNT.findall(first))

    assert set(passwords) == {account.username for account in ACCOUNTS}
    assert len(set(passwords.values())) == len(passwords)  # no password equals another
    assert all(len(password) >= 16 for password in passwords.values())
    expected_groups = {role.name for role in ROLES if not role.per_division}
    expected_groups |= {EDITOR_GROUP.format(division=division.name) for division in divisions}
    assert expected_groups <= set(groups)

    second = setup_roles()
    assert group_state() == groups
    assert password_hashes() == hashes
    assert not NEW_ACCOUNT.search(second)
    assert second.count("已存在，密码未改变") == len(ACCOUNTS)
    assert str(accounts_file) in second
    for password in passwords.values():
        assert password not in second

    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    content = accounts_file.read_text(encoding="utf-8")
    for username, password in passwords.items():
        assert re.search(rf"^{username}\t.*\t{re.escape(password)}\t", content, re.M)


def test_accounts_have_the_tables_addresses_also_when_made_before_it_gave_them(accounts_file, divisions):
    User = get_user_model()
    User.objects.create_user("office", password="kept-as-it-was")  # made by hand, without an address
    setup_roles()
    addresses = dict(User.objects.values_list("username", "email"))
    assert addresses == {account.username: account.email for account in ACCOUNTS}
    assert all(address.endswith("@sthjt.example") for address in addresses.values())
    assert User.objects.get(username="office").check_password("kept-as-it-was")


def test_each_run_generates_new_random_passwords(settings, tmp_path, divisions):
    settings.ROLE_ACCOUNTS_FILE = tmp_path / "first.txt"
    first = dict(NEW_ACCOUNT.findall(setup_roles()))
    get_user_model().objects.all().delete()
    settings.ROLE_ACCOUNTS_FILE = tmp_path / "second.txt"
    second = dict(NEW_ACCOUNT.findall(setup_roles()))
    assert set(first) == set(second)
    assert not set(first.values()) & set(second.values())


def test_accounts_get_their_roles(accounts_file, divisions):
    setup_roles()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()
    editor = User.objects.get(username="daqi_editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["起草处室编辑-大气处"]
    assert editor.has_perm("wagtailadmin.access_admin")
    office = User.objects.get(username="office")
    assert office.has_perm("home.change_sitesettings")
    assert office.has_perm("interpretations.change_person")
    assert not editor.has_perm("home.change_sitesettings")


def test_editor_logs_in_but_only_the_office_publishes_directly(client, accounts_file, divisions):
    passwords = dict(NEW_ACCOUNT.findall(setup_roles()))
    assert client.login(username="daqi_editor", password=passwords["daqi_editor"])
    assert client.get("/admin/").status_code == 200

    User = get_user_model()
    page = factories.policy("浙江省大气污染防治示例办法")
    interpretation = factories.interpretation("text", [page], division=divisions[0])

    editor = User.objects.get(username="daqi_editor")
    for target in (page, interpretation):
        permissions = target.permissions_for_user(editor)
        assert permissions.can_edit()
        assert not permissions.can_publish()
    _home, policy_index, interpretation_index, news_index = factories.site()
    assert policy_index.permissions_for_user(editor).can_add_subpage()
    assert not news_index.permissions_for_user(editor).can_add_subpage()

    # Reviewers approve through the workflow; only the office (in an emergency) and the superuser publish directly.
    for username in ("daqi_head", "fagui_reviewer", "xuanjiao"):
        user = User.objects.get(username=username)
        assert page.permissions_for_user(user).can_edit(), username
        assert not page.permissions_for_user(user).can_publish(), username
        assert not interpretation.permissions_for_user(user).can_publish(), username
    for username in ("office", "admin"):
        user = User.objects.get(username=username)
        assert page.permissions_for_user(user).can_publish(), username
        assert interpretation.permissions_for_user(user).can_publish(), username
    # The publicity center runs the news section, which has no review workflow.
    xuanjiao = User.objects.get(username="xuanjiao")
    assert news_index.permissions_for_user(xuanjiao).can_publish_subpage()
    assert not news_index.permissions_for_user(editor).can_publish_subpage()

    office = User.objects.get(username="office")
    assert page.permissions_for_user(office).can_lock()
    assert not page.permissions_for_user(User.objects.get(username="xuanjiao")).can_lock()


def test_a_new_division_gets_its_group_at_once(accounts_file, divisions):
    setup_roles()
    groups = group_state()
    division = Division.objects.create(name="海洋处", slug="haiyang")
    group = Group.objects.get(name="起草处室编辑-海洋处")
    assert group.division_link.division == division
    assert group_state()["起草处室编辑-海洋处"][:2] == groups["起草处室编辑-大气处"][:2]  # the same permissions
    output = setup_roles()
    assert "起草处室编辑-海洋处：已存在" in output

    division.name = "海洋与海岛处"
    division.save()
    group.refresh_from_db()
    assert group.name == "起草处室编辑-海洋与海岛处"
    assert "起草处室编辑-海洋与海岛处：已存在" in setup_roles()
    assert not Group.objects.filter(name="起草处室编辑-海洋处").exists()


def test_groups_made_before_links_are_linked(accounts_file, divisions):
    from cms.editorial.models.divisions import DivisionGroup

    setup_roles()
    DivisionGroup.objects.all().delete()
    setup_roles()
    assert {(link.division.name, link.group.name) for link in DivisionGroup.objects.select_related()} == {
        (division.name, EDITOR_GROUP.format(division=division.name)) for division in divisions
    }


def test_hand_made_permission_changes_are_reset(accounts_file, divisions):
    setup_roles()
    editor_group = Group.objects.get(name="起草处室编辑-大气处")
    _home, policy_index, *_ = factories.site()
    GroupPagePermission.objects.create(group=editor_group, page=policy_index, permission_type="publish")
    output = setup_roles()
    assert "起草处室编辑-大气处：已更新 1 项权限" in output
    assert not GroupPagePermission.objects.filter(group=editor_group, permission__codename="publish_page").exists()
