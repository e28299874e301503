"""Files of drafts do not leak: a document or image reaches a citizen only while a public page uses it.

Every path a file can be fetched by is tried: the document serve view, the raw media URL of a document's file, an
image's original and its renditions, and the documents and images APIs; in every state of the page using it.
"""

from urllib.parse import quote

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from cms.editorial.office import actions
from home.models import NewsPage
from tests import factories

# On PostgreSQL too (`postgresql`), the tests that run each part of the visibility SQL (core/files.py: Cast,
# Substr and Exists subqueries over the reference index) once: a page's file, a draft's, a file shared by a
# public and a draft page, a snippet's (the interpreter's photo), an image, the public collection and its
# namesake elsewhere, and the filter the files' search APIs apply. The others (withdrawals, caching, serving,
# permissions, the other page types' files) ask the same SQL again: SQLite is enough for them.

EDITOR_GROUP = "起草处室编辑-大气处"


@pytest.fixture
def staff():
    factories.editorial()
    return {
        "editor": factories.user("daqi_editor", EDITOR_GROUP),
        "reviewer": factories.user("xuanjiao", "宣教中心审核"),
        "office": factories.user("office", "办公室"),
    }


def as_user(client, user):
    client.force_login(user)
    return client


# --- what a citizen gets from each path ---------------------------------------------------------------------


def document_answers(client, doc):
    """Return {path: status} for every way of fetching the document `doc`."""
    listed = {item["id"] for item in client.get("/api/v2/documents/", {"limit": 100}).json()["items"]}
    return {
        "serve": client.get(doc.url).status_code,
        "api": client.get(f"/api/v2/documents/{doc.pk}/").status_code,
        "listed": doc.pk in listed,
    }


def image_answers(client, image, rendition_url):
    """Return {path: status} for every way of fetching the image `image`."""
    listed = {item["id"] for item in client.get("/api/v2/images/", {"limit": 100}).json()["items"]}
    return {
        "original": client.get(image.file.url).status_code,
        "rendition": client.get(rendition_url).status_code,
        "api": client.get(f"/api/v2/images/{image.pk}/").status_code,
        "listed": image.pk in listed,
    }


DOCUMENT_PUBLIC = {"serve": 200, "api": 200, "listed": True}
DOCUMENT_HIDDEN = {"serve": 404, "api": 404, "listed": False}
IMAGE_PUBLIC = {"original": 200, "rendition": 200, "api": 200, "listed": True}
IMAGE_HIDDEN = {"original": 404, "rendition": 404, "api": 404, "listed": False}


def rendition_of(image):
    return image.get_rendition("width-640").url


# --- a policy's attachment ----------------------------------------------------------------------------------


@pytest.fixture
def draft_with_attachment():
    doc = factories.document("征求意见稿附件.pdf")
    policy = factories.attach(factories.policy("浙江省土壤污染防治办法", publish=False), doc, publish=False)
    return policy, doc


@pytest.mark.postgresql
def test_a_drafts_attachment_is_refused_to_citizens_on_every_path(client, draft_with_attachment):
    policy, doc = draft_with_attachment
    assert not policy.live
    assert document_answers(client, doc) == DOCUMENT_HIDDEN
    assert client.get(doc.file.url).status_code == 404


