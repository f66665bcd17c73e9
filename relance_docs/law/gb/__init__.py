"""England and Wales (and UK-wide notes): the rules of ``rules/GB/pack.yaml``."""

from __future__ import annotations

from ..registry import Jurisdiction, ProcedureRule
from . import interest, limitation, procedures
from .deadlines import gb_deadline

__all__ = ["JURISDICTION"]


def _deadline(start, period, *, subdivision=None, distance=None):
    return gb_deadline(start, period, nation=subdivision or "ENG")


JURISDICTION = Jurisdiction(
    code="GB",
    name="England and Wales",
    regime=interest.regime,
    judgment=interest.judgment,
    deadline=_deadline,
    procedures=(
        ProcedureRule(
            "gb.money_claim_online",
            "Money Claim Online (County Court)",
            procedures.money_claim_online,
        ),
        ProcedureRule(
            "gb.small_claims_track",
            "County Court small claims track",
            procedures.small_claims_track,
        ),
    ),
    prerequisites=(
        ProcedureRule(
            "gb.pre_action_protocol_debt",
            "Pre-Action Protocol for Debt Claims",
            procedures.pre_action_protocol,
        ),
    ),
    limitation=limitation.rule,
)
