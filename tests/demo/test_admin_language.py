"""The admin speaks Chinese on every screen each role reaches (issue 13): no English word outside a reviewed list.

Each role account signs in and opens its screens (tests/demo/admin_screens.py: found from the URL patterns, the
admin's viewsets, the page tree and the items in review); the visible text of each, with the attributes an editor
reads (title, placeholder, aria-label, alt, button values), must hold no English word except names of products and
formats, units, keys and data. A failure lists each word with the line it is in and the screens that show it.

On the demo with the roles and the review demo (an item waiting at each step), loaded once for the module on top of
the package's demo (tests/demo/conftest.py).
"""

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Page

from demo.accounts import ACCOUNTS
from tests import shared_data

from . import admin_screens
from .commands import run

# The worker that runs test_demo.py runs this module too, so the demo all three take is loaded once.
pytestmark = pytest.mark.xdist_group("test_demo")

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def review_demo(initial_demo, django_db_blocker, tmp_path_factory):
    """The role accounts and the review demo on top of the package's demo, once for the module."""
    accounts_file = tmp_path_factory.mktemp("accounts") / "role-accounts.txt"

    def build():
        run("setup_roles")
        run("load_review_demo")

    with override_settings(ROLE_ACCOUNTS_FILE=accounts_file):
        yield from shared_data.build_once(django_db_blocker, build)


# The English (word, line) pairs of each screen already read, by the digest of its HTML: a screen two roles see
# alike (many listings, choosers and forms) is read once. The scripts (the sidebar's menu, which differs from one
# role to another, and data), which no editor reads, and the form tokens, which differ from one session to
# another, are left out first.
_READ = {}
_NOT_READ = re.compile(r"<script\b[^>]*>.*?</script>|name=\"csrfmiddlewaretoken\" value=\"[^\"]*\"", re.S)


def english_in(html, data_words):
    html = _NOT_READ.sub("", html)
    key = hashlib.blake2b(html.encode(), digest_size=16).digest()
    if key not in _READ:
        _READ[key] = [
            (word, line[:120])
            for line in admin_screens.shown_text(html).splitlines()
            for word in admin_screens.english_words(line, data_words)
        ]
    return _READ[key]


def english_on_screens(client, user, data_words):
    """Return {word: {line: [url, ...]}} of the English words on `user`'s screens, and how many screens there were."""
    found = defaultdict(lambda: defaultdict(list))
    count = 0
    for url, html in admin_screens.reachable_screens(client, user):
        count += 1
        for word, line in english_in(html, data_words):
            found[word][line].append(url)
    return found, count


def report(username, found):
    lines = [f"English on the screens of {username}:"]
    for word, places in sorted(found.items()):
        for line, urls in places.items():
            shown = ", ".join(sorted(set(urls))[:3]) + (f" and {len(set(urls)) - 3} more" if len(set(urls)) > 3 else "")
            lines.append(f"  {word!r} in {line!r} at {shown}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def data_words(review_demo):
    return admin_screens.data_words()


# One account per role: 水处's editor reaches the screens 大气处's does, of its own division.
ROLE_ACCOUNTS = [account.username for account in ACCOUNTS if account.username != "shui_editor"]


@pytest.mark.parametrize("username", ROLE_ACCOUNTS)
def test_every_screen_of_each_role_speaks_chinese(review_demo, data_words, client, username, capsys):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)

    found, count = english_on_screens(client, user, data_words)

    with capsys.disabled():
        print(f"\n{username}: {count} admin screens checked")
    # Every role reaches the listings, choosers and reports of its work as well as the pages (about 40 for the
    # drafting roles, 150 and more for the office and the administrator).
    assert count >= (150 if user.is_superuser else 30)
    assert not found, report(username, found)


def test_the_sign_in_and_password_reset_speak_chinese(client):
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = client.get(url)

        assert response.status_code == 200
        assert admin_screens.english_words(admin_screens.shown_text(response.content.decode())) == [], url


def test_the_catalogue_is_compiled_from_its_current_source():
    for source in (ROOT / "locale").glob("*/LC_MESSAGES/*.po"):
        compiled = source.with_suffix(".mo")
        assert compiled.exists(), f"{compiled} is missing: run `make messages`"
        assert compiled.stat().st_mtime >= source.stat().st_mtime, f"{compiled} is older than its .po: make messages"


