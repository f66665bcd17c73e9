"""England and Wales: the Late Payment of Commercial Debts (Interest) Act 1998 between
businesses (one rate for the whole debt: Bank Rate on the reference day before interest
starts + the pack's margin; the s.5A fixed sum by band), and interest on a County Court
judgment (County Courts Act 1984 s.74).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...money import ZERO
from ..packs import Pack, load_pack
from ..parties import CONSUMER
from ..rates import ONE_DAY, Regime, Segment, lookup
from ..reasons import LawWarning, Reason

__all__ = ["consumer_interest", "judgment", "regime"]

ACT = "Late Payment of Commercial Debts (Interest) Act 1998"


class GbLatePayment(Regime):
    """One rate for the whole debt: Bank Rate on the reference day + 8 (SI 2002/1675)."""

    fixed_depends_on_amount = True

    def segments(self, start, end, w):
        ref_day = date(start.year - 1, 12, 31) if start.month <= 6 else date(start.year, 6, 30)
        warnings: list[LawWarning] = []
        bank = lookup(self.pack, "bank_rate", ref_day, "rate", warnings)
        margin = lookup(self.pack, "statutory_margin", ref_day, "points", warnings)
        w.extend(warnings)
        reference = (
            f"Bank Rate on {ref_day.day} {ref_day:%B} {ref_day.year} ({bank} %) + {margin} "
            "points, fixed for the whole debt"
        )
        return [Segment(start, end, bank + margin, self.basis, reference)]

    def fixed(self, principal, start, w):
        row, warning = self.pack.series["fixed_sum"].lookup(start)
        w.add(warning)
        for band in row.values["bands"]:
            if "below" not in band or principal < Decimal(band["below"]):
                return Decimal(band["amount"]), f"{ACT} s.5A"
        raise AssertionError("the last band has no upper limit")  # pragma: no cover


class GbJudgment(Regime):
    """Interest on a County Court judgment: the judgment rate from the day after judgment,
    on a qualifying debt under the 1998 Act (Act interest before it), or on a judgment of
    at least the pack's minimum (County Courts Act 1984 s.74)."""

    act: GbLatePayment | None = None
    judgment: date = date.min
    principal: Decimal = ZERO

    def first_day(self, due, notice, judgment, w, subdivision=None):
        return due + ONE_DAY if self.act else max(due, judgment) + ONE_DAY

    def segments(self, start, end, w):
        out = []
        if self.act and start <= self.judgment:
            out = self.act.segments(start, min(end, self.judgment), w)
        after = max(start, self.judgment + ONE_DAY)
        if end < after:
            return out
        row = self.pack.series["judgment_rate"].row_at(after)
        w.add(self.pack.series["judgment_rate"].warning_for(after, row))
        minimum = row.decimal("minimum")
        if not self.act and self.principal < minimum:
            w.add(
                LawWarning(
                    f"A judgment under {minimum} GBP on a debt outside the 1998 Act carries no "
                    "statutory interest (County Courts (Interest on Judgment Debts) Order "
                    "1991), so none was added after the judgment"
                )
            )
            return out
        basis = (
            "County Courts Act 1984 s.74; SI 1998/2400 (qualifying debt)"
            if self.act
            else "County Courts Act 1984 s.74; SI 1991/1184"
        )
        reference = f"judgment debt interest {row.values['rate']} % from the day after judgment"
        out.append(Segment(after, end, row.decimal("rate"), basis, reference))
        return out

    def fixed(self, principal, start, w):
        return self.act.fixed(principal, start, w) if self.act else (ZERO, None)


def consumer_interest(pack: Pack, day: date | None = None) -> str:
    """Which interest applies to a debt the 1998 Act does not cover, in one sentence."""
    series = pack.series["court_interest_usual"]
    row = series.rows[-1] if day is None or day < series.first_date else series.row_at(day)
    return (
        f"The {ACT} applies only between businesses, so no statutory interest runs on this "
        "debt; if a claim is issued, the court may award interest under s.69 County Courts "
        f"Act 1984 at its discretion (usually {row.values['rate']} % a year)"
    )


def regime(creditor, debtor, contract_rate, pack: Pack | None = None):
    pack = pack or load_pack("GB")
    if CONSUMER in (creditor, debtor):
        return (LawWarning(consumer_interest(pack)),)
    return GbLatePayment(
        "gb.late_payment_act",
        "GB",
        pack,
        f"{ACT} s.4; SI 2002/1675 art. 4",
        "GBP",
        notes=(
            Reason(
                "The fixed sum's band is tested on the invoice total including VAT, as "
                "in practice",
                f"{ACT} s.5A",
                unconfirmed=True,
            ),
        ),
    )


def judgment(regime, day: date, principal: Decimal, w):
    """Judgment interest, after Act interest on a qualifying debt."""
    act = regime if isinstance(regime, GbLatePayment) else None
    pack = load_pack("GB")
    r = GbJudgment(
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
    r.act, r.judgment, r.principal = act, day, principal
    return r
