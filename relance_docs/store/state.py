"""What the store knows, derived from the events and the ledger snapshots: per invoice
(chased, closed, disputed), per debtor (promises, calls) and the chronology.

Nothing here writes. Every function takes ``as_of``: events after that day are ignored,
so a state is reproducible.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from ..money import ZERO, to_money
from ..text import fold
from .db import NotFound, StoreError
from .events import (
    CALL_LOGGED,
    DEBTOR_CHANGED,
    DISPUTE_CLOSED,
    DISPUTE_OPENED,
    ESCALATION,
    FORMAL_NOTICE,
    INVOICE_CHANGED,
    INVOICE_CLOSED,
    INVOICE_IMPORTED,
    INVOICE_REOPENED,
    PAYMENT_RECORDED,
    PROMISE_MADE,
    REMINDER_GENERATED,
    REMINDER_SENT,
    Event,
    events_of,
)
from .importer import NOT_IN_LEDGER, PAID

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

PROMISE_GRACE_DAYS = 3
"""Days after a promised date before reminders resume and the promise counts as broken."""

PENDING, KEPT, BROKEN, SUPERSEDED = "pending", "kept", "broken", "superseded"


# -- lookups ---------------------------------------------------------------------------


def resolve_creditor(conn: sqlite3.Connection, key: str | None = None) -> str:
    """``key`` if the store has that creditor; without a key, the store's only creditor."""
    rows = conn.execute("SELECT key, name FROM creditors ORDER BY key").fetchall()
    if key is not None:
        if any(r["key"] == key for r in rows):
            return key
        raise NotFound(
            f"creditor {key} is not in the store: run 'relance import LEDGER --creditor FILE' "
            "first"
        )
    if not rows:
        raise StoreError("the store is empty: run 'relance import LEDGER --creditor FILE' first")
    if len(rows) > 1:
        names = ", ".join(f"{r['name']} ({r['key']})" for r in rows[:5])
        raise StoreError(f"the store holds several creditors ({names}): give --creditor FILE")
    return rows[0]["key"]


