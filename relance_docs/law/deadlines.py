"""Legal deadlines: France (CPC 640-643), England and Wales (pre-action), Germany (BGB
187-193), and the French B2B payment-term caps (C. com. L441-10 I).

Every answer is a :class:`Deadline` carrying the nominal end (the arithmetic alone), the
end after any weekend or holiday rule, and the reasons for both, each with its basis.

>>> from datetime import date
>>> d = fr_deadline(date(2026, 1, 31), "1 mois")
>>> d.nominal_end, d.end  # no 31 February: last day of the month, a Saturday -> Monday
(datetime.date(2026, 2, 28), datetime.date(2026, 3, 2))
>>> gb_deadline(date(2025, 3, 19), "30 days").earliest_action  # day 30 is Good Friday
datetime.date(2025, 4, 22)
>>> de_deadline(date(2026, 9, 3), "30 days").end  # day 30 is Saturday 3 October
datetime.date(2026, 10, 5)
"""

from __future__ import annotations

import calendar as _stdcal
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from holidays import HolidayBase

from ..errors import BadDate, BadValue
from .calendars import (
    SUBDIVISIONS,
    calendar,
    calendar_key,
    calendar_label,
    holiday_name,
    next_working_day,
    working_day_on_or_after,
)
from .reasons import LawWarning, Reason

__all__ = [
    "Deadline",
    "PaymentTerms",
    "Period",
    "Unit",
    "add_period",
    "add_working_days",
    "check_due_date",
    "de_deadline",
    "deadline",
    "fr_deadline",
    "gb_deadline",
    "parse_period",
    "payment_terms",
]

Unit = Literal["days", "working_days", "months", "years"]
_UNITS = ("days", "working_days", "months", "years")

