"""Legal periods: how they are written and how they are added to a date.

A :class:`Period` counts days, working days, months or years; :func:`parse_period` reads
one written in English or French, :func:`add_period` gives its nominal end (the
arithmetic alone: CPC 641, BGB 187-188; no weekend or holiday rule, which belongs to each
jurisdiction's deadline rules).
"""

from __future__ import annotations

import calendar as _stdcal
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta
from holidays import HolidayBase

from ..errors import BadDate, BadValue

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Period",
    "Unit",
    "add_months",
    "add_period",
    "add_working_days",
    "as_date",
    "end_of_month",
    "parse_period",
]

Unit = Literal["days", "working_days", "months", "years"]
_UNITS = ("days", "working_days", "months", "years")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ------------------------------------------------------------------------------ periods

_WORDS = {
    "en": {
        "days": ("day", "days"),
        "working_days": ("working day", "working days"),
        "months": ("month", "months"),
        "years": ("year", "years"),
    },
    "fr": {
        "days": ("jour", "jours"),
        "working_days": ("jour ouvré", "jours ouvrés"),
        "months": ("mois", "mois"),
        "years": ("an", "ans"),
    },
}

# What a period's unit may be written as, once lower-cased and stripped of accents.
_UNIT_WORDS: dict[str, Unit] = {
    "day": "days",
    "days": "days",
    "calendar day": "days",
    "calendar days": "days",
    "jour": "days",
    "jours": "days",
    "working day": "working_days",
    "working days": "working_days",
    "business day": "working_days",
    "business days": "working_days",
    "jour ouvre": "working_days",
    "jours ouvres": "working_days",
    "month": "months",
    "months": "months",
    "calendar month": "months",
    "calendar months": "months",
    "mois": "months",
    "year": "years",
    "years": "years",
    "an": "years",
    "ans": "years",
    "annee": "years",
    "annees": "years",
}

# A week is seven days (BGB 188(2) counts weeks like days from the event).
_WEEK_WORDS = {"week", "weeks", "semaine", "semaines"}

_PERIOD_RE = re.compile(r"^(\d{1,5}) ?([a-z][a-z ]*)$")


@dataclass(frozen=True, slots=True)
class Period:
    """A legal period: ``count`` days, working days, months or years.

    >>> Period(2, "months").text("fr"), Period(1, "years").text()
    ('2 mois', '1 year')
    """

    count: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in _UNITS:
            raise BadValue(f"unknown period unit '{self.unit}': use one of {', '.join(_UNITS)}")
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise BadValue(f"a period must count at least 1 {self.unit}, not {self.count!r}")

    def text(self, language: str = "en") -> str:
        """The period in English (``"en"``) or French (``"fr"``).

        >>> Period(5, "working_days").text("fr"), Period(1, "days").text("en")
        ('5 jours ouvrés', '1 day')
        """
        try:
            one, many = _WORDS[language][self.unit]
        except KeyError:
            raise BadValue(f"unknown language '{language}': use en or fr") from None
        return f"{self.count} {one if self.count == 1 else many}"

    def __str__(self) -> str:
        return self.text("en")


def parse_period(text: str | Period) -> Period:
    """Read a period written in English or French.

    Accents, case and extra spaces do not matter. "jours ouvrés",
    "working days" and "business days" all give working days (Monday to Friday less
    public holidays).

    >>> parse_period("15 jours"), parse_period(" 2  Months ")
    (Period(count=15, unit='days'), Period(count=2, unit='months'))
    >>> parse_period("5 JOURS OUVRES").text("fr")
    '5 jours ouvrés'
    >>> parse_period("2 weeks")
    Period(count=14, unit='days')
    >>> parse_period("a fortnight")
    Traceback (most recent call last):
    ...
    relance_docs.errors.BadValue: cannot read the period 'a fortnight': write it like '15 days', '1 month', '15 jours' or '5 jours ouvrés'
    """  # noqa: E501
    if isinstance(text, Period):
        return text
    problem = BadValue(
        f"cannot read the period '{text}': write it like '15 days', '1 month', "
        "'15 jours' or '5 jours ouvrés'"
    )
    if not isinstance(text, str):
        raise problem
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = " ".join(plain.casefold().split())
    match = _PERIOD_RE.match(plain)
    if not match:
        raise problem
    count, word = int(match.group(1)), match.group(2)
    if count < 1:
        raise problem
    if word in _WEEK_WORDS:
        return Period(7 * count, "days")
    if word in {"jour ouvrable", "jours ouvrables"}:
        raise BadValue(
            f"'{text}': jours ouvrables (Monday to Saturday) are not supported; give the "
            "period in jours ouvrés (Monday to Friday) or in calendar days"
        )
    if word not in _UNIT_WORDS:
        raise problem
    return Period(count, _UNIT_WORDS[word])


def add_period(start: date, period: Period | str, cal: HolidayBase | None = None) -> date:
    """The nominal end of a period: the arithmetic alone, no weekend or holiday rule.

    Days: the start day is not counted (CPC 641 al. 1, BGB 187(1)), so the end is
    ``start + n``. Months and years: the same day-number in the target month, or that
    month's last day when it has no such day (CPC 641 al. 2, BGB 188(2)-(3)). Working days
    need a calendar (``cal``), see :func:`add_working_days`.

    >>> from datetime import date
    >>> add_period(date(2024, 1, 31), "1 month"), add_period(date(2025, 1, 31), "1 mois")
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    >>> add_period(date(2026, 3, 6), Period(15, "days"))
    datetime.date(2026, 3, 21)
    """
    start = as_date(start)
    period = parse_period(period)
    try:
        if period.unit == "days":
            return start + timedelta(days=period.count)
        if period.unit == "months":
            return start + relativedelta(months=period.count)
        if period.unit == "years":
            return start + relativedelta(years=period.count)
    except (OverflowError, ValueError):
        raise BadValue(f"{period} from {start.isoformat()} ends after the year 9999") from None
    if cal is None:
        raise BadValue(f"'{period}' is counted in working days: a holiday calendar is needed")
    return add_working_days(start, period.count, cal)


def add_working_days(start: date, n: int, cal: HolidayBase) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted).

    >>> from datetime import date
    >>> from relance_docs.law.calendars import calendar
    >>> add_working_days(date(2026, 4, 2), 1, calendar("FR", "57"))  # Thu -> Tue after Easter
    datetime.date(2026, 4, 7)
    """
    start = as_date(start)
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise BadValue(f"a number of working days must be 0 or more, not {n!r}")
    if n == 0:
        return start
    return cal.get_nth_working_day(start, n)


def as_date(value: date | str) -> date:
    """A date from a date (a datetime keeps its day) or an ISO string (YYYY-MM-DD)."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadDate(f"cannot read the date {value!r}: write it as YYYY-MM-DD")


def add_months(start: date, months: int) -> date:
    """``start`` + ``months`` (the month's last day when it has no such day-number)."""
    try:
        return start + relativedelta(months=months)
    except (OverflowError, ValueError):
        raise BadValue(
            f"{months} months from {start.isoformat()} ends after the year 9999"
        ) from None


def end_of_month(day: date) -> date:
    return day.replace(day=_stdcal.monthrange(day.year, day.month)[1])
