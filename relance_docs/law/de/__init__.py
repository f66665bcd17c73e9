"""Germany: the rules of ``rules/DE/pack.yaml``. Limitation is not in the rules data."""

from __future__ import annotations

from ..registry import Jurisdiction, ProcedureRule
from . import interest, procedures
from .deadlines import de_deadline

__all__ = ["JURISDICTION"]


def _deadline(start, period, *, subdivision=None, distance=None):
    return de_deadline(start, period, state=subdivision)


JURISDICTION = Jurisdiction(
    code="DE",
    name="Germany",
    regime=interest.regime,
    deadline=_deadline,
    procedures=(
        ProcedureRule("de.mahnverfahren", "Gerichtliches Mahnverfahren", procedures.mahnverfahren),
    ),
)
