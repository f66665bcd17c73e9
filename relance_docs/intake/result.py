"""What a reader returns: the ledger, its problems, and what was read."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LedgerHasErrors
from ..model import Ledger, Problem
from .matching import MatchReport

__all__ = ["LedgerResult", "SourceReport"]


@dataclass(frozen=True)
class SourceReport:
    """What was read from one table: for the user to see that the file was understood."""

    label: str
    kind: str
    description: str
    rows: int
    columns: tuple[tuple[str, str], ...]
    """(header, field) pairs that were used."""
    unused_columns: tuple[str, ...]


@dataclass(frozen=True)
class LedgerResult:
    ledger: Ledger
    problems: tuple[Problem, ...]
    sources: tuple[SourceReport, ...]
    matching: MatchReport | None = None
    """How the bank statements' credits were matched (with ``bank=``), else None."""
    notes: tuple[str, ...] = ()
    """What the reader decided and the user must know (due dates from payment terms...)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def raise_for_errors(self) -> Ledger:
        """The ledger, or :class:`LedgerHasErrors` if any problem is an error."""
        if self.has_errors:
            raise LedgerHasErrors(self.problems)
        return self.ledger
