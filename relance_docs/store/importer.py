"""Load or refresh a creditor's ledger into the store, idempotently.

Invoices are keyed by (creditor key, invoice number). What the ledger says is kept as a
snapshot per debtor and per invoice, and every difference with the last import is an
event: ``invoice_imported``, ``invoice_changed``, ``payment_recorded``, ``debtor_changed``,
and ``invoice_closed`` when an invoice stops being chased (``paid``, or ``no longer in
the ledger``) or ``invoice_reopened`` when it comes back. Importing the same ledger again
records nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..model import CreditorProfile, Invoice, Ledger, Party
from ..money import ZERO, to_money
from .db import NotFound, StoreError, transaction
from .events import (
    DEBTOR_CHANGED,
    INVOICE_CHANGED,
    INVOICE_CLOSED,
    INVOICE_IMPORTED,
    INVOICE_REOPENED,
    PAYMENT_RECORDED,
    record,
    rules_version,
)

__all__ = [
    "BACK_IN_LEDGER",
    "NOT_IN_LEDGER",
    "NO_LONGER_PAID",
    "PAID",
    "ImportReport",
    "creditor_key",
    "ensure_creditor",
    "import_ledger",
    "invoice_snapshot",
    "lifecycle",
]

PAID = "paid"
NOT_IN_LEDGER = "no longer in the ledger"
BACK_IN_LEDGER = "back in the ledger"
NO_LONGER_PAID = "no longer fully paid"

# Where a row was read is kept with the snapshot but is not a change: a row that moves
# down the file because others were added above is the same invoice.
_NOT_COMPARED = frozenset({"source"})


@dataclass(frozen=True)
class ImportReport:
    """Invoice numbers by what the import did to them.

    An invoice first seen already paid is both ``new`` and ``stopped``; ``stopped`` pairs
    each invoice no longer chased with the reason.
    """

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    stopped: tuple[tuple[str, str], ...] = ()
    reopened: tuple[tuple[str, str], ...] = ()
    payments: int = 0
    debtors_changed: tuple[str, ...] = ()
    events: int = 0

    @property
    def nothing_changed(self) -> bool:
        return self.events == 0


def creditor_key(profile: CreditorProfile) -> str:
    """The store's key for a creditor: its registration number, else its name."""
    return (profile.registration_number or profile.name).strip()


def ensure_creditor(conn: sqlite3.Connection, profile: CreditorProfile, at: datetime) -> str:
    """The creditor's key, adding the creditor to the store the first time."""
    key = creditor_key(profile)
    conn.execute(
        "INSERT OR IGNORE INTO creditors (key, name, language, currency, country, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            key,
            profile.name,
            profile.language,
            profile.currency,
            profile.country,
            at.isoformat(timespec="seconds"),
        ),
    )
    return key


def _money(value: Decimal | None) -> str | None:
    return None if value is None else to_money(value)


def invoice_snapshot(inv: Invoice) -> dict:
    """What the store keeps of an invoice (strings, comparable from one import to the
    next)."""
    return {
        "number": inv.number,
        "debtor_id": inv.debtor_id,
        "kind": str(inv.kind),
        "issue_date": inv.issue_date.isoformat(),
        "due_date": inv.due_date.isoformat(),
        "amount": _money(inv.amount),
        "amount_excl_tax": _money(inv.amount_excl_tax),
        "paid": _money(inv.paid),
        "currency": inv.currency,
        "disputed": inv.disputed,
        "dispute_reason": inv.dispute_reason,
        "description": inv.description,
        "applies_to": inv.applies_to,
        "pdf_path": inv.pdf_path.resolve().as_posix() if inv.pdf_path else None,
        "source": f"{inv.source_file}:{inv.source_line}" if inv.source_file else None,
    }


def debtor_snapshot(party: Party) -> dict:
    return {
        "id": party.id,
        "name": party.name,
        "kind": str(party.kind) if party.kind else None,
        "registration_number": party.registration_number,
        "vat_number": party.vat_number,
        "address_lines": list(party.address_lines),
        "postcode": party.postcode,
        "city": party.city,
        "country": party.country,
        "subdivision": party.subdivision,
        "email": party.email,
        "phone": party.phone,
        "language": party.language,
        "contact": party.contact,
        "source": f"{party.source_file}:{party.source_line}" if party.source_file else None,
    }


