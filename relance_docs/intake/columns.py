"""Column matching: which column of a table feeds which field.

The headers recognised for each field are in :mod:`.aliases`. Matching ignores case,
accents, punctuation and spacing: "N° facture", "n° Facture", "No. facture" and
"N°FACTURE" are the same header. Each field lists its aliases from the most to the least
specific; when several columns match one field, the most specific wins and the other is
reported as unused. Anything else can be named in a ``--mapping`` file (see
:mod:`relance_docs.intake.mapping`).

The README's table of aliases is made here (:func:`aliases_markdown`) and checked by the
tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold
from .aliases import DEBTOR_FIELDS, FIELD_LABELS, INVOICE_FIELDS, PAYMENT_FIELDS

__all__ = [
    "DEBTOR_FIELDS",
    "FIELD_LABELS",
    "INVOICE_FIELDS",
    "PAYMENT_FIELDS",
    "ColumnMatch",
    "match_columns",
    "normalise",
]


_NUMERO_RE = re.compile(r"\bn\s*[°o]\s*(?=\W|\d|$)|#")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def normalise(header: str) -> str:
    """Fold a header for matching: no accents, no case, "N°"/"No."/"#" read as "no".

    >>> normalise("  N° Facture "), normalise("Date d'échéance"), normalise("Invoice #")
    ('no facture', 'date d echeance', 'invoice no')
    """
    text = _NUMERO_RE.sub(" no ", fold(str(header)))
    return " ".join(_NON_ALNUM_RE.sub(" ", text).split())


def _alias_index(fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for field, aliases in fields.items():
        for rank, alias in enumerate(aliases):
            index.setdefault(normalise(alias), (field, rank))
    return index


TABLE_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoices": {**INVOICE_FIELDS, **DEBTOR_FIELDS},
    "debtors": DEBTOR_FIELDS,
    "payments": PAYMENT_FIELDS,
}
_INDEXES = {kind: _alias_index(fields) for kind, fields in TABLE_FIELDS.items()}


@dataclass(frozen=True)
class ColumnMatch:
    """Which column of a table feeds which field."""

    fields: dict[str, int]
    """field -> index of the column in the header."""
    unused: tuple[str, ...]
    """Headers that feed no field, as written in the file."""
    missing_mapped: tuple[tuple[str, str], ...] = ()
    """(field, header) pairs named by the mapping but absent from the file."""


def match_columns(
    headers: list[str], table: str, explicit: dict[str, str] | None = None
) -> ColumnMatch:
    """Match a table's headers to fields: explicit mapping first, then aliases."""
    index = _INDEXES[table]
    normalised = [normalise(h) for h in headers]
    chosen: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    taken: set[int] = set()
    missing: list[tuple[str, str]] = []
    for field, header in (explicit or {}).items():
        target = normalise(header)
        for col, norm in enumerate(normalised):
            if norm == target and col not in taken:
                chosen[field] = (-1, col)
                taken.add(col)
                break
        else:
            missing.append((field, header))
    for col, norm in enumerate(normalised):
        if col in taken or norm not in index:
            continue
        field, rank = index[norm]
        if field in chosen and chosen[field][0] <= rank:
            continue
        if field in chosen:
            taken.discard(chosen[field][1])
        chosen[field] = (rank, col)
        taken.add(col)
    fields = {field: col for field, (_, col) in chosen.items()}
    unused = tuple(h for col, h in enumerate(headers) if col not in taken and h.strip())
    return ColumnMatch(fields=fields, unused=unused, missing_mapped=tuple(missing))


def known_header_count(headers: list[str]) -> int:
    """How many headers match some alias of any table (used to detect the delimiter)."""
    return sum(1 for h in headers if any(normalise(h) in index for index in _INDEXES.values()))


def aliases_markdown() -> str:
    """The README's table of recognised headers (kept in sync by a test)."""
    rows = ["| table | field | headers recognised |", "| --- | --- | --- |"]
    tables = (
        ("invoices", INVOICE_FIELDS),
        ("debtors", DEBTOR_FIELDS),
        ("payments", {k: v for k, v in PAYMENT_FIELDS.items() if k != "invoice_number"}),
    )
    for table, fields in tables:
        for field, aliases in fields.items():
            shown = ", ".join(f"`{a}`" for a in aliases)
            rows.append(f"| {table} | `{field}`: {FIELD_LABELS[field]} | {shown} |")
    return "\n".join(rows) + "\n"
