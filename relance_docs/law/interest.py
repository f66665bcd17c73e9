"""Statutory late-payment interest, line by line, with the legal basis of each line.

One function, :func:`compute_interest`, covers the regimes of the packs:

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from ..errors import BadValue
from ..model import PartyKind
from ..money import ZERO, round_money, to_money
from .packs import Pack, load_pack
from .reasons import LawWarning, Reason

__all__ = [
    "DAY_COUNTS",
    "JURISDICTIONS",
    "ROUNDINGS",
    "InterestLine",
    "InterestResult",
    "compute_interest",
    "party_kind",
]

JURISDICTIONS = ("FR", "GB", "DE", "EU")
DAY_COUNTS = ("act/365", "act/act")
ROUNDINGS = ("line", "total")

_ONE_DAY = timedelta(days=1)
_HUNDRED = Decimal(100)
_D365 = Decimal(365)
_D366 = Decimal(366)
_DIV365 = _HUNDRED * _D365


class InterestLine(NamedTuple):
    """One period at one rate on one base: ``amount = base x rate% x days / divisor``.

    A named tuple rather than a dataclass: a million invoices make several million lines.
    """

    start: date
    end: date
    days: int
    base: Decimal
    rate: Decimal
    amount: Decimal
    exact: Decimal
    basis: str
    reference: str

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "base": to_money(self.base),
            "rate": f"{self.rate:.2f}",
            "amount": to_money(self.amount),
            "exact": f"{self.exact:.6f}",
            "basis": self.basis,
            "reference": self.reference,
        }


@dataclass(slots=True)
class InterestResult:
    """The interest on one debt up to a date, with its lines, fixed sum and warnings.

    Not frozen, for speed only (a frozen dataclass costs a microsecond per field to build,
    and the benchmark builds a million of these): treat it as read-only.
    """

    jurisdiction: str
    regime: str
    currency: str
    principal: Decimal
    due: date
    until: date
    start: date | None
    lines: tuple[InterestLine, ...]
    interest: Decimal
    fixed_compensation: Decimal
    fixed_compensation_basis: str | None
    outstanding: Decimal
    daily_interest: Decimal
    day_count: str
    rounding: str
    warnings: tuple[LawWarning, ...] = ()
    notes: tuple[Reason, ...] = ()

    @property
    def total(self) -> Decimal:
        """Interest plus fixed compensation (the principal is not included)."""
        return self.interest + self.fixed_compensation

    def as_dict(self) -> dict:
        return {
            "jurisdiction": self.jurisdiction,
            "regime": self.regime,
            "currency": self.currency,
            "principal": to_money(self.principal),
            "due": self.due.isoformat(),
            "until": self.until.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "lines": [line.as_dict() for line in self.lines],
            "interest": to_money(self.interest),
            "fixed_compensation": to_money(self.fixed_compensation),
            "fixed_compensation_basis": self.fixed_compensation_basis,
            "total": to_money(self.total),
            "outstanding": to_money(self.outstanding),
            "daily_interest": to_money(self.daily_interest),
            "day_count": self.day_count,
            "rounding": self.rounding,
            "warnings": [str(w) for w in self.warnings],
            "notes": [n.as_dict() for n in self.notes],
        }


# --------------------------------------------------------------------------- regimes


class _Segment(NamedTuple):
    start: date
    end: date
    rate: Decimal
    basis: str
    reference: str


class _Warnings:
    """Warnings in first-seen order, without repeats."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: dict[str, LawWarning] = {}

    def add(self, warning: LawWarning | None) -> None:
        if warning is not None and warning.message not in self.items:
            self.items[warning.message] = warning

    def extend(self, warnings: Iterable[LawWarning]) -> None:
        for w in warnings:
            self.add(w)


def _half_years(start: date, end: date):
    """Yield (key, first, last) for each half-year part of [start, end]."""
    s = start
    while s <= end:
        h_end = date(s.year, 6, 30) if s.month <= 6 else date(s.year, 12, 31)
        e = min(h_end, end)
        yield (s.year, 1 if s.month <= 6 else 2), s, e
        s = e + _ONE_DAY


def _half_start(key: tuple[int, int]) -> date:
    return date(key[0], 1 if key[1] == 1 else 7, 1)


def _half_label(key: tuple[int, int]) -> str:
    return f"{key[0]}-S{key[1]}"


