"""Ledger: from raw tables to checked records (debtors, invoices, payments) and problems.

Three layouts are accepted:

* one table, one row per invoice, with the debtor's columns repeated on each row;
* an invoices table and a debtors table joined by the debtor's code (or name);
* either of those plus a payments table (otherwise a "paid" column on the invoices).

Every bad cell or row becomes a :class:`~relance_docs.model.Problem` with its file and
line; nothing is skipped silently. A ledger with any error-level problem must not be used
to write documents (:meth:`LedgerResult.raise_for_errors`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Invoice, Ledger, Party, PartyKind, Payment, Problem
from .debtors import party_key
from .invoices import InvoiceBuilder, check_credit_notes
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping
from .payments import apply_payments, read_payments
from .result import LedgerResult, SourceReport
from .sources import RawTable, ReadOptions, read_tables

__all__ = ["LedgerResult", "SourceReport", "party_key", "read_debtors_file", "read_spreadsheet"]


def read_spreadsheet(
    path: Path | str,
    *,
    debtors: Path | str | None = None,
    payments: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    default_currency: str | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    exhibits: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    """Read and check a ledger.

    Args:
        path: the invoices file (CSV, XLSX or JSON). An XLSX workbook may also hold
            debtors and payments sheets (named Clients/Débiteurs/Debtors/Customers and
            Règlements/Paiements/Payments); a JSON object may hold ``invoices``,
            ``debtors`` and ``payments`` lists.
        debtors: a separate debtors file, joined on the debtor's code (or name).
        payments: a separate payments file, keyed by invoice number.
        mapping: the user's column mapping.
        sheet: the invoices sheet of an XLSX workbook.
        default_currency, default_country: from the creditor profile, for ledgers that
            do not say.

    Returns:
        The ledger, every problem found (sorted by file and line), and what was read.
    """
    mapping = mapping or ColumnMapping()
    builder = InvoiceBuilder(
        mapping, default_currency, default_country, default_debtor_kind, exhibits
    )
    options = ReadOptions(
        encoding=mapping.encoding, delimiter=mapping.delimiter, sheet=sheet, limits=limits
    )
    raw_tables: dict[str, RawTable] = {}
    for file, kind in ((path, "invoices"), (debtors, "debtors"), (payments, "payments")):
        if file is None:
            continue
        file = Path(file)
        tables, problems = read_tables(
            file, kind, str(file), options if kind == "invoices" else replace(options, sheet=None)
        )
        builder.problems.extend(problems)
        builder.error_count += sum(p.is_error for p in problems)
        for table in tables:
            if table.kind in raw_tables:
                builder.warn(
                    table.label,
                    None,
                    f"{table.kind} already read from {raw_tables[table.kind].label}; ignored",
                )
                continue
            raw_tables[table.kind] = table
    prepared = {kind: builder.prepare(raw) for kind, raw in raw_tables.items()}
    ready = [t for t in prepared.values() if t is not None]
    hint = builder.decimal_hint(ready)
    debtor_map = None
    if prepared.get("debtors") is not None:
        debtor_map = builder.read_debtors(prepared["debtors"])  # type: ignore[arg-type]
    invoices: list[Invoice] = []
    parties: dict[str, Party] = {}
    if prepared.get("invoices") is not None:
        invoices, parties = builder.read_invoices(
            prepared["invoices"],
            debtor_map,
            hint,  # type: ignore[arg-type]
        )
    if debtor_map is not None:
        used = {inv.debtor_id for inv in invoices}
        parties = {k: p for k, p in debtor_map.items() if p.id in used}
    payment_list: list[Payment] = []
    if prepared.get("payments") is not None and invoices:
        payment_list = read_payments(
            builder,
            prepared["payments"],  # type: ignore[arg-type]
            {inv.number: inv for inv in invoices},
            hint,
        )
        invoices = apply_payments(
            builder,
            invoices,
            payment_list,
            paid_column=prepared["invoices"] is not None and prepared["invoices"].has("paid"),
        )
    check_credit_notes(builder, invoices)
    if "invoices" not in raw_tables and not any(p.is_error for p in builder.problems):
        builder.error(str(path), None, "holds no invoices table")
    ledger = Ledger(
        debtors=tuple(parties.values()),
        invoices=tuple(invoices),
        payments=tuple(payment_list),
    )
    problems = sorted(builder.problems, key=Problem.sort_key)
    return LedgerResult(ledger=ledger, problems=tuple(problems), sources=tuple(builder.sources))


def read_debtors_file(
    path: Path | str,
    *,
    mapping: ColumnMapping | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[dict[str, Party], list[Problem], list[SourceReport]]:
    """A debtors file on its own (for a FEC or e-invoices, which lack addresses and
    types): parties keyed by their folded code or name, problems, and what was read."""
    mapping = mapping or ColumnMapping()
    builder = InvoiceBuilder(mapping, None, default_country, default_debtor_kind)
    options = ReadOptions(encoding=mapping.encoding, delimiter=mapping.delimiter, limits=limits)
    tables, problems = read_tables(Path(path), "debtors", str(path), options)
    builder.problems.extend(problems)
    parties: dict[str, Party] = {}
    for table in tables[:1]:
        table.kind = "debtors"
        prepared = builder.prepare(table)
        if prepared is not None:
            parties = builder.read_debtors(prepared)
    return parties, builder.problems, builder.sources
