"""公开属性: only documents disclosed proactively are published; drafts and the others stay hidden."""

import pytest
from django.core.exceptions import ValidationError

from policies.models import PolicyPage
from tests import factories
from tests.pages import get_html
from tests.policies.editing import edit_form_data


class TestDisclosure:
    @pytest.mark.parametrize("disclosure", ["on_request", "not_disclosed"])
    def test_only_proactive_documents_can_be_published(self, disclosure):
        page = factories.policy("内部文件", disclosure=disclosure, publish=False)
        assert not page.live
        with pytest.raises(ValidationError) as error:
            page.save_revision().publish()
        assert "主动公开" in str(error.value)
        page.refresh_from_db()
        assert not page.live

    def test_a_live_document_cannot_be_switched_to_non_disclosure(self):
        page = factories.policy("公开文件")
        page.disclosure = "on_request"
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "disclosure" in error.value.message_dict

    def test_admin_refuses_publishing_and_keeps_the_form(self, admin_client):
        page = factories.policy("草稿文件", disclosure="on_request", publish=False)
        edit_url = f"/admin/pages/{page.pk}/edit/"
        assert admin_client.get(edit_url).status_code == 200
        data = edit_form_data(page, title="修改后的标题")
        response = admin_client.post(edit_url, {**data, "action-publish": "publish"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "只有“主动公开”的文件才能对外发布" in html
        assert "修改后的标题" in html
        page.refresh_from_db()
        assert not page.live
        # Saving as a draft is allowed.
        response = admin_client.post(edit_url, data)
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "修改后的标题"


@pytest.mark.postgresql
class TestDisclosureAndDrafts:
    def test_draft_is_absent_and_not_served(self, client, library):
        draft = factories.policy("尚未发布的草稿文件", publish=False)
        assert get_html(client, "/zhengce/").count("尚未发布的草稿文件") == 0
        assert "尚未发布的草稿文件" not in get_html(client, "/")
        assert client.get(draft.url).status_code == 404

    def test_on_request_document_cannot_be_published(self, client):
        page = factories.policy("依申请公开的文件", disclosure="on_request", publish=False)
        with pytest.raises(ValidationError):
            page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        assert client.get(page.url).status_code == 404
        assert "依申请公开的文件" not in get_html(client, "/zhengce/")
