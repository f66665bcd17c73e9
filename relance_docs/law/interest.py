"""Statutory late-payment interest, line by line, with the legal basis of each line.

One function, :func:`compute_interest`, covers the regimes of the packs:

The rules of each jurisdiction live in its package (``law/fr``, ``law/gb``, ``law/de``,
``law/eu``), found through :mod:`~relance_docs.law.registry`; this module is the engine
that cuts the period, applies payments and rounds. The regimes:

- ``FR`` between professionals: C. com. L441-10 II, the ECB rate in force on 1 January
  (first half-year) or 1 July (second half-year) + 10 points, from the day after the due
  date, simple interest on the amount including tax, split at 30 June and 31 December;
  plus the 40 EUR fixed indemnity per late invoice (D441-5). A contractual rate may be
  given: below 3 x the taux légal it is flagged, never replaced.
- ``FR`` when the debtor (or the creditor) is a consumer: the taux légal from the day
  after the formal notice was received (C. civ. 1231-6, 1344-1), the "particuliers" rate
  when the creditor is a consumer, the "autres cas" rate otherwise; + 5 points from two
  months after a judgment became enforceable (CMF L313-3). No fixed indemnity.
- ``GB`` between businesses: Late Payment of Commercial Debts (Interest) Act 1998, one
  rate for the whole debt (Bank Rate on the 30 June or 31 December before the day
  interest starts, + 8) and the fixed sum of s.5A (40 / 70 / 100 GBP).
- ``DE``: BGB 288, Basiszinssatz + 9 points (no consumer involved) or + 5, split at each
  1 January / 1 July; 40 EUR Pauschale against a non-consumer debtor.
- ``EU``: the Late Payment Directive's floor (ECB rate of the half-year + 8, 40 EUR), for
  creditors whose national law transposes it at that rate.

Conventions (set by the project, not by statute; both options are offered): a line runs
from ``start`` to ``end``, both included, ``days = end - start + 1``; the first day is the
day after the due date (or the notice); a payment reduces the base from the day after it
is received; amounts are ``base x rate x days / 365`` (``act/365``) or with the length of
the line's year (``act/act``); each line is rounded half-up to the cent and the interest
is their sum (``line``), or only the total is rounded (``total``).

>>> r = compute_interest(jurisdiction="FR", creditor_kind="company", debtor_kind="company",
...                      principal=Decimal("4800.00"), due=date(2025, 9, 30),
...                      until=date(2026, 3, 31))
>>> [(str(l.start), l.days, str(l.rate), str(l.amount)) for l in r.lines]
[('2025-10-01', 92, '12.15', '147.00'), ('2026-01-01', 90, '12.15', '143.80')]
>>> r.interest, r.fixed_compensation
(Decimal('290.80'), Decimal('40.00'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from ..errors import BadValue
from ..model import PartyKind
from ..money import ZERO, round_money
from .lines import InterestLine, InterestResult, cut_lines, split_years, year_length
from .packs import load_pack
from .parties import party_kind
from .rates import Regime
from .rates import Warnings as _Warnings
from .reasons import LawWarning, Reason
from .registry import CODES as JURISDICTIONS
from .registry import jurisdiction as jurisdiction_rules

__all__ = [
    "DAY_COUNTS",
    "JURISDICTIONS",
    "ROUNDINGS",
    "InterestLine",
    "InterestResult",
    "compute_interest",
    "party_kind",
]

DAY_COUNTS = ("act/365", "act/act")
ROUNDINGS = ("line", "total")

_ONE_DAY = timedelta(days=1)
_HUNDRED = Decimal(100)
_D365 = Decimal(365)
_D366 = Decimal(366)
_DIV365 = _HUNDRED * _D365


_DAY_COUNT_NOTE = {
    "act/365": Reason(
        "Interest is computed on actual days / 365, also in leap years: no statute sets the "
        "divisor (act/act is offered as an option)",
        "project convention",
        unconfirmed=True,
    ),
    "act/act": Reason(
        "Interest is computed on actual days / the length of each line's year (366 in leap "
        "years): no statute sets the divisor",
        "project convention",
        unconfirmed=True,
    ),
}


_REGIMES: dict[tuple, Regime | tuple[LawWarning, ...]] = {}


def _regime(jurisdiction: str, creditor, debtor, contract_rate):
    key = (jurisdiction, creditor, debtor, contract_rate)
    hit = _REGIMES.get(key)
    if hit is None:
        creditor, debtor = party_kind(creditor), party_kind(debtor)
        if creditor is None or debtor is None:
            who = "debtor" if debtor is None else "creditor"
            hit = (
                LawWarning(
                    f"The {who}'s type (company, trader, professional, consumer, public) is "
                    "not known, so no late-payment interest was computed: it depends on it",
                    kind="unknown_party",
                ),
            )
        else:
            hit = jurisdiction_rules(jurisdiction).regime(creditor, debtor, contract_rate)
        _REGIMES[key] = hit
    return hit


def compute_interest(
    *,
    jurisdiction: str,
    creditor_kind: str | PartyKind | None,
    debtor_kind: str | PartyKind | None,
    principal: Decimal,
    due: date,
    until: date,
    payments: Sequence[tuple[date, Decimal]] = (),
    notice_received: date | None = None,
    judgment_enforceable: date | None = None,
    contract_rate: Decimal | None = None,
    day_count: str = "act/365",
    rounding: str = "line",
    currency: str | None = None,
    exchange_rate: Decimal | None = None,
    subdivision: str | None = None,
) -> InterestResult:
    """Late-payment interest on ``principal`` (including tax, after credit notes).

    ``due`` is the last day before interest runs (the due date, or the date of receipt
    of the formal notice for the legal rate); ``until`` the payment or computation date,
    included. ``payments`` are (date received, amount) pairs: a payment reduces the base
    from the day after it is received, and every payment up to ``until`` included is
    deducted from the amount outstanding.

    ``currency`` is the debt's (default: the law's); a fixed sum stays in the law's
    currency. ``exchange_rate`` converts one unit of the debt's currency into the law's,
    to choose a fixed-sum band stated in the law's currency. ``subdivision`` is the place
    of performance, for a due date moved by a holiday there (BGB 193).
    """
    rules = jurisdiction_rules(jurisdiction)
    jurisdiction = rules.code
    if rules.regime is None:
        raise BadValue(f"no late-payment interest rules for {jurisdiction}")
    if day_count not in DAY_COUNTS:
        raise BadValue(f"unknown day count '{day_count}' (use act/365 or act/act)")
    if rounding not in ROUNDINGS:
        raise BadValue(f"unknown rounding '{rounding}' (use line or total)")
    if principal < ZERO:
        raise BadValue("the principal is negative")
    if contract_rate is not None and not rules.contract_rate:
        raise BadValue("a contractual rate is checked only for French B2B penalties")
    if exchange_rate is not None and exchange_rate <= ZERO:
        raise BadValue("the exchange rate must be positive")
    regime = _regime(jurisdiction, creditor_kind, debtor_kind, contract_rate)
    w = _Warnings()
    unknown = isinstance(regime, tuple) and any(x.kind == "unknown_party" for x in regime)
    if judgment_enforceable is not None and not unknown:
        if rules.judgment is None:
            w.add(
                LawWarning(
                    "Interest after a judgment is not computed for this jurisdiction: the "
                    "judgment date was ignored"
                )
            )
        else:
            regime = rules.judgment(regime, judgment_enforceable, principal, w)
    law_currency = load_pack(jurisdiction).currency
    currency = (currency or law_currency).strip().upper()
    if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
        raise BadValue(f"'{currency[:20]}' is not a currency code: write it like EUR, GBP, USD")
    if isinstance(regime, tuple):
        w.extend(regime)
        result = _empty(jurisdiction, "none", principal, due, until, day_count, rounding, w)
        outstanding = max(ZERO, principal - _paid_by(payments, until))
        return replace(result, currency=currency, outstanding=outstanding)
    start = regime.first_day(due, notice_received, judgment_enforceable, w, subdivision)

    # The base: the principal less payments received before the first day, then less
    # each later payment from the day after it was received. A payment received on
    # ``until`` leaves that day's interest as it is but is deducted from what is owed.
    base = principal
    changes: list[tuple[date, Decimal]] = []
    late = ZERO
    for paid_on, amount in sorted(payments) if payments else ():
        if amount < ZERO:
            raise BadValue(f"the payment of {paid_on.isoformat()} is negative")
        if paid_on > until:
            continue
        if start is None or paid_on < start:
            base -= amount
        elif paid_on < until:
            changes.append((paid_on + _ONE_DAY, amount))
        else:
            late += amount
    if base < ZERO:
        base = ZERO
    notes = (*_notes(day_count, regime), *regime.start_notes(due, subdivision))

    if start is None or until < start or base == ZERO:
        result = _empty(jurisdiction, regime.id, principal, due, until, day_count, rounding, w)
        return replace(
            result,
            outstanding=max(ZERO, base - late),
            start=start,
            currency=currency,
            notes=regime.notes,
        )

    segments = regime.segments(start, until, w)
    if day_count == "act/act":
        segments = split_years(segments)
    lines = cut_lines(segments, base, changes, act365=day_count == "act/365")
    if changes:
        base = max(ZERO, base - sum((amount for _, amount in changes), ZERO))
    base = max(ZERO, base - late)
    if rounding == "line":
        interest = sum([line.amount for line in lines], ZERO)
    else:
        interest = round_money(sum([line.exact for line in lines], ZERO))
    fixed, fixed_basis = _fixed(regime, principal, start, currency, exchange_rate, w)
    divisor = _DIV365 if day_count == "act/365" else _HUNDRED * year_length(until)
    return InterestResult(
        jurisdiction=jurisdiction,
        regime=regime.id,
        currency=currency,
        principal=principal,
        due=due,
        until=until,
        start=start,
        lines=lines,
        interest=interest,
        fixed_compensation=fixed,
        fixed_compensation_basis=fixed_basis,
        outstanding=base,
        daily_interest=base * segments[-1].rate / divisor if segments else ZERO,
        day_count=day_count,
        rounding=rounding,
        warnings=tuple(w.items.values()),
        notes=notes,
        fixed_compensation_currency=regime.fixed_currency if fixed_basis else None,
    )


def _paid_by(payments: Sequence[tuple[date, Decimal]], until: date) -> Decimal:
    return sum((amount for paid_on, amount in payments if paid_on <= until), ZERO)


def _notes(day_count: str, regime: Regime) -> tuple[Reason, ...]:
    return (_DAY_COUNT_NOTE[day_count], *regime.notes)


def _fixed(regime: Regime, principal, start, currency, exchange_rate, w):
    """The fixed sum; a band in the law's currency needs the debt in that currency."""
    law = regime.fixed_currency
    if not regime.fixed_depends_on_amount or currency == law:
        return regime.fixed_memo(principal, start, w)
    if exchange_rate is None:
        w.add(
            LawWarning(
                f"The fixed sum's bands are set in {law} and the debt is in {currency}: no "
                f"fixed sum was added. Give the exchange rate ({law} for 1 {currency}) to "
                "choose the band (needs review)",
                kind="needs_review",
            )
        )
        return ZERO, None
    return regime.fixed_memo(principal * exchange_rate, start, w)


def _empty(jurisdiction, regime_id, principal, due, until, day_count, rounding, w):
    return InterestResult(
        jurisdiction=jurisdiction,
        regime=regime_id,
        currency=load_pack(jurisdiction).currency,
        principal=principal,
        due=due,
        until=until,
        start=None,
        lines=(),
        interest=ZERO,
        fixed_compensation=ZERO,
        fixed_compensation_basis=None,
        outstanding=principal,
        daily_interest=ZERO,
        day_count=day_count,
        rounding=rounding,
        warnings=tuple(w.items.values()),
    )
