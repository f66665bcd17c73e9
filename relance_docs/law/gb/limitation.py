"""England and Wales (and Scotland): limitation of a contract debt, from the pack."""

from __future__ import annotations

from ..limitation import LimitationRule
from ..packs import load_pack
from ..reasons import Reason

__all__ = ["rule"]


def rule(claim) -> LimitationRule:
    gb = load_pack("GB")
    key = "limitation_scotland" if claim.debtor.subdivision == "SCT" else "limitation_ew"
    period, basis = gb.period(key)
    note = Reason(
        "Limitation runs from the date the cause of action accrued", basis, unconfirmed=True
    )
    return LimitationRule(periods=((period, basis),), notes=(note,))
