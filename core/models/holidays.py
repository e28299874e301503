"""The holiday list (节假日) the working-day clock reads, seeded and refreshed from the State Council's arrangements."""

import chinese_calendar
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

# The package is released once the State Council announces the next year's arrangement, so its last year is
# the newest one published (when it was built).
STATE_COUNCIL_YEARS = range(
    min(chinese_calendar.holidays).year, max(*chinese_calendar.holidays, *chinese_calendar.workdays).year + 1
)


def state_council_days(year):
    """Return {date: (name, is_workday)} of the State Council's arrangement for `year`.

    The days off include the weekend days inside a holiday, so the row names the whole holiday; the
    working days are the weekend days worked in exchange (调休上班). Raise ValueError for a year the
    installed package does not cover.
    """
    if year not in STATE_COUNCIL_YEARS:
        raise ValueError(
            f"chinesecalendar {chinese_calendar.__version__} covers {STATE_COUNCIL_YEARS.start}–"
            f"{STATE_COUNCIL_YEARS.stop - 1}, not {year}"
        )
    days = {}
    for calendar, is_workday in ((chinese_calendar.holidays, False), (chinese_calendar.workdays, True)):
        for day, english in calendar.items():
            if day.year == year:
                name = chinese_calendar.Holiday(english).chinese
                days[day] = (f"{name}调休上班" if is_workday else name, is_workday)
    return dict(sorted(days.items()))


class HolidayQuerySet(models.QuerySet):
    def unlisted_years(self, start, end):
        """Return the years from `start`'s to `end`'s (dates) with no row: their holidays are not known yet.

        The State Council announces a year's arrangement late in the year before; until someone lists it, a count
        of working days into that year skips weekends only and may end on a holiday.
        """
        years = range(start.year, end.year + 1)
        listed = {day.year for day in self.filter(date__year__in=list(years)).dates("date", "year")}
        return [year for year in years if year not in listed]

    def sync_state_council(self, years=None, progress=None):
        """Bring the State Council's arrangements for `years` (default: every year the package covers) in.

        Rows from the package are added, corrected or removed to match it; a row staff made or edited is
        left alone, even where the package says otherwise, since the department's own calendar wins.
        `progress(year, counts)` is called after each year. Return the totals: {"added", "updated",
        "removed", "unchanged", "staff"} → number of dates.

        Works on the historical model too (the seeding migration), so it touches only date, name,
        is_workday and source.
        """
        state_council, staff = Holiday.Source.STATE_COUNCIL, Holiday.Source.STAFF
        totals = dict.fromkeys(("added", "updated", "removed", "unchanged", "staff"), 0)
        for year in STATE_COUNCIL_YEARS if years is None else years:
            days = state_council_days(year)
            rows = {row.date: row for row in self.filter(date__year=year)}
            counts = dict.fromkeys(totals, 0)
            added, changed = [], []
            for day, (name, is_workday) in days.items():
                row = rows.get(day)
                if row is None:
                    added.append(self.model(date=day, name=name, is_workday=is_workday, source=state_council))
                elif row.source == staff:
                    counts["staff"] += 1
                elif (row.name, row.is_workday) != (name, is_workday):
                    row.name, row.is_workday = name, is_workday
                    changed.append(row)
                else:
                    counts["unchanged"] += 1
            dropped = [row.pk for day, row in rows.items() if day not in days and row.source == state_council]
            with transaction.atomic(using=self.db):
                self.bulk_create(added)
                self.bulk_update(changed, ["name", "is_workday"])
                self.filter(pk__in=dropped).delete()
            counts.update(added=len(added), updated=len(changed), removed=len(dropped))
            for key, value in counts.items():
                totals[key] += value
            if progress is not None:
                progress(year, counts)
        return totals


class HolidayForm(WagtailAdminModelForm):
    """The admin form: an edit makes a row staff's, so that refreshing the calendar never overwrites it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.source == Holiday.Source.STATE_COUNCIL:
            # Moving an arranged day would only bring it back at the next refresh; staff add a row instead.
            self.fields["date"].disabled = True
            self.fields["date"].help_text = _(
                "国务院安排的日期不能修改；如需调整，请另外添加一天，或把这一天改为调休上班。"
            )

    def save(self, commit=True):
        if self.has_changed():
            self.instance.source = Holiday.Source.STAFF
        return super().save(commit=commit)


class Holiday(models.Model):
    """A public holiday, or a weekend day worked in exchange (调休上班), for counting working days."""

    class Source(models.TextChoices):
        STATE_COUNCIL = "state_council", _("国务院安排")
        STAFF = "staff", _("人工维护")

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("名称"), max_length=50)
    is_workday = models.BooleanField(
        _("调休上班"), default=False, help_text=_("勾选表示这一天需要上班（如周末调休上班）")
    )
    source = models.CharField(
        _("来源"),
        max_length=20,
        choices=Source.choices,
        default=Source.STAFF,
        help_text=_(
            "国务院安排的日期由 sync_holidays 命令每年更新；人工添加或修改过的日期不会被覆盖，"
            "但删除的国务院安排日期会在下次更新时恢复，如需取消请修改而不要删除。"
        ),
    )

    objects = HolidayQuerySet.as_manager()

    base_form_class = HolidayForm
    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("is_workday"), FieldPanel("source", read_only=True)]

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self):
        return f"{self.date} {self.name}"