@dataclass
class _Regime:
    """A rate rule of one jurisdiction for one pair of parties."""

    id: str
    jurisdiction: str
    pack: Pack
    basis: str
    currency: str
    notes: tuple[Reason, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False)

    def segments(self, start: date, end: date, w: _Warnings) -> list[_Segment]:
        raise NotImplementedError

    def fixed(self, principal: Decimal, start: date, w: _Warnings) -> tuple[Decimal, str | None]:
        return ZERO, None

    def fixed_memo(self, principal: Decimal, start: date, w: _Warnings):
        """``fixed``, remembered per first day unless it depends on the amount."""
        if self.fixed_depends_on_amount:
            return self.fixed(principal, start, w)
        key = ("fixed", start)
        hit = self._cache.get(key)
        if hit is None:
            local = _Warnings()
            amount, basis = self.fixed(principal, start, local)
            hit = self._cache[key] = (amount, basis, tuple(local.items.values()))
        if hit[2]:
            w.extend(hit[2])
        return hit[0], hit[1]

    fixed_depends_on_amount = False

    def notes_for(self, day_count: str) -> tuple[Reason, ...]:
        return (_DAY_COUNT_NOTE[day_count], *self.notes)

    def first_day(self, due: date, notice: date | None, judgment: date | None, w: _Warnings):
        return due + _ONE_DAY


class _HalfYearly(_Regime):
    """A rate fixed for each half-year: FR L441-10, DE 288, EU directive."""

    def rate_for(self, key: tuple[int, int]) -> tuple[Decimal, str, tuple[LawWarning, ...]]:
        raise NotImplementedError

    def segments(self, start, end, w):
        # A ledger computes every invoice to the same date, so the same (start, end)
        # pairs come back: remember them (a bounded memo; the rates never change).
        memo = self._cache.get("segments")
        if memo is None or len(memo) > 50_000:
            memo = self._cache["segments"] = {}
        hit = memo.get((start, end))
        if hit is None:
            local = _Warnings()
            hit = memo[(start, end)] = (
                self._segments(start, end, local),
                tuple(local.items.values()),
            )
        if hit[1]:
            w.extend(hit[1])
        return hit[0]

    def _segments(self, start, end, w):
        out = []
        cache = self._cache
        basis = self.basis
        s = start
        while s <= end:
            first_half = s.month <= 6
            key = (s.year, 1 if first_half else 2)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self.rate_for(key)
            rate, reference, warnings = hit
            if warnings:
                w.extend(warnings)
            e = date(s.year, 6, 30) if first_half else date(s.year, 12, 31)
            if e > end:
                e = end
            out.append(_Segment(s, e, rate, basis, reference))
            s = e + _ONE_DAY
        return out


def _lookup(pack: Pack, series: str, day: date, key: str, warnings: list) -> Decimal:
    row, warning = pack.series[series].lookup(day)
    if warning:
        warnings.append(warning)
    return row.decimal(key)


class _FrB2B(_HalfYearly):
    contract_rate: Decimal | None = None

    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = _half_start(key)
        if first < date(2013, 1, 1):
            raise BadValue(
                "French B2B penalties before 1 January 2013 (before the half-year rule of "
                "L441-6) are not supported"
            )
        margin = _lookup(self.pack, "b2b_margin", first, "points", warnings)
        ecb = _lookup(self.pack, "ecb_mro", first, "rate", warnings)
        day = "1 January" if key[1] == 1 else "1 July"
        if self.contract_rate is None:
            return (
                ecb + margin,
                f"ECB rate in force on {day} {key[0]} ({ecb} %) + {margin} points",
                tuple(warnings),
            )
        # The floor binds contractual rates only (in 2024 it exceeded the default rate).
        til = _lookup(self.pack, "taux_legal", first, "autres", warnings)
        multiple = _lookup(self.pack, "contract_rate_floor", first, "multiple", warnings)
        floor = multiple * til
        if self.contract_rate < floor:
            warnings.append(
                LawWarning(
                    f"the contractual rate {self.contract_rate} % is below 3 x the taux "
                    f"légal ({multiple} x {til} % = {floor} % for {_half_label(key)}): "
                    "non-compliant with C. com. L441-10 II. Which rate then applies (the "
                    "floor or ECB + 10) is not confirmed: the contractual rate was used"
                )
            )
        return self.contract_rate, "contractual rate", tuple(warnings)

    def segments(self, start, end, w):
        if end >= date(2027, 1, 1):
            w.add(
                LawWarning(
                    "C. com. L441-10 is reported to be repealed from 1 January 2027 (deferred "
                    "repeal, replacing text not identified): periods after 31 December 2026 "
                    "use the current rule; check Légifrance and rules/FR/pack.yaml"
                )
            )
        return super().segments(start, end, w)

    def fixed(self, principal, start, w):
        warnings: list[LawWarning] = []
        amount = _lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "C. com. L441-10 II and D441-5 (per late invoice)"