def test_editors_and_reviewers_still_get_a_drafts_attachment(client, staff, draft_with_attachment):
    _policy, doc = draft_with_attachment
    for user in (staff["editor"], staff["reviewer"]):
        response = as_user(client, user).get(doc.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        # Never kept by a browser or a shared cache, and never answered from the page cache.
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.postgresql
def test_the_attachment_is_served_once_published_and_refused_again_once_unpublished(client, draft_with_attachment):
    policy, doc = draft_with_attachment
    policy.get_latest_revision().publish()
    assert document_answers(client, doc) == DOCUMENT_PUBLIC
    response = client.get(doc.url)
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["X-Content-Type-Options"] == "nosniff"

    policy.refresh_from_db()
    policy.unpublish()
    assert document_answers(client, doc) == DOCUMENT_HIDDEN


@pytest.mark.postgresql
def test_searching_the_files_apis_finds_only_public_files(client):
    # Latin titles, the shared word first: the database search backend segments no Chinese, and PostgreSQL reads
    # "word.pdf" as one token.
    draft_doc = factories.document("notice draft.pdf")
    factories.attach(factories.policy("尚未发布的文件", publish=False), draft_doc, publish=False)
    public_doc = factories.document("notice annual.pdf")
    factories.attach(factories.policy(), public_doc)
    draft_picture = factories.image("chart draft.png")
    factories.interpretation("infographic", [factories.policy()], publish=False, images=[draft_picture])
    public_picture = factories.image("chart public.png", collection=factories.public_collection())

    def found(endpoint, query):
        response = client.get(f"/api/v2/{endpoint}/", {"search": query})
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    assert found("documents", "notice") == {public_doc.pk}
    assert found("documents", "notice draft") == set()
    assert found("images", "chart") == {public_picture.pk}


def test_a_documents_raw_media_url_is_never_served(client, staff, draft_with_attachment):
    """A document goes out only through its serve view, with its safe headers; its stored file never does."""
    policy, doc = draft_with_attachment
    policy.get_latest_revision().publish()
    assert client.get(doc.url).status_code == 200
    assert client.get(doc.file.url).status_code == 404
    assert as_user(client, staff["editor"]).get(doc.file.url).status_code == 404


def test_withdrawing_or_removing_in_error_refuses_the_attachment(client, staff):
    withdrawn_doc, removed_doc = factories.document("撤回附件.pdf"), factories.document("错发附件.pdf")
    withdrawn = factories.attach(factories.policy("浙江省噪声污染防治办法"), withdrawn_doc)
    removed = factories.attach(factories.policy("浙江省固体废物管理办法"), removed_doc)
    assert document_answers(client, withdrawn_doc) == DOCUMENT_PUBLIC
    assert document_answers(client, removed_doc) == DOCUMENT_PUBLIC

    actions.withdraw(withdrawn, staff["office"], "内容需要修订")
    actions.remove_in_error(removed, staff["office"], "误发")
    client.logout()
    assert client.get(withdrawn.url).status_code == 200  # the page stays, with its notice; its files do not
    assert document_answers(client, withdrawn_doc) == DOCUMENT_HIDDEN
    assert document_answers(client, removed_doc) == DOCUMENT_HIDDEN


def test_an_attachment_added_in_a_draft_of_a_live_page_waits_for_publishing(client):
    doc = factories.document("修订稿附件.pdf")
    policy = factories.attach(factories.policy("浙江省水污染防治条例实施办法"), doc, publish=False)
    assert policy.live and policy.has_unpublished_changes
    assert document_answers(client, doc) == DOCUMENT_HIDDEN

    policy.get_latest_revision().publish()
    assert document_answers(client, doc) == DOCUMENT_PUBLIC


def test_an_attachment_taken_off_a_live_page_is_refused(client):
    kept, dropped = factories.document("保留附件.pdf"), factories.document("删去附件.pdf")
    policy = factories.attach(factories.policy("浙江省危险废物管理办法"), kept, dropped)
    assert document_answers(client, dropped) == DOCUMENT_PUBLIC

    policy = factories.attach(policy, kept)
    assert document_answers(client, dropped) == DOCUMENT_HIDDEN
    assert document_answers(client, kept) == DOCUMENT_PUBLIC

    factories.attach(policy)  # the last attachment goes too
    assert document_answers(client, kept) == DOCUMENT_HIDDEN


@pytest.mark.postgresql
def test_a_document_used_by_a_public_and_a_draft_page_is_public(client):
    doc = factories.document("共用附件.pdf")
    factories.attach(factories.policy("尚未发布的文件", publish=False), doc, publish=False)
    assert document_answers(client, doc) == DOCUMENT_HIDDEN
    factories.attach(factories.policy("浙江省排污许可管理办法"), doc)
    assert document_answers(client, doc) == DOCUMENT_PUBLIC


def test_a_media_interpretations_file_follows_its_page(client, staff):
    video = factories.document("访谈.mp4", content=b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"\x00" * 64)
    policy = factories.policy()
    page = factories.interpretation("media", [policy], publish=False, media_file=video, embed_url="")
    assert document_answers(client, video) == DOCUMENT_HIDDEN
    assert as_user(client, staff["editor"]).get(video.url).status_code == 200
    client.logout()

    page.get_latest_revision().publish()
    assert document_answers(client, video) == DOCUMENT_PUBLIC
    assert video.url in client.get(page.url).content.decode()


def test_a_document_linked_from_rich_text_follows_its_page(client):
    doc = factories.document("发布会材料.pdf")
    body = [("paragraph", f'<p>材料见<a linktype="document" id="{doc.pk}">附件</a>。</p>')]
    news = factories.news("新闻发布会材料", publish=False, body=body)
    assert document_answers(client, doc) == DOCUMENT_HIDDEN
    news.get_latest_revision().publish()
    assert document_answers(client, doc) == DOCUMENT_PUBLIC
    assert doc.url in client.get(news.url).content.decode()


# --- images: originals and renditions ---------------------------------------------------------------------


@pytest.fixture
def draft_infographic():
    picture = factories.image("一图读懂.png")
    page = factories.interpretation("infographic", [factories.policy()], publish=False, images=[picture])
    return page, picture


@pytest.mark.postgresql
def test_a_drafts_image_and_its_renditions_are_refused_to_citizens(client, staff, draft_infographic):
    _page, picture = draft_infographic
    rendition = rendition_of(picture)
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN

    # Editors preview the draft with its picture, in every size its template asks for.
    as_user(client, staff["editor"])
    for url in (picture.file.url, rendition):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_image_is_served_once_published_and_refused_after_unpublishing(client, draft_infographic):
    page, picture = draft_infographic
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.listing_image_id == picture.pk
    rendition = rendition_of(picture)
    assert image_answers(client, picture, rendition) == IMAGE_PUBLIC
    # Publishing generated the sizes the page shows, and the page links to them.
    assert picture.get_rendition("width-640").url in client.get(page.url).content.decode()

    page.unpublish()
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN


def test_withdrawing_or_removing_in_error_refuses_the_image(client, staff):
    withdrawn_picture, removed_picture = factories.image("撤回图.png"), factories.image("错发图.png")
    policy = factories.policy()
    withdrawn = factories.interpretation("infographic", [policy], title="撤回的一图读懂", images=[withdrawn_picture])
    removed = factories.interpretation("infographic", [policy], title="错发的一图读懂", images=[removed_picture])
    renditions = {withdrawn_picture: rendition_of(withdrawn_picture), removed_picture: rendition_of(removed_picture)}
    for picture, rendition in renditions.items():
        assert image_answers(client, picture, rendition) == IMAGE_PUBLIC

    actions.withdraw(withdrawn, staff["office"], "图表数据有误")
    actions.remove_in_error(removed, staff["office"], "误发")
    for picture, rendition in renditions.items():
        assert image_answers(client, picture, rendition) == IMAGE_HIDDEN


def test_a_figure_in_a_news_body_follows_its_page(client):
    picture = factories.image("发布会现场.png")
    figure = {"image": {"image": picture.pk, "alt_text": "发布会现场", "decorative": False}, "caption": ""}
    news = factories.news("新闻发布会现场", publish=False, body=[{"type": "figure", "value": figure}])
    rendition = rendition_of(picture)
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN
    news.get_latest_revision().publish()
    assert image_answers(client, picture, rendition) == IMAGE_PUBLIC
    NewsPage.objects.get(pk=news.pk).unpublish()
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN


def test_a_collection_pages_picture_follows_its_page(client):
    """A page type without withdrawal (专题) shows its files while it is live and public."""
    picture = factories.image("专题题图.png")
    factories.policy()  # creates the topic
    page = factories.collection(image=picture, publish=False)
    rendition = rendition_of(picture)
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN
    page.get_latest_revision().publish()
    assert image_answers(client, picture, rendition) == IMAGE_PUBLIC
    page.refresh_from_db()
    page.unpublish()
    assert image_answers(client, picture, rendition) == IMAGE_HIDDEN


@pytest.mark.postgresql
def test_an_interpreters_photo_follows_the_pages_showing_the_interpreter(client):
    photo = factories.image("专家照片.png")
    expert = factories.person("赵研究员", factories.Person.Role.EXPERT, affiliation="省环科院", photo=photo)
    page = factories.interpretation("expert", [factories.policy()], publish=False, interpreter=expert)
    rendition = rendition_of(photo)
    assert image_answers(client, photo, rendition) == IMAGE_HIDDEN
    page.get_latest_revision().publish()
    assert image_answers(client, photo, rendition) == IMAGE_PUBLIC
    page.refresh_from_db()
    page.unpublish()
    assert image_answers(client, photo, rendition) == IMAGE_HIDDEN


def test_unknown_media_paths_answer_404(client, staff):
    for url in (
        "/media/original_images/none.png",
        "/media/images/none.width-640.png",
        "/media/../manage.py",
        "/media/images/a%00b.png",
    ):
        assert client.get(url).status_code == 404
        assert as_user(client, staff["editor"]).get(url).status_code == 404
        client.logout()


# --- marked public on its own --------------------------------------------------------------------------------


@pytest.mark.postgresql
def test_files_in_the_public_collection_are_public_without_a_page(client):
    public = factories.public_collection()
    assert public.get_parent().is_root()
    leaflet = factories.document("办事指南.pdf", collection=public)
    sub = public.add_child(name="宣传图片")
    poster = factories.image("宣传海报.png", collection=sub)
    private = factories.document("内部材料.pdf")
    assert document_answers(client, leaflet) == DOCUMENT_PUBLIC
    assert image_answers(client, poster, rendition_of(poster)) == IMAGE_PUBLIC
    assert document_answers(client, private) == DOCUMENT_HIDDEN

    # Moved out of it, the file is private again.
    leaflet.collection = Collection.get_first_root_node()
    leaflet.save()
    assert document_answers(client, leaflet) == DOCUMENT_HIDDEN


@pytest.mark.postgresql
def test_a_collection_of_the_same_name_elsewhere_makes_nothing_public(client):
    elsewhere = Collection.get_first_root_node().add_child(name="内部").add_child(name="公开资料")
    doc = factories.document("内部草稿.pdf", collection=elsewhere)
    assert document_answers(client, doc) == DOCUMENT_HIDDEN


def test_a_view_restricted_collection_keeps_its_images_from_citizens(client):
    public = factories.public_collection()
    restricted = public.add_child(name="仅限登录")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type=CollectionViewRestriction.LOGIN)
    poster = factories.image("内部海报.png", collection=restricted)
    assert image_answers(client, poster, rendition_of(poster)) == IMAGE_HIDDEN


