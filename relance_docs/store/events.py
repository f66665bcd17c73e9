"""The append-only event log: what happened to a claim, when, with which document and
which version of the rules data.

Events are never updated or deleted (SQLite triggers refuse it); a correction is a new
event. Every state the store reports (:mod:`relance_docs.store.state`) is derived from
them and from the ledger snapshots.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import rules_dir
from .db import StoreError

__all__ = [
    "CALL_LOGGED",
    "CALL_OUTCOMES",
    "DEBTOR_CHANGED",
    "DISPUTE_CLOSED",
    "DISPUTE_OPENED",
    "DOCUMENT_KINDS",
    "ESCALATION",
    "FORMAL_NOTICE",
    "INVOICE_CHANGED",
    "INVOICE_CLOSED",
    "INVOICE_IMPORTED",
    "INVOICE_REOPENED",
    "KINDS",
    "PAYMENT_RECORDED",
    "PROMISE_MADE",
    "REMINDER_GENERATED",
    "REMINDER_SENT",
    "RUN_FINISHED",
    "RUN_STARTED",
    "Event",
    "events_of",
    "file_sha256",
    "record",
    "rules_version",
]

# Ledger intake (relance import)
INVOICE_IMPORTED = "invoice_imported"
"""First seen in the ledger; ``data``: the invoice snapshot."""
INVOICE_CHANGED = "invoice_changed"
"""A value changed in the ledger; ``data``: ``{"changes": {field: [old, new]}}``."""
INVOICE_CLOSED = "invoice_closed"
"""No longer chased; ``data``: ``{"reason": "paid" | "no longer in the ledger"}``."""
INVOICE_REOPENED = "invoice_reopened"
"""Chased again (back in the ledger, or no longer fully paid); ``data``: ``{"reason"}``."""
DEBTOR_CHANGED = "debtor_changed"
"""The debtor's details changed in the ledger; ``data``: ``{"changes": {...}}``."""
PAYMENT_RECORDED = "payment_recorded"
"""Money received; ``data``: ``{"amount", "date" (None if unknown), "reference", "source"}``."""

# Dunning
REMINDER_GENERATED = "reminder_generated"
"""A letter was produced; ``data``: ``{"template", ...}``, with its document and sha256."""
REMINDER_SENT = "reminder_sent"
"""A letter went out (post, email); ``data``: ``{"template", "channel", ...}``."""
FORMAL_NOTICE = "formal_notice"
"""The formal notice (mise en demeure, letter before action) was sent."""
ESCALATION = "escalation"
"""Handed on: court packet, lawyer's dossier; ``data``: ``{"procedure", ...}``."""

# Interactions and holds
CALL_LOGGED = "call_logged"
"""``data``: ``{"outcome": one of CALL_OUTCOMES, "note"}``."""
PROMISE_MADE = "promise_made"
"""``data``: ``{"amount", "date" (ISO), "currency"}``."""
DISPUTE_OPENED = "dispute_opened"
"""On one invoice; ``data``: ``{"reason"}``."""
DISPUTE_CLOSED = "dispute_closed"
"""On one invoice; ``data``: ``{"note"}`` (optional)."""

# The day's run (relance run): its intent, then its outcome
RUN_STARTED = "run_started"
"""A run is about to write its documents; ``data``: ``{"run", "folder", "as_of", "seen",
"decisions": [...]}`` (``seen``: the last event id the decisions saw). No debtor."""
RUN_FINISHED = "run_finished"
"""How a run ended; ``data``: ``{"run", "outcome": "recorded" | "adopted" | "set_aside" |
"abandoned", "reason", "skipped"}``. No debtor."""

KINDS = frozenset(
    {
        RUN_STARTED,
        RUN_FINISHED,
        INVOICE_IMPORTED,
        INVOICE_CHANGED,
        INVOICE_CLOSED,
        INVOICE_REOPENED,
        DEBTOR_CHANGED,
        PAYMENT_RECORDED,
        REMINDER_GENERATED,
        REMINDER_SENT,
        FORMAL_NOTICE,
        ESCALATION,
        CALL_LOGGED,
        PROMISE_MADE,
        DISPUTE_OPENED,
        DISPUTE_CLOSED,
    }
)
DOCUMENT_KINDS = frozenset({REMINDER_GENERATED, REMINDER_SENT, FORMAL_NOTICE, ESCALATION})
CALL_OUTCOMES = ("reached", "voicemail", "wrong-number", "promise", "dispute")


@cache
def rules_version() -> str:
    """A short sha256 over every file under ``rules/`` (names and contents): which
    version of the law-as-data a document was produced with."""
    root = rules_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    return str(value)  # Decimal, enums: as written


def record(
    conn: sqlite3.Connection,
    kind: str,
    *,
    creditor: str,
    debtor_id: str | None = None,
    invoice: str | None = None,
    at: datetime,
    data: dict | None = None,
    document: Path | None = None,
    sha256: str | None = None,
    rules_version: str,
) -> int:
    """Append one event and return its id.

    ``at`` is when it happened (an argument: never a hidden clock); the time it was
    written is kept as well. With a ``document`` and no ``sha256``, the file's sha256 is
    computed. Call it inside :func:`relance_docs.store.db.transaction` to group events.
    """
    if kind not in KINDS:
        raise StoreError(f"unknown event kind '{kind}'")
    if not isinstance(at, datetime):
        raise StoreError(f"an event's time must be a datetime, not {at!r}")
    if document is not None and sha256 is None and Path(document).is_file():
        sha256 = file_sha256(Path(document))
    cursor = conn.execute(
        "INSERT INTO events (at, recorded_at, kind, creditor, debtor_id, invoice, data, "
        "document, sha256, rules_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at.isoformat(timespec="seconds"),
            datetime.now(UTC).isoformat(timespec="seconds"),
            kind,
            creditor,
            debtor_id,
            invoice,
            json.dumps(data or {}, ensure_ascii=False, sort_keys=True, default=_default),
            Path(document).as_posix() if document is not None else None,
            sha256,
            rules_version,
        ),
    )
    return int(cursor.lastrowid or 0)


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    kind: str
    creditor: str
    debtor_id: str | None
    invoice: str | None
    data: dict
    document: str | None
    sha256: str | None
    rules_version: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Event:
        return cls(
            id=row["id"],
            at=datetime.fromisoformat(row["at"]),
            kind=row["kind"],
            creditor=row["creditor"],
            debtor_id=row["debtor_id"],
            invoice=row["invoice"],
            data=json.loads(row["data"]),
            document=row["document"],
            sha256=row["sha256"],
            rules_version=row["rules_version"],
        )


def events_of(
    conn: sqlite3.Connection,
    creditor: str,
    *,
    debtor_id: str | None = None,
    invoice: str | None = None,
    kinds: frozenset[str] | set[str] | None = None,
) -> list[Event]:
    """The creditor's events (of one debtor, one invoice, some kinds), in the order
    recorded."""
    sql = "SELECT * FROM events WHERE creditor = ?"
    args: list[Any] = [creditor]
    if debtor_id is not None:
        sql += " AND debtor_id = ?"
        args.append(debtor_id)
    if invoice is not None:
        sql += " AND invoice = ?"
        args.append(invoice)
    if kinds:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        args.extend(sorted(kinds))
    return [Event.from_row(r) for r in conn.execute(sql + " ORDER BY id", args)]