def test_ours_wins_where_wagtail_translates_a_string_too():
    with translation.override("zh-hans"):
        assert translation.gettext("Changes requested") == "已退回修改"  # Wagtail: 请求的变更
        assert translation.gettext("Request changes") == "退回修改"
        assert translation.gettext("Search all pages…") == "检索全部页面…"  # Wagtail leaves it in English
        assert (
            translation.ngettext("There is one matching page", "There are %(counter)s matching pages", 1)
            % {"counter": 1}
            == "共有 1 个匹配的页面"
        )


def test_the_editor_javascript_catalogue_has_our_strings(admin_client):
    response = admin_client.get(reverse("wagtailadmin_javascript_catalog"))

    catalogue = response.content.decode()  # JSON in JavaScript: non-ASCII characters escaped
    assert json.dumps("输入正文，或输入“/”插入内容块") in catalogue  # the rich-text placeholder
    assert json.dumps("修改已自动保存。") in catalogue


def test_the_help_menu_opens_our_chinese_editor_guide(review_demo, client):
    client.force_login(get_user_model().objects.get(username="daqi_editor"))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    guide = client.get(reverse("editorial_guide"))

    assert reverse("editorial_guide") in dashboard
    assert "guide.wagtail.org" not in dashboard
    assert guide.status_code == 200
    assert "退回修改" in guide.content.decode()
    assert admin_screens.english_words(admin_screens.shown_text(guide.content.decode())) == []


@pytest.mark.postgresql  # a data migration and a post_migrate receiver writing many rows
def test_wagtail_sample_data_and_permissions_are_named_in_chinese(db):
    assert Page.objects.get(depth=1).title == "根目录"
    assert Collection.objects.get(depth=1).name == "根目录"
    assert Permission.objects.get(codename="add_group").name == "可添加组"
    assert Permission.objects.get(codename="add_synonymgroup").name == "可添加同义词"


def _wagtail_dir():
    import wagtail

    return Path(wagtail.__file__).parent / "admin" / "templates"


# The templates of Wagtail 8.0 we copy to put an English literal through the catalogue, with what changed: a Wagtail
# upgrade that edits one of them fails here, so that the copy is made again from the new one.
TEMPLATE_COPIES = {
    "wagtailadmin/home.html": [('value="Search"', 'value="{% translate "Search" %}"')],
    "wagtailadmin/home/account_summary.html": [
        (
            "{% wagtail_feature_release_editor_guide_link as editor_guide_link %}",
            "{% url 'editorial_guide' as editor_guide_link %}",
        ),
        (
            "{% blocktrans trimmed %}\n                        Wagtail {{ current_version }} editor guide\n"
            "                    {% endblocktrans %}",
            '{% translate "编辑使用指南" %}',
        ),
    ],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% translate "Search" %}"')],
    # A page published by a command (the import, the demo) has no publisher: Python printed None.
    "wagtailadmin/shared/user_avatar.html": [
        ("{{ user }}{% else %}", '{{ user|default_if_none:_("系统") }}{% else %}'),
    ],
    "wagtailadmin/shared/headers/_actions.html": [
        ('<nav aria-label="Actions"', '{% load i18n %}<nav aria-label="{% translate "Actions" %}"')
    ],
    "wagtailadmin/tables/boolean_cell.html": [
        ("{% load wagtailadmin_tags %}", "{% load i18n wagtailadmin_tags %}"),
        ("""{% icon title=value|stringformat:'s' name="help\"""", """{% icon title=_("Unknown") name="help\""""),
        ("""{% icon title=value|stringformat:'s' name="check\"""", """{% icon title=_("Yes") name="check\""""),
        ("""{% icon title=value|stringformat:'s' name="cross\"""", """{% icon title=_("No") name="cross\""""),
    ],
    "wagtailadmin/pages/listing/_page_title_column_header.html": [
        (
            "items_count=items_count|intcomma %}\n            {{ start_index }}-{{ end_index }} of {{ items_count }} "
            "{{ model_name }}\n",
            'items_count=items_count|intcomma model_name=model_name|default:_("Pages") %}\n'
            "            {{ start_index }}-{{ end_index }} of {{ items_count }} {{ model_name }}\n",
        )
    ],
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_COPIES))
def test_our_copies_of_wagtail_templates_differ_only_in_the_translated_literal(name):
    expected = (_wagtail_dir() / name).read_text()
    for old, new in TEMPLATE_COPIES[name]:
        assert old in expected, f"Wagtail's {name} changed: copy it again into templates/ and translate the literal"
        expected = expected.replace(old, new)

    assert (ROOT / "templates" / name).read_text() == expected
