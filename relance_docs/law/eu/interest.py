"""The Late Payment Directive's floor (2011/7/EU): the ECB rate of the half-year + the
pack's points and the minimum fixed compensation, for creditors whose national law
transposes it at that rate. Transactions with consumers are outside the Directive.
"""

from __future__ import annotations

from ..packs import Pack, load_pack
from ..parties import CONSUMER
from ..rates import HalfYearly, half_day, half_start, lookup
from ..reasons import LawWarning, Reason

__all__ = ["regime"]


class EuDirective(HalfYearly):
    def rate_for(self, key):
        warnings: list[LawWarning] = []
        first = half_start(key)
        ecb = lookup(self.pack, "ecb_mro", first, "rate", warnings)
        margin = lookup(self.pack, "directive_margin", first, "points", warnings)
        return (
            ecb + margin,
            f"ECB rate in force on {half_day(key)} {key[0]} ({ecb} %) + {margin} points",
            tuple(warnings),
        )

    def fixed(self, principal, start, w):
        warnings: list[LawWarning] = []
        amount = lookup(self.pack, "fixed_compensation", start, "amount", warnings)
        w.extend(warnings)
        return amount, "Directive 2011/7/EU art. 6"


def regime(creditor, debtor, contract_rate, pack: Pack | None = None):
    pack = pack or load_pack("EU")
    if CONSUMER in (creditor, debtor):
        return (
            LawWarning(
                "Directive 2011/7/EU covers only transactions between undertakings or with "
                "public authorities, so no statutory interest was computed for a consumer"
            ),
        )
    return EuDirective(
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
