"""A letter as a file: PDF (fpdf2, with a subset of a CJK font embedded, so it reads the same everywhere) and DOCX.

Both take the letter's text as plain text: fpdf2 is asked for no markup and python-docx escapes what it writes, so
nothing the applicant or the office typed is read as markup. The PDF font is ZHENGCE_LETTER_FONT, (path, index in
the collection): Debian's fonts-noto-cjk, Noto Serif CJK SC, by default.
"""

from io import BytesIO

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF

DOCX_FONT = "宋体"


LEFT, INDENTED, RIGHT = "left", "indented", "right"
INDENT = "\u3000\u3000"  # two ideographic spaces: an official letter's paragraph indent


def _lines(letter):
    """Each line of the body with its place: the salutation flush left, the last two lines (the agency and the
    date) flush right, the paragraphs between indented, as official letters are laid out."""
    lines = letter.body.strip("\n").split("\n")
    placed = []
    for number, line in enumerate(lines):
        if number == 0 and line.endswith("："):
            placed.append((line, LEFT))
        elif number >= len(lines) - 2 and len(lines) > 3:
            placed.append((line, RIGHT))
        else:
            placed.append((INDENT + line.lstrip(), INDENTED))
    return placed


def _subtitle(letter):
    return _("申请编号：%(number)s") % {"number": letter.request.number}


def _basis(letter):
    return _("法律依据：%(basis)s") % {"basis": letter.legal_basis}


def as_pdf(letter):
    path, index = settings.ZHENGCE_LETTER_FONT
    pdf = FPDF(format="A4")
    pdf.set_title(letter.title)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_font("letter", fname=path, collection_font_number=index)
    pdf.add_page()
    pdf.set_font("letter", size=18)
    pdf.multi_cell(0, 12, letter.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("letter", size=11)
    pdf.multi_cell(0, 8, _subtitle(letter), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("letter", size=12)
    for line, place in _lines(letter):
        # Chinese wraps between any two characters (fpdf2 otherwise breaks only at spaces, the indent's too).
        align = "R" if place == RIGHT else "L"
        pdf.multi_cell(0, 8, line, align=align, new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
    pdf.ln(4)
    pdf.set_font("letter", size=10)
    pdf.multi_cell(0, 6, _basis(letter), align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _east_asian(run, size):
    run.font.name = DOCX_FONT
    run.font.size = Pt(size)
    # Word takes Chinese text's font from the eastAsia attribute, not from the font name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)


def as_docx(letter):
    document = Document()
    document.core_properties.title = letter.title
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = heading.add_run(letter.title)
    title.bold = True
    _east_asian(title, 18)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(number.add_run(_subtitle(letter)), 11)
    for line, place in _lines(letter):
        paragraph = document.add_paragraph()
        if place == RIGHT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _east_asian(paragraph.add_run(line), 12)
    _east_asian(document.add_paragraph().add_run(_basis(letter)), 10)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


FORMATS = {
    "pdf": (as_pdf, "application/pdf"),
    "docx": (as_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def response(letter, extension):
    """The letter as a download in `extension` (a key of FORMATS)."""
    draw, content_type = FORMATS[extension]
    answer = HttpResponse(draw(letter), content_type=content_type)
    answer["Content-Disposition"] = f'attachment; filename="{letter.file_name(extension)}"'
    return answer
