"""What every deadline answer is (:class:`Deadline`), and the wording the deadline rules
of every jurisdiction share: dates in words, why a day is not a working day, the days an
extension skips.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from holidays import HolidayBase

from .calendars import holiday_name
from .periods import MONTHS, WEEKDAYS, Period
from .reasons import LawWarning, Reason

__all__ = [
    "Deadline",
    "fmt_date",
    "fmt_long",
    "local_holidays",
    "month_text",
    "roll_treating_as_working",
    "skipped_days",
    "why_not_working",
]


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a period ends, and why.

    ``nominal_end`` is the arithmetic alone; ``end`` is the last day after any weekend or
    holiday rule. ``earliest_action`` (England and Wales) is the first working day after
    ``end``, when the creditor may act.
    """

    start: date
    period: Period
    jurisdiction: str
    calendar: str
    nominal_end: date
    end: date
    reasons: tuple[Reason, ...] = ()
    warnings: tuple[LawWarning, ...] = ()
    earliest_action: date | None = None

    @property
    def extended(self) -> bool:
        """True when a weekend or holiday rule moved the end."""
        return self.end != self.nominal_end

    @property
    def unconfirmed(self) -> bool:
        """True when any reason rests on a point the fact sheets could not confirm."""
        return any(r.unconfirmed for r in self.reasons)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values: dates as ISO strings, reasons as dicts, warnings as text.

        >>> from datetime import date
        >>> from relance_docs.law.deadlines import deadline
        >>> deadline("FR", date(2025, 1, 31), "1 month").as_dict()["end"]
        '2025-02-28'
        """
        out: dict[str, Any] = {
            "jurisdiction": self.jurisdiction,
            "start": self.start.isoformat(),
            "period": self.period.text("en"),
            "calendar": self.calendar,
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "reasons": [r.as_dict() for r in self.reasons],
            "warnings": [str(w) for w in self.warnings],
        }
        if self.earliest_action is not None:
            out["earliest_action"] = self.earliest_action.isoformat()
        return out


def fmt_date(day: date) -> str:
    """'28 February 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_long(day: date) -> str:
    """'Monday 2 March 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {fmt_date(day)}"


def month_text(start: date, period: Period, end: date) -> str:
    if end.day == start.day:
        return f"{period} from {fmt_date(start)} ends on the same day-number, {fmt_long(end)}"
    return (
        f"{period} from {fmt_date(start)}: the last month has no {_ordinal(start.day)}, so the "
        f"period ends on its last day, {fmt_long(end)}"
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def why_not_working(day: date, cal: HolidayBase, label: str, *, bank: bool = False) -> str:
    name = holiday_name(day, cal)
    kind = "bank holiday" if bank else "public holiday"
    if name:
        return f"{name}, a {kind} in {label}"
    return f"a {WEEKDAYS[day.weekday()]}"


def skipped_days(nominal: date, end: date, cal: HolidayBase) -> str:
    """' (Saturday 4 April 2026, ... are not working days either)' or ''."""
    days = []
    current = nominal + timedelta(days=1)
    while current < end:
        name = holiday_name(current, cal)
        days.append(f"{fmt_long(current)}{f' ({name})' if name else ''}")
        current += timedelta(days=1)
    if not days:
        return ""
    listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
    verb = "is not a working day" if len(days) == 1 else "are not working days"
    return f"; {listed} {verb} either"


def local_holidays(cal: HolidayBase, national: HolidayBase, year: int) -> list[str]:
    """'Name (day month)' for each holiday of ``cal`` in ``year`` that ``national`` lacks."""
    for c in (cal, national):
        _ = date(year, 1, 1) in c  # fills the year in
    return [
        f"{name} ({day.day} {MONTHS[day.month - 1]})"
        for day, name in sorted(cal.items())
        if day.year == year and day not in national
    ]


def roll_treating_as_working(day: date, cal: HolidayBase, working: date) -> date:
    """Like working_day_on_or_after, but ``working`` counts as a working day."""
    current = day
    while current != working and not cal.is_working_day(current):
        current += timedelta(days=1)
    return current
