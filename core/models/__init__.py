"""The models core holds: the holiday list the working-day clock (``core.workdays``) reads."""

from .holidays import Holiday, HolidayForm, HolidayQuerySet

__all__ = ["Holiday", "HolidayForm", "HolidayQuerySet"]
