"""The ledger as the store holds it: what ``relance import`` saw last, with the disputes
opened by ``relance dispute``."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..model import DocumentKind, Invoice, Ledger, Party, PartyKind, Payment
from ..store.importer import NOT_IN_LEDGER, lifecycle
from ..store.state import InvoiceState, invoice_states, open_disputes

__all__ = ["debtor_source", "ledger_from_store", "party_of"]


def party_of(d: dict) -> Party:
    """A debtor snapshot of the store as a :class:`Party`."""
    file, _, line = (d.get("source") or "").rpartition(":")
    return Party(
        id=d["id"],
        name=d["name"],
        kind=PartyKind(d["kind"]) if d.get("kind") else None,
        registration_number=d.get("registration_number"),
        vat_number=d.get("vat_number"),
        address_lines=tuple(d.get("address_lines") or ()),
        postcode=d.get("postcode"),
        city=d.get("city"),
        country=d.get("country"),
        subdivision=d.get("subdivision"),
        email=d.get("email"),
        phone=d.get("phone"),
        language=d.get("language"),
        contact=d.get("contact"),
        source_file=file or None,
        source_line=int(line) if line.isdigit() else None,
    )


def ledger_from_store(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    invoices: list[InvoiceState] | None = None,
) -> Ledger:
    """The ledger as last imported: chased invoices and credit notes, with the disputes
    opened by ``relance dispute``.

    ``invoices``: ``invoice_states(conn, creditor, as_of)``, if already computed."""
    if invoices is None:
        invoices = invoice_states(conn, creditor, as_of)
    disputes = open_disputes(conn, creditor, as_of, invoices)
    debtors = [
        party_of(json.loads(row["data"]))
        for row in conn.execute(
            "SELECT data FROM debtors WHERE creditor = ? ORDER BY id", (creditor,)
        )
    ]
    closed = lifecycle(conn, creditor)
    chased = []
    # The snapshots already decoded, in the order of the invoice numbers (as ORDER BY
    # number: code point order).
    for state in sorted(invoices, key=lambda i: i.number):
        s = state.snapshot
        if closed.get(state.number) == NOT_IN_LEDGER:
            continue
        dispute = disputes.get(state.number)
        file, _, line = (s.get("source") or "").rpartition(":")
        chased.append(
            Invoice(
                number=s["number"],
                debtor_id=s["debtor_id"],
                issue_date=date.fromisoformat(s["issue_date"]),
                due_date=date.fromisoformat(s["due_date"]),
                amount=Decimal(s["amount"]),
                currency=s["currency"],
                paid=Decimal(s.get("paid") or "0"),
                disputed=bool(s.get("disputed")) or dispute is not None,
                dispute_reason=(dispute.reason if dispute else None) or s.get("dispute_reason"),
                pdf_path=Path(s["pdf_path"]) if s.get("pdf_path") else None,
                description=s.get("description"),
                kind=DocumentKind(s.get("kind") or "invoice"),
                applies_to=s.get("applies_to"),
                source_file=file or None,
                source_line=int(line) if line.isdigit() else None,
            )
        )
    payments = [
        Payment(date.fromisoformat(r["date"]), Decimal(r["amount"]), r["invoice_number"])
        for r in conn.execute(
            "SELECT invoice_number, date, amount FROM payments WHERE creditor = ?", (creditor,)
        )
    ]
    return Ledger(tuple(debtors), tuple(chased), tuple(payments))


def debtor_source(ledger: Ledger, debtor: Party) -> str | None:
    """Where the debtor was read (``file:line``): its own row, else its first invoice's."""
    if debtor.source_file:
        return f"{debtor.source_file}:{debtor.source_line}"
    for inv in ledger.invoices:
        if inv.debtor_id == debtor.id and inv.source_file:
            return f"{inv.source_file}:{inv.source_line}"
    return None