def _changes(old: dict, new: dict) -> dict[str, list]:
    keys = (set(old) | set(new)) - _NOT_COMPARED
    return {k: [old.get(k), new.get(k)] for k in sorted(keys) if old.get(k) != new.get(k)}


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def lifecycle(conn: sqlite3.Connection, creditor: str) -> dict[str, str | None]:
    """Per invoice number: None while it is chased, else the reason it was closed (the
    last of its ``invoice_imported`` / ``invoice_reopened`` / ``invoice_closed``)."""
    status: dict[str, str | None] = {}
    rows = conn.execute(
        "SELECT invoice, kind, data FROM events WHERE creditor = ? AND kind IN (?, ?, ?) "
        "ORDER BY id",
        (creditor, INVOICE_IMPORTED, INVOICE_REOPENED, INVOICE_CLOSED),
    )
    for row in rows:
        if row["kind"] == INVOICE_CLOSED:
            status[row["invoice"]] = json.loads(row["data"]).get("reason") or PAID
        else:
            status[row["invoice"]] = None
    return status


@dataclass
class _Run:
    conn: sqlite3.Connection
    creditor: str
    at: datetime
    version: str
    events: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    stopped: list[tuple[str, str]] = field(default_factory=list)
    reopened: list[tuple[str, str]] = field(default_factory=list)
    payments: int = 0
    debtors_changed: list[str] = field(default_factory=list)

    def event(self, kind: str, **kw) -> None:
        record(
            self.conn, kind, creditor=self.creditor, at=self.at, rules_version=self.version, **kw
        )
        self.events += 1

    def report(self) -> ImportReport:
        return ImportReport(
            new=tuple(self.new),
            changed=tuple(self.changed),
            unchanged=tuple(self.unchanged),
            stopped=tuple(self.stopped),
            reopened=tuple(self.reopened),
            payments=self.payments,
            debtors_changed=tuple(self.debtors_changed),
            events=self.events,
        )


def import_ledger(
    conn: sqlite3.Connection,
    ledger: Ledger,
    creditor: CreditorProfile | str,
    at: datetime,
) -> ImportReport:
    """Bring the store in line with ``ledger`` for ``creditor`` (a profile, or the key of
    a creditor already in the store), recording an event for every difference; all of it
    or nothing.

    The ledger must be free of errors (``LedgerResult.raise_for_errors()``).
    """
    with transaction(conn):
        if isinstance(creditor, CreditorProfile):
            key = ensure_creditor(conn, creditor, at)
        else:
            key = creditor
            if not conn.execute("SELECT 1 FROM creditors WHERE key = ?", (key,)).fetchone():
                raise NotFound(f"no creditor '{key}' in the store")
        run = _Run(conn, key, at, rules_version())
        _import_debtors(run, ledger)
        _import_invoices(run, ledger)
    return run.report()


def _import_debtors(run: _Run, ledger: Ledger) -> None:
    stored = {
        r["id"]: json.loads(r["data"])
        for r in run.conn.execute(
            "SELECT id, data FROM debtors WHERE creditor = ?", (run.creditor,)
        )
    }
    for party in ledger.debtors:
        snap = debtor_snapshot(party)
        old = stored.get(party.id)
        if old is None:
            run.conn.execute(
                "INSERT INTO debtors (creditor, id, name, data) VALUES (?, ?, ?, ?)",
                (run.creditor, party.id, party.name, _dumps(snap)),
            )
            continue
        changes = _changes(old, snap)
        if changes:
            run.conn.execute(
                "UPDATE debtors SET name = ?, data = ? WHERE creditor = ? AND id = ?",
                (party.name, _dumps(snap), run.creditor, party.id),
            )
            run.event(DEBTOR_CHANGED, debtor_id=party.id, data={"changes": changes})
            run.debtors_changed.append(party.id)


