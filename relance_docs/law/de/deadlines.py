"""Germany: periods under BGB 187(1), 188 and 193. The event day is not counted; a last
day on a Saturday, Sunday or public holiday at the place of performance gives way to the
next working day (§193).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..calendars import calendar, calendar_key, calendar_label, working_day_on_or_after
from ..counting import Deadline, fmt_date, fmt_long, month_text, skipped_days, why_not_working
from ..packs import load_pack
from ..periods import Period, add_period, add_working_days, as_date, parse_period
from ..reasons import LawWarning, Reason

__all__ = ["de_deadline"]


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
    start = as_date(start)
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
                f"{period} from {fmt_long(start)}, that day not counted, end at the end of "
                f"{fmt_long(nominal)}",
                "BGB §187(1), §188(1)",
            )
        )
    elif period.unit == "working_days":
        nominal = add_working_days(start, period.count, cal)
        reasons.append(
            Reason(
                f"{period} after {fmt_long(start)}, that day not counted, Saturdays, Sundays "
                f"and public holidays ({label}) skipped: the last day is {fmt_long(nominal)}",
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
        reasons.append(Reason(month_text(start, period, nominal), "BGB §188(2), (3)"))

    end = nominal
    if not cal.is_working_day(nominal):
        rolled = working_day_on_or_after(nominal, cal)
        why = why_not_working(nominal, cal, label)
        if extend:
            end = rolled
            reasons.append(
                Reason(
                    f"{fmt_date(nominal)} is {why}: the next working day, {fmt_long(end)}, takes "
                    f"its place{skipped_days(nominal, end, cal)}",
                    "BGB §193",
                )
            )
            default_text, default_basis = load_pack("DE").period("default_after_invoice")
            if period == parse_period(default_text):
                reasons.append(
                    Reason(
                        f"Whether §193 extends the period of {period} of {default_basis} "
                        "(default without a reminder) is debated; without the extension the "
                        "period ends on "
                        f"{fmt_long(nominal)} and the debtor is in default from "
                        f"{fmt_long(nominal + timedelta(days=1))}",
                        f"BGB §193, {default_basis}",
                        unconfirmed=True,
                    )
                )
        else:
            reasons.append(
                Reason(
                    f"{fmt_date(nominal)} is {why}; whether §193 applies to this period is "
                    f"debated; if it does, the period ends on {fmt_long(rolled)}",
                    "BGB §193",
                    unconfirmed=True,
                )
            )
    if sub is None:
        warnings.append(
            LawWarning(
                "Only the nationwide public holidays were used, but §193 BGB counts the "
                "holidays at the place of performance: give the Land (e.g. BY) to use its own",
                kind="unconfirmed",
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
