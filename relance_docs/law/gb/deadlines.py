"""England and Wales: pre-action periods, e.g. the days a debtor has to answer a letter of
claim (Pre-Action Protocol for Debt Claims).

The period is counted from the date at the top of the letter, that day excluded; no rule
moves a pre-action period that ends on a weekend or bank holiday. Proceedings may be
issued from the day after the last day, the first working day from then on:
``earliest_action`` (a letter dated Friday 30 October 2026 with 30 days: last day Sunday
29 November, earliest action Monday 30 November).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..calendars import calendar, calendar_key, calendar_label, next_working_day
from ..counting import Deadline, fmt_date, fmt_long, month_text, why_not_working
from ..packs import load_pack
from ..periods import Period, add_period, add_working_days, as_date, parse_period
from ..reasons import Reason

__all__ = ["earliest_issue", "gb_deadline", "letter_of_claim_reply"]


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
    start = as_date(start)
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
                f"{period} counted from the date of the letter, {fmt_long(start)}, that day "
                f"excluded: the last day is {fmt_long(nominal)}",
                basis,
            )
        )
    elif period.unit == "working_days":
        nominal = add_working_days(start, period.count, cal)
        reasons.append(
            Reason(
                f"{period} after {fmt_long(start)}, that day excluded and Saturdays, Sundays "
                f"and bank holidays in {label} skipped: the last day is {fmt_long(nominal)}",
                "Banking and Financial Dealings Act 1971 (bank holidays)",
            )
        )
    else:
        nominal = add_period(start, period)
        reasons.append(
            Reason(
                month_text(start, period, nominal) + " (the corresponding-date rule)",
                "Dodds v Walker [1981] 1 WLR 1027",
                unconfirmed=True,
            )
        )
    end = nominal
    if not cal.is_working_day(nominal):
        why = why_not_working(nominal, cal, label, bank=True)
        reasons.append(
            Reason(
                f"{fmt_date(nominal)} is {why}: no rule moves a pre-action period that ends on a "
                "weekend or bank holiday, so the end is not moved",
                basis,
                unconfirmed=True,
            )
        )
    earliest = next_working_day(end, cal)
    reasons.append(
        Reason(
            "Proceedings should not be issued before the period has expired: the first "
            f"working day after it in {label} is {fmt_long(earliest)}",
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


def letter_of_claim_reply(letter_date: date | str, *, nation: str = "ENG") -> Deadline:
    """The debtor's reply period after a letter of claim, from the pack, and the first
    day proceedings may be issued (``earliest_action``).

    >>> from datetime import date
    >>> d = letter_of_claim_reply(date(2026, 10, 30))
    >>> d.end, d.earliest_action  # day 30 is Sunday 29 November; action from Monday 30th
    (datetime.date(2026, 11, 29), datetime.date(2026, 11, 30))
    """
    period, _basis = load_pack("GB").period("letter_of_claim_reply")
    return gb_deadline(letter_date, period, nation=nation)


def earliest_issue(letter_date: date | str, *, nation: str = "ENG") -> date:
    """The first day a claim may be issued after a letter of claim dated ``letter_date``:
    the day after the last day of the reply period (the next working day if it is not one).
    """
    result = letter_of_claim_reply(letter_date, nation=nation)
    return result.earliest_action or result.end + timedelta(days=1)


def protocol_wait(letter_date: date, as_of: date, *, nation: str = "ENG") -> tuple[bool, str]:
    """Whether a claim may be issued on ``as_of`` after a letter of claim dated
    ``letter_date``, and the sentence that says so (the reply period from the pack).

    >>> from datetime import date
    >>> protocol_wait(date(2026, 10, 30), date(2026, 11, 29))[0]  # the 30th day: not yet
    False
    >>> protocol_wait(date(2026, 10, 30), date(2026, 11, 30))[0]
    True
    """
    period, _basis = load_pack("GB").period("letter_of_claim_reply")
    ready = earliest_issue(letter_date, nation=nation)
    if as_of < ready:
        return False, (
            f"The letter of claim of {letter_date.isoformat()} gives the debtor {period} to "
            f"reply, to the end of {(ready - timedelta(days=1)).isoformat()} at the earliest: "
            f"do not issue before {ready.isoformat()}."
        )
    return True, (
        f"Letter of claim sent on {letter_date.isoformat()}; its {period} to reply are over "
        f"(Pre-Action Protocol for Debt Claims): a claim may be issued from {ready.isoformat()}."
    )
