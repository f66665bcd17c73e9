"""The interest engine's parts: a regime (the rate rule of one jurisdiction for one pair
of parties), rate series fixed by half-year, and the segments a period is cut into.

A regime answers four questions, and the engine (:func:`~.interest.compute_interest`)
asks nothing else: on which day interest starts (:meth:`Regime.first_day`), at which rate
on each day (:meth:`Regime.segments`), which fixed sum is owed (:meth:`Regime.fixed`), and
what changes once a judgment is enforceable (the jurisdiction's ``judgment`` hook).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from ..money import ZERO
from .packs import Pack
from .reasons import LawWarning, Reason

__all__ = [
    "HalfYearly",
    "Regime",
    "Segment",
    "Warnings",
    "half_label",
    "half_start",
    "half_years",
    "lookup",
]

ONE_DAY = timedelta(days=1)


class Segment(NamedTuple):
    start: date
    end: date
    rate: Decimal
    basis: str
    reference: str


class Warnings:
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


def half_years(start: date, end: date):
    """Yield (key, first, last) for each half-year part of [start, end]."""
    s = start
    while s <= end:
        h_end = date(s.year, 6, 30) if s.month <= 6 else date(s.year, 12, 31)
        e = min(h_end, end)
        yield (s.year, 1 if s.month <= 6 else 2), s, e
        s = e + ONE_DAY


def half_start(key: tuple[int, int]) -> date:
    return date(key[0], 1 if key[1] == 1 else 7, 1)


def half_label(key: tuple[int, int]) -> str:
    return f"{key[0]}-S{key[1]}"


def half_day(key: tuple[int, int]) -> str:
    """'1 January' or '1 July': the day a half-year's rate is read on."""
    return "1 January" if key[1] == 1 else "1 July"


def lookup(pack: Pack, series: str, day: date, key: str, warnings: list) -> Decimal:
    """The value ``key`` of ``series`` on ``day``; a warning past its verified date."""
    row, warning = pack.series[series].lookup(day)
    if warning:
        warnings.append(warning)
    return row.decimal(key)


@dataclass
class Regime:
    """A rate rule of one jurisdiction for one pair of parties."""

    id: str
    jurisdiction: str
    pack: Pack
    basis: str
    currency: str
    notes: tuple[Reason, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False)

    fixed_depends_on_amount = False
    """True when the fixed sum depends on the debt (the UK bands): no memo by day."""

    @property
    def fixed_currency(self) -> str:
        """The currency fixed sums are stated in: the pack's (40 EUR whatever the debt's)."""
        return self.pack.currency

    def segments(self, start: date, end: date, w: Warnings) -> list[Segment]:
        raise NotImplementedError

    def fixed(self, principal: Decimal, start: date, w: Warnings) -> tuple[Decimal, str | None]:
        return ZERO, None

    def fixed_memo(self, principal: Decimal, start: date, w: Warnings):
        """``fixed``, remembered per first day unless it depends on the amount."""
        if self.fixed_depends_on_amount:
            return self.fixed(principal, start, w)
        key = ("fixed", start)
        hit = self._cache.get(key)
        if hit is None:
            local = Warnings()
            amount, basis = self.fixed(principal, start, local)
            hit = self._cache[key] = (amount, basis, tuple(local.items.values()))
        if hit[2]:
            w.extend(hit[2])
        return hit[0], hit[1]

    def first_day(
        self,
        due: date,
        notice: date | None,
        judgment: date | None,
        w: Warnings,
        subdivision: str | None = None,
    ) -> date | None:
        """The first day interest runs: by default the day after the due date."""
        return due + ONE_DAY

    def start_notes(self, due: date, subdivision: str | None = None) -> tuple[Reason, ...]:
        """Reasons about the first day, when a rule moved it (BGB 193)."""
        return ()


class HalfYearly(Regime):
    """A rate fixed for each half-year from a reference rate and a margin (FR L441-10,
    DE 288, EU directive): subclasses give :meth:`rate_for` one half-year."""

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
            local = Warnings()
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
            out.append(Segment(s, e, rate, basis, reference))
            s = e + ONE_DAY
        return out
