"""The context of a document: model records and rules results turned into plain values.

:func:`build_context` is pure: it reads no file but the rules packs and knows no clock (the
letter's date is ``as_of``). Every amount and date is formatted here, for the letter's
language, so that templates only place text: they never compute law or money. The raw
figures stay under ``raw`` for the batch manifest, with ``raw["asked"]``, the amount the
document asks the debtor to pay.

The parts live in their own modules: the parties (:mod:`.parties`), the figures and the
statement of account (:mod:`.statement`), the periods and citations from the packs
(:mod:`.legal`), the history the wording may speak of (:mod:`.past`). The keys templates
use are listed in ``templates/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..law.claims import DebtorClaim
from ..law.documents import document_law, refuse_court_threat
from ..law.procedures import Outcome
from ..model import CreditorProfile, HistoryEntry, Party, PartyKind
from ..money import ZERO, to_money
from .formatting import LOCALES, in_words, long_date, money
from .legal import citations, deadline_part, law_values, reply_part
from .parties import creditor_part, debtor_part, iban_groups
from .past import history_part
from .statement import (
    charges_part,
    credit_notes_set,
    fixed_total,
    invoice_row,
    open_item,
    penalties_part,
    statement_part,
)

__all__ = ["LETTER_TEMPLATES", "DocumentRequest", "asked_amount", "build_context",
           "letter_language"]  # fmt: skip

LETTER_TEMPLATES = (
    "reminder-0",
    "reminder-1",
    "reminder-2",
    "reminder-3",
    "formal-notice",
    "statement",
    "call-sheet",
    "call-recap",
    "letter-of-claim",
)

# The route a formal notice announces, best first: the quickest enforceable title.
_NEXT_STEPS = (
    "fr.injonction_de_payer",
    "fr.petites_creances",
    "fr.refere_provision",
    "eu.order_for_payment",
    "de.mahnverfahren",
    "gb.money_claim_online",
    "gb.small_claims_track",
)


@dataclass(frozen=True)
class DocumentRequest:
    """What to write: the template, for which debtor claim, on which date."""

    template: str
    claim: DebtorClaim
    creditor: CreditorProfile
    as_of: date
    language: str
    channel: str = "letter"
    step: str | None = None
    call: dict | None = None
    """For a call recap: ``day`` (date), ``note``, and what was agreed, ``amount`` (Decimal)
    and ``by`` (date), each optional."""
    history: tuple[HistoryEntry, ...] = ()
    """What happened before, from the store or stated by the user: the only ground for a
    sentence about the past ("our previous reminders"). Empty: neutral wording."""


def letter_language(debtor: Party, creditor: CreditorProfile) -> str:
    """The debtor's language when the ledger gives it, else the creditor's."""
    language = debtor.language or creditor.language or "fr"
    return language if language in LOCALES else "en"


def asked_amount(request: DocumentRequest) -> Decimal:
    """What the document asks the debtor to pay: for a courtesy reminder the amount coming
    due; for a first reminder the unpaid invoices; for a call recap the amount agreed when
    there is one; otherwise the claim with its penalties and indemnities."""
    dc = request.claim
    if request.template == "reminder-0":
        return sum((i.outstanding for i in dc.not_due), ZERO)
    if request.template == "reminder-1":
        return dc.principal
    if request.template == "call-recap" and request.call and request.call.get("amount"):
        return Decimal(request.call["amount"])
    return dc.principal + dc.interest + dc.fixed_compensation


def build_context(request: DocumentRequest) -> dict:
    """The plain dict a template is rendered with."""
    lang = request.language
    dc = request.claim
    creditor = request.creditor
    debtor = dc.debtor
    cur = dc.currency
    as_of = request.as_of
    # A formal notice or letter of claim for a time-barred debt: one line, nothing written.
    refuse_court_threat(dc, request.template)
    law = document_law(dc, creditor.country, request.template, as_of)

    def fm(amount: Decimal) -> str:
        return money(amount, cur, lang)

    b2b = debtor.kind not in {None, PartyKind.CONSUMER} and creditor.kind is not PartyKind.CONSUMER
    invoices = [invoice_row(item, fm, lang, as_of) for item in dc.invoices]
    interest = dc.interest
    fixed = dc.fixed_compensation
    total = dc.principal + interest + fixed
    asked = asked_amount(request)
    deadline, deadline_end = deadline_part(request, lang)
    statement = statement_part(dc, fm, lang)
    not_due_total = sum((i.outstanding for i in dc.not_due), ZERO)
    context = {
        "lang": lang,
        "template": request.template,
        "channel": request.channel,
        "step": request.step,
        "letter": {
            "date": long_date(as_of, lang),
            "place": creditor.city,
            "reference": f"{debtor.id}-{as_of:%Y%m%d}-{_reference_word(request, lang)}",
        },
        "creditor": creditor_part(creditor, lang, debtor.country),
        "debtor": debtor_part(debtor, creditor, lang),
        "b2b": b2b,
        "consumer": debtor.kind is PartyKind.CONSUMER,
        "currency": cur,
        "invoices": invoices,
        "not_due": [open_item(inv, fm, lang) for inv in dc.not_due],
        "disputed_count": len(dc.disputed),
        "credit_notes_set": credit_notes_set(dc, fm, lang),
        "totals": {
            "principal": fm(dc.principal),
            "interest": fm(interest),
            # A fixed sum in another currency (40 EUR on a USD claim) is shown in its own
            # currency and is not in the total (law.fixed_apart says so).
            "fixed": fixed_total(dc, fm, lang),
            "total": fm(total),
            "total_words": in_words(total, cur, lang),
            "principal_words": in_words(dc.principal, cur, lang),
            "not_due": fm(not_due_total),
            "asked": fm(asked),
            "asked_words": in_words(asked, cur, lang),
            "has_credits": any(i["credited"] for i in invoices),
            "has_payments": any(i["paid"] for i in invoices),
        },
        "penalties": penalties_part(dc, lang, fm),
        "deadline": deadline,
        # How the letters cite the texts (law.fr.penalties...) and the legal values they
        # quote (law.pay_days, law.interest_continues...), all from the packs.
        "law": {**citations(lang, as_of), **law_values(law, lang)},
        "next_step": _next_step(dc),
        "statement": statement,
        "charges": charges_part(dc, fm, lang, statement),
        "history": history_part(request.history, as_of, lang),
        "call": _call(request.call, fm, lang),
        "payment": {
            "iban": iban_groups(creditor.iban) if creditor.iban else None,
            "bic": creditor.bic,
            "bank": creditor.bank,
            "reference": f"{debtor.id} {' '.join(i.invoice.number for i in dc.invoices)}".strip(),
        },
        "raw": {
            "asked": to_money(asked),
            "principal": to_money(dc.principal),
            "interest": to_money(interest),
            "fixed": to_money(fixed),
            "total": to_money(total),
            "not_due": to_money(not_due_total),
            "deadline": deadline_end.isoformat(),
            "invoices": [i.invoice.number for i in dc.invoices],
        },
    }
    if request.template == "letter-of-claim":
        context["reply"] = reply_part(request, lang)
    return context


# The last part of a letter's reference, readable in the letter's language.
_REFERENCE_WORDS = {
    "fr": {"reminder-0": "rappel", "reminder-1": "relance-1", "reminder-2": "relance-2",
           "reminder-3": "relance-3", "formal-notice": "mise-en-demeure",
           "statement": "releve", "call-sheet": "fiche-appel", "call-recap": "recap-appel",
           "letter-of-claim": "letter-of-claim"},
    "en": {"reminder-0": "courtesy", "reminder-1": "reminder-1", "reminder-2": "reminder-2",
           "reminder-3": "reminder-3", "formal-notice": "formal-notice",
           "statement": "statement", "call-sheet": "call-sheet", "call-recap": "call-recap",
           "letter-of-claim": "letter-of-claim"},
}  # fmt: skip


def _reference_word(request: DocumentRequest, lang: str) -> str:
    if request.template == "formal-notice" and request.creditor.country == "GB":
        return "letter-before-action"
    return _REFERENCE_WORDS.get(lang, {}).get(request.template, request.template)


def _call(call: dict | None, fm, lang: str) -> dict | None:
    """The call a recap confirms, formatted; None when the recap is written blank."""
    if not call:
        return None
    return {
        "date": long_date(call["day"], lang) if call.get("day") else None,
        "note": call.get("note"),
        "amount": fm(call["amount"]) if call.get("amount") is not None else None,
        "by": long_date(call["by"], lang) if call.get("by") else None,
    }


def _next_step(dc: DebtorClaim) -> dict | None:
    """The route a letter may announce: none for a time-barred claim."""
    if dc.assessment is None or dc.assessment.limitation.status == "time_barred":
        return None
    by_id = {p.id: p for p in dc.assessment.procedures}
    for outcome in (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW):
        for pid in _NEXT_STEPS:
            p = by_id.get(pid)
            if p is not None and p.outcome is outcome:
                return {
                    "id": pid,
                    "court": p.court,
                    "form": p.form,
                    "needs_review": outcome is Outcome.NEEDS_REVIEW,
                }
    return None
