"""Intake: read a creditor's ledger (CSV, XLSX, JSON) into checked records and problems.

>>> from relance_docs.intake import read_ledger          # doctest: +SKIP
>>> result = read_ledger("samples/ledger-fr.csv")       # doctest: +SKIP
>>> result.has_errors, len(result.ledger.invoices)      # doctest: +SKIP
(False, 28)
"""

from .creditor import load_creditor
from .ledger import LedgerResult, SourceReport, read_ledger
from .mapping import ColumnMapping, load_mapping

__all__ = [
    "ColumnMapping",
    "LedgerResult",
    "SourceReport",
    "load_creditor",
    "load_mapping",
    "read_ledger",
]
