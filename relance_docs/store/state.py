"""What the store knows, derived from the events and the ledger snapshots: per invoice
(chased, closed, disputed), per debtor (promises, calls) and the chronology.

Nothing here writes. Every function takes ``as_of``: events after that day are ignored,
so a state is reproducible. Whether a promise was kept is judged by :mod:`.promises`;
finding a creditor or a debtor from what the user typed is :mod:`.lookup`'s (both
re-exported here).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .db import NotFound
from .events import (
    CALL_LOGGED,
    DISPUTE_CLOSED,
    DISPUTE_OPENED,
    INVOICE_CLOSED,
    INVOICE_IMPORTED,
    INVOICE_REOPENED,
    PAYMENT_RECORDED,
    PROMISE_MADE,
    Event,
    events_of,
)
from .importer import PAID
from .lookup import creditor_info, find_debtor, resolve_creditor
from .promises import (  # noqa: F401 - KEPT, SUPERSEDED: re-exported
    BROKEN,
    KEPT,
    PENDING,
    PROMISE_GRACE_DAYS,
    SUPERSEDED,
    Promise,
    _day,
    read_promises,
)

__all__ = [
    "PROMISE_GRACE_DAYS",
    "Call",
    "DebtorState",
    "Dispute",
    "InvoiceState",
    "Promise",
    "creditor_info",
    "debtor_state",
    "debtor_states",
    "find_debtor",
    "find_invoice",
    "history",
    "invoice_states",
    "open_disputes",
    "resolve_creditor",
]


def find_invoice(conn: sqlite3.Connection, creditor: str, number: str) -> InvoiceState:
    """The stored invoice with this number (case ignored) and its state today."""
    rows = conn.execute(
        "SELECT number FROM invoices WHERE creditor = ? AND number = ? COLLATE NOCASE",
        (creditor, number.strip()),
    ).fetchall()
    if not rows:
        raise NotFound(f"no invoice '{number}' in the store")
    exact = [r for r in rows if r["number"] == number.strip()] or rows
    return _invoice_states(conn, creditor, None, date.max, only=exact[0]["number"])[0]


# -- state -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dispute:
    invoice: str
    reason: str | None
    opened: date | None
    source: str
    """``ledger`` (the ledger's dispute column) or ``store`` (``relance dispute``)."""


@dataclass(frozen=True)
class InvoiceState:
    number: str
    debtor_id: str
    snapshot: dict
    closed: str | None
    """Why it is no longer chased (``paid``, ``no longer in the ledger``), or None."""
    dispute: Dispute | None

    @property
    def is_credit_note(self) -> bool:
        return self.snapshot.get("kind") == "credit_note"

    @property
    def outstanding(self) -> Decimal:
        return Decimal(self.snapshot["amount"]) - Decimal(self.snapshot.get("paid") or "0")

    @property
    def due_date(self) -> date:
        return date.fromisoformat(self.snapshot["due_date"])

    @property
    def chased(self) -> bool:
        """Open, not a credit note, not disputed: reminders may name it."""
        return self.closed is None and self.dispute is None and not self.is_credit_note


@dataclass(frozen=True)
class Call:
    at: datetime
    outcome: str
    note: str | None


@dataclass(frozen=True)
class DebtorState:
    creditor: str
    debtor_id: str
    name: str
    as_of: date
    invoices: tuple[InvoiceState, ...]
    promises: tuple[Promise, ...]
    calls: tuple[Call, ...]

    @property
    def chased(self) -> tuple[InvoiceState, ...]:
        return tuple(i for i in self.invoices if i.chased)

    @property
    def disputed(self) -> tuple[InvoiceState, ...]:
        return tuple(i for i in self.invoices if i.dispute and i.closed is None)

    @property
    def promise(self) -> Promise | None:
        """The latest promise, whatever its status."""
        return self.promises[-1] if self.promises else None

    @property
    def paused_until(self) -> date | None:
        """While the latest promise is pending: the last day reminders stay paused
        (promised date + grace); after it they resume at the step they had reached."""
        p = self.promise
        return p.resume_on if p and p.status == PENDING else None

    @property
    def broken_promises(self) -> tuple[Promise, ...]:
        return tuple(p for p in self.promises if p.status == BROKEN)


def _until(events: list[Event], as_of: date) -> list[Event]:
    return [e for e in events if _day(e.at) <= as_of]


_INVOICE_KINDS = (
    INVOICE_IMPORTED, INVOICE_REOPENED, INVOICE_CLOSED, DISPUTE_OPENED, DISPUTE_CLOSED
)  # fmt: skip
_DEBTOR_KINDS = (CALL_LOGGED, PAYMENT_RECORDED, PROMISE_MADE)


def _invoice_status(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    *,
    debtor_id: str | None = None,
    only: str | None = None,
) -> tuple[dict[str, str | None], dict[str, Dispute | None]]:
    """Per invoice number, from the events up to ``as_of``: why it was closed (None: chased)
    and the dispute opened in the store (None: none, or closed). Only the events of the
    debtor's invoices (or of ``only``) are read; the data of an event is decoded only
    where it is used."""
    sql = (
        "SELECT invoice, kind, at, CASE WHEN kind IN (?, ?) THEN data END AS data "
        "FROM events WHERE creditor = ? AND kind IN (?, ?, ?, ?, ?)"
    )
    args: list = [INVOICE_CLOSED, DISPUTE_OPENED, creditor, *_INVOICE_KINDS]
    if only is not None:
        sql += " AND invoice = ?"
        args.append(only)
    elif debtor_id is not None:
        sql += " AND invoice IN (SELECT number FROM invoices WHERE creditor = ? AND debtor_id = ?)"
        args.extend((creditor, debtor_id))
    last_day = as_of.isoformat()
    closed: dict[str, str | None] = {}
    disputes: dict[str, Dispute | None] = {}
    for invoice, kind, at, data in conn.execute(sql + " ORDER BY id", args):
        if at[:10] > last_day:  # _day(at) > as_of: ``at`` is an ISO datetime
            continue
        if kind == INVOICE_CLOSED:
            closed[invoice] = json.loads(data).get("reason") or PAID
        elif kind == DISPUTE_OPENED:
            reason = json.loads(data).get("reason")
            disputes[invoice] = Dispute(invoice, reason, date.fromisoformat(at[:10]), "store")
        elif kind == DISPUTE_CLOSED:
            disputes[invoice] = None
        else:  # imported, reopened
            closed[invoice] = None
    return closed, disputes


def _invoice_state(
    row: sqlite3.Row, closed: dict[str, str | None], disputes: dict[str, Dispute | None]
) -> InvoiceState:
    snap = json.loads(row["data"])
    number = row["number"]
    dispute = disputes.get(number)
    if dispute is None and snap.get("disputed"):
        dispute = Dispute(number, snap.get("dispute_reason"), None, "ledger")
    return InvoiceState(number, row["debtor_id"], snap, closed.get(number), dispute)


def _by_issue(invoices: list[InvoiceState]) -> list[InvoiceState]:
    invoices.sort(key=lambda i: (i.snapshot["issue_date"], i.number))
    return invoices


def _invoice_states(
    conn: sqlite3.Connection,
    creditor: str,
    debtor_id: str | None,
    as_of: date,
    only: str | None = None,
) -> list[InvoiceState]:
    sql, args = "SELECT number, debtor_id, data FROM invoices WHERE creditor = ?", [creditor]
    if debtor_id is not None:
        sql += " AND debtor_id = ?"
        args.append(debtor_id)
    if only is not None:
        sql += " AND number = ?"
        args.append(only)
    rows = conn.execute(sql, args).fetchall()
    closed, disputes = _invoice_status(conn, creditor, as_of, debtor_id=debtor_id, only=only)
    return _by_issue([_invoice_state(row, closed, disputes) for row in rows])


def invoice_states(conn: sqlite3.Connection, creditor: str, as_of: date) -> list[InvoiceState]:
    """Every invoice of the creditor as of ``as_of`` (closed or not, disputed or not), by
    issue date then number."""
    return _invoice_states(conn, creditor, None, as_of)


def open_disputes(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    invoices: list[InvoiceState] | None = None,
) -> dict[str, Dispute]:
    """The disputed invoices still chased otherwise (the ledger's and the store's).

    ``invoices``: :func:`invoice_states` for the same ``as_of``, if already computed."""
    if invoices is None:
        invoices = invoice_states(conn, creditor, as_of)
    return {i.number: i.dispute for i in invoices if i.dispute and i.closed is None}


def debtor_state(
    conn: sqlite3.Connection, creditor: str, debtor_id: str, as_of: date
) -> DebtorState:
    """One debtor's invoices, promises and calls as of ``as_of``."""
    row = conn.execute(
        "SELECT name FROM debtors WHERE creditor = ? AND id = ?", (creditor, debtor_id)
    ).fetchone()
    if row is None:
        raise NotFound(f"no debtor '{debtor_id}' in the store")
    events = _until(
        events_of(conn, creditor, debtor_id=debtor_id, kinds=set(_DEBTOR_KINDS)), as_of
    )
    return _debtor_state(
        creditor, debtor_id, row["name"], as_of, _invoice_states(conn, creditor, debtor_id, as_of),
        events,
    )  # fmt: skip


def debtor_states(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    invoices: list[InvoiceState] | None = None,
) -> dict[str, DebtorState]:
    """:func:`debtor_state` of every debtor of the creditor, by id, in one pass over the
    invoices and the events (the same states, without queries per debtor).

    ``invoices``: :func:`invoice_states` for the same ``as_of``, if already computed."""
    names = {
        r["id"]: r["name"]
        for r in conn.execute("SELECT id, name FROM debtors WHERE creditor = ?", (creditor,))
    }
    if invoices is None:
        invoices = invoice_states(conn, creditor, as_of)
    by_debtor: dict[str, list[InvoiceState]] = {}
    for invoice in invoices:
        by_debtor.setdefault(invoice.debtor_id, []).append(invoice)
    last_day = as_of.isoformat()
    rows: dict[str, list[sqlite3.Row]] = {}
    for row in conn.execute(
        "SELECT * FROM events WHERE creditor = ? AND kind IN (?, ?, ?) ORDER BY id",
        (creditor, *_DEBTOR_KINDS),
    ):
        if row["debtor_id"] is not None and row["at"][:10] <= last_day:
            rows.setdefault(row["debtor_id"], []).append(row)
    out = {}
    for debtor_id, name in names.items():
        mine = rows.get(debtor_id, [])
        # Without a promise, only the calls are used: decode just those.
        if not any(r["kind"] == PROMISE_MADE for r in mine):
            mine = [r for r in mine if r["kind"] == CALL_LOGGED]
        out[debtor_id] = _debtor_state(
            creditor, debtor_id, name, as_of, _by_issue(by_debtor.get(debtor_id, [])),
            [Event.from_row(r) for r in mine],
        )  # fmt: skip
    return out


def _debtor_state(
    creditor: str,
    debtor_id: str,
    name: str,
    as_of: date,
    invoices: list[InvoiceState],
    events: list[Event],
) -> DebtorState:
    calls = tuple(
        Call(e.at, e.data.get("outcome", ""), e.data.get("note"))
        for e in events
        if e.kind == CALL_LOGGED
    )
    return DebtorState(
        creditor=creditor,
        debtor_id=debtor_id,
        name=name,
        as_of=as_of,
        invoices=tuple(invoices),
        promises=tuple(read_promises(events, as_of)),
        calls=calls,
    )


from .chronology import history  # noqa: E402 - re-exported: the dossier's chronology
