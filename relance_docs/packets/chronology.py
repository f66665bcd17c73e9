"""The dossier's chronology and documents sent, in the creditor's language.

Without a store, the chronology holds what the ledger says (invoices, due dates, credit
notes, payments, disputes). With a store, the store's events are added
(:func:`relance_docs.store.events.events_of`): each letter produced or sent, by its name
("Mise en demeure envoyée", not an id), calls with their outcome and note, promises,
disputes opened and closed, payments recorded. Dates are the letter's (``16/11/2026`` or
``16/11/2026`` in English too), amounts formatted for the language.

The documents the store recorded are listed with their full sha256, and become exhibits
of the dossier when their file is still there with the same sha256; otherwise the review
list says why not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..labels import document_label, outcome_label
from ..law.claims import DebtorClaim
from ..render.formatting import money, short_date

__all__ = ["StoreHistory", "ledger_chronology", "store_history"]

_CHANNELS = {
    "fr": {"letter": "courrier", "email": "courriel", "registered-letter":
           "lettre recommandée avec accusé de réception", "phone": "téléphone"},
    "en": {"letter": "post", "email": "email", "registered-letter": "recorded delivery",
           "phone": "telephone"},
}  # fmt: skip
_TEXT = {
    "fr": {
        "invoice": "Facture {n} ({amount})", "due": "Échéance de la facture {n}",
        "credit_note": "Avoir {ref} imputé sur {n} ({amount})",
        "credit_note_tool": "Avoir {ref}, qui ne désigne pas de facture, imputé par nos soins "
                            "sur {n} ({amount})",
        "payment": "Règlement reçu sur {n} ({amount})",
        "undated": "Règlement sur {n}, date non indiquée dans nos livres ({amount})",
        "dispute": "Litige sur la facture {n}{reason}",
        "produced": "Document établi : {label}",
        "sent": "Document envoyé ({channel}) : {label}",
        "notice": "Mise en demeure envoyée", "escalation": "Transmission : {what}",
        "call": "Appel : {outcome}{note}", "promise": "Promesse de payer {amount} au plus tard "
        "le {date}", "dispute_opened": "Litige ouvert sur {n}{reason}",
        "dispute_closed": "Litige clos sur {n}{note}",
        "payment_store": "Règlement enregistré sur {n} ({amount})",
    },
    "en": {
        "invoice": "Invoice {n} ({amount})", "due": "Invoice {n} due",
        "credit_note": "Credit note {ref} set against {n} ({amount})",
        "credit_note_tool": "Credit note {ref}, which names no invoice, set by us against "
                            "{n} ({amount})",
        "payment": "Payment received on {n} ({amount})",
        "undated": "Payment on {n}, date not shown in our books ({amount})",
        "dispute": "Dispute on invoice {n}{reason}",
        "produced": "Document produced: {label}",
        "sent": "Document sent ({channel}): {label}",
        "notice": "Formal notice sent", "escalation": "Handed on: {what}",
        "call": "Call: {outcome}{note}", "promise": "Promise to pay {amount} by {date}",
        "dispute_opened": "Dispute opened on {n}{reason}",
        "dispute_closed": "Dispute closed on {n}{note}",
        "payment_store": "Payment recorded on {n} ({amount})",
    },
}  # fmt: skip


def _fmt_amount(value, currency: str, lang: str) -> str:
    try:
        return money(Decimal(str(value)), currency, lang)
    except (InvalidOperation, ValueError):
        return str(value)


def ledger_chronology(dc: DebtorClaim, lang: str) -> list[tuple[date, int, str]]:
    """What the ledger says happened: (day, order within the day, text)."""
    t = _TEXT[lang]
    cur = dc.currency
    out: list[tuple[date, int, str]] = []
    for item in dc.invoices:
        inv = item.invoice
        out.append((inv.issue_date, 0, t["invoice"].format(
            n=inv.number, amount=_fmt_amount(inv.amount, cur, lang))))  # fmt: skip
        out.append((inv.due_date, 1, t["due"].format(n=inv.number)))
        for r in item.reductions:
            amount = _fmt_amount(r.amount, cur, lang)
            if r.kind == "credit_note":
                key = "credit_note_tool" if r.by_tool else "credit_note"
                text = t[key].format(ref=r.reference, n=inv.number, amount=amount)
            else:
                text = t["payment" if r.kind == "payment" else "undated"].format(
                    n=inv.number, amount=amount
                )
            out.append((r.date, 2, text))
    for inv in dc.disputed:
        reason = f" : {inv.dispute_reason}" if lang == "fr" and inv.dispute_reason else (
            f": {inv.dispute_reason}" if inv.dispute_reason else "")  # fmt: skip
        out.append((inv.due_date, 3, t["dispute"].format(n=inv.number, reason=reason)))
    return out


@dataclass
class StoreHistory:
    """What the store adds to a dossier."""

    lines: list[tuple[date, int, str]] = field(default_factory=list)
    sent: list[dict] = field(default_factory=list)  # date, document, file, sha256, path
    review: list[str] = field(default_factory=list)


def store_history(conn, creditor_key: str, debtor_id: str, as_of: date, lang: str,
                  currency: str, base: Path) -> StoreHistory:  # fmt: skip
    """The debtor's events up to ``as_of``, as chronology lines and documents sent;
    ``base`` is the folder relative paths of documents are read from (the store's)."""
    from ..store.events import (
        CALL_LOGGED,
        DISPUTE_CLOSED,
        DISPUTE_OPENED,
        DOCUMENT_KINDS,
        ESCALATION,
        FORMAL_NOTICE,
        PROMISE_MADE,
        REMINDER_SENT,
        events_of,
    )

    t = _TEXT[lang]
    out = StoreHistory()
    seen_files: set[str] = set()
    for e in events_of(conn, creditor_key, debtor_id=debtor_id):
        day = e.at.date()
        if day > as_of:
            continue
        data = e.data or {}
        if e.kind in DOCUMENT_KINDS:
            template = data.get("template") or ""
            label = document_label(template, lang, capital=True) if template else e.kind
            if e.kind == FORMAL_NOTICE:
                text = t["notice"]
            elif e.kind == ESCALATION:
                text = t["escalation"].format(what=data.get("procedure") or label)
            elif e.kind == REMINDER_SENT:
                channel = _CHANNELS[lang].get(data.get("channel"), data.get("channel") or "")
                text = t["sent"].format(label=label, channel=channel)
            else:
                text = t["produced"].format(label=label)
            out.lines.append((day, 4, text))
            if e.document and e.sha256 and e.sha256 not in seen_files:
                seen_files.add(e.sha256)
                out.sent.append(_document(e, day, label, base, lang, out.review))
        elif e.kind == CALL_LOGGED:
            outcome = outcome_label(data.get("outcome") or "", lang)
            note = f" — {data['note']}" if data.get("note") else ""
            out.lines.append((day, 5, t["call"].format(outcome=outcome, note=note)))
        elif e.kind == PROMISE_MADE:
            try:
                promised = short_date(date.fromisoformat(data["date"]), lang)
            except (KeyError, ValueError):
                promised = str(data.get("date"))
            amount = _fmt_amount(data.get("amount"), data.get("currency") or currency, lang)
            out.lines.append((day, 5, t["promise"].format(amount=amount, date=promised)))
        elif e.kind in (DISPUTE_OPENED, DISPUTE_CLOSED):
            extra = data.get("reason") or data.get("note")
            extra = (f" : {extra}" if lang == "fr" else f": {extra}") if extra else ""
            key = "dispute_opened" if e.kind == DISPUTE_OPENED else "dispute_closed"
            out.lines.append((day, 6, t[key].format(n=e.invoice, reason=extra, note=extra)))
    return out


def _document(e, day: date, label: str, base: Path, lang: str, review: list[str]) -> dict:
    """A recorded document: its file, and whether it can be attached (same sha256)."""
    recorded = Path(e.document)
    candidates = [recorded] if recorded.is_absolute() else [recorded, base / recorded]
    path = next((p for p in candidates if p.is_file()), None)
    attach = None
    if path is None:
        review.append(
            f"{label} du {short_date(day, lang)} : le fichier enregistré ({recorded.name}) "
            "est introuvable ; joignez-le (--exhibit)"
            if lang == "fr"
            else f"{label} of {short_date(day, lang)}: the recorded file ({recorded.name}) "
            "cannot be found; add it with --exhibit"
        )
    elif hashlib.sha256(path.read_bytes()).hexdigest() != e.sha256:
        review.append(
            f"{label} du {short_date(day, lang)} : {recorded.name} a changé depuis son envoi "
            "(sha256 différent) : non joint"
            if lang == "fr"
            else f"{label} of {short_date(day, lang)}: {recorded.name} has changed since it "
            "was recorded (another sha256): not attached"
        )
    else:
        attach = path
    return {
        "date": short_date(day, lang),
        "document": label,
        "file": recorded.name,
        "sha256": e.sha256,
        "path": attach,
    }