class _FrLegal(_Regime):
    """Taux légal from the formal notice; + 5 points after a judgment."""

    column: str = "autres"

    def first_day(self, due, notice, judgment, w):
        if notice is None and judgment is None:
            w.add(
                LawWarning(
                    "no formal notice date: interest at the legal rate runs only from the "
                    "day after the formal notice is received (C. civ. 1231-6, 1344-1); give "
                    "its date of receipt"
                )
            )
            return None
        trigger = max(d for d in (due, notice, judgment) if d is not None)
        return trigger + _ONE_DAY

    def segments(self, start, end, w):
        out = []
        increase_from = self._cache.get("increase_from")
        cache = self._cache
        for key, s, e in _half_years(start, end):
            hit = cache.get(key)
            if hit is None:
                warnings: list[LawWarning] = []
                til = _lookup(self.pack, "taux_legal", _half_start(key), self.column, warnings)
                who = "particuliers" if self.column == "particuliers" else "autres cas"
                ref = f"taux légal {_half_label(key)} ({who}): {til} %"
                hit = cache[key] = (til, ref, tuple(warnings))
            til, ref, warnings = hit
            if warnings:
                w.extend(warnings)
            parts = [(s, e)]
            if increase_from and s < increase_from <= e:
                parts = [(s, increase_from - _ONE_DAY), (increase_from, e)]
            for ps, pe in parts:
                if increase_from and ps >= increase_from:
                    warnings = []
                    points = _lookup(self.pack, "judgment_increase", ps, "points", warnings)
                    w.extend(warnings)
                    out.append(
                        _Segment(ps, pe, til + points, "CMF L313-3", f"{ref} + {points} points")
                    )
                else:
                    out.append(_Segment(ps, pe, til, self.basis, ref))
        return out


class _GbLatePayment(_Regime):
    """One rate for the whole debt: Bank Rate on the reference day + 8 (SI 2002/1675)."""

    fixed_depends_on_amount = True

    def segments(self, start, end, w):
        ref_day = date(start.year - 1, 12, 31) if start.month <= 6 else date(start.year, 6, 30)
        warnings: list[LawWarning] = []
        bank = _lookup(self.pack, "bank_rate", ref_day, "rate", warnings)
        margin = _lookup(self.pack, "statutory_margin", ref_day, "points", warnings)
        w.extend(warnings)
        reference = (
            f"Bank Rate on {ref_day.day} {ref_day:%B} {ref_day.year} ({bank} %) + {margin} "
            "points, fixed for the whole debt"
        )
        return [_Segment(start, end, bank + margin, self.basis, reference)]

    def fixed(self, principal, start, w):
        row, warning = self.pack.series["fixed_sum"].lookup(start)
        w.add(warning)
        for band in row.values["bands"]:
            if "below" not in band or principal < Decimal(band["below"]):
                return Decimal(
                    band["amount"]
                ), "Late Payment of Commercial Debts (Interest) Act 1998 s.5A"
        raise AssertionError("the last band has no upper limit")  # pragma: no cover


