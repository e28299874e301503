"""The 意见征集情况 report: a year's consultations per division, their comments, the share adopted and the feedback
delay in working days on the holiday calendar."""

import csv
import io
from datetime import date, datetime

import pytest

from consultations.figures import consultation_figures
from consultations.models import Answer
from tests import factories

# Counts and dates in SQL (a year in Beijing time, a report's publication date as each backend stores it).
pytestmark = pytest.mark.postgresql

URL = "/admin/reports/consultations/"


def at(month, day, hour=9, year=2025):
    from zoneinfo import ZoneInfo

    return datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def consultations():
    factories.editorial()
    # Closed on Wednesday 2 April 2025; its report published on Wednesday 9 April: 3 April, then 7, 8 and 9 April
    # (4 to 6 April were the 清明 holiday) are 4 working days.
    answered = factories.consultation("大气办法征求意见稿", opens_at=at(3, 3), closes_at=at(4, 2, 17))
    for answer, reason in (
        (Answer.ADOPTED, ""),
        (Answer.PARTLY_ADOPTED, "部分采纳的理由"),
        (Answer.NOT_ADOPTED, "不采纳的理由"),
        (Answer.OUT_OF_SCOPE, "不属于征求范围"),
    ):
        factories.comment(answered, answer=answer, reason=reason)
    factories.feedback_report(answered, date_published=date(2025, 4, 9))
    # Closed in June 2025 with no report published (one in review): late.
    unreported = factories.consultation(
        "水处条例征求意见稿", division="水处", opens_at=at(5, 6), closes_at=at(6, 5, 17)
    )
    factories.comment(unreported)
    factories.feedback_report(unreported, publish=False)
    # Opened in 2024: another year.
    factories.consultation("往年的征求意见稿", opens_at=at(11, 1, year=2024), closes_at=at(12, 1, year=2024))
    return answered, unreported


def signed_in(client, username, *groups):
    factories.user(username, *groups)
    assert client.login(username=username, password="pw")
    return client


def test_the_figures_of_a_year(consultations):
    answered, unreported = consultation_figures(2025)
    assert (answered.title, answered.division, answered.comments, answered.answered) == (
        "大气办法征求意见稿",
        "大气处",
        4,
        4,
    )
    assert (answered.adopted, answered.partly, answered.adopted_share) == (1, 1, 50.0)
    assert (answered.reported_on, answered.delay, answered.late) == (date(2025, 4, 9), 4, False)
    assert (unreported.comments, unreported.answered, unreported.adopted_share) == (1, 0, None)
    assert (unreported.reported_on, unreported.delay, unreported.late) == (None, None, True)


def test_the_publicity_center_reads_the_report_and_its_csv(client, consultations):
    signed_in(client, "xuanjiao", "宣教中心审核")
    assert URL in client.get("/admin/").content.decode()
    html = client.get(URL, {"year": 2025}).content.decode()
    assert "data-total-consultations>2<" in html and "data-total-comments>5<" in html
    assert "data-total-share>50.0%<" in html and "data-total-late>1<" in html
    assert "data-total-delay>4.0 个工作日<" in html and "data-delay>4<" in html and "逾期未反馈" in html
    assert 'aria-label="2025年各处室征求意见数量：大气处 1，水处 1"' in html
    assert "往年的征求意见稿" not in html
    response = client.get(URL, {"year": 2025, "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:2] == ["大气办法征求意见稿", "大气处"] and rows[1][-3:] == ["2025-04-09", "4", ""]
    assert rows[2][-1] == "是"
