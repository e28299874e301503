"""Ownership follows the drafting division: tested through the real admin views, signed in as each role."""

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cms.editorial.models.divisions import DivisionGroup
from policies.models import Division, PolicyPage
from tests import factories, shared_data
from tests.policies.editing import edit_form_data

# One worker runs the module, so the data its tests share is built once.
pytestmark = pytest.mark.xdist_group("test_ownership")


def build_world():
    """Divisions, role groups and workflow; one user per role; drafts and a live document of two divisions."""
    factories.editorial()
    _home, policy_index, interpretation_index, _news = factories.site()

    w = SimpleNamespace()
    w.policy_index, w.interpretation_index = policy_index, interpretation_index
    w.daqi_division = Division.objects.get(name="大气处")
    w.shui_division = Division.objects.get(name="水处")
    w.daqi = factories.user("daqi", "起草处室编辑-大气处")
    w.shui = factories.user("shui", "起草处室编辑-水处")
    w.head = factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    w.xuanjiao = factories.user("xuanjiao", "宣教中心审核")
    w.office = factories.user("office", "办公室")
    w.admin = factories.user("admin", superuser=True)
    w.daqi_draft = factories.policy("大气处起草的办法", publish=False, division="大气处")
    w.shui_draft = factories.policy("水处起草的办法", publish=False, division="水处")
    w.shui_live = factories.policy("水处已发布的办法", publish=True, division="水处")
    w.shui_interpretation = factories.interpretation(
        "text", [w.shui_draft], title="水处起草的解读", division=w.shui_division, publish=False
    )
    return w


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_world)


@pytest.fixture
def world(built_world):
    return shared_data.fresh(built_world)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def signed_in(client, user):
    client.force_login(user)
    return client


def refused(client, url, data=None):
    """Assert that the admin refuses `url` (GET, or POST of `data`) with PermissionDenied.

    Wagtail's admin answers PermissionDenied with 403 to script requests, and with a redirect to the
    dashboard and an error message to a browser's.
    """
    send = client.get if data is None else client.post
    assert send(url, data or {}, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403, url
    response = send(url, data or {})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url
    assert "error" in [message.level_tag for message in response.wsgi_request._messages], url
    return True


def titles_listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


class TestEditingFollowsTheDivision:
    def test_an_editor_edits_and_saves_a_draft_of_their_division(self, client, world):
        signed_in(client, world.daqi)
        page = world.daqi_draft
        assert client.get(edit_url(page)).status_code == 200
        response = client.post(edit_url(page), edit_form_data(page, title="大气处修改后的办法"))
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "大气处修改后的办法"

    @pytest.mark.parametrize("target", ["shui_draft", "shui_live", "shui_interpretation"])
    def test_another_divisions_page_is_refused(self, client, world, target):
        signed_in(client, world.daqi)
        page = getattr(world, target)
        revision = page.get_latest_revision()
        urls = [
            edit_url(page),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk]),
            reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
            reverse("wagtailadmin_pages:delete", args=[page.pk]),
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            reverse("wagtailadmin_pages:move", args=[page.pk]),
        ]
        for url in urls:
            assert refused(client, url)
        if target != "shui_interpretation":
            assert refused(client, edit_url(page), edit_form_data(page, title="大气处改了水处的办法"))
            assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().title != "大气处改了水处的办法"

    def test_the_division_head_is_limited_to_their_own_division(self, client, world):
        signed_in(client, world.head)
        assert client.get(edit_url(world.daqi_draft)).status_code == 200
        assert refused(client, edit_url(world.shui_draft))

    @pytest.mark.parametrize("role", ["office", "admin"])
    def test_the_office_edits_every_divisions_page(self, client, world, role):
        signed_in(client, getattr(world, role))
        page = world.shui_draft
        assert client.get(edit_url(page)).status_code == 200
        assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
        response = client.post(edit_url(page), edit_form_data(page, title="办公室修改的办法"))
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "办公室修改的办法"

    def test_the_publicity_center_opens_every_divisions_page(self, client, world):
        signed_in(client, world.xuanjiao)
        assert client.get(edit_url(world.shui_draft)).status_code == 200
        assert client.get(edit_url(world.daqi_draft)).status_code == 200

    def test_a_page_without_division_belongs_to_the_editor_who_created_it(self, client, world):
        page = factories.policy("尚未指定处室的办法", publish=False, division="")
        page.owner = world.daqi
        page.save()
        assert signed_in(client, world.daqi).get(edit_url(page)).status_code == 200
        assert refused(signed_in(client, world.shui), edit_url(page))