class _GbJudgment(_Regime):
    """Interest on a County Court judgment: 8 % from the day after judgment, on a
    qualifying debt under the 1998 Act (Act interest before it), or on a judgment of at
    least 5,000 GBP (County Courts Act 1984 s.74)."""

    act: _GbLatePayment | None = None
    judgment: date = date.min
    principal: Decimal = ZERO

    def first_day(self, due, notice, judgment, w):
        return due + _ONE_DAY if self.act else max(due, judgment) + _ONE_DAY

    def segments(self, start, end, w):
        out = []
        if self.act and start <= self.judgment:
            out = self.act.segments(start, min(end, self.judgment), w)
        after = max(start, self.judgment + _ONE_DAY)
        if end < after:
            return out
        warnings: list[LawWarning] = []
        row = self.pack.series["judgment_rate"].row_at(after)
        w.add(self.pack.series["judgment_rate"].warning_for(after, row))
        minimum = row.decimal("minimum")
        if not self.act and self.principal < minimum:
            w.add(
                LawWarning(
                    f"a judgment under {minimum} GBP on a debt outside the 1998 Act carries no "
                    "statutory interest (County Courts (Interest on Judgment Debts) Order 1991)"
                )
            )
            return out
        w.extend(warnings)
        basis = (
            "County Courts Act 1984 s.74; SI 1998/2400 (qualifying debt)"
            if self.act
            else "County Courts Act 1984 s.74; SI 1991/1184"
        )
        reference = f"judgment debt interest {row.values['rate']} % from the day after judgment"
        out.append(_Segment(after, end, row.decimal("rate"), basis, reference))
        return out

    def fixed(self, principal, start, w):
        return self.act.fixed(principal, start, w) if self.act else (ZERO, None)


class _DeBgb(_HalfYearly):
    margin_key: str = "business"

    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = _half_start(key)
        base = _lookup(self.pack, "basiszinssatz", first, "rate", warnings)
        margin = _lookup(self.pack, "margin", first, self.margin_key, warnings)
        day = "1 January" if key[1] == 1 else "1 July"
        return (
            base + margin,
            f"Basiszinssatz from {day} {key[0]} ({base} %) + {margin} points",
            tuple(warnings),
        )

    def fixed(self, principal, start, w):
        if self.margin_key != "business" and not self._cache.get("pauschale"):
            return ZERO, None
        warnings: list[LawWarning] = []
        amount = _lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "BGB 288(5)"


class _EuDirective(_HalfYearly):
    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = _half_start(key)
        ecb = _lookup(self.pack, "ecb_mro", first, "rate", warnings)
        margin = _lookup(self.pack, "directive_margin", first, "points", warnings)
        day = "1 January" if key[1] == 1 else "1 July"
        return (
            ecb + margin,
            f"ECB rate in force on {day} {key[0]} ({ecb} %) + {margin} points",
            tuple(warnings),
        )

    def fixed(self, principal, start, w):
        warnings: list[LawWarning] = []
        amount = _lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "Directive 2011/7/EU art. 6"


_CONSUMER = PartyKind.CONSUMER


def party_kind(value: str | PartyKind | None) -> PartyKind | None:
    """``"company"`` -> PartyKind.COMPANY; None stays None; anything else is refused."""
    if value is None or isinstance(value, PartyKind):
        return value
    try:
        return PartyKind(str(value).strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in PartyKind)
        raise BadValue(f"unknown party kind '{value}' (use one of: {kinds})") from None


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

_REGIMES: dict[tuple, _Regime | tuple[LawWarning, ...]] = {}