_MONTHS = [
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
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

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
    start = _as_date(start)
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
    start = _as_date(start)
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise BadValue(f"a number of working days must be 0 or more, not {n!r}")
    if n == 0:
        return start
    return cal.get_nth_working_day(start, n)


# ----------------------------------------------------------------------------- deadline


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
        >>> fr_deadline(date(2025, 1, 31), "1 month").as_dict()["end"]
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


def fr_deadline(
    start: date | str,
    period: Period | str,
    *,
    subdivision: str | None = None,
    distance: str | None = None,
    extend: bool = True,
) -> Deadline:
    """A French period under CPC 640-643.

    ``subdivision`` picks the calendar (``"57"``, ``"6AE"``/``"67"``/``"68"``, ``"971"``...;
    None for the general calendar). ``distance`` ``"overseas"`` or ``"abroad"`` adds 1 or 2
    months (CPC 643: appearance, appeal, opposition deadlines for a party living in the
    DOM-COM or abroad, before a court in metropolitan France). ``extend=False`` keeps the
    nominal end even on a non-working day (limitation periods, where CPC 642 is not
    confirmed to apply).

    >>> from datetime import date
    >>> fr_deadline(date(2026, 1, 15), "1 mois", distance="abroad").end
    datetime.date(2026, 4, 15)
    >>> fr_deadline(date(2024, 3, 15), "2 ans", extend=False).end  # a Sunday, kept
    datetime.date(2026, 3, 15)
    """
    start = _as_date(start)
    period = parse_period(period)
    code, sub = calendar_key("FR", subdivision)
    cal = calendar(code, sub)
    label = calendar_label(code, sub)
    reasons: list[Reason] = []
    warnings: list[LawWarning] = []

    extra_months = _distance_months(distance)
    nominal = _fr_nominal_end(start, period, extra_months, cal, reasons)
    if extra_months:
        where = "in an overseas department or territory" if extra_months == 1 else "abroad"
        reasons.append(
            Reason(
                f"The party lives {where}: the period is extended by {extra_months} "
                f"month{'s' if extra_months > 1 else ''} (appearance, appeal, opposition, "
                "revision and cassation deadlines before a court in metropolitan France)",
                "CPC art. 643",
            )
        )
        if sub in _FR_OVERSEAS:
            warnings.append(
                LawWarning(
                    "the calendar is an overseas one: if the court sits overseas, CPC 644 "
                    "(not 643) sets the distance extension; check it"
                )
            )
    if period.unit == "working_days":
        reasons.append(
            Reason(
                "Working days (jours ouvrés) are counted Monday to Friday, less the public "
                f"holidays of the {label} calendar",
                "C. trav. art. L3133-1",
            )
        )
    if sub in _FR_OVERSEAS:
        added = _local_holidays(cal, calendar(code), nominal.year)
        if added:
            warnings.append(
                LawWarning(
                    f"the {label} calendar of the holidays package adds {', '.join(added)} to "
                    "the national list; CPC 642 counts only days a law or regulation makes "
                    "public holidays, and these were not checked against the texts"
                )
            )

    end = nominal
    if not cal.is_working_day(nominal):
        rolled = working_day_on_or_after(nominal, cal)
        why = _why_not_working(nominal, cal, label)
        if extend:
            end = rolled
            reasons.append(
                Reason(
                    f"{_fmt(nominal)} is {why}: the period is extended to the next working "
                    f"day, {_fmt_long(end)}{_skipped(nominal, end, cal)}",
                    "CPC art. 642 al. 2",
                )
            )
            good_friday = easter(nominal.year) - timedelta(days=2)
            if sub in ("57", "6AE") and nominal <= good_friday < end:
                without = _roll_treating_as_working(nominal, cal, good_friday)
                reasons.append(
                    Reason(
                        "Good Friday is a public holiday in Alsace and Moselle only in "
                        "communes with a Protestant temple or a mixed church: check the "
                        "commune; where it is a working day, the period ends on "
                        f"{_fmt_long(without)}",
                        "C. trav. art. L3134-13",
                        unconfirmed=True,
                    )
                )
        else:
            reasons.append(
                Reason(
                    f"{_fmt(nominal)} is {why}; whether CPC 642 extends this period is not "
                    "confirmed (prescription is acquired when the last day of the term is "
                    f"over, C. civ. 2229); if it does, the period ends on {_fmt_long(rolled)}",
                    "CPC art. 642 al. 2",
                    unconfirmed=True,
                )
            )
    reasons.append(
        Reason(f"The period expires on {_fmt_long(end)} at midnight (24:00)", "CPC art. 642 al. 1")
    )
    return Deadline(
        start=start,
        period=period,
        jurisdiction="FR",
        calendar=label,
        nominal_end=nominal,
        end=end,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


_FR_OVERSEAS = frozenset(SUBDIVISIONS["FR"]) - {"57", "6AE"}


def _distance_months(distance: str | None) -> int:
    if distance is None:
        return 0
    key = distance.strip().casefold() if isinstance(distance, str) else distance
    months = {"overseas": 1, "abroad": 2}.get(key)
    if months is None:
        raise BadValue(f"unknown distance '{distance}': use overseas or abroad (CPC 643)")
    return months


def _fr_nominal_end(
    start: date, period: Period, extra_months: int, cal: HolidayBase, reasons: list[Reason]
) -> date:
    """Months first, then days (CPC 641 al. 3); explains the arithmetic in ``reasons``."""
    if period.unit in ("months", "years"):
        months = period.count * (12 if period.unit == "years" else 1) + extra_months
        nominal = _add_months(start, months)
        shown = period if not extra_months else Period(months, "months")
        reasons.append(Reason(_month_text(start, shown, nominal), "CPC art. 641 al. 2"))
        return nominal
    base = _add_months(start, extra_months) if extra_months else start
    if extra_months:
        reasons.append(
            Reason(
                f"Months are counted first, then days: {extra_months} month"
                f"{'s' if extra_months > 1 else ''} from {_fmt(start)} is {_fmt(base)}",
                "CPC art. 641 al. 3",
            )
        )
    if period.unit == "days":
        nominal = base + timedelta(days=period.count)
        reasons.append(
            Reason(
                f"{period} from {_fmt_long(base)}, that day not counted, ends on "
                f"{_fmt_long(nominal)}",
                "CPC art. 640 and 641 al. 1",
            )
        )
        return nominal
    nominal = add_working_days(base, period.count, cal)
    reasons.append(
        Reason(
            f"{period} after {_fmt_long(base)}, that day not counted, is {_fmt_long(nominal)}",
            "CPC art. 641 al. 1",
        )
    )
    return nominal


def gb_deadline(start: date | str, period: Period | str, *, nation: str = "ENG") -> Deadline:
    """A pre-action period in the UK, e.g. 30 days to answer a Letter of Claim.

    Counted from the start date, that day excluded. No rule moves a pre-action period that
    ends on a weekend or bank holiday, so ``end`` is the nominal end; ``earliest_action``
    is the first working day after it on the nation's calendar.

    >>> from datetime import date
    >>> d = gb_deadline(date(2026, 3, 4), "30 days")
    >>> d.end, d.earliest_action  # Good Friday 3 Apr; Easter Monday 6 Apr
    (datetime.date(2026, 4, 3), datetime.date(2026, 4, 7))
    """
    start = _as_date(start)
    period = parse_period(period)
    code, sub = calendar_key("GB", nation)
    cal = calendar(code, sub)
    label = calendar_label(code, sub)
    basis = "Pre-Action Protocol for Debt Claims"
    reasons: list[Reason] = []

    if period.unit == "days":
        nominal = start + timedelta(days=period.count)
        reasons.append(
            Reason(
                f"{period} counted from the date of the letter, {_fmt_long(start)}, that day "
                f"excluded: the last day is {_fmt_long(nominal)}",
                basis,
            )
        )
    elif period.unit == "working_days":
        nominal = add_working_days(start, period.count, cal)
        reasons.append(
            Reason(
                f"{period} after {_fmt_long(start)}, that day excluded and Saturdays, Sundays "
                f"and bank holidays in {label} skipped: the last day is {_fmt_long(nominal)}",
                "Banking and Financial Dealings Act 1971 (bank holidays)",
            )
        )
    else:
        nominal = add_period(start, period)
        reasons.append(
            Reason(
                _month_text(start, period, nominal) + " (the corresponding-date rule)",
                "Dodds v Walker [1981] 1 WLR 1027",
                unconfirmed=True,
            )
        )
    end = nominal
    if not cal.is_working_day(nominal):
        why = _why_not_working(nominal, cal, label, bank=True)
        reasons.append(
            Reason(
                f"{_fmt(nominal)} is {why}: no rule moves a pre-action period that ends on a "
                "weekend or bank holiday, so the end is not moved",
                basis,
                unconfirmed=True,
            )
        )
    earliest = next_working_day(end, cal)
    reasons.append(
        Reason(
            "Proceedings should not be issued before the period has expired: the first "
            f"working day after it in {label} is {_fmt_long(earliest)}",
            basis,
        )
    )
    return Deadline(
        start=start,
        period=period,
        jurisdiction="GB",
        calendar=label,
        nominal_end=nominal,
        end=end,
        reasons=tuple(reasons),
        earliest_action=earliest,
    )


def de_deadline(
    start: date | str, period: Period | str, *, state: str | None = None, extend: bool = True
) -> Deadline:
    """A German period under BGB 187(1), 188 and 193.

    The event day is not counted; a last day on a Saturday, Sunday or public holiday at the
    place of performance gives way to the next working day (§193). ``state`` is the Land
    (``"BY"``...); None uses the nationwide holidays only.

    >>> from datetime import date
    >>> d = de_deadline(date(2026, 3, 4), "30 days")  # invoice received on Wed 4 Mar 2026
    >>> d.nominal_end, d.end  # Good Friday -> Tuesday after Easter Monday
    (datetime.date(2026, 4, 3), datetime.date(2026, 4, 7))
    """
    start = _as_date(start)
    period = parse_period(period)
    code, sub = calendar_key("DE", state)
    cal = calendar(code, sub)
    label = calendar_label(code, sub)
    reasons: list[Reason] = []
    warnings: list[LawWarning] = []

    if period.unit == "days":
        nominal = start + timedelta(days=period.count)
        reasons.append(
            Reason(
                f"{period} from {_fmt_long(start)}, that day not counted, end at the end of "
                f"{_fmt_long(nominal)}",
                "BGB §187(1), §188(1)",
            )
        )
    elif period.unit == "working_days":
        nominal = add_working_days(start, period.count, cal)
        reasons.append(
            Reason(
                f"{period} after {_fmt_long(start)}, that day not counted, Saturdays, Sundays "
                f"and public holidays ({label}) skipped: the last day is {_fmt_long(nominal)}",
                "BGB §187(1)",
            )
        )
        reasons.append(
            Reason(
                "Working days are counted Monday to Friday; where the text means Werktage, "
                "Saturdays may count and the period may end earlier: check",
                "BGB §193",
                unconfirmed=True,
            )
        )
    else:
        nominal = add_period(start, period)
        reasons.append(Reason(_month_text(start, period, nominal), "BGB §188(2), (3)"))

    end = nominal
    if not cal.is_working_day(nominal):
        rolled = working_day_on_or_after(nominal, cal)
        why = _why_not_working(nominal, cal, label)
        if extend:
            end = rolled
            reasons.append(
                Reason(
                    f"{_fmt(nominal)} is {why}: the next working day, {_fmt_long(end)}, takes "
                    f"its place{_skipped(nominal, end, cal)}",
                    "BGB §193",
                )
            )
            if period == Period(30, "days"):
                reasons.append(
                    Reason(
                        "Whether §193 extends the 30-day period of §286(3) BGB (default without a "
                        f"reminder) is debated; without the extension the period ends on "
                        f"{_fmt_long(nominal)} and the debtor is in default from "
                        f"{_fmt_long(nominal + timedelta(days=1))}",
                        "BGB §193, §286(3)",
                        unconfirmed=True,
                    )
                )
        else:
            reasons.append(
                Reason(
                    f"{_fmt(nominal)} is {why}; whether §193 applies to this period is "
                    f"debated; if it does, the period ends on {_fmt_long(rolled)}",
                    "BGB §193",
                    unconfirmed=True,
                )
            )
    if sub is None:
        warnings.append(
            LawWarning(
                "only the nationwide public holidays were used; §193 BGB counts the holidays "
                "at the place of performance: give the Land (e.g. BY) to use its own"
            )
        )
    return Deadline(
        start=start,
        period=period,
        jurisdiction="DE",
        calendar=label,
        nominal_end=nominal,
        end=end,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def deadline(
    jurisdiction: str,
    start: date | str,
    period: Period | str,
    *,
    subdivision: str | None = None,
    distance: str | None = None,
) -> Deadline:
    """The deadline in ``jurisdiction`` ("FR", "GB" or "DE", any case).

    ``subdivision`` is the French department or collectivity, the UK nation or the German
    Land; ``distance`` (CPC 643) exists only in France.

    >>> from datetime import date
    >>> deadline("fr", date(2025, 1, 31), "1 month").end
    datetime.date(2025, 2, 28)
    >>> deadline("DE", date(2026, 1, 1), "1 month", distance="abroad")
    Traceback (most recent call last):
    ...
    relance_docs.errors.BadValue: a distance extension (CPC 643) exists only in France
    """
    code = jurisdiction.strip().upper() if isinstance(jurisdiction, str) else jurisdiction
    code = {"UK": "GB"}.get(code, code)
    if code not in ("FR", "GB", "DE"):
        raise BadValue(f"unknown jurisdiction '{jurisdiction}': use FR, GB or DE")
    if distance is not None and code != "FR":
        raise BadValue("a distance extension (CPC 643) exists only in France")
    if code == "FR":
        return fr_deadline(start, period, subdivision=subdivision, distance=distance)
    if code == "GB":
        return gb_deadline(start, period, nation=subdivision or "ENG")
    return de_deadline(start, period, state=subdivision)


# ------------------------------------------------------------------------ payment terms


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """The payment-term dates of C. com. L441-10 I for one B2B invoice (France).

    These are contractual dates: no weekend or holiday extension applies to any of them.

    - ``default_30_days``: with no agreed term, 30 days after receipt of the goods or
      performance of the service (I al. 1); None without a receipt date.
    - ``cap_60_days``: the longest agreed term, 60 days after the invoice date (I al. 2).
    - ``cap_45_eom_a`` / ``cap_45_eom_b``: 45 days end of month, if expressly stipulated
      (I al. 3), by the two accepted methods: invoice + 45 days then end of that month (A),
      or end of the invoice's month then + 45 days (B).
    - ``periodic_45_days``: periodic invoices (CGI 289 I-3), 45 days after the invoice (I al. 4).
    """

    invoice_date: date
    receipt_date: date | None
    default_30_days: date | None
    cap_60_days: date
    cap_45_eom_a: date
    cap_45_eom_b: date
    periodic_45_days: date

    @property
    def latest_45_eom(self) -> date:
        """The later of the two "45 jours fin de mois" dates."""
        return max(self.cap_45_eom_a, self.cap_45_eom_b)

    def as_dict(self) -> dict[str, str | None]:
        """Dates as ISO strings (None stays None)."""
        return {
            name: (value.isoformat() if value is not None else None)
            for name, value in (
                ("invoice_date", self.invoice_date),
                ("receipt_date", self.receipt_date),
                ("default_30_days", self.default_30_days),
                ("cap_60_days", self.cap_60_days),
                ("cap_45_eom_a", self.cap_45_eom_a),
                ("cap_45_eom_b", self.cap_45_eom_b),
                ("periodic_45_days", self.periodic_45_days),
            )
        }


def payment_terms(
    invoice_date: date | str, receipt_date: date | str | None = None
) -> PaymentTerms:
    """The L441-10 I dates for an invoice.

    >>> from datetime import date
    >>> t = payment_terms(date(2025, 1, 10), date(2025, 1, 5))
    >>> t.cap_60_days, t.cap_45_eom_a, t.cap_45_eom_b
    (datetime.date(2025, 3, 11), datetime.date(2025, 2, 28), datetime.date(2025, 3, 17))
    """
    invoice = _as_date(invoice_date)
    receipt = _as_date(receipt_date) if receipt_date is not None else None
    plus_45 = invoice + timedelta(days=45)
    return PaymentTerms(
        invoice_date=invoice,
        receipt_date=receipt,
        default_30_days=receipt + timedelta(days=30) if receipt is not None else None,
        cap_60_days=invoice + timedelta(days=60),
        cap_45_eom_a=_end_of_month(plus_45),
        cap_45_eom_b=_end_of_month(invoice) + timedelta(days=45),
        periodic_45_days=plus_45,
    )


def check_due_date(
    invoice_date: date | str, due_date: date | str, *, receipt_date: date | str | None = None
) -> tuple[LawWarning, ...]:
    """Warnings when an invoice's due date is later than the caps of C. com. L441-10 I.

    Empty up to 60 days after the invoice date. Up to the later "45 jours fin de mois"
    date: compliant only if that term is expressly stipulated. Later: outside the caps.

    >>> from datetime import date
    >>> check_due_date(date(2025, 1, 10), date(2025, 3, 11))
    ()
    >>> len(check_due_date(date(2025, 1, 10), date(2025, 3, 17)))
    1
    """
    due = _as_date(due_date)
    terms = payment_terms(invoice_date, receipt_date)
    if due <= terms.cap_60_days:
        return ()
    if due <= terms.latest_45_eom:
        return (
            LawWarning(
                f"the due date {_fmt(due)} is more than 60 days after the invoice date "
                f"({_fmt(terms.invoice_date)}): it is compliant only if '45 jours fin de "
                "mois' is expressly stipulated in the contract (C. com. L441-10 I al. 3; "
                f"latest such date {_fmt(terms.latest_45_eom)})"
            ),
        )
    return (
        LawWarning(
            f"the due date {_fmt(due)} exceeds the legal caps of C. com. L441-10 I (60 days "
            f"after the invoice date, {_fmt(terms.cap_60_days)}; 45 days end of month, "
            f"{_fmt(terms.latest_45_eom)}): penalties still start the day after the due date "
            "on the invoice, and the term itself exposes the creditor to a fine "
            "(C. com. L441-16)"
        ),
    )


# ------------------------------------------------------------------------------ helpers


def _as_date(value: date | str) -> date:
    """A date from a date (a datetime keeps its day) or an ISO string (YYYY-MM-DD)."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadDate(f"cannot read the date {value!r}: write it as YYYY-MM-DD")


def _add_months(start: date, months: int) -> date:
    try:
        return start + relativedelta(months=months)
    except (OverflowError, ValueError):
        raise BadValue(
            f"{months} months from {start.isoformat()} ends after the year 9999"
        ) from None


def _end_of_month(day: date) -> date:
    return day.replace(day=_stdcal.monthrange(day.year, day.month)[1])


def _fmt(day: date) -> str:
    """'28 February 2026'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _fmt_long(day: date) -> str:
    """'Monday 2 March 2026'."""
    return f"{_WEEKDAYS[day.weekday()]} {_fmt(day)}"


def _month_text(start: date, period: Period, end: date) -> str:
    if end.day == start.day:
        return f"{period} from {_fmt(start)} ends on the same day-number, {_fmt_long(end)}"
    return (
        f"{period} from {_fmt(start)}: the last month has no {_ordinal(start.day)}, so the "
        f"period ends on its last day, {_fmt_long(end)}"
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _why_not_working(day: date, cal: HolidayBase, label: str, *, bank: bool = False) -> str:
    name = holiday_name(day, cal)
    kind = "bank holiday" if bank else "public holiday"
    if name:
        return f"{name}, a {kind} in {label}"
    return f"a {_WEEKDAYS[day.weekday()]}"


def _skipped(nominal: date, end: date, cal: HolidayBase) -> str:
    """' (Saturday 4 April 2026, ... are not working days either)' or ''."""
    days = []
    current = nominal + timedelta(days=1)
    while current < end:
        name = holiday_name(current, cal)
        days.append(f"{_fmt_long(current)}{f' ({name})' if name else ''}")
        current += timedelta(days=1)
    if not days:
        return ""
    listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
    verb = "is not a working day" if len(days) == 1 else "are not working days"
    return f"; {listed} {verb} either"


def _local_holidays(cal: HolidayBase, national: HolidayBase, year: int) -> list[str]:
    """'Name (day month)' for each holiday of ``cal`` in ``year`` that ``national`` lacks."""
    for c in (cal, national):
        _ = date(year, 1, 1) in c  # fills the year in
    return [
        f"{name} ({day.day} {_MONTHS[day.month - 1]})"
        for day, name in sorted(cal.items())
        if day.year == year and day not in national
    ]


def _roll_treating_as_working(day: date, cal: HolidayBase, working: date) -> date:
    """Like working_day_on_or_after, but ``working`` counts as a working day."""
    current = day
    while current != working and not cal.is_working_day(current):
        current += timedelta(days=1)
    return current
