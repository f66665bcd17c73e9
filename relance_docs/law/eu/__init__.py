"""The EU instruments: the Late Payment Directive's floor and the two European
procedures, from ``rules/EU/pack.yaml``. No deadline or limitation rules of its own."""

from __future__ import annotations

from ..registry import Jurisdiction, ProcedureRule
from . import interest, procedures

__all__ = ["JURISDICTION"]

JURISDICTION = Jurisdiction(
    code="EU",
    name="European Union",
    regime=interest.regime,
    procedures=(
        ProcedureRule(
            "eu.order_for_payment", "European order for payment", procedures.order_for_payment
        ),
        ProcedureRule(
            "eu.small_claims", "European Small Claims Procedure", procedures.small_claims
        ),
    ),
)
