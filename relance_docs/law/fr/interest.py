"""France: late-payment penalties between professionals (C. com. L441-10 II) and the
legal rate when a consumer is involved (C. civ. 1231-6, 1344-1; CMF L313-2, L313-3).

- Between professionals: the ECB rate in force on 1 January (first half-year) or 1 July
  (second) + the pack's margin, from the day after the due date, and the fixed indemnity
  of D441-5 per late invoice. A contractual rate below the pack's multiple of the taux
  légal is flagged, never replaced.
- A consumer involved: the taux légal from the day after the formal notice was received
  (the "particuliers" rate when the creditor is a consumer), continuing through any
  judgment, increased by the pack's points from two months after the judgment became
  enforceable (CMF L313-3). No fixed indemnity.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ...errors import BadValue
from ...model import PartyKind
from ..packs import Pack, load_pack
from ..parties import CONSUMER
from ..rates import (
    ONE_DAY,
    HalfYearly,
    Regime,
    Segment,
    half_day,
    half_label,
    half_start,
    half_years,
    lookup,
)
from ..reasons import LawWarning

__all__ = ["judgment", "regime"]


class FrB2B(HalfYearly):
    contract_rate: Decimal | None = None

    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = half_start(key)
        since = self.pack.series["b2b_margin"].first_date
        if first < since:
            raise BadValue(
                f"French B2B penalties before {since.isoformat()} (before the half-year rule "
                "of L441-6) are not supported"
            )
        margin = lookup(self.pack, "b2b_margin", first, "points", warnings)
        ecb = lookup(self.pack, "ecb_mro", first, "rate", warnings)
        if self.contract_rate is None:
            return (
                ecb + margin,
                f"ECB rate in force on {half_day(key)} {key[0]} ({ecb} %) + {margin} points",
                tuple(warnings),
            )
        # The floor binds contractual rates only (in 2024 it exceeded the default rate).
        til = lookup(self.pack, "taux_legal", first, "autres", warnings)
        multiple = lookup(self.pack, "contract_rate_floor", first, "multiple", warnings)
        floor = multiple * til
        if self.contract_rate < floor:
            warnings.append(
                LawWarning(
                    f"The contractual rate of {self.contract_rate} % is below {multiple} times "
                    f"the taux légal ({multiple} x {til} % = {floor} % for {half_label(key)}), "
                    "so it does not comply with C. com. L441-10 II. Which rate then applies "
                    "(that floor, or the statutory rate) is not confirmed: the contractual rate "
                    "was used; check before claiming it",
                    kind="unconfirmed",
                )
            )
        return self.contract_rate, "contractual rate", tuple(warnings)

    def segments(self, start, end, w):
        repeal = self.pack.data.get("l441_10_repeal")
        if repeal and end >= date.fromisoformat(str(repeal["from"])):
            w.add(
                LawWarning(
                    f"C. com. L441-10 is reported to be repealed from {_long(repeal['from'])} "
                    "(deferred "
                    "repeal; no replacing text identified): the penalties after that date use "
                    "the current rule. Check Légifrance, then rules/FR/pack.yaml",
                    kind="unconfirmed",
                )
            )
        return super().segments(start, end, w)

    def fixed(self, principal, start, w):
        warnings: list[LawWarning] = []
        amount = lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "C. com. L441-10 II and D441-5 (per late invoice)"


class FrLegal(Regime):
    """Taux légal from the formal notice, through the judgment; + points after it."""

    column: str = "autres"

    def first_day(self, due, notice, judgment, w, subdivision=None):
        if notice is None and judgment is None:
            w.add(
                LawWarning(
                    "No date of receipt of a formal notice was given, so no interest was "
                    "computed: interest at the legal rate runs only from the day after the "
                    "formal notice is received (C. civ. 1231-6, 1344-1)"
                )
            )
            return None
        # Interest runs from the notice, through the judgment (it does not stop there);
        # without a notice, from the judgment.
        trigger = notice if notice is not None else judgment
        return max(due, trigger) + ONE_DAY

    def segments(self, start, end, w):
        out = []
        increase_from = self._cache.get("increase_from")
        cache = self._cache
        for key, s, e in half_years(start, end):
            hit = cache.get(key)
            if hit is None:
                warnings: list[LawWarning] = []
                til = lookup(self.pack, "taux_legal", half_start(key), self.column, warnings)
                who = "particuliers" if self.column == "particuliers" else "autres cas"
                ref = f"taux légal {half_label(key)} ({who}): {til} %"
                hit = cache[key] = (til, ref, tuple(warnings))
            til, ref, warnings = hit
            if warnings:
                w.extend(warnings)
            parts = [(s, e)]
            if increase_from and s < increase_from <= e:
                parts = [(s, increase_from - ONE_DAY), (increase_from, e)]
            for ps, pe in parts:
                if increase_from and ps >= increase_from:
                    warnings = []
                    points = lookup(self.pack, "judgment_increase", ps, "points", warnings)
                    w.extend(warnings)
                    out.append(
                        Segment(ps, pe, til + points, "CMF L313-3", f"{ref} + {points} points")
                    )
                else:
                    out.append(Segment(ps, pe, til, self.basis, ref))
        return out


def regime(creditor, debtor, contract_rate, pack: Pack | None = None):
    """The French regime for a pair of parties, or warnings saying why there is none."""
    pack = pack or load_pack("FR")
    consumer_involved = CONSUMER in (creditor, debtor)
    if not consumer_involved and debtor is PartyKind.PUBLIC:
        return (
            LawWarning(
                "The debtor is a public body: late-payment interest then follows the public "
                "procurement code (CCP R2192-31 and following), which relance does not "
                "compute, so none was added"
            ),
        )
    if not consumer_involved:
        r = FrB2B("fr.l441_10", "FR", pack, "C. com. L441-10 II", "EUR")
        r.contract_rate = contract_rate
        return r
    if contract_rate is not None:
        raise BadValue("a contractual penalty rate applies only between professionals")
    r = FrLegal("fr.taux_legal", "FR", pack, "C. civ. 1231-6, 1344-1; CMF L313-2", "EUR")
    r.column = "particuliers" if creditor is CONSUMER else "autres"
    return r


def judgment(regime, day: date, principal, w):
    """After a judgment: the legal rate is increased (CMF L313-3); penalties are not."""
    if isinstance(regime, tuple):
        return regime
    if not isinstance(regime, FrLegal):
        points = regime.pack.series["judgment_increase"].row_at(day).values["points"]
        w.add(
            LawWarning(
                f"The increase of {points} points after a judgment (CMF L313-3) applies to the "
                "legal rate only: the late-payment penalties were not increased"
            )
        )
        return regime
    key = ("judgment", day)
    hit = regime._cache.get(key)
    if hit is None:
        warnings: list[LawWarning] = []
        months = int(lookup(regime.pack, "judgment_increase", day, "months", warnings))
        # Two months counted as in CPC 641 al. 2: same day-number, or the month's last day.
        increase_from = day + relativedelta(months=months) + ONE_DAY
        hit = FrLegal(regime.id, regime.jurisdiction, regime.pack, regime.basis, "EUR")
        hit.column = regime.column
        hit._cache["increase_from"] = increase_from
        hit._cache["warnings"] = tuple(warnings)
        regime._cache[key] = hit
    w.extend(hit._cache["warnings"])
    return hit


def _long(value) -> str:
    day = date.fromisoformat(str(value))
    return f"{day.day} {day:%B} {day.year}"
