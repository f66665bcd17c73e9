"""One claim from figures given by hand (``relance assess`` without a ledger): the
interest computed under the creditor's law, unless interest computed elsewhere is given.

Interest given by hand replaces the statutory computation: no statutory daily rate is
added to it, and where the pack says the fixed sum comes only with statutory interest
(England and Wales, s.5A of the 1998 Act, not with s.69 interest), no fixed sum either.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..money import ZERO
from .assessment import Claim, ClaimParty
from .interest import InterestResult, compute_interest
from .packs import load_pack
from .reasons import LawWarning

__all__ = ["single_claim"]


def single_claim(
    *,
    jurisdiction: str,
    amount: Decimal,
    due: date,
    as_of: date,
    creditor: ClaimParty,
    debtor: ClaimParty,
    disputed: bool = False,
    notice_received: date | None = None,
    interest_claimed: Decimal | None = None,
    currency: str | None = None,
    exchange_rate: Decimal | None = None,
) -> tuple[Claim, InterestResult, tuple[LawWarning, ...]]:
    """The claim to assess, the statutory interest computed, and warnings."""
    result = compute_interest(
        jurisdiction=jurisdiction,
        creditor_kind=creditor.kind,
        debtor_kind=debtor.kind,
        principal=amount,
        due=due,
        until=as_of,
        notice_received=notice_received,
        currency=currency,
        exchange_rate=exchange_rate,
        subdivision=debtor.subdivision if debtor.country == jurisdiction else None,
    )
    warnings: list[LawWarning] = []
    interest, daily, regime = result.interest, result.daily_interest, result.regime
    fixed = result.fixed_compensation if result.fixed_in_currency else ZERO
    if interest_claimed is not None:
        interest, daily, regime = interest_claimed, ZERO, "other"
        rule = load_pack(result.jurisdiction).data.get("other_interest") or {}
        if rule.get("keeps_fixed_sum") is False and fixed:
            fixed = ZERO
            warnings.append(
                LawWarning(
                    "The interest given replaces the statutory interest, so the statutory "
                    f"fixed sum was not added either ({rule['basis']})"
                )
            )
    claim = Claim(
        creditor=creditor,
        debtor=debtor,
        currency=result.currency,
        principal=amount,
        interest=interest,
        fixed_compensation=fixed,
        as_of=as_of,
        oldest_due=due,
        disputed=disputed,
        jurisdiction=result.jurisdiction,
        daily_interest=daily,
        interest_regime=regime,
    )
    return claim, result, tuple(warnings)
