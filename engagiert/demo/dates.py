"""Plausible dates for demo data placed relative to today: events on working days in NRW at a
usual hour, things sent in office hours on whole quarter hours."""

import datetime

from django.utils import timezone

#: Public holidays in NRW at a fixed date (month, day), and Christmas Eve and New Year's Eve,
#: when no network meets.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 3), (11, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
#: Public holidays in NRW counted from Easter Sunday: Good Friday, Easter Monday, Ascension,
#: Whit Monday, Corpus Christi.
EASTER_OFFSETS = (-2, 1, 39, 50, 60)


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    week_day = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * week_day) // 433
    month, day = divmod(h + week_day - 7 * m + 90, 25)
    return datetime.date(year, month, (h + week_day - 7 * m + 33 * month + 19) % 32)


def is_working_day(day: datetime.date) -> bool:
    if day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        return False
    easter = easter_sunday(day.year)
    return all(day != easter + datetime.timedelta(days=n) for n in EASTER_OFFSETS)


def working_day(day: datetime.date) -> datetime.date:
    """`day`, or the next working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def on_working_day(days: int, *, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """`days` from today (the next working day from there), at the given local time."""
    day = working_day(timezone.localdate() + datetime.timedelta(days=days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def in_office_hours(moment: datetime.datetime) -> datetime.datetime:
    """A past moment moved to a plausible one for something sent: the same day if it is a
    working day (else the working day before), between 9:00 and 16:00, on a quarter hour."""
    local = timezone.localtime(moment)
    day = local.date()
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    hour = min(max(local.hour, 9), 16)
    time = datetime.time(hour, local.minute // 15 * 15)
    return timezone.make_aware(datetime.datetime.combine(day, time))
