"""Uploads through the admin: documents checked by content and size, images by Pillow with a pixel limit."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(main_type, part):
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.{main_type}"/>'
        "</Types>"
    )
    return zip_bytes({"[Content_Types].xml": content_types, part: "<x/>"})


@pytest.fixture
def admin_client(client):
    factories.site()
    client.force_login(factories.user("uploader", superuser=True))
    return client


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().id,
        },
    )


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().id,
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("办法.pdf", PDF),
        ("办法.docx", ooxml("wordprocessingml.document.main+xml", "word/document.xml")),
        ("统计.xlsx", ooxml("spreadsheetml.sheet.main+xml", "xl/workbook.xml")),
        ("公文.ofd", zip_bytes({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>"})),
        ("访谈.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64),
        ("访谈.m4a", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + b"\x00" * 64),
        ("发布会.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"\x00" * 64),
        ("发布会.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 64),
        ("访谈.wav", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64),
        ("字幕.vtt", "\ufeffWEBVTT\n\n00:00.000 --> 00:02.000\n主持人：欢迎收看。\n".encode()),
    ],
)
def test_real_files_of_the_allowed_types_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    with document.open_file() as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("伪装.pdf", b"<html><script>alert(1)</script></html>"),
        ("伪装.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "evil.html": "<script>alert(1)</script>"})),
        (
            "宏.xlsx",
            zip_bytes(
                {
                    "[Content_Types].xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "xl/vbaProject.bin": b"\x00",
                }
            ),
        ),
        ("伪装.ofd", zip_bytes({"index.html": "<script>alert(1)</script>"})),
        ("伪装.mp4", b"<html><script>alert(1)</script></html>"),
        ("伪装.vtt", b"<html><script>alert(1)</script></html>"),
        ("伪装.wav", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert f"文件内容不是有效的 {name.rsplit('.', 1)[1].upper()} 文件" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["页面.html", "图.svg", "旧版.doc", "脚本.js"])
def test_other_types_are_refused_whatever_their_content(admin_client, name):
    response = upload_document(admin_client, name, PDF)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "大文件.pdf", PDF + b"%" * 2048)
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert "1.0\xa0KB" in response.content.decode() or "1.0 KB" in response.content.decode()


def test_documents_are_served_so_that_a_browser_cannot_run_them(admin_client, client):
    upload_document(admin_client, "公文.ofd", zip_bytes({"OFD.xml": "<ofd:OFD/>"}))
    upload_document(admin_client, "办法.pdf", PDF)
    for document in Document.objects.all():
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
    ofd = client.get(Document.objects.get(file__endswith=".ofd").url)
    assert ofd["Content-Disposition"].startswith("attachment")


def png(size, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_normal_image_is_accepted(admin_client):
    response = upload_image(admin_client, "图解.png", png((400, 300)))
    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_a_decompression_bomb_is_refused(admin_client):
    bomb = png((20000, 20000), mode="1")
    assert len(bomb) < 100_000  # small on disk, 400 million pixels once decoded
    response = upload_image(admin_client, "炸弹.png", bomb)
    assert response.status_code == 200
    assert not Image.objects.exists()
    assert "40.0" in response.content.decode() or "4000" in response.content.decode()


def test_an_oversized_image_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024
    response = upload_image(admin_client, "大图.png", png((800, 800), mode="RGB") + b"\x00" * 20_000)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_an_image_that_is_not_an_image_is_refused(admin_client):
    response = upload_image(admin_client, "伪装.png", b"<svg onload=alert(1)></svg>")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_the_limits_are_set(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert set(settings.WAGTAILDOCS_EXTENSIONS) == {
        "pdf",
        "docx",
        "xlsx",
        "ofd",
        "mp3",
        "m4a",
        "mp4",
        "webm",
        "wav",
        "vtt",
    }


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


REFUSED_UPLOADS = [
    (upload_document, "伪装.pdf", b"<html><script>alert(1)</script></html>"),
    (upload_document, "残缺.docx", zip_bytes({"word/document.xml": "<x/>"})[:40]),
    (upload_document, "页面.html", PDF),
    (upload_image, "残缺.png", png((400, 300))[:200]),
    (upload_image, "伪装.png", b"<svg onload=alert(1)></svg>"),
    (upload_image, "炸弹.png", png((20000, 20000), mode="1")),
]


@pytest.mark.parametrize(("upload", "name", "content"), REFUSED_UPLOADS, ids=[name for _, name, _ in REFUSED_UPLOADS])
def test_a_refused_upload_leaves_nothing_behind(admin_client, settings, upload, name, content):
    before = media_files(settings)
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()
    assert not Document.objects.exists() and not Image.objects.exists()
    assert media_files(settings) == before


def test_an_oversized_upload_leaves_nothing_behind(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    before = media_files(settings)
    upload_document(admin_client, "大文件.pdf", PDF + b"%" * 2048)
    upload_image(admin_client, "大图.png", png((800, 800)) + b"\x00" * 2048)
    assert not Document.objects.exists() and not Image.objects.exists()
    assert media_files(settings) == before


def test_the_multiple_uploader_refuses_a_truncated_image_and_keeps_nothing(admin_client, settings):
    before = media_files(settings)
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("残缺.png", png((400, 300))[:200]),
            "collection": Collection.get_first_root_node().id,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Image.objects.exists()
    assert media_files(settings) == before
