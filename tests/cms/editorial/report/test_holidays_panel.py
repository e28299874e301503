"""The dashboard tells whoever keeps the holiday list that a year the clocks will soon count into is not listed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import Holiday
from tests import factories

pytestmark = pytest.mark.django_db

HEADING = "节假日安排尚未录入"
BEIJING = ZoneInfo("Asia/Shanghai")


def dashboard(client, user):
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_the_office_is_told_until_the_coming_year_is_listed_and_a_division_editor_never(client):
    factories.editorial()
    office, editor = factories.user("office", "办公室"), factories.user("daqi_editor", "起草处室编辑-大气处")
    Holiday.objects.filter(date__year=2026).delete()  # the coming year, not announced yet

    with time_machine.travel(datetime(2025, 8, 1, 9, tzinfo=BEIJING), tick=False):
        assert HEADING not in dashboard(client, office)  # 2026 is more than three months away
    with time_machine.travel(datetime(2025, 11, 20, 9, tzinfo=BEIJING), tick=False):
        shown = dashboard(client, office)
        assert HEADING in shown and "2026年的节假日安排尚未录入" in shown
        assert 'href="/admin/snippets/core/holiday/"' in shown
        assert HEADING not in dashboard(client, editor)
        Holiday.objects.create(date=date(2026, 1, 1), name="元旦")
        assert HEADING not in dashboard(client, office)