def _import_invoices(run: _Run, ledger: Ledger) -> None:
    conn = run.conn
    known_debtors = {party.id for party in ledger.debtors}
    stored = {
        r["number"]: json.loads(r["data"])
        for r in conn.execute(
            "SELECT number, data FROM invoices WHERE creditor = ?", (run.creditor,)
        )
    }
    status = lifecycle(conn, run.creditor)
    payments_by_invoice: dict[str, list] = {}
    for p in ledger.payments:
        payments_by_invoice.setdefault(p.invoice_number, []).append(p)
    seen: set[str] = set()
    for inv in ledger.invoices:
        if inv.number in seen:  # intake reports duplicates as errors; never twice here
            raise StoreError(f"invoice {inv.number} appears twice in the ledger")
        seen.add(inv.number)
        if inv.debtor_id not in known_debtors:
            raise StoreError(f"invoice {inv.number}: debtor {inv.debtor_id} is not in the ledger")
        snap = invoice_snapshot(inv)
        before = run.events
        old = stored.get(inv.number)
        if old is None:
            conn.execute(
                "INSERT INTO invoices (creditor, number, debtor_id, data) VALUES (?, ?, ?, ?)",
                (run.creditor, inv.number, inv.debtor_id, _dumps(snap)),
            )
            run.event(INVOICE_IMPORTED, debtor_id=inv.debtor_id, invoice=inv.number, data=snap)
            old_paid = ZERO
            current: str | None = None
        else:
            changes = _changes(old, snap)
            if changes:
                conn.execute(
                    "UPDATE invoices SET debtor_id = ?, data = ? "
                    "WHERE creditor = ? AND number = ?",
                    (inv.debtor_id, _dumps(snap), run.creditor, inv.number),
                )
                run.event(
                    INVOICE_CHANGED,
                    debtor_id=inv.debtor_id,
                    invoice=inv.number,
                    data={"changes": changes},
                )
            old_paid = Decimal(old.get("paid") or "0")
            current = status.get(inv.number)
        _payments(run, inv, payments_by_invoice.get(inv.number, []), old_paid)
        _status(run, inv, current)
        if old is None:
            run.new.append(inv.number)
        elif run.events > before:
            run.changed.append(inv.number)
        else:
            run.unchanged.append(inv.number)
    for number, snap in stored.items():
        if number not in seen and status.get(number) is None:
            run.event(
                INVOICE_CLOSED,
                debtor_id=snap["debtor_id"],
                invoice=number,
                data={"reason": NOT_IN_LEDGER},
            )
            run.stopped.append((number, NOT_IN_LEDGER))


def _payments(run: _Run, inv: Invoice, payments: list, old_paid: Decimal) -> None:
    """A ``payment_recorded`` event per payment row not seen before, and one for what
    the paid column gained beyond them (its date unknown)."""
    conn = run.conn
    counts: dict[tuple, int] = {}
    new_total = ZERO
    for p in payments:
        ident = (p.date.isoformat(), to_money(p.amount), p.reference or "")
        counts[ident] = counts.get(ident, 0) + 1
        row = (run.creditor, inv.number, *ident, counts[ident])
        exists = conn.execute(
            "SELECT 1 FROM payments WHERE creditor = ? AND invoice_number = ? AND date = ? "
            "AND amount = ? AND reference = ? AND occurrence = ?",
            row,
        ).fetchone()
        if exists:
            continue
        conn.execute(
            "INSERT INTO payments (creditor, invoice_number, date, amount, reference, "
            "occurrence) VALUES (?, ?, ?, ?, ?, ?)",
            row,
        )
        new_total += p.amount
        run.event(
            PAYMENT_RECORDED,
            debtor_id=inv.debtor_id,
            invoice=inv.number,
            data={
                "amount": to_money(p.amount),
                "date": p.date.isoformat(),
                "reference": p.reference,
                "source": f"{p.source_file}:{p.source_line}" if p.source_file else None,
            },
        )
        run.payments += 1
    if inv.is_credit_note:
        return
    unexplained = inv.paid - old_paid - new_total
    if unexplained > ZERO:
        run.event(
            PAYMENT_RECORDED,
            debtor_id=inv.debtor_id,
            invoice=inv.number,
            data={
                "amount": to_money(unexplained),
                "date": None,
                "reference": None,
                "source": "paid column of the ledger",
            },
        )
        run.payments += 1


def _status(run: _Run, inv: Invoice, current: str | None) -> None:
    """Close an invoice fully paid, reopen one that is back or no longer paid."""
    wanted = PAID if not inv.is_credit_note and inv.outstanding <= ZERO else None
    if wanted == current:
        return
    if wanted is None:
        reason = BACK_IN_LEDGER if current == NOT_IN_LEDGER else NO_LONGER_PAID
        run.event(
            INVOICE_REOPENED,
            debtor_id=inv.debtor_id,
            invoice=inv.number,
            data={"reason": reason},
        )
        run.reopened.append((inv.number, reason))
        return
    run.event(INVOICE_CLOSED, debtor_id=inv.debtor_id, invoice=inv.number, data={"reason": PAID})
    run.stopped.append((inv.number, PAID))
