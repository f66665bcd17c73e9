"""A debtor's chronology in words, as ``relance history`` and the lawyer's dossier show it:
every dated event of the store and the ledger snapshots, oldest first, in the creditor's
language, documents named by their label."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..labels import DOCUMENTS, document_label, outcome_label
from ..money import to_money
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
from .importer import NOT_IN_LEDGER
from .promises import BROKEN, KEPT, _day, _payment_day
from .state import _until, debtor_state

__all__ = ["document_label", "history"]  # document_label: from ..labels

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
        "payment": "Règlement reçu ({n}) : {amount}",
        "payment_undated": "Règlement (date inconnue) ({n}) : {amount}",
        "payment_cancelled": "Règlement annulé dans le relevé ({n}) : {amount}",
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
_WORDS_EN = {"amount_excl_tax": "amount excl. tax"}
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
    as_of: date,
    lang: str = "fr",
) -> list[dict]:
    """Every dated event known for the debtor, oldest first, as the dossier shows it:
    ``[{"date": "dd/mm/yyyy", "event": text}]``; events after ``as_of`` are left out (the
    date is an argument: no hidden clock)."""
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
    docs = DOCUMENTS["fr" if lang == "fr" else "en"]
    channels = _CHANNELS["fr" if lang == "fr" else "en"]
    for e in _until(events_of(conn, creditor, debtor_id=debtor_id), as_of):
        items.extend(_event_lines(e, t, word, docs, channels, lang))
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


def _event_lines(
    e: Event, t: dict, word, docs: dict, channels: dict, lang: str
) -> list[tuple[date, str]]:
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
        outcome = outcome_label(data.get("outcome", ""), lang)
        return [(day, t["call"].format(outcome=outcome, note=note))]
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