class TestNobodyButTheOfficePublishesDirectly:
    @pytest.mark.parametrize("role", ["daqi", "daqi_head", "xuanjiao"])
    def test_publishing_from_the_edit_form_only_saves_a_draft(self, client, world, role):
        user = {"daqi": world.daqi, "daqi_head": world.head, "xuanjiao": world.xuanjiao}[role]
        signed_in(client, user)
        page = world.daqi_draft
        html = client.get(edit_url(page)).content.decode()
        assert 'name="action-publish"' not in html
        assert 'name="action-submit"' in html or role == "xuanjiao"
        data = {**edit_form_data(page, title="想直接发布的办法"), "action-publish": "action-publish"}
        assert client.post(edit_url(page), data).status_code == 302
        page.refresh_from_db()
        assert not page.live
        assert page.get_latest_revision_as_object().title == "想直接发布的办法"

    def test_the_editor_cannot_unpublish(self, client, world):
        page = factories.policy("大气处已发布的办法", publish=True, division="大气处")
        signed_in(client, world.daqi)
        url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
        assert refused(client, url)
        assert refused(client, url, {"dummy": ""})
        page.refresh_from_db()
        assert page.live

    def test_the_office_publishes_in_an_emergency(self, client, world):
        signed_in(client, world.office)
        page = world.shui_draft
        html = client.get(edit_url(page)).content.decode()
        assert 'name="action-publish"' in html
        data = {**edit_form_data(page), "action-publish": "action-publish"}
        assert client.post(edit_url(page), data).status_code == 302
        page.refresh_from_db()
        assert page.live

    def test_the_publicity_center_publishes_news(self, client, world):
        _home, _policies, _interpretations, news_index = factories.site()
        signed_in(client, world.xuanjiao)
        url = reverse("wagtailadmin_pages:add", args=["home", "newspage", news_index.pk])
        html = client.get(url).content.decode()
        assert 'name="action-publish"' in html


@pytest.mark.postgresql
class TestOtherDivisionsDraftsAreInvisible:
    def test_explorer_listing(self, client, world):
        url = reverse("wagtailadmin_explore", args=[world.policy_index.pk])
        html = titles_listed(signed_in(client, world.daqi), url)
        assert "大气处起草的办法" in html
        assert "水处已发布的办法" in html  # live: public anyway, listed read-only
        assert "水处起草的办法" not in html
        assert f'href="{edit_url(world.shui_live)}"' not in html

        html = titles_listed(signed_in(client, world.shui), url)
        assert "水处起草的办法" in html
        assert "大气处起草的办法" not in html

        html = titles_listed(signed_in(client, world.office), url)
        assert "水处起草的办法" in html and "大气处起草的办法" in html

    def test_interpretations_explorer_listing(self, client, world):
        url = reverse("wagtailadmin_explore", args=[world.interpretation_index.pk])
        assert "水处起草的解读" not in titles_listed(signed_in(client, world.daqi), url)
        assert "水处起草的解读" in titles_listed(signed_in(client, world.shui), url)

    def test_explorer_search_and_page_search(self, client, world):
        explorer = reverse("wagtailadmin_explore", args=[world.policy_index.pk])
        for url in (explorer, reverse("wagtailadmin_pages:search")):
            html = titles_listed(signed_in(client, world.daqi), url, q="水处")
            assert "水处已发布的办法" in html, url
            assert "水处起草的办法" not in html, url
            html = titles_listed(signed_in(client, world.office), url, q="水处")
            assert "水处已发布的办法" in html and "水处起草的办法" in html, url

    def test_page_chooser(self, client, world):
        signed_in(client, world.daqi)
        url = reverse("wagtailadmin_choose_page_child", args=[world.policy_index.pk])
        html = json.loads(client.get(url).content)["html"]
        assert "大气处起草的办法" in html
        assert "水处已发布的办法" in html
        assert "水处起草的办法" not in html
        html = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "水处"}).content.decode()
        assert "水处已发布的办法" in html
        assert "水处起草的办法" not in html

    def test_admin_api_used_by_the_explorer_menu(self, client, world):
        signed_in(client, world.daqi)
        response = client.get("/admin/api/main/pages/", {"child_of": world.policy_index.pk})
        assert response.status_code == 200
        titles = {item["title"] for item in response.json()["items"]}
        assert "大气处起草的办法" in titles
        assert "水处起草的办法" not in titles

    def test_workflow_reports(self, client, world):
        for page in (world.daqi_draft, world.shui_draft):
            page.get_latest_revision().content_object.get_workflow().start(page, world.office)
        signed_in(client, world.daqi)
        html = titles_listed(client, reverse("wagtailadmin_reports:workflow"))
        assert "大气处起草的办法" in html
        assert "水处起草的办法" not in html
        html = titles_listed(client, reverse("wagtailadmin_reports:workflow_tasks"))
        assert "水处起草的办法" not in html


