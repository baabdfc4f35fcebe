"""Calendar arithmetic for time values: pure functions over an explicit anchor date.

Nothing here looks at the clock; every relative value is computed from the anchor passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt


def valid_date(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day and 1 <= year <= 9999):
        return False
    return day <= calendar.monthrange(year, month)[1]


def weekday_date(anchor: dt.date, iso_weekday: int, direction: str) -> dt.date:
    """The date with ``iso_weekday`` nearest ``anchor`` in ``direction``.

    ``past``: on or before the anchor (the publication week's day, news' default);
    ``past_strict``: before it; ``future``: on or after; ``future_strict``: after.
    """
    diff = (anchor.isoweekday() - iso_weekday) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=diff)
    if direction == "past_strict":
        return anchor - dt.timedelta(days=diff or 7)
    ahead = (iso_weekday - anchor.isoweekday()) % 7
    if direction == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor + dt.timedelta(days=ahead or 7)


NEAR_DAYS = 60  # a year-less date up to this many days after the anchor is read as coming


def month_year(anchor: dt.date, month: int, day: int | None, mode: str) -> int:
    """The year of a month (and day) named without one, seen from ``anchor``.

    ``past`` (default in news): the latest such month/day not after the anchor;
    ``past_strict``: strictly before the anchor's month (``مارس الماضي``);
    ``future``: the earliest not before it; ``future_strict``: strictly after;
    ``current``: the anchor's year; ``near``: the anchor's year when the date is past or
    only a little ahead (NEAR_DAYS for a day, the next month for a month), else the year
    before: "في 12 يونيو" written on 9 June is this June, "في ديسمبر" in January last year's.
    """
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day if day is not None else 0)
    if mode == "current":
        return anchor.year
    if mode == "near":
        limit = anchor + dt.timedelta(days=NEAR_DAYS if day is not None else 31)
        for year in (anchor.year + 1, anchor.year, anchor.year - 1):
            if valid_date(year, month, day or 1) and dt.date(year, month, day or 1) <= limit:
                return year
        return anchor.year - 1
    if mode == "past":
        return anchor.year if there <= here else anchor.year - 1
    if mode == "past_strict":
        return anchor.year if month < anchor.month else anchor.year - 1
    if mode == "future":
        return anchor.year if there >= here else anchor.year + 1
    return anchor.year if month > anchor.month else anchor.year + 1


def shift_month(anchor: dt.date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def fmt_date(day: dt.date) -> str:
    return day.isoformat()


def fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def duration(amount: str | float | int, designator: str) -> str:
    """ISO 8601 duration: (3, 'D') -> 'P3D', (24, 'TH') -> 'PT24H', ('X', 'W') -> 'PXW'.

    Decades (DE) and centuries (CE) become years: (2, 'DE') -> 'P20Y'.
    """
    if amount != "X":
        amount = float(amount)
        if designator == "DE":
            amount, designator = amount * 10, "Y"
        elif designator == "CE":
            amount, designator = amount * 100, "Y"
        amount = fmt_number(amount)
    elif designator in ("DE", "CE"):
        designator = "Y"  # "عقود" -> an unspecified number of years
    if designator.startswith("T"):
        return f"PT{amount}{designator[1:]}"
    return f"P{amount}{designator}"


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Umm al-Qura conversion with hijridate; None when the date does not exist."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    from hijridate import Gregorian

    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().datetuple()
    except (ValueError, OverflowError):
        return None