def creditor_info(conn: sqlite3.Connection, creditor: str) -> dict:
    """The creditor's name, language, currency and country as recorded at its first
    import."""
    row = conn.execute(
        "SELECT key, name, language, currency, country FROM creditors WHERE key = ?",
        (creditor,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no creditor '{creditor}' in the store")
    return dict(row)


def find_debtor(conn: sqlite3.Connection, creditor: str, key: str) -> tuple[str, str]:
    """The ``(id, name)`` of the debtor whose code is ``key`` or whose name contains it
    (accents and case ignored)."""
    rows = conn.execute(
        "SELECT id, name FROM debtors WHERE creditor = ? ORDER BY id", (creditor,)
    ).fetchall()
    wanted = fold(key.strip())
    found = [r for r in rows if fold(r["id"]) == wanted] or [
        r for r in rows if fold(r["name"]) == wanted
    ]
    found = found or [r for r in rows if wanted and wanted in fold(r["name"])]
    if not found:
        raise NotFound(f"no debtor '{key}' in the store")
    if len(found) > 1:
        names = ", ".join(f"{r['id']} ({r['name']})" for r in found[:5])
        raise StoreError(f"'{key}' matches several debtors: {names}; give the code")
    return found[0]["id"], found[0]["name"]


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
class Promise:
    made: date
    amount: Decimal
    date: date
    currency: str | None
    received: Decimal
    """Payments recorded after the promise (and before the next one), dated by the end of
    the grace and by ``as_of``: a later payment does not mend a broken promise."""
    status: str
    """``pending``, ``kept``, ``broken`` or ``superseded`` (a newer promise replaced it)."""
    settled_on: date | None = None
    """The day it was kept (the payment that completed it) or broken."""

    @property
    def resume_on(self) -> date:
        """The last day reminders stay paused for this promise."""
        return self.date + timedelta(days=PROMISE_GRACE_DAYS)


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


def _day(at: datetime) -> date:
    return at.date()


def _payment_day(event: Event) -> date:
    when = event.data.get("date")
    return date.fromisoformat(when) if when else _day(event.at)


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


def _promises(events: list[Event], as_of: date) -> list[Promise]:
    made = [(n, e) for n, e in enumerate(events) if e.kind == PROMISE_MADE]
    out = []
    for k, (n, e) in enumerate(made):
        amount = Decimal(e.data["amount"])
        promised = date.fromisoformat(e.data["date"])
        resume_on = promised + timedelta(days=PROMISE_GRACE_DAYS)
        end = made[k + 1][0] if k + 1 < len(made) else len(events)
        received, settled = ZERO, None
        for p in events[n + 1 : end]:
            if p.kind != PAYMENT_RECORDED or _payment_day(p) > min(as_of, resume_on):
                continue
            received += Decimal(p.data["amount"])
            if received >= amount and settled is None:
                settled = _payment_day(p)
        if received >= amount:
            status = KEPT
        elif k + 1 < len(made) and _day(made[k + 1][1].at) <= resume_on:
            status, settled = SUPERSEDED, None
        elif as_of > resume_on:
            status, settled = BROKEN, resume_on + timedelta(days=1)
        else:
            status, settled = PENDING, None
        out.append(
            Promise(
                _day(e.at), amount, promised, e.data.get("currency"), received, status, settled
            )
        )
    return out


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
        promises=tuple(_promises(events, as_of)),
        calls=calls,
    )


# -- chronology ------------------------------------------------------------------------

_TEXT = {
    "en": {
        "invoice": "Invoice {n} ({amount} {currency})",
        "credit_note": "Credit note {n} ({amount} {currency})",
        "due": "Due date of {n}",
        "payment": "Payment received ({n}): {amount}",
        "payment_undated": "Payment (date unknown) ({n}): {amount}",
        "payment_cancelled": "Payment cancelled in the ledger ({n}): {amount}",
        "dispute": "Dispute on {n}{reason}",
        "dispute_ledger": "Dispute on {n} (ledger){reason}",
        "dispute_closed": "Dispute on {n} closed{note}",
        "dispute_ledger_closed": "Dispute on {n} closed (ledger)",
        "changed": "{n} changed in the ledger: {changes}",
        "closed_paid": "{n} paid in full: no longer chased",
        "closed_gone": "{n} no longer in the ledger: no longer chased",
        "reopened": "{n} chased again ({reason})",
        "debtor_changed": "Details changed in the ledger: {fields}",
        "promise": "Promise to pay {amount} by {date}",
        "promise_kept": "Promise of {made} kept",
        "promise_broken": "Promise of {made} broken: {received} received of {amount}",
        "call": "Call: {outcome}{note}",
        REMINDER_GENERATED: "Document produced: {template}{file}",
        REMINDER_SENT: "Sent{channel}: {template}{file}",
        FORMAL_NOTICE: "Formal notice sent{file}",
        ESCALATION: "Escalation: {procedure}{file}",
    },
    "fr": {
        "invoice": "Facture {n} ({amount} {currency})",
        "credit_note": "Avoir {n} ({amount} {currency})",
        "due": "Échéance de {n}",
        "payment": "Règlement reçu ({n}): {amount}",
        "payment_undated": "Règlement (date inconnue) ({n}): {amount}",
        "payment_cancelled": "Règlement annulé dans le relevé ({n}): {amount}",
        "dispute": "Litige sur {n}{reason}",
        "dispute_ledger": "Litige sur {n} (relevé){reason}",
        "dispute_closed": "Litige sur {n} clos{note}",
        "dispute_ledger_closed": "Litige sur {n} clos (relevé)",
        "changed": "{n} modifiée dans le relevé : {changes}",
        "closed_paid": "{n} réglée en totalité : plus relancée",
        "closed_gone": "{n} ne figure plus dans le relevé : plus relancée",
        "reopened": "{n} de nouveau relancée ({reason})",
        "debtor_changed": "Coordonnées modifiées dans le relevé : {fields}",
        "promise": "Promesse de règlement de {amount} au {date}",
        "promise_kept": "Promesse du {made} tenue",
        "promise_broken": "Promesse du {made} non tenue : {received} reçus sur {amount}",
        "call": "Appel : {outcome}{note}",
        REMINDER_GENERATED: "Document établi : {template}{file}",
        REMINDER_SENT: "Envoyé{channel} : {template}{file}",
        FORMAL_NOTICE: "Mise en demeure envoyée{file}",
        ESCALATION: "Transmission : {procedure}{file}",
    },
}
_WORDS_FR = {
    "reached": "joint",
    "voicemail": "messagerie",
    "wrong-number": "mauvais numéro",
    "promise": "promesse de règlement",
    "dispute": "contestation",
    "back in the ledger": "de retour dans le relevé",
    "no longer fully paid": "plus entièrement réglée",
    "amount": "montant",
    "amount_excl_tax": "montant HT",
    "due_date": "échéance",
    "issue_date": "date de facture",
    "debtor_id": "client",
    "currency": "devise",
    "description": "libellé",
    "applies_to": "facture d'origine",
    "pdf_path": "PDF",
    "kind": "type",
}
_WORDS_EN = {"wrong-number": "wrong number", "amount_excl_tax": "amount excl. tax"}
# What each document is called in a chronology (labels, not template ids).
_DOCUMENTS = {
    "fr": {
        "reminder-0": "rappel avant échéance",
        "reminder-1": "première relance",
        "reminder-2": "deuxième relance",
        "reminder-3": "dernière relance",
        "formal-notice": "mise en demeure",
        "statement": "relevé de compte",
        "call-sheet": "fiche d'appel",
        "call-recap": "courrier récapitulatif d'appel",
        "letter-of-claim": "letter of claim (protocole préalable)",
    },
    "en": {
        "reminder-0": "reminder before the due date",
        "reminder-1": "first reminder",
        "reminder-2": "second reminder",
        "reminder-3": "final reminder",
        "formal-notice": "letter before action",
        "statement": "statement of account",
        "call-sheet": "call sheet",
        "call-recap": "call-recap letter",
        "letter-of-claim": "letter of claim",
    },
}
_CHANNELS = {
    "fr": {"email": "par e-mail", "letter": "par courrier", "registered-letter": "en recommandé",
           "phone": "par téléphone"},
    "en": {"email": "by email", "letter": "by post", "registered-letter": "by recorded post",
           "phone": "by phone"},
}  # fmt: skip
_FIELDS_SHOWN_ELSEWHERE = {"paid", "disputed", "dispute_reason"}


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _changed_value(value: object) -> str:
    if value is None or value == "":
        return "-"
    try:
        return _fmt(date.fromisoformat(str(value)))
    except ValueError:
        return Path(str(value)).name if "/" in str(value) else str(value)


def history(
    conn: sqlite3.Connection,
    creditor: str,
    debtor_id: str,
    *,
    as_of: date | None = None,
    lang: str = "fr",
) -> list[dict]:
    """Every dated event known for the debtor, oldest first, as the dossier shows it:
    ``[{"date": "dd/mm/yyyy", "event": text}]``; events after ``as_of`` (default: today)
    are left out."""
    as_of = as_of or date.today()
    t = _TEXT["fr" if lang == "fr" else "en"]
    words = _WORDS_FR if lang == "fr" else _WORDS_EN

    def word(w: str) -> str:
        return words.get(w, w)

    state = debtor_state(conn, creditor, debtor_id, as_of)
    items: list[tuple[date, str]] = []
    for inv in state.invoices:
        s = inv.snapshot
        issued = date.fromisoformat(s["issue_date"])
        if issued > as_of:
            continue
        key = "credit_note" if inv.is_credit_note else "invoice"
        items.append(
            (issued, t[key].format(n=inv.number, amount=s["amount"], currency=s["currency"]))
        )
        if not inv.is_credit_note and inv.due_date <= as_of:
            items.append((inv.due_date, t["due"].format(n=inv.number)))
    docs = _DOCUMENTS["fr" if lang == "fr" else "en"]
    channels = _CHANNELS["fr" if lang == "fr" else "en"]
    for e in _until(events_of(conn, creditor, debtor_id=debtor_id), as_of):
        items.extend(_event_lines(e, t, word, docs, channels))
    for p in state.promises:
        if p.status == KEPT and p.settled_on:
            items.append((p.settled_on, t["promise_kept"].format(made=_fmt(p.made))))
        elif p.status == BROKEN and p.settled_on:
            items.append(
                (
                    p.settled_on,
                    t["promise_broken"].format(
                        made=_fmt(p.made),
                        received=to_money(p.received),
                        amount=to_money(p.amount),
                    ),
                )
            )
    items.sort(key=lambda item: item[0])
    return [{"date": _fmt(d), "event": text} for d, text in items]


def _event_lines(e: Event, t: dict, word, docs: dict, channels: dict) -> list[tuple[date, str]]:
    day, n, data = _day(e.at), e.invoice, e.data
    file = f" ({Path(e.document).name})" if e.document else ""
    if e.kind == INVOICE_IMPORTED:
        if data.get("disputed"):
            reason = f": {data['dispute_reason']}" if data.get("dispute_reason") else ""
            return [(day, t["dispute_ledger"].format(n=n, reason=reason))]
        return []
    if e.kind == INVOICE_CHANGED:
        changes = data.get("changes", {})
        out = []
        shown = {k: v for k, v in changes.items() if k not in _FIELDS_SHOWN_ELSEWHERE}
        if shown:
            text = ", ".join(
                f"{word(k)} {_changed_value(old)} → {_changed_value(new)}"
                for k, (old, new) in shown.items()
            )
            out.append((day, t["changed"].format(n=n, changes=text)))
        if "paid" in changes:
            old, new = (Decimal(v or "0") for v in changes["paid"])
            if new < old:
                out.append((day, t["payment_cancelled"].format(n=n, amount=to_money(new - old))))
        if "disputed" in changes or "dispute_reason" in changes:
            now = changes.get("disputed", [None, True])[1]
            if now:
                reason = changes.get("dispute_reason", [None, None])[1]
                reason = f": {reason}" if reason else ""
                out.append((day, t["dispute_ledger"].format(n=n, reason=reason)))
            else:
                out.append((day, t["dispute_ledger_closed"].format(n=n)))
        return out
    if e.kind == PAYMENT_RECORDED:
        key = "payment" if data.get("date") else "payment_undated"
        return [(_payment_day(e), t[key].format(n=n, amount=data["amount"]))]
    if e.kind == INVOICE_CLOSED:
        key = "closed_gone" if data.get("reason") == NOT_IN_LEDGER else "closed_paid"
        return [(day, t[key].format(n=n))]
    if e.kind == INVOICE_REOPENED:
        return [(day, t["reopened"].format(n=n, reason=word(data.get("reason", ""))))]
    if e.kind == DEBTOR_CHANGED:
        fields = ", ".join(word(k) for k in data.get("changes", {}))
        return [(day, t["debtor_changed"].format(fields=fields))]
    if e.kind == DISPUTE_OPENED:
        reason = f": {data['reason']}" if data.get("reason") else ""
        return [(day, t["dispute"].format(n=n, reason=reason))]
    if e.kind == DISPUTE_CLOSED:
        note = f": {data['note']}" if data.get("note") else ""
        return [(day, t["dispute_closed"].format(n=n, note=note))]
    if e.kind == PROMISE_MADE:
        currency = f" {data['currency']}" if data.get("currency") else ""
        amount = f"{data['amount']}{currency}"
        promised = _fmt(date.fromisoformat(data["date"]))
        return [(day, t["promise"].format(amount=amount, date=promised))]
    if e.kind == CALL_LOGGED:
        note = f" - {data['note']}" if data.get("note") else ""
        return [(day, t["call"].format(outcome=word(data.get("outcome", "")), note=note))]
    if e.kind in (REMINDER_GENERATED, REMINDER_SENT, FORMAL_NOTICE, ESCALATION):
        channel = data.get("channel")
        channel = f" {channels.get(channel, channel)}" if channel else ""
        template = data.get("template", "")
        return [
            (
                day,
                t[e.kind].format(
                    template=docs.get(template, template),
                    procedure=data.get("procedure", ""),
                    channel=channel,
                    file=file,
                ),
            )
        ]
    return []  # pragma: no cover - every kind is handled above
