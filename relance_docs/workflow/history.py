"""What a document may say about the past: the store's events as
:class:`~relance_docs.model.HistoryEntry` values.

Only what reached the debtor or came from the debtor is listed: documents of the plan
sent to the debtor (not the internal call sheet), call-recap letters, calls, promises,
disputes and dated payments (a paid column's amount has no date to state), up to
``as_of``.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from ..model import HistoryEntry
from ..store.events import (
    CALL_LOGGED,
    DISPUTE_OPENED,
    ESCALATION,
    FORMAL_NOTICE,
    PAYMENT_RECORDED,
    PROMISE_MADE,
    REMINDER_GENERATED,
    events_of,
)

__all__ = ["CALL_RECAP", "history_for"]

CALL_RECAP = "call-recap"
_INTERNAL = frozenset({"call-sheet", "statement"})
_KINDS = frozenset(
    {
        REMINDER_GENERATED,
        FORMAL_NOTICE,
        ESCALATION,
        CALL_LOGGED,
        PROMISE_MADE,
        DISPUTE_OPENED,
        PAYMENT_RECORDED,
    }
)


def history_for(
    conn: sqlite3.Connection, creditor: str, debtor_id: str, as_of: date
) -> tuple[HistoryEntry, ...]:
    """The debtor's history up to ``as_of`` (included), oldest first."""
    out: list[HistoryEntry] = []
    for e in events_of(conn, creditor, debtor_id=debtor_id, kinds=_KINDS):
        day = e.at.date()
        data = e.data
        if e.kind == PAYMENT_RECORDED:
            if not data.get("date"):
                continue  # the ledger's paid column: when it was paid is not known
            day = date.fromisoformat(data["date"])
        if day > as_of:
            continue
        entry = _entry(e.kind, day, data, e.invoice)
        if entry is not None:
            out.append(entry)
    out.sort(key=lambda h: h.day)
    return tuple(out)


def _entry(kind: str, day: date, data: dict, invoice: str | None) -> HistoryEntry | None:
    if kind in (REMINDER_GENERATED, FORMAL_NOTICE, ESCALATION):
        template = data.get("template")
        if template == CALL_RECAP:
            return HistoryEntry("call_recap", day, CALL_RECAP, data.get("channel") or "letter")
        if not data.get("step") or template in _INTERNAL:
            return None
        label = "reminder"
        if kind in (FORMAL_NOTICE, ESCALATION) or template in ("formal-notice", "letter-of-claim"):
            label = "formal_notice"
        return HistoryEntry(label, day, template, data.get("channel"))
    if kind == CALL_LOGGED:
        return HistoryEntry(
            "call", day, None, "phone", note=_join(data.get("outcome"), data.get("note"))
        )
    if kind == PROMISE_MADE:
        currency = f" {data['currency']}" if data.get("currency") else ""
        return HistoryEntry(
            "promise", day, None, None, note=f"{data['amount']}{currency} by {data['date']}"
        )
    if kind == DISPUTE_OPENED:
        return HistoryEntry("dispute", day, None, None, note=_join(invoice, data.get("reason")))
    if kind == PAYMENT_RECORDED:
        return HistoryEntry("payment", day, None, None, note=_join(invoice, data.get("amount")))
    return None  # pragma: no cover - only the kinds asked for are read


def _join(*parts) -> str | None:
    text = ": ".join(str(p) for p in parts if p)
    return text or None