# --- caching ---------------------------------------------------------------------------------------------------


def test_a_file_answer_is_never_reused_after_its_page_is_unpublished(client):
    doc, picture = factories.document("缓存附件.pdf"), factories.image("缓存图.png")
    policy = factories.attach(factories.policy(), doc)
    page = factories.interpretation("infographic", [policy], images=[picture])
    rendition = rendition_of(picture)
    for url in (doc.url, picture.file.url, rendition, doc.url, rendition):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response and "Content-Encoding" not in response
        # A browser or a CDN must ask again each time, so it learns at once that the file is gone.
        assert set(response["Cache-Control"].split(", ")) == {"public", "no-cache"}
    etag = client.get(doc.url)["ETag"]
    assert etag == f'"{doc.file_hash}"'
    assert client.get(doc.url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    last_modified = client.get(rendition)["Last-Modified"]
    assert client.get(rendition, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    page.unpublish()
    policy.refresh_from_db()
    policy.unpublish()
    for url in (doc.url, picture.file.url, rendition):
        assert client.get(url).status_code == 404
    # A cache revalidating its copy is told the file is gone, not that its copy is still good.
    assert client.get(doc.url, HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert client.get(rendition, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 404


def test_nginx_sends_the_file_the_application_allows(client, settings, draft_infographic):
    """With MEDIA_ACCEL_LOCATION the application answers with X-Accel-Redirect and no body; a refusal stays 404."""
    from wagtail.utils.sendfile import _get_sendfile

    settings.SENDFILE_BACKEND = "cms.security.accel"
    settings.ZHENGCE_MEDIA_ACCEL_LOCATION = "/protected-media/"
    _get_sendfile.clear()
    try:
        page, picture = draft_infographic
        doc = factories.document("附件 一.pdf")
        assert "X-Accel-Redirect" not in client.get(picture.file.url)
        assert "X-Accel-Redirect" not in client.get(doc.url)

        page.get_latest_revision().publish()
        factories.attach(factories.policy(), doc)
        response = client.get(picture.file.url)
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == f"/protected-media/{quote(picture.file.name)}"
        response = client.get(doc.url)
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == f"/protected-media/{quote(doc.file.name)}"  # a Chinese name, encoded
        assert response["Content-Disposition"].startswith(("attachment", "inline"))
    finally:
        _get_sendfile.clear()


# --- channels that show no file --------------------------------------------------------------------------------


def test_feeds_sitemap_and_search_name_no_file(client):
    doc, picture = factories.document("渠道附件.pdf"), factories.image("渠道图.png")
    policy = factories.attach(factories.policy("浙江省扬尘污染防治办法"), doc)
    infographic = factories.interpretation("infographic", [policy], title="扬尘一图读懂", images=[picture])
    for url in ("/feeds/policies/", "/feeds/interpretations/atom/", "/sitemap.xml", "/search/?q=扬尘"):
        body = client.get(url).content.decode()
        assert policy.url in body or quote(infographic.url) in body or infographic.url in body
        assert "/media/" not in body and "/documents/" not in body


@pytest.mark.postgresql
def test_the_public_collection_exists_after_migrating_and_is_empty():
    public = factories.public_collection()
    assert public.get_parent().is_root() and public.name == "公开资料"
    assert not public.get_descendants().exists()
    assert not factories.Document.objects.filter(collection=public).exists()
    assert not factories.Image.objects.filter(collection=public).exists()
