"""France: the rules of ``rules/FR/pack.yaml``, as one :class:`Jurisdiction`."""

from __future__ import annotations

from ..registry import Jurisdiction, ProcedureRule
from . import amicable, interest, limitation, procedures
from .deadlines import fr_deadline
from .terms import check_invoice

__all__ = ["JURISDICTION"]


def _deadline(start, period, *, subdivision=None, distance=None):
    return fr_deadline(start, period, subdivision=subdivision, distance=distance)


JURISDICTION = Jurisdiction(
    code="FR",
    name="France",
    regime=interest.regime,
    judgment=interest.judgment,
    deadline=_deadline,
    procedures=(
        ProcedureRule(
            "fr.petites_creances",
            "Procédure simplifiée de recouvrement des petites créances",
            procedures.petites_creances,
        ),
        ProcedureRule("fr.injonction_de_payer", "Injonction de payer", procedures.injonction),
        ProcedureRule("fr.refere_provision", "Référé-provision", procedures.refere),
    ),
    prerequisites=(
        ProcedureRule(
            "fr.tentative_amiable",
            "Tentative préalable de résolution amiable",
            amicable.amicable_attempt,
        ),
    ),
    limitation=limitation.rule,
    distance=True,
    contract_rate=True,
    check_terms=check_invoice,
)