def _make_regime(jurisdiction, creditor, debtor, contract_rate):
    if creditor is None or debtor is None:
        who = "debtor" if debtor is None else "creditor"
        return (
            LawWarning(
                f"the {who}'s type (company, trader, professional, consumer, public) is not "
                "known: late-payment interest depends on it and was not computed"
            ),
        )
    if contract_rate is not None and jurisdiction != "FR":
        raise BadValue("a contractual rate is checked only for French B2B penalties")
    pack = load_pack(jurisdiction)
    consumer_involved = _CONSUMER in (creditor, debtor)
    if jurisdiction == "FR":
        if not consumer_involved and debtor is PartyKind.PUBLIC:
            return (
                LawWarning(
                    "the debtor is a public body: late-payment interest follows the public "
                    "procurement code (CCP R2192-31 and following), which relance does not "
                    "compute"
                ),
            )
        if not consumer_involved:
            r = _FrB2B("fr.l441_10", "FR", pack, "C. com. L441-10 II", "EUR")
            r.contract_rate = contract_rate
            return r
        if contract_rate is not None:
            raise BadValue("a contractual penalty rate applies only between professionals")
        r = _FrLegal("fr.taux_legal", "FR", pack, "C. civ. 1231-6, 1344-1; CMF L313-2", "EUR")
        r.column = "particuliers" if creditor is _CONSUMER else "autres"
        return r
    if jurisdiction == "GB":
        if consumer_involved:
            return (
                LawWarning(
                    "the Late Payment of Commercial Debts (Interest) Act 1998 applies only "
                    "between businesses; in a claim, the court may award interest under s.69 "
                    "County Courts Act 1984 (usually 8 %)"
                ),
            )
        return _GbLatePayment(
            "gb.late_payment_act",
            "GB",
            pack,
            "Late Payment of Commercial Debts (Interest) Act 1998 s.4; SI 2002/1675 art. 4",
            "GBP",
            notes=(
                Reason(
                    "The fixed sum's band is tested on the invoice total including VAT, as "
                    "in practice",
                    "Late Payment of Commercial Debts (Interest) Act 1998 s.5A",
                    unconfirmed=True,
                ),
            ),
        )
    if jurisdiction == "DE":
        r = _DeBgb(
            "de.bgb_288",
            "DE",
            pack,
            "BGB 288(1), 247" if consumer_involved else "BGB 288(2), 247",
            "EUR",
        )
        r.margin_key = "consumer" if consumer_involved else "business"
        # The Pauschale is owed by any non-consumer debtor, even to a consumer creditor.
        r._cache["pauschale"] = debtor is not _CONSUMER
        return r
    if consumer_involved:
        return (
            LawWarning(
                "Directive 2011/7/EU covers only transactions between undertakings or with "
                "public authorities: no statutory interest computed for a consumer"
            ),
        )
    return _EuDirective(
        "eu.directive_2011_7",
        "EU",
        pack,
        "Directive 2011/7/EU art. 2(6), 3",
        "EUR",
        notes=(
            Reason(
                "National transpositions may differ from the directive's floor (Belgium "
                "rounds up to the next half point): check the debtor's national rate",
                "Directive 2011/7/EU",
                unconfirmed=True,
            ),
        ),
    )


# --------------------------------------------------------------------------- computation


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
) -> InterestResult:
    """Late-payment interest on ``principal`` (including tax, after credit notes).

    ``due`` is the last day before interest runs (the due date, or the date of receipt
    of the formal notice for the legal rate); ``until`` the payment or computation date,
    included. ``payments`` are (date received, amount) pairs.
    """
    jurisdiction = jurisdiction.upper()
    if jurisdiction not in JURISDICTIONS:
        raise BadValue(f"unknown jurisdiction '{jurisdiction}' (use FR, GB, DE or EU)")
    if day_count not in DAY_COUNTS:
        raise BadValue(f"unknown day count '{day_count}' (use act/365 or act/act)")
    if rounding not in ROUNDINGS:
        raise BadValue(f"unknown rounding '{rounding}' (use line or total)")
    if principal < ZERO:
        raise BadValue("the principal is negative")
    key = (jurisdiction, creditor_kind, debtor_kind, contract_rate)
    regime = _REGIMES.get(key)
    if regime is None:
        regime = _REGIMES[key] = _make_regime(
            jurisdiction, party_kind(creditor_kind), party_kind(debtor_kind), contract_rate
        )
    w = _Warnings()
    if jurisdiction == "GB" and judgment_enforceable is not None:
        regime = _gb_judgment(regime, judgment_enforceable, principal)
    if isinstance(regime, tuple):
        w.extend(regime)
        return _empty(jurisdiction, "none", principal, due, until, day_count, rounding, w)
    if isinstance(regime, _FrLegal):
        regime = _with_judgment(regime, judgment_enforceable, w)
    elif judgment_enforceable is not None and jurisdiction != "GB":
        w.add(
            LawWarning(
                "the 5-point increase after a judgment (CMF L313-3) applies to the legal "
                "rate only: these penalties are not increased"
                if jurisdiction == "FR"
                else "post-judgment interest is not computed for this jurisdiction: the "
                "judgment date was ignored"
            )
        )
    start = regime.first_day(due, notice_received, judgment_enforceable, w)

    # The base: the principal less payments received before the first day, then less
    # each later payment from the day after it was received.
    base = principal
    changes: list[tuple[date, Decimal]] = []
    for paid_on, amount in sorted(payments) if payments else ():
        if amount < ZERO:
            raise BadValue(f"the payment of {paid_on.isoformat()} is negative")
        if start is None or paid_on < start:
            base -= amount
        elif paid_on < until:
            changes.append((paid_on + _ONE_DAY, amount))
    if base < ZERO:
        base = ZERO

    if start is None or until < start or base == ZERO:
        result = _empty(jurisdiction, regime.id, principal, due, until, day_count, rounding, w)
        return replace(
            result, outstanding=base, start=start, currency=regime.currency, notes=regime.notes
        )

    segments = regime.segments(start, until, w)
    if day_count == "act/act":
        segments = _split_years(segments)
    lines = _lines(segments, base, changes, day_count == "act/365")
    if changes:
        base = max(ZERO, base - sum((amount for _, amount in changes), ZERO))
    if rounding == "line":
        interest = sum([line.amount for line in lines], ZERO)
    else:
        interest = round_money(sum([line.exact for line in lines], ZERO))
    fixed, fixed_basis = regime.fixed_memo(principal, start, w)
    divisor = _DIV365 if day_count == "act/365" else _HUNDRED * _year_length(until)
    return InterestResult(
        jurisdiction=jurisdiction,
        regime=regime.id,
        currency=regime.currency,
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
        notes=regime.notes_for(day_count),
    )


