"""Germany: Verzugszinsen under BGB 288, the Basiszinssatz (BGB 247) + the pack's points
(+ 9 without a consumer, + 5 otherwise), split at each 1 January / 1 July, and the
Pauschale of BGB 288(5) against a non-consumer debtor.

A due date on a Saturday, Sunday or public holiday gives way to the next working day
(BGB 193); interest runs from the day after that.
"""

from __future__ import annotations

from datetime import date

from ...money import ZERO
from ..calendars import calendar, calendar_label, working_day_on_or_after
from ..counting import fmt_long
from ..packs import Pack, load_pack
from ..parties import CONSUMER
from ..rates import ONE_DAY, HalfYearly, half_day, half_start, lookup
from ..reasons import LawWarning, Reason

__all__ = ["regime"]


class DeBgb(HalfYearly):
    margin_key: str = "business"
    pauschale: bool = True

    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = half_start(key)
        base = lookup(self.pack, "basiszinssatz", first, "rate", warnings)
        margin = lookup(self.pack, "margin", first, self.margin_key, warnings)
        return (
            base + margin,
            f"Basiszinssatz from {half_day(key)} {key[0]} ({base} %) + {margin} points",
            tuple(warnings),
        )

    def first_day(self, due, notice, judgment, w, subdivision=None):
        return _performance_day(due, subdivision) + ONE_DAY

    def start_notes(self, due, subdivision=None):
        day = _performance_day(due, subdivision)
        if day == due:
            return ()
        label = calendar_label("DE", subdivision)
        return (
            Reason(
                f"The due date, {fmt_long(due)}, is not a working day ({label}): the next "
                f"working day, {fmt_long(day)}, takes its place, and interest runs from "
                f"{fmt_long(day + ONE_DAY)}",
                "BGB §193",
            ),
        )

    def fixed(self, principal, start, w):
        if not self.pauschale:
            return ZERO, None
        warnings: list[LawWarning] = []
        amount = lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "BGB 288(5)"


def _performance_day(due: date, subdivision: str | None) -> date:
    return working_day_on_or_after(due, calendar("DE", subdivision))


def regime(creditor, debtor, contract_rate, pack: Pack | None = None):
    pack = pack or load_pack("DE")
    consumer_involved = CONSUMER in (creditor, debtor)
    r = DeBgb(
        "de.bgb_288",
        "DE",
        pack,
        "BGB 288(1), 247" if consumer_involved else "BGB 288(2), 247",
        "EUR",
    )
    r.margin_key = "consumer" if consumer_involved else "business"
    # The Pauschale is owed by any non-consumer debtor, even to a consumer creditor.
    r.pauschale = debtor is not CONSUMER
    return r
