"""What must hold before a report goes to review (第五十条; 国办公开办函〔2021〕30号): each failure a Chinese message
naming its cell.

- an override has a note and a non-negative whole number (checked on every save);
- each column of 表三 balances: 新收 + 上年结转 = 办理结果总计 + 结转下年度;
- the computed cells are what the records give today, unless overridden with a note (records changed since the
  figures were taken: refresh them, or override the cell and say why).
"""

from django.utils.translation import gettext as _

from . import layout, tables


def override_problems(overrides):
    """Yield the messages of overrides without a note, with a negative value, or overriding a cell twice."""
    seen = set()
    for override in overrides:
        name = layout.cell_label(override.cell)
        if override.cell in seen:
            yield _("%(cell)s 被修改了两次，请只保留一条。") % {"cell": name}
        seen.add(override.cell)
        if override.value is None or override.value < 0:
            yield _("%(cell)s 应为非负整数。") % {"cell": name}
        if not (override.note or "").strip():
            yield _("%(cell)s 修改了系统统计数，必须填写修改说明。") % {"cell": name}


def submission_problems(cells, computed, fresh, overridden):
    """Yield the messages that stop a report going to review.

    `cells` are the report's effective cells (overrides applied), `computed` the figures the report holds, `fresh`
    what the records give now, `overridden` the cells an override (with its note) replaces.
    """
    for cell in layout.stored_keys():
        value = cells.get(cell, 0)
        if not isinstance(value, int) or value < 0:
            yield _("%(cell)s 应为非负整数。") % {"cell": layout.cell_label(cell)}
    for column in layout.REQUEST_COLUMNS:
        received, handled = tables.balance(cells, column)
        if received != handled:
            yield _(
                "表三“%(column)s”列不平衡：本年新收加上年结转为 %(received)s，办理结果总计加结转下年度为 %(handled)s，"
                "两者应相等。"
            ) % {"column": layout.column_label(column), "received": received, "handled": handled}
    for cell in layout.stored_keys():
        if cell in overridden:
            continue
        if computed.get(cell, 0) != fresh.get(cell, 0):
            yield _(
                "%(cell)s 报告中为 %(held)s，按当前记录为 %(now)s：请勾选“按当前记录重新统计”后保存，"
                "或修改该数并填写说明。"
            ) % {"cell": layout.cell_label(cell), "held": computed.get(cell, 0), "now": fresh.get(cell, 0)}
