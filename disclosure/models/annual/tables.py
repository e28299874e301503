"""The report's tables as shown and downloaded, from the cells a revision holds (figures, overrides, entries)."""

from dataclasses import dataclass

from . import layout


@dataclass
class RequestRow:
    label: str
    level: int
    values: list  # one per layout.REQUEST_COLUMNS
    overridden: bool = False


def request_value(cells, row, column):
    """A cell of 表三, totals included (a total row or the 总计 column is a sum, never stored)."""
    if column == layout.TOTAL:
        return sum(request_value(cells, row, applicant) for applicant in layout.APPLICANT_COLUMNS)
    spec = next(r for r in layout.REQUEST_ROWS if r.code == row)
    if spec.summed:
        return sum(request_value(cells, part, column) for part in spec.summed)
    return cells.get(layout.key(layout.REQUESTS, row, column), 0)


def request_rows(cells, overridden=()):
    return [
        RequestRow(
            str(row.label),
            row.level,
            [request_value(cells, row.code, column) for column in layout.REQUEST_COLUMNS],
            any(layout.key(layout.REQUESTS, row.code, c) in overridden for c in layout.APPLICANT_COLUMNS),
        )
        for row in layout.REQUEST_ROWS
    ]


def document_rows(cells):
    return [
        (
            str(label),
            [cells.get(layout.key(layout.ACTIVE, row, column), 0) for column, _label in layout.DOCUMENT_COLUMNS],
        )
        for row, label in layout.DOCUMENT_ROWS
    ]


def remedy_values(cells):
    """The 15 numbers of 表四, in the format's order: 行政复议, then the suits without and after review."""
    values = []
    for group, _label in layout.REMEDY_GROUPS:
        own = [cells.get(layout.key(layout.REMEDIES, group, column), 0) for column in layout.REMEDY_COLUMNS[:-1]]
        values.extend([*own, sum(own)])
    return values


def remedy_headers():
    columns = [str(layout.remedy_label(column)) for column in layout.REMEDY_COLUMNS]
    return [(str(label), columns) for _group, label in layout.REMEDY_GROUPS]


def balance(cells, column):
    """(新收 + 上年结转, 办理结果总计 + 结转下年度) of a column of 表三."""
    value = lambda row: request_value(cells, row, column)  # noqa: E731
    return value(layout.NEW) + value(layout.CARRIED_OVER), value(layout.HANDLED) + value(layout.CARRIED_FORWARD)
