"""Limitation: when a claim becomes time-barred.

Each jurisdiction gives a :class:`LimitationRule` for a claim: the period (or, when a
party's type is unknown, every period it could be), its basis, notes, and the calendar on
which an end falling on a non-working day might move (France, where that is not
confirmed). This engine counts from the due date and says whether the claim is
time-barred on its date, under every reading: ``barred`` True or False when the readings
agree, None when an open point decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from holidays import HolidayBase

from .assessment import Claim, Limitation
from .calendars import next_working_day
from .periods import add_period, parse_period
from .reasons import Reason
from .registry import jurisdiction

__all__ = ["LimitationRule", "limitation", "limitation_on"]

_SOON = timedelta(days=90)


@dataclass(frozen=True)
class LimitationRule:
    """``periods``: (period text, basis) pairs, one unless a party's type is unknown."""

    periods: tuple[tuple[str, str], ...]
    notes: tuple[Reason, ...] = ()
    doubtful_roll: HolidayBase | None = None
    unknown: Reason | None = None
    """Why the period is not known (shown when ``periods`` has several entries)."""


def limitation(claim: Claim) -> Limitation:
    """The limitation of the claim's oldest invoice on the claim's date."""
    return limitation_on(claim, claim.oldest_due)


def limitation_on(claim: Claim, due: date) -> Limitation:
    """The limitation of a debt due on ``due``, for the parties and date of ``claim``."""
    rules = jurisdiction(claim.jurisdiction)
    rule = rules.limitation(claim) if rules.limitation else None
    if rule is None:
        return Limitation(
            "needs_review",
            None,
            due,
            None,
            (
                Reason(
                    f"Limitation periods for {rules.code} are not in the rules data",
                    f"rules/{rules.code}/pack.yaml",
                ),
            ),
            barred=None,
        )
    answers = [_one(claim, due, period, basis, rule) for period, basis in rule.periods]
    barred = {a.barred for a in answers}
    if len(answers) == 1:
        return answers[0]
    if barred == {True}:
        first = min(answers, key=lambda a: a.end)
        return replace(first, reasons=(first.reasons[0], rule.unknown, *rule.notes))
    return Limitation(
        "needs_review",
        None,
        due,
        None,
        (rule.unknown, *(a.reasons[0] for a in answers)),
        barred=False if barred == {False} else None,
    )


def _one(claim: Claim, start: date, period: str, basis: str, rule: LimitationRule):
    end = add_period(start, parse_period(period))
    notes = rule.notes
    if rule.doubtful_roll is not None and end < claim.as_of <= next_working_day(
        end - timedelta(days=1), rule.doubtful_roll
    ):
        # The nominal end fell on a weekend or holiday and the claim's date is before the
        # next working day: time-barred or not turns on the unconfirmed point.
        head = Reason(
            f"{period} from the due date ({start.isoformat()}) ended on {end.isoformat()}, a "
            "non-working day: the claim is time-barred unless the period runs to the next "
            "working day, which is not confirmed",
            basis,
            unconfirmed=True,
        )
        return Limitation("needs_review", period, start, end, (head, *notes), barred=None)
    if claim.as_of > end:
        head = Reason(
            f"Time-barred since {(end + timedelta(days=1)).isoformat()}: {period} from the due "
            f"date ({start.isoformat()}), unless interrupted",
            basis,
        )
        return Limitation("time_barred", period, start, end, (head, *notes), barred=True)
    status = "soon" if end - claim.as_of <= _SOON else "running"
    head = Reason(
        f"{period} from the due date ({start.isoformat()}): act by {end.isoformat()}",
        basis,
    )
    return Limitation(status, period, start, end, (head, *notes), barred=False)
