"""Attachments (原件) and change notes (更新记录) on a document's page."""

from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from policies.models import ChangeNote, PolicyAttachment
from tests import factories
from tests.pages import get_html, section


class TestPolicyPage:
    def test_attachments_and_change_notes(self, client):
        doc = factories.policy("有附件的文件")
        original = Document.objects.create(title="原件扫描", file=ContentFile(b"%PDF-1.4 test", name="yuanjian.pdf"))
        doc.attachments.add(PolicyAttachment(document=original, title="浙江省某办法（原件）"))
        doc.change_notes.add(ChangeNote(date=date(2024, 1, 5), note="更正第二条中的文字错误"))
        doc.save_revision().publish()
        html = get_html(client, doc.url)
        attachments = section(html, 'id="policy-attachments"')
        assert f'href="{original.url}"' in attachments
        assert "浙江省某办法（原件）" in attachments
        assert "PDF" in attachments
        notes = section(html, 'class="change-notes"')
        assert "更新记录" in notes
        assert "2024年1月5日" in notes and "更正第二条中的文字错误" in notes
