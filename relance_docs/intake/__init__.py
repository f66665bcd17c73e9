"""Intake: read a creditor's invoices (CSV, XLSX, JSON, FEC, e-invoices) and bank
statements into checked records and problems.

>>> from relance_docs.intake import read_ledger          # doctest: +SKIP
>>> result = read_ledger("samples/ledger-fr.csv")       # doctest: +SKIP
>>> result.has_errors, len(result.ledger.invoices)      # doctest: +SKIP
(False, 28)
"""

from .creditor import load_creditor
from .ledger import LedgerResult, SourceReport
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping, load_mapping
from .reader import load_assignments, read_ledger

__all__ = [
    "DEFAULT_LIMITS",
    "ColumnMapping",
    "LedgerResult",
    "Limits",
    "SourceReport",
    "load_assignments",
    "load_creditor",
    "load_mapping",
    "read_ledger",
]
