"""Building records from raw tables: typed cells and checked headers.

The :class:`Builder` collects every problem with its file and line. The debtors
(:mod:`.debtors`), the invoices (:mod:`.invoices`) and the payments (:mod:`.payments`)
are read on top of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..errors import BadValue
from ..model import PartyKind, Problem, Severity
from ..money import decimal_evidence
from .aliases import FIELD_LABELS, INVOICE_FIELDS
from .columns import ColumnMatch, match_columns, normalise
from .mapping import ColumnMapping
from .result import SourceReport
from .sources import RawTable
from .workbook import NoSavedValue

__all__ = ["Builder", "Table"]

_AMOUNT_FIELDS = ("amount", "amount_excl_tax", "paid", "outstanding", "payment_amount")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(value: object) -> str:
    """A cell as the user typed it, for messages."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


class Table:
    """A raw table with its matched columns, and typed access to a row's cells."""

    def __init__(self, raw: RawTable, match: ColumnMatch) -> None:
        self.raw = raw
        self.match = match
        self.cols = match.fields

    def header(self, field: str) -> str:
        return self.raw.headers[self.cols[field]]

    def cell(self, cells: list[object], field: str) -> object:
        index = self.cols.get(field)
        return None if index is None else cells[index]

    def has(self, field: str) -> bool:
        return field in self.cols


class Builder:
    def __init__(
        self,
        mapping: ColumnMapping,
        default_currency: str | None,
        default_country: str | None,
        default_kind: PartyKind | None = None,
        exhibits_dir: Path | None = None,
    ) -> None:
        self.mapping = mapping
        self.default_kind = default_kind
        self.exhibits_dir = exhibits_dir
        self.default_currency = mapping.currency or default_currency
        self.default_country = mapping.country or default_country
        self.problems: list[Problem] = []
        self.sources: list[SourceReport] = []
        self.error_count = 0
        self._unreadable: set[tuple[str, int]] = set()

    # -- problems

    def error(self, label: str, line: int | None, message: str, column: str | None = None):
        self.problems.append(Problem(label, line, message, column))
        self.error_count += 1

    def warn(self, label: str, line: int | None, message: str, column: str | None = None):
        self.problems.append(Problem(label, line, message, column, Severity.WARNING))

    def _parse(
        self,
        table: Table,
        line: int,
        cells: list[object],
        field: str,
        parser: Callable[[object], object],
        *,
        required: bool = False,
    ) -> object:
        """Parse one cell; on failure record the problem and return None."""
        index = table.cols.get(field)
        if index is None:  # optional column absent (required ones were checked in prepare)
            return None
        value = cells[index]
        if value is None or (value.__class__ is str and not value.strip()):
            if required:
                self.error(
                    table.raw.label, line, f"{table.header(field)} is empty", table.header(field)
                )
            return None
        try:
            return parser(value)
        except BadValue as exc:
            header = table.header(field)
            self.error(table.raw.label, line, f"{header} {exc}", header)
            return None

    # -- tables

    def prepare(self, raw: RawTable) -> Table | None:
        match = match_columns(raw.headers, raw.kind, self.mapping.for_table(raw.kind))
        table = Table(raw, match)
        self._duplicate_headers(raw, match)
        self._unsaved_formulas(raw, match)
        for field, header in match.missing_mapped:
            self.error(
                raw.label,
                raw.header_line,
                f'the mapping names column "{header}" for {field}, but the file has no '
                "such column",
            )
        required = {
            "invoices": ("invoice_number", "issue_date", "due_date"),
            "debtors": (),
            "payments": ("invoice_number", "payment_date", "payment_amount"),
        }[raw.kind]
        missing = [f for f in required if f not in match.fields]
        if raw.kind == "invoices" and not ({"amount", "outstanding"} & match.fields.keys()):
            missing.append("amount")
        if raw.kind in {"invoices", "debtors"} and not (
            {"debtor_id", "debtor_name"} & match.fields.keys()
        ):
            missing.append("debtor_name")
        if not raw.rows and not raw.rejected_rows and not missing:
            if raw.kind == "invoices":
                self.error(raw.label, raw.header_line, "has a header but no invoice rows")
            else:
                self.warn(raw.label, raw.header_line, f"has a header but no {raw.kind}")
        for field in missing:
            aliases = _aliases(raw.kind, field)
            self.error(
                raw.label,
                raw.header_line,
                f"no column for {FIELD_LABELS[field]} (expected a header such as "
                f"{aliases}; or name yours in a --mapping file)",
            )
        if not match.fields and raw.fmt == "CSV":
            self.error(
                raw.label,
                raw.header_line,
                "found none of the expected column headers: is the file separated by "
                "; , or tabs, with the headers on the first line?",
            )
        self.sources.append(
            SourceReport(
                label=raw.label,
                kind=raw.kind,
                description=raw.describe(),
                rows=len(raw.rows),
                columns=tuple(
                    (raw.headers[i], f)
                    for f, i in sorted(match.fields.items(), key=lambda x: x[1])
                ),
                unused_columns=match.unused,
            )
        )
        return None if missing else table

    def _duplicate_headers(self, raw: RawTable, match: ColumnMatch) -> None:
        """Two columns with one header: which one holds the figure is a guess, so none."""
        folded = [normalise(h) for h in raw.headers]
        for field, col in match.fields.items():
            twins = [i for i, f in enumerate(folded) if f == folded[col] and f]
            if len(twins) > 1:
                where = " and ".join(_cell_name(raw, i) for i in twins)
                self.error(
                    raw.label,
                    raw.header_line,
                    f'"{raw.headers[col]}" heads {len(twins)} columns ({where}): rename or '
                    f"delete one, so that {FIELD_LABELS[field]} is not a guess",
                    raw.headers[col],
                )

    def _unsaved_formulas(self, raw: RawTable, match: ColumnMatch) -> None:
        if not raw.fmt.startswith("XLSX"):
            return  # only a workbook holds formulas
        used = set(match.fields.values())
        for line, cells in raw.rows:
            for i, cell in enumerate(cells):
                if isinstance(cell, NoSavedValue):
                    cells[i] = None
                    if i in used:
                        self._unreadable.add((raw.label, line))
                        self.error(
                            raw.label,
                            line,
                            f"cell {cell.coordinate} ({raw.headers[i]}) is a formula "
                            f"(={cell.formula}) saved without its value: open the workbook in "
                            "Excel or LibreOffice and save it, or paste the values",
                            raw.headers[i],
                        )

    def decimal_hint(self, tables: list[Table]) -> str | None:
        if self.mapping.decimal_separator:
            return self.mapping.decimal_separator
        seen: set[str] = set()
        for table in tables:
            idx = [table.cols[f] for f in _AMOUNT_FIELDS if f in table.cols]
            for _, cells in table.raw.rows:
                for i in idx:
                    value = cells[i]
                    if isinstance(value, str) and ("," in value or "." in value):
                        evidence = decimal_evidence(value)
                        if evidence:
                            seen.add(evidence)
                if len(seen) > 1:
                    return None
        return seen.pop() if len(seen) == 1 else None


def _cell_name(raw: RawTable, index: int) -> str:
    if raw.fmt.startswith("XLSX"):
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(index + 1)}{raw.header_line}"
    return f"column {index + 1}"


def _aliases(kind: str, field: str) -> str:
    from .columns import TABLE_FIELDS

    names = TABLE_FIELDS[kind].get(field) or INVOICE_FIELDS.get(field, ())
    shown = [f'"{a}"' for a in names[:3]]
    return ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]