class TestDivisionChoices:
    def division_field(self, response):
        assert response.status_code == 200
        return response.context["form"].fields["division"]

    def test_an_editor_chooses_only_their_division(self, client, world):
        signed_in(client, world.daqi)
        url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", world.policy_index.pk])
        response = client.get(url)
        field = self.division_field(response)
        assert list(field.queryset) == [world.daqi_division]
        assert field.required
        assert response.context["form"]["division"].value() == world.daqi_division.pk

        field = self.division_field(client.get(edit_url(world.daqi_draft)))
        assert list(field.queryset) == [world.daqi_division]

        url = reverse(
            "wagtailadmin_pages:add", args=["interpretations", "textinterpretationpage", world.interpretation_index.pk]
        )
        assert list(self.division_field(client.get(url)).queryset) == [world.daqi_division]

    def test_an_editor_cannot_give_their_page_to_another_division(self, client, world):
        signed_in(client, world.daqi)
        page = world.daqi_draft
        response = client.post(edit_url(page), edit_form_data(page, division=world.shui_division.pk))
        assert response.status_code == 200
        assert response.context["form"].errors["division"]
        assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().division == world.daqi_division

    def test_a_page_an_editor_creates_is_theirs(self, client, world):
        signed_in(client, world.daqi)
        url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", world.policy_index.pk])
        data = edit_form_data(PolicyPage(title="新起草的办法", slug="xin-banfa", division=world.daqi_division))
        assert client.post(url, data).status_code == 302
        page = PolicyPage.objects.get(slug="xin-banfa")
        assert page.division == world.daqi_division and page.owner == world.daqi
        assert client.get(edit_url(page)).status_code == 200
        assert refused(signed_in(client, world.shui), edit_url(page))

    def test_the_office_chooses_any_division(self, client, world):
        signed_in(client, world.office)
        field = self.division_field(client.get(edit_url(world.daqi_draft)))
        assert set(field.queryset) == set(Division.objects.all())
        assert not field.required

    def test_a_draft_given_to_another_division_moves_there(self, client, world):
        signed_in(client, world.office)
        page = world.daqi_draft
        response = client.post(edit_url(page), edit_form_data(page, division=world.shui_division.pk))
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=page.pk).division == world.shui_division
        assert refused(signed_in(client, world.daqi), edit_url(page))
        assert signed_in(client, world.shui).get(edit_url(page)).status_code == 200
        url = reverse("wagtailadmin_explore", args=[world.policy_index.pk])
        assert "大气处起草的办法" in titles_listed(client, url)


class TestDivisionsHaveTheirEditorsGroup:
    @pytest.mark.parametrize("role", ["office", "admin"])
    def test_adding_a_division_in_the_admin_creates_its_group(self, client, world, role):
        signed_in(client, getattr(world, role))
        url = reverse("wagtailsnippets_policies_division:add")
        response = client.post(url, {"name": "海洋处", "slug": "haiyang", "sort_order": 100})
        assert response.status_code == 302
        division = Division.objects.get(name="海洋处")
        link = DivisionGroup.objects.get(division=division)
        assert link.group.name == "起草处室编辑-海洋处"
        editor_permissions = {
            (row.page_id, row.permission.codename)
            for row in GroupPagePermission.objects.filter(group__name="起草处室编辑-大气处")
        }
        assert {
            (row.page_id, row.permission.codename) for row in GroupPagePermission.objects.filter(group=link.group)
        } == editor_permissions
        assert set(link.group.permissions.all()) == set(Group.objects.get(name="起草处室编辑-大气处").permissions.all())

        # Its editors draft for it straight away.
        editor = factories.user("haiyang", "起草处室编辑-海洋处")
        signed_in(client, editor)
        add = reverse("wagtailadmin_pages:add", args=["policies", "policypage", world.policy_index.pk])
        assert list(client.get(add).context["form"].fields["division"].queryset) == [division]

        # Renaming the division renames its group.
        signed_in(client, getattr(world, role))
        edit = reverse("wagtailsnippets_policies_division:edit", args=[division.pk])
        response = client.post(edit, {"name": "海洋与海岛处", "slug": "haiyang", "sort_order": 100})
        assert response.status_code == 302
        link.group.refresh_from_db()
        assert link.group.name == "起草处室编辑-海洋与海岛处"

    def test_the_editorial_setup_links_every_division(self, world):
        assert {(link.division.name, link.group.name) for link in DivisionGroup.objects.select_related()} >= {
            ("大气处", "起草处室编辑-大气处"),
            ("水处", "起草处室编辑-水处"),
            ("法规处", "起草处室编辑-法规处"),
        }
