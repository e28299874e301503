"""The holiday list: seeded from the State Council's arrangements, refreshed by `sync_holidays`, staff rows win."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models.holidays import STATE_COUNCIL_YEARS, Holiday, state_council_days
from core.workdays import add_workdays
from tests import factories

# A command that writes, corrects and deletes rows; the table a data migration seeded.
pytestmark = pytest.mark.postgresql

STAFF, STATE_COUNCIL = Holiday.Source.STAFF, Holiday.Source.STATE_COUNCIL
LIST = "/admin/snippets/core/holiday/"


def sync(*args):
    out = StringIO()
    call_command("sync_holidays", *args, stdout=out)
    return out.getvalue()


def table():
    return list(Holiday.objects.order_by("date").values_list("date", "name", "is_workday", "source"))


def signed_in_admin(client):
    factories.user("admin", superuser=True)
    assert client.login(username="admin", password="pw")
    return client


def test_the_package_gives_the_2026_spring_festival():
    days = state_council_days(2026)
    assert days[date(2026, 2, 14)] == ("春节调休上班", True)
    assert [day for day, (name, _) in days.items() if name == "春节"] == [date(2026, 2, d) for d in range(15, 24)]
    assert days[date(2026, 2, 28)] == ("春节调休上班", True)
    # Every day worked in exchange is a weekend day; every weekday off is a holiday.
    assert all(day.weekday() >= 5 for day, (_, worked) in days.items() if worked)


def test_a_year_the_package_does_not_cover_is_refused():
    with pytest.raises(ValueError, match=str(STATE_COUNCIL_YEARS.stop)):
        state_council_days(STATE_COUNCIL_YEARS.stop)
    with pytest.raises(CommandError, match="手工录入"):
        sync("--year", str(STATE_COUNCIL_YEARS.stop))
    with pytest.raises(CommandError):
        sync("--year", "2003")


def test_running_the_command_on_the_seeded_table_changes_nothing():
    before = table()
    out = sync()
    assert table() == before
    assert f"[{len(STATE_COUNCIL_YEARS)}/{len(STATE_COUNCIL_YEARS)}] 2026 年：新增 0，更新 0，删除 0" in out
    assert f"完成，共 {len(STATE_COUNCIL_YEARS)} 年：新增 0，更新 0，删除 0，未变 {len(before)}，人工维护保留 0" in out


def test_the_command_restores_corrects_and_removes_arranged_rows_and_is_idempotent():
    seeded = table()
    Holiday.objects.filter(date__year=2026, date__month=2).delete()  # 11 rows
    Holiday.objects.filter(date=date(2026, 10, 1)).update(name="国庆", is_workday=True)
    Holiday.objects.create(date=date(2026, 3, 3), name="旧版本的安排", source=STATE_COUNCIL)

    out = sync("--year", "2026")
    assert "[1/1] 2026 年：新增 11，更新 1，删除 1" in out
    assert table() == seeded

    again = sync("--year", "2026")
    assert "新增 0，更新 0，删除 0" in again
    assert table() == seeded


def test_staff_rows_survive_a_refresh():
    # Staff decided the 2026 Labour Day Saturday is not worked here, and added a local day off.
    Holiday.objects.filter(date=date(2026, 5, 9)).update(name="劳动节", is_workday=False, source=STAFF)
    Holiday.objects.create(date=date(2026, 3, 3), name="本地防汛调休")
    edited = table()

    out = sync("--year", "2026")
    assert "人工维护保留 1" in out and "删除 0" in out
    assert table() == edited
    assert Holiday.objects.get(date=date(2026, 5, 9)).source == STAFF
    assert add_workdays(date(2026, 5, 8), 1) == date(2026, 5, 11)  # Friday → Monday: the Saturday stays off


def test_a_seeded_row_edited_in_the_admin_becomes_staffs_and_survives_a_refresh(client):
    signed_in_admin(client)
    row = Holiday.objects.get(date=date(2026, 2, 28))
    assert row.source == STATE_COUNCIL
    edit = f"{LIST}edit/{row.pk}/"
    form = client.get(edit).content.decode()
    assert "国务院安排" in form and "国务院安排的日期不能修改" in form

    # The date of an arranged day is fixed: a posted date is ignored.
    response = client.post(edit, {"date": "2026-03-07", "name": "春节调休（本厅不上班）", "is_workday": ""})
    assert response.status_code == 302
    row.refresh_from_db()
    edited = (date(2026, 2, 28), "春节调休（本厅不上班）", False, STAFF)
    assert (row.date, row.name, row.is_workday, row.source) == edited

    sync("--year", "2026")
    row.refresh_from_db()
    assert (row.date, row.name, row.is_workday, row.source) == edited
    assert add_workdays(date(2026, 2, 27), 1) == date(2026, 3, 2)


def test_saving_a_seeded_row_unchanged_leaves_it_to_the_package(client):
    signed_in_admin(client)
    row = Holiday.objects.get(date=date(2026, 2, 14))
    response = client.post(f"{LIST}edit/{row.pk}/", {"date": "2026-02-14", "name": "春节调休上班", "is_workday": "on"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.source == STATE_COUNCIL


def test_the_admin_list_shows_where_each_row_comes_from(client):
    signed_in_admin(client)
    Holiday.objects.create(date=date(2026, 3, 3), name="本地防汛调休")
    staff = client.get(LIST, {"source": STAFF})
    assert cells(staff) == ["本地防汛调休", "人工维护"]
    assert workday_marks(staff) == ["否"]
    arranged = client.get(LIST, {"source": STATE_COUNCIL})
    assert cells(arranged)[:2] == ["国庆节调休上班", "国务院安排"]  # newest first: Saturday 10 October 2026
    assert workday_marks(arranged)[0] == "是"
    assert "人工维护" not in cells(arranged) and "本地防汛调休" not in cells(arranged)


def cells(response):
    """Return the text of the listing's plain cells (the date cell is a link, so it is left out)."""
    return re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", response.content.decode())


def workday_marks(response):
    """Return what the 调休上班 column's tick or cross says to a screen reader, row by row."""
    pattern = r'icon-(?:check|cross) default[^>]*>.*?</svg>\s*<span class="w-sr-only"[^>]*>\s*([^<]*?)\s*</span>'
    return re.findall(pattern, response.content.decode(), re.DOTALL)


def test_a_year_without_a_row_is_unlisted_until_one_is_added():
    Holiday.objects.filter(date__year=2026).delete()  # as if the State Council had not announced 2026 yet

    assert Holiday.objects.unlisted_years(date(2025, 12, 1), date(2026, 2, 27)) == [2026]
    assert Holiday.objects.unlisted_years(date(2025, 3, 1), date(2025, 6, 1)) == []
    Holiday.objects.create(date=date(2026, 1, 1), name="元旦")
    assert Holiday.objects.unlisted_years(date(2025, 12, 1), date(2026, 2, 27)) == []
