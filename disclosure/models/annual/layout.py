"""The tables of the annual report as 国办公开办函〔2021〕30号 lays them out: rows, columns and the key of each cell.

A cell's key is "<table>.<row>.<column>". The request outcome rows are the answer codes of models/codes.py, never
restated: this module only places them. Totals are never stored: they are the sums of the cells they add up.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..codes import REASONS_BY_ANSWER, AnswerType, ApplicantType, OrganisationType, RemedyOutcome

ACTIVE, REQUESTS, REMEDIES = "active", "requests", "remedies"
TABLE_TITLES = {
    ACTIVE: _("二、主动公开政府信息情况"),
    REQUESTS: _("三、收到和处理政府信息公开申请情况"),
    REMEDIES: _("四、政府信息公开行政复议、行政诉讼情况"),
}


def key(table, row, column):
    return f"{table}.{row}.{column}"


# --- 二、主动公开政府信息情况 (第二十条) ----------------------------------------------------------------------

RULES, NORMATIVE = "rules", "normative"
ISSUED, REPEALED, IN_FORCE = "issued", "repealed", "in_force"
DOCUMENT_ROWS = ((RULES, _("规章")), (NORMATIVE, _("行政规范性文件")))
DOCUMENT_COLUMNS = ((ISSUED, _("本年制发件数")), (REPEALED, _("本年废止件数")), (IN_FORCE, _("现行有效件数")))


@dataclass(frozen=True)
class EnteredRow:
    """A row of 第二十条 the office enters by hand (the page field holding it)."""

    article: str
    field: str
    label: str
    column: str


ENTERED_ROWS = (
    EnteredRow(_("第二十条第（五）项"), "licensing_decisions", _("行政许可"), _("本年处理决定数量")),
    EnteredRow(_("第二十条第（六）项"), "penalty_decisions", _("行政处罚"), _("本年处理决定数量")),
    EnteredRow(_("第二十条第（六）项"), "coercion_decisions", _("行政强制"), _("本年处理决定数量")),
    EnteredRow(_("第二十条第（八）项"), "fees_amount", _("行政事业性收费"), _("本年收费金额（单位：万元）")),
)

# --- 三、收到和处理政府信息公开申请情况 (第五十条第三项) -------------------------------------------------------

TOTAL = "total"
# The columns: 自然人, then 法人或其他组织 by its sub-types, then 总计.
APPLICANT_COLUMNS = (ApplicantType.PERSON.value, *OrganisationType.values)
REQUEST_COLUMNS = (*APPLICANT_COLUMNS, TOTAL)

NEW, CARRIED_OVER, HANDLED, CARRIED_FORWARD = "new", "carried_over", "handled", "carried_forward"

# 已主动公开 (第三十六条第一项) has no row of its own in the format: the applicant is given the information's
# whereabouts, which the format counts as 予以公开.
OUTCOME_OF_ANSWER = {AnswerType.ALREADY_PUBLIC.value: AnswerType.DISCLOSED.value}


@dataclass(frozen=True)
class Row:
    code: str  # the answer type or sub-reason (models/codes.py), or one of NEW, CARRIED_OVER, …
    label: str
    level: int = 0  # 0: 一、二、…; 1: （一）（二）…; 2: 1. 2. …
    summed: tuple = ()  # a row that is the sum of these rows (never stored)


def _outcome_rows():
    rows = []
    for number, answer in enumerate(
        (
            AnswerType.DISCLOSED,
            AnswerType.PARTLY,
            AnswerType.WITHHELD,
            AnswerType.UNAVAILABLE,
            AnswerType.NOT_PROCESSED,
            AnswerType.OTHER,
        ),
        start=1,
    ):
        reasons = REASONS_BY_ANSWER.get(answer, ())
        label = answer.label
        if answer == AnswerType.PARTLY:
            label = _("部分公开（区分处理的，只计这一情形，不计其他情形）")
        rows.append(Row(answer.value, f"（{'一二三四五六'[number - 1]}）{label}", 1, tuple(r.value for r in reasons)))
        rows.extend(Row(reason.value, f"{index}.{reason.label}", 2) for index, reason in enumerate(reasons, start=1))
    return rows


OUTCOME_ROWS = tuple(_outcome_rows())
# The rows holding counts (the answer types without sub-reasons, and the sub-reasons).
COUNTED_OUTCOMES = tuple(row.code for row in OUTCOME_ROWS if not row.summed)
REQUEST_ROWS = (
    Row(NEW, _("一、本年新收政府信息公开申请数量")),
    Row(CARRIED_OVER, _("二、上年结转政府信息公开申请数量")),
    *OUTCOME_ROWS,
    Row(HANDLED, _("（七）总计"), 1, COUNTED_OUTCOMES),
    Row(CARRIED_FORWARD, _("四、结转下年度继续办理")),
)
HANDLED_GROUP_LABEL = _("三、本年度办理结果")
BALANCE_NOTE = _("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
REQUEST_STORED_ROWS = (NEW, CARRIED_OVER, *COUNTED_OUTCOMES, CARRIED_FORWARD)

# --- 四、行政复议、行政诉讼 (第五十条第三项、第五十一条) --------------------------------------------------------

REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW = "review", "suit", "suit_after_review"
REMEDY_GROUPS = (
    (REVIEW, _("行政复议")),
    (DIRECT_SUIT, _("未经复议直接起诉")),
    (SUIT_AFTER_REVIEW, _("复议后起诉")),
)
REMEDY_COLUMNS = (*RemedyOutcome.values, TOTAL)


def remedy_label(column):
    return _("总计") if column == TOTAL else RemedyOutcome(column).label


def column_label(column):
    if column == TOTAL:
        return _("总计")
    if column == ApplicantType.PERSON:
        return ApplicantType.PERSON.label
    return OrganisationType(column).label


def stored_keys():
    """Every cell computed from the records (and so open to an override), in the order of the report."""
    keys = [key(ACTIVE, row, column) for row, _label in DOCUMENT_ROWS for column, _label2 in DOCUMENT_COLUMNS]
    keys += [key(REQUESTS, row, column) for row in REQUEST_STORED_ROWS for column in APPLICANT_COLUMNS]
    keys += [key(REMEDIES, group, column) for group, _label in REMEDY_GROUPS for column in RemedyOutcome.values]
    return keys


def cell_label(cell):
    """The Chinese name of a cell, as the messages name it: 表三“一、本年新收…”行“自然人”列."""
    table, row, column = cell.split(".")
    if table == ACTIVE:
        row_label = dict(DOCUMENT_ROWS)[row]
        column_text = dict(DOCUMENT_COLUMNS)[column]
    elif table == REQUESTS:
        row_label = next(r.label for r in REQUEST_ROWS if r.code == row)
        column_text = column_label(column)
    else:
        row_label = dict(REMEDY_GROUPS)[row]
        column_text = remedy_label(column)
    return _("%(table)s：“%(row)s”行“%(column)s”列") % {
        "table": TABLE_TITLES[table],
        "row": row_label,
        "column": column_text,
    }


def cell_choices():
    return [(cell, cell_label(cell)) for cell in stored_keys()]
