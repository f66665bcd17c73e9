"""What happens between runs: disputes, promises, calls and the call-recap letter.

Each function checks what the store allows, records one event in one transaction and
returns what the face shows; nothing here prints.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from ..law.claims import debtor_claims
from ..model import CreditorProfile
from ..money import to_money
from ..store.db import StoreError, transaction
from ..store.events import (
    CALL_LOGGED,
    DISPUTE_CLOSED,
    DISPUTE_OPENED,
    PROMISE_MADE,
    REMINDER_GENERATED,
    file_sha256,
    record,
    rules_version,
)
from ..store.state import (
    InvoiceState,
    Promise,
    debtor_state,
    find_debtor,
    find_invoice,
)
from .history import CALL_RECAP, history_for
from .ledger import ledger_from_store

__all__ = ["PromiseResult", "call_recap", "close_dispute", "event_time", "log_call",
           "make_promise", "open_dispute"]  # fmt: skip


def event_time(day: date, now: datetime) -> datetime:
    """When an interaction is recorded: ``now`` when it happens today, else noon of
    ``day`` (local time), for a call or a promise entered after the fact. The face passes
    the clock: the library reads none.

    >>> from datetime import timezone
    >>> now = datetime(2026, 11, 16, 9, 30, tzinfo=timezone.utc)
    >>> event_time(date(2026, 11, 16), now) == now, event_time(date(2026, 11, 10), now).hour
    (True, 12)
    """
    if day == now.date():
        return now
    return datetime.combine(day, time(12, 0)).astimezone()


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _event(conn, kind: str, key: str, at: datetime, **kw) -> None:
    with transaction(conn):
        record(conn, kind, creditor=key, at=at, rules_version=rules_version(), **kw)


def open_dispute(
    conn: sqlite3.Connection, key: str, invoice: str, reason: str, at: datetime
) -> tuple[InvoiceState, str]:
    """Open a dispute on ``invoice``: the invoice and its debtor's name."""
    inv = find_invoice(conn, key, invoice)
    name = find_debtor(conn, key, inv.debtor_id)[1]
    if inv.dispute is not None:
        since = f" since {_day(inv.dispute.opened)}" if inv.dispute.opened else " in the ledger"
        raise StoreError(f"{inv.number} is already disputed{since}")
    if inv.closed is not None:
        raise StoreError(f"{inv.number} is no longer chased ({inv.closed})")
    _event(conn, DISPUTE_OPENED, key, at, debtor_id=inv.debtor_id, invoice=inv.number,
           data={"reason": reason})  # fmt: skip
    return inv, name


def close_dispute(
    conn: sqlite3.Connection, key: str, invoice: str, note: str | None, at: datetime
) -> tuple[InvoiceState, str]:
    """Close the dispute opened on ``invoice`` with ``relance dispute``."""
    inv = find_invoice(conn, key, invoice)
    name = find_debtor(conn, key, inv.debtor_id)[1]
    if inv.dispute is None:
        raise StoreError(f"{inv.number} is not disputed")
    if inv.dispute.source == "ledger":
        raise StoreError(
            f"{inv.number} is marked disputed in the ledger: clear it there and run "
            "'relance import' again"
        )
    _event(conn, DISPUTE_CLOSED, key, at, debtor_id=inv.debtor_id, invoice=inv.number,
           data={"note": note})  # fmt: skip
    return inv, name


@dataclass(frozen=True)
class PromiseResult:
    debtor_id: str
    name: str
    amount: Decimal
    currency: str | None
    promised: date
    resume_on: date
    replaces: Promise | None  # the pending promise it replaces
    broken: tuple[Promise, ...]  # earlier promises broken


def make_promise(
    conn: sqlite3.Connection,
    key: str,
    debtor_key: str,
    amount: Decimal,
    currency: str | None,
    promised: date,
    at: datetime,
) -> PromiseResult:
    """Record a promise to pay ``amount`` by ``promised``."""
    if promised < at.date():
        raise StoreError(
            f"the promised date {_day(promised)} is before the day of the promise "
            f"({_day(at.date())})"
        )
    debtor_id, name = find_debtor(conn, key, debtor_key)
    before = debtor_state(conn, key, debtor_id, at.date())
    if currency is None:
        currencies = {i.snapshot["currency"] for i in before.chased}
        currency = currencies.pop() if len(currencies) == 1 else None
    _event(conn, PROMISE_MADE, key, at, debtor_id=debtor_id,
           data={"amount": to_money(amount), "date": promised.isoformat(),
                 "currency": currency})  # fmt: skip
    after = debtor_state(conn, key, debtor_id, at.date())
    pending = before.promise if before.promise and before.promise.status == "pending" else None
    return PromiseResult(
        debtor_id, name, amount, currency, promised, after.promise.resume_on, pending,
        before.broken_promises,
    )  # fmt: skip


def log_call(
    conn: sqlite3.Connection,
    key: str,
    debtor_key: str,
    outcome: str,
    note: str | None,
    at: datetime,
) -> tuple[str, str]:
    """Record a phone call; the debtor's id and name."""
    debtor_id, name = find_debtor(conn, key, debtor_key)
    _event(conn, CALL_LOGGED, key, at, debtor_id=debtor_id,
           data={"outcome": outcome, "note": note})  # fmt: skip
    return debtor_id, name


def call_recap(
    conn: sqlite3.Connection,
    key: str,
    profile: CreditorProfile,
    debtor_id: str,
    day: date,
    details: dict,
    folder: Path,
    at: datetime,
) -> Path:
    """Write the call-recap letter into ``folder`` and record it (its sha256) in the
    debtor's history, so that later documents may mention it."""
    from ..render.batch import file_stem
    from ..render.context import DocumentRequest, letter_language
    from ..render.documents import render_document

    ledger = ledger_from_store(conn, key, day)
    claims = [c for c in debtor_claims(ledger, profile, day) if c.debtor.id == debtor_id]
    if not claims or not claims[0].invoices:
        raise StoreError(f"nothing overdue for {debtor_id} on {day.isoformat()}: no recap")
    request = DocumentRequest(
        CALL_RECAP, claims[0], profile, day, letter_language(claims[0].debtor, profile),
        call=details, history=history_for(conn, key, debtor_id, day),
    )  # fmt: skip
    pdf = render_document(request).files["pdf"]
    path = folder / f"{file_stem(request)}-{day.isoformat()}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    tmp.write_bytes(pdf)
    os.replace(tmp, path)
    _event(conn, REMINDER_GENERATED, key, at, debtor_id=debtor_id,
           data={"template": CALL_RECAP, "step": None, "channel": "letter",
                 "invoices": [i.invoice.number for i in claims[0].invoices],
                 "total": to_money(details["amount"]) if details.get("amount") else None},
           document=path, sha256=file_sha256(path))  # fmt: skip
    return path
