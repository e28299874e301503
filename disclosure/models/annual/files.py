"""The downloads of a published report: a Word copy of the whole report and a workbook of its tables.

Both are built from the same table context as the page (tables.py), so the three never disagree.
"""

import html
import io

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import layout

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(rich_text):
    """Paragraphs of a rich text field, as plain text."""
    blocks = str(rich_text or "").replace("</p>", "\n").replace("<br/>", "\n").replace("</li>", "\n")
    return [html.unescape(line).strip() for line in strip_tags(blocks).split("\n") if line.strip()]


def table_grids(page):
    """Each table as (title, rows of cells), the header rows first: what the workbook and the Word copy lay out."""
    context = page.table_context()
    active = [[_("信息内容"), *context["document_columns"]]]
    active += [[label, *values] for label, values in context["document_rows"]]
    for article, column, rows in context["entered_tables"]:
        active += [[article], [_("信息内容"), column], *([label, value] for label, value in rows)]
    requests = [
        [str(layout.BALANCE_NOTE), _("自然人"), _("法人或其他组织"), "", "", "", "", _("总计")],
        ["", "", *context["request_columns"], ""],
    ]
    requests += [[row.label, *row.values] for row in context["request_rows"]]
    remedy_heads = context["remedy_headers"]
    remedies = [
        [remedy_heads[0][0], "", "", "", "", _("行政诉讼")],
        ["", "", "", "", "", remedy_heads[1][0], "", "", "", "", remedy_heads[2][0]],
        [label for _group, labels in remedy_heads for label in labels],
        context["remedy_values"],
    ]
    return [
        (str(layout.TABLE_TITLES[layout.ACTIVE]), active),
        (str(layout.TABLE_TITLES[layout.REQUESTS]), requests),
        (str(layout.TABLE_TITLES[layout.REMEDIES]), remedies),
    ]


def workbook(page):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, (title, grid) in enumerate(table_grids(page), start=2):
        sheet = book.create_sheet(_("表%(n)s") % {"n": "一二三四"[number - 1]})
        sheet.append([title])
        for row in grid:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word_copy(page):
    from docx import Document

    document = Document()
    document.add_heading(page.title, level=1)
    grids = dict(table_grids(page))
    sections = [
        (_("一、总体情况"), _text(page.overview), None),
        (str(layout.TABLE_TITLES[layout.ACTIVE]), [], grids[str(layout.TABLE_TITLES[layout.ACTIVE])]),
        (str(layout.TABLE_TITLES[layout.REQUESTS]), [], grids[str(layout.TABLE_TITLES[layout.REQUESTS])]),
        (str(layout.TABLE_TITLES[layout.REMEDIES]), [], grids[str(layout.TABLE_TITLES[layout.REMEDIES])]),
        (_("五、存在的主要问题及改进情况"), _text(page.problems), None),
        (_("六、其他需要报告的事项"), _text(page.other_matters) or [_("无。")], None),
    ]
    for heading, paragraphs, grid in sections:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if grid:
            width = max(len(row) for row in grid)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in grid:
                cells = table.add_row().cells
                for index, value in enumerate(row):
                    cells[index].text = str(value)
    overrides = page.table_context()["overrides"]
    if overrides:
        document.add_heading(_("统计数修改说明"), level=2)
        for label, value, note in overrides:
            document.add_paragraph(f"{label}：{value}。{note}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
