"""Comparing a claim with a ceiling, and saying "needs review" only when the doubt can
change the answer.

A ceiling may carry two open points: whether the ceiling itself is allowed (the statute
says "below", a decree "not more than"), and whether a fixed sum (the 40 EUR indemnity)
counts towards the value. :func:`against_ceiling` tries every reading the open points
allow: the same answer under all of them is the answer (eligible or ineligible, with no
doubt shown as deciding); different answers give ``needs_review`` and name the open point
that decides.

>>> from decimal import Decimal as D
>>> c = Ceiling(D("5000.00"), "EUR", inclusive=None, basis="CPCE L125-1, R125-1")
>>> against_ceiling(D("5000.01"), "EUR", c, what="Principal and interest")[0].value
'ineligible'
>>> against_ceiling(D("5000.00"), "EUR", c, what="Principal and interest")[0].value
'needs_review'
>>> against_ceiling(D("4960.01"), "EUR", c, what="Principal and interest",
...                 extra=D("40.00"), extra_what="fixed indemnity")[0].value
'needs_review'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from .assessment import NO, OK, REVIEW, Outcome, money
from .reasons import Reason

__all__ = ["Ceiling", "against_ceiling"]


@dataclass(frozen=True)
class Ceiling:
    """A ceiling in its own currency. ``inclusive``: True ("not more than"), False
    ("below"), None (not settled). ``unconfirmed``: the amount itself is."""

    amount: Decimal
    currency: str
    inclusive: bool | None
    basis: str
    unconfirmed: bool = False

    def __str__(self) -> str:
        return money(self.amount, self.currency)


def against_ceiling(
    value: Decimal,
    currency: str,
    ceiling: Ceiling,
    *,
    what: str,
    extra: Decimal = ZERO,
    extra_what: str = "fixed sum",
    excluded: str = "",
    conversion: str = "at the exchange rate of the day",
    above: str = "",
    plural: bool = False,
) -> tuple[Outcome, Reason]:
    """The outcome of comparing ``value`` (+ maybe ``extra``) with ``ceiling``, and why.

    ``what`` names the value ("Principal and interest", "The principal"); ``excluded``
    says what the value leaves out (", interest and costs excluded"); ``above`` what
    follows when the value is over the ceiling (": fast track or multi-track").
    """
    c = ceiling
    exceeds, is_, does = ("exceed", "are", "do") if plural else ("exceeds", "is", "does")
    if currency != c.currency:
        return REVIEW, Reason(
            f"The claim is in {currency} and the ceiling is {c}: the value must be converted "
            f"into {c.currency} {conversion} before it can be compared",
            c.basis,
        )
    shown = f"{what} ({money(value, currency)}{excluded})"
    includes = (True, False) if c.inclusive is None else (c.inclusive,)
    extras = (ZERO, extra) if extra > ZERO else (ZERO,)
    verdicts = {(i, e): (value + e <= c.amount if i else value + e < c.amount)
                for i in includes for e in extras}  # fmt: skip
    if all(verdicts.values()):
        limit = f"{does} not exceed" if c.inclusive is not False else f"{is_} below"
        text = f"{shown} {limit} {c}"
        if extra > ZERO:
            text += f", nor with the {extra_what} ({money(value + extra, currency)})"
        return OK, Reason(text, c.basis, unconfirmed=c.unconfirmed)
    if not any(verdicts.values()):
        if value > c.amount:
            return NO, Reason(f"{shown} {exceeds} {c}{above}", c.basis, unconfirmed=c.unconfirmed)
        return NO, Reason(
            f"{shown} {is_} not below {c}{above}", c.basis, unconfirmed=c.unconfirmed
        )
    # The readings disagree: say which open point decides.
    if len(includes) > 1 and verdicts[(True, ZERO)] != verdicts[(False, ZERO)]:
        return REVIEW, Reason(
            f"{shown} {is_} exactly {c}: whether a claim of exactly that amount qualifies "
            '("below" or "not more than") is not settled',
            c.basis,
            unconfirmed=True,
        )
    return REVIEW, Reason(
        f"{shown} {is_} within {c}, but not with the {extra_what} "
        f"({money(extra, currency)}): whether it counts towards the ceiling is not settled",
        c.basis,
        unconfirmed=True,
    )
