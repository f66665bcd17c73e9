"""French periods under CPC 640-643: days not counting the first, months to the same
day-number (or the month's last day), the end moved to the next working day (642), and
the distance extensions of 643, read from the pack.

A holiday that depends on the commune (Good Friday in Alsace-Moselle) or that the
overseas calendars add without a checked text is doubtful: the end given is the earlier
possible one, and a reason gives the later one.
"""

from __future__ import annotations

from datetime import date, timedelta

from holidays import HolidayBase

from ...errors import BadValue
from ..calendars import (
    SUBDIVISIONS,
    WithoutDoubtfulDays,
    calendar,
    calendar_key,
    calendar_label,
    working_day_on_or_after,
)
from ..counting import (
    Deadline,
    fmt_date,
    fmt_long,
    local_holidays,
    month_text,
    skipped_days,
    why_not_working,
)
from ..packs import load_pack
from ..periods import Period, add_months, add_working_days, as_date, parse_period
from ..reasons import LawWarning, Reason

__all__ = ["OVERSEAS", "fr_deadline"]

ALSACE_MOSELLE = frozenset({"57", "6AE"})
OVERSEAS = frozenset(SUBDIVISIONS["FR"]) - ALSACE_MOSELLE


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
    None for the general calendar). ``distance`` ``"overseas"`` or ``"abroad"`` adds the
    pack's months (CPC 643: appearance, appeal, opposition deadlines for a party living in
    the DOM-COM or abroad, before a court in metropolitan France). ``extend=False`` keeps
    the nominal end even on a non-working day (limitation periods, where CPC 642 is not
    confirmed to apply).

    >>> from datetime import date
    >>> fr_deadline(date(2026, 1, 15), "1 mois", distance="abroad").end
    datetime.date(2026, 4, 15)
    >>> fr_deadline(date(2024, 3, 15), "2 ans", extend=False).end  # a Sunday, kept
    datetime.date(2026, 3, 15)
    """
    start = as_date(start)
    period = parse_period(period)
    code, sub = calendar_key("FR", subdivision)
    full = calendar(code, sub)
    cal = _sure(full, sub)
    label = calendar_label(code, sub)
    reasons: list[Reason] = []
    warnings: list[LawWarning] = []

    extra_months, distance_basis = _distance(distance)
    nominal = _nominal_end(start, period, extra_months, cal, reasons)
    if extra_months:
        where = "in an overseas department or territory" if distance == "overseas" else "abroad"
        reasons.append(
            Reason(
                f"The party lives {where}: the period is extended by {extra_months} "
                f"month{'s' if extra_months > 1 else ''} (appearance, appeal, opposition, "
                "revision and cassation deadlines before a court in metropolitan France)",
                distance_basis,
            )
        )
        if sub in OVERSEAS:
            warnings.append(
                LawWarning(
                    "The calendar is an overseas one: if the court sits overseas, CPC 644 "
                    "(not 643) sets the distance extension. Check it before relying on this date",
                    kind="unconfirmed",
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
    if sub in OVERSEAS:
        added = local_holidays(full, calendar(code), nominal.year)
        if added:
            warnings.append(
                LawWarning(
                    f"The {label} calendar adds {', '.join(added)} to the national public "
                    "holidays; CPC 642 counts only days a law or regulation makes public "
                    "holidays, and these were not checked against the texts, so the date "
                    "given ignores them",
                    kind="unconfirmed",
                )
            )

    end = nominal
    if not cal.is_working_day(nominal):
        rolled = working_day_on_or_after(nominal, cal)
        why = why_not_working(nominal, cal, label)
        if extend:
            end = rolled
            reasons.append(
                Reason(
                    f"{fmt_date(nominal)} is {why}: the period is extended to the next working "
                    f"day, {fmt_long(end)}{skipped_days(nominal, end, cal)}",
                    "CPC art. 642 al. 2",
                )
            )
        else:
            reasons.append(
                Reason(
                    f"{fmt_date(nominal)} is {why}; whether CPC 642 extends this period is not "
                    "confirmed (prescription is acquired when the last day of the term is "
                    f"over, C. civ. 2229); if it does, the period ends on {fmt_long(rolled)}",
                    "CPC art. 642 al. 2",
                    unconfirmed=True,
                )
            )
    if isinstance(cal, WithoutDoubtfulDays):
        later = _later_end(start, period, extra_months, full, extend)
        if later != end:
            reasons.append(_doubt_reason(cal, sub, start, later))
    reasons.append(
        Reason(f"The period expires on {fmt_long(end)} at midnight (24:00)", "CPC art. 642 al. 1")
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


def _sure(full: HolidayBase, sub: str | None):
    """The calendar less its doubtful days, or the calendar itself when none are."""
    if sub in ALSACE_MOSELLE:
        names = set(load_pack("FR").data["commune_holidays"]["names"])
        return WithoutDoubtfulDays(full, lambda day, name: name in names)
    if sub in OVERSEAS:
        national = calendar("FR")
        return WithoutDoubtfulDays(full, lambda day, name: day not in national)
    return full


def _later_end(start, period, extra_months, full, extend) -> date:
    nominal = _nominal_end(start, period, extra_months, full, [])
    if extend and not full.is_working_day(nominal):
        return working_day_on_or_after(nominal, full)
    return nominal


def _doubt_reason(cal: WithoutDoubtfulDays, sub, start: date, later: date) -> Reason:
    days = cal.doubtful_days(start, later)
    names = " and ".join(f"{name} ({fmt_date(day)})" for day, name in days[-2:])
    if sub in ALSACE_MOSELLE:
        entry = load_pack("FR").data["commune_holidays"]
        why = f"{names} is a public holiday only in some communes ({entry['where']})"
        basis = entry["basis"]
    else:
        why = f"{names} is added by the overseas calendar without a checked text"
        basis = "CPC art. 642 al. 2"
    return Reason(
        f"{why}: the end given is the earlier possible one; where it is a holiday, the period "
        f"ends on {fmt_long(later)}",
        basis,
        unconfirmed=True,
    )


def _distance(distance: str | None) -> tuple[int, str]:
    if distance is None:
        return 0, ""
    key = distance.strip().casefold() if isinstance(distance, str) else distance
    if key not in ("overseas", "abroad"):
        raise BadValue(f"unknown distance '{distance}': use overseas or abroad (CPC 643)")
    text, basis = load_pack("FR").period(f"distance_{key}")
    extra = parse_period(text)
    return extra.count * (12 if extra.unit == "years" else 1), basis


def _nominal_end(start: date, period: Period, extra_months: int, cal, reasons: list) -> date:
    """Months first, then days (CPC 641 al. 3); explains the arithmetic in ``reasons``."""
    if period.unit in ("months", "years"):
        months = period.count * (12 if period.unit == "years" else 1) + extra_months
        nominal = add_months(start, months)
        shown = period if not extra_months else Period(months, "months")
        reasons.append(Reason(month_text(start, shown, nominal), "CPC art. 641 al. 2"))
        return nominal
    base = add_months(start, extra_months) if extra_months else start
    if extra_months:
        reasons.append(
            Reason(
                f"Months are counted first, then days: {extra_months} month"
                f"{'s' if extra_months > 1 else ''} from {fmt_date(start)} is {fmt_date(base)}",
                "CPC art. 641 al. 3",
            )
        )
    if period.unit == "days":
        nominal = base + timedelta(days=period.count)
        reasons.append(
            Reason(
                f"{period} from {fmt_long(base)}, that day not counted, ends on "
                f"{fmt_long(nominal)}",
                "CPC art. 640 and 641 al. 1",
            )
        )
        return nominal
    nominal = add_working_days(base, period.count, cal)
    reasons.append(
        Reason(
            f"{period} after {fmt_long(base)}, that day not counted, is {fmt_long(nominal)}",
            "CPC art. 641 al. 1",
        )
    )
    return nominal