def _lines(
    segments: list[_Segment],
    base: Decimal,
    changes: list[tuple[date, Decimal]],
    act365: bool,  # noqa: FBT001 - internal
) -> tuple[InterestLine, ...]:
    """Cut the segments at each change of base and compute each line's amount.

    The amount is ``base x rate x days / (100 x divisor)`` in that order, so that a
    half-cent is a true half-cent and rounds up.
    """
    out = []
    i, n = 0, len(changes)
    for s, end, rate, basis, reference in segments:
        while s <= end:
            while i < n and changes[i][0] <= s:
                base -= changes[i][1]
                i += 1
            if base <= ZERO:
                return tuple(out)
            e = end
            if i < n and changes[i][0] <= e:
                e = changes[i][0] - _ONE_DAY
            days = (e - s).days + 1
            divisor = _DIV365 if act365 else _HUNDRED * _year_length(s)
            exact = base * rate * days / divisor
            out.append(
                InterestLine(
                    s,
                    e,
                    days,
                    base,
                    rate,
                    round_money(exact),
                    exact,
                    basis,
                    reference,
                )
            )
            s = e + _ONE_DAY
    return tuple(out)


def _with_judgment(regime: _FrLegal, judgment: date | None, w: _Warnings) -> _FrLegal:
    if judgment is None:
        return regime
    key = ("judgment", judgment)
    hit = regime._cache.get(key)
    if hit is None:
        warnings: list[LawWarning] = []
        months = int(_lookup(regime.pack, "judgment_increase", judgment, "months", warnings))
        # Two months counted as in CPC 641 al. 2: same day-number, or the month's last day.
        increase_from = judgment + relativedelta(months=months) + _ONE_DAY
        hit = _FrLegal(regime.id, regime.jurisdiction, regime.pack, regime.basis, "EUR")
        hit.column = regime.column
        hit._cache["increase_from"] = increase_from
        hit._cache["warnings"] = tuple(warnings)
        regime._cache[key] = hit
    w.extend(hit._cache["warnings"])
    return hit


def _gb_judgment(regime, judgment: date, principal: Decimal) -> _Regime | tuple:
    act = regime if isinstance(regime, _GbLatePayment) else None
    if act is None and not isinstance(regime, tuple):  # pragma: no cover - GB has two
        return regime
    if isinstance(regime, tuple) and "type" in regime[0].message:
        return regime  # an unknown party type stays unknown
    pack = load_pack("GB")
    r = _GbJudgment(
        "gb.judgment_interest",
        "GB",
        pack,
        "County Courts Act 1984 s.74",
        "GBP",
        notes=(
            Reason(
                "No judgment interest runs while instalments ordered by the court are paid on "
                "time; the base is the amount given (the judgment sum)",
                "County Courts (Interest on Judgment Debts) Order 1991",
            ),
        ),
    )
    r.act, r.judgment, r.principal = act, judgment, principal
    return r


def _split_years(segments: list[_Segment]) -> list[_Segment]:
    out = []
    for seg in segments:
        s = seg.start
        while s.year < seg.end.year:
            out.append(_Segment(s, date(s.year, 12, 31), seg.rate, seg.basis, seg.reference))
            s = date(s.year + 1, 1, 1)
        out.append(_Segment(s, seg.end, seg.rate, seg.basis, seg.reference))
    return out


def _year_length(day: date) -> Decimal:
    y = day.year
    return _D366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else _D365


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
