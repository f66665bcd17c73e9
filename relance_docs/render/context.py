"""The context of a document: model records and rules results turned into plain values.

:func:`build_context` is pure: it reads no file and knows no clock (the letter's date is
``as_of``). Every amount and date is formatted here, for the letter's language, so that
templates only place text: they never compute law or money. The raw figures stay under
``raw`` for the batch manifest.

The keys templates use are listed in ``templates/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel import Locale

from ..law.claims import DebtorClaim, InvoiceInterest
from ..law.deadlines import fr_deadline, gb_deadline
from ..law.documents import document_law, refuse_court_threat
from ..law.gb.deadlines import letter_of_claim_reply
from ..law.procedures import Outcome
from ..model import CreditorProfile, HistoryEntry, Party, PartyKind
from ..money import ZERO, to_money
from .formatting import LOCALES, in_words, long_date, money, percent, short_date

__all__ = ["LETTER_TEMPLATES", "DocumentRequest", "build_context", "letter_language"]

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
    invoices = [_invoice(item, fm, lang, as_of) for item in dc.invoices]
    interest = dc.interest
    fixed = dc.fixed_compensation
    total = dc.principal + interest + fixed
    # The days to pay, from the packs (rules/FR, rules/GB: a formal notice from a creditor
    # in England & Wales gives the Practice Direction's 14 days).
    days = law["pay_days"]
    deadline = _deadline(request, days)
    context = {
        "lang": lang,
        "template": request.template,
        "channel": request.channel,
        "step": request.step,
        "letter": {
            "date": long_date(as_of, lang),
            "place": creditor.city,
            "reference": f"{debtor.id}-{as_of:%Y%m%d}-{request.template}",
        },
        "creditor": _creditor(creditor, lang),
        "debtor": _debtor(debtor, creditor, lang),
        "b2b": b2b,
        "consumer": debtor.kind is PartyKind.CONSUMER,
        "currency": cur,
        "invoices": invoices,
        "not_due": [_open_item(inv, fm, lang) for inv in dc.not_due],
        "disputed_count": len(dc.disputed),
        "totals": {
            "principal": fm(dc.principal),
            "interest": fm(interest),
            # A fixed sum in another currency (40 EUR on a USD claim) is shown in its own
            # currency and is not in the total (law.fixed_apart says so).
            "fixed": _fixed_total(dc, fm, lang),
            "total": fm(total),
            "total_words": in_words(total, cur, lang),
            "principal_words": in_words(dc.principal, cur, lang),
            "not_due": fm(sum((i.outstanding for i in dc.not_due), ZERO)),
        },
        "penalties": _penalties(dc, lang, fm),
        "law": _law(law, lang, fm),
        "deadline": {
            "days": days,
            "date": long_date(deadline, lang),
            "iso": deadline.isoformat(),
        },
        "next_step": _next_step(dc),
        "statement": _statement(dc, fm, lang),
        "history": {"reminders": [], "calls": []},
        "call": _call(request.call, fm, lang),
        "payment": {
            "iban": _iban(creditor.iban) if creditor.iban else None,
            "bic": creditor.bic,
            "bank": creditor.bank,
            "reference": f"{debtor.id} {' '.join(i.invoice.number for i in dc.invoices)}".strip(),
        },
        "raw": {
            "principal": to_money(dc.principal),
            "interest": to_money(interest),
            "fixed": to_money(fixed),
            "total": to_money(total),
            "deadline": deadline.isoformat(),
            "invoices": [i.invoice.number for i in dc.invoices],
        },
    }
    if request.template == "letter-of-claim":
        # The reply period of the Protocol (rules/GB): a letter dated 30 October gives
        # until 29 November; proceedings from 30 November (the next working day).
        reply = letter_of_claim_reply(as_of, nation=_gb_nation(debtor))
        context["reply"] = {
            "date": long_date(reply.end, lang),
            "earliest_action": long_date(reply.earliest_action or reply.end, lang),
            "days": law["gb"]["reply_days"],
        }
    return context


# --------------------------------------------------------------------------- parts


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


def _creditor(c: CreditorProfile, lang: str) -> dict:
    legal = []
    if c.legal_form and c.share_capital:
        capital = "au capital de" if lang == "fr" else "share capital"
        legal.append(f"{c.legal_form} {capital} {c.share_capital}")
    elif c.legal_form:
        # "Ltd" alone says little: British letters give the registered name instead.
        legal.append(c.name if c.country == "GB" else c.legal_form)
    if c.registration_number:
        if c.country == "FR":
            siren = " ".join(
                c.registration_number[i : i + 3] for i in range(0, len(c.registration_number), 3)
            )
            legal.append(f"SIREN {siren}" + (f" {c.registry}" if c.registry else ""))
        else:
            number = "Company number" if lang == "en" else "Numéro d'immatriculation"
            registry = f" ({c.registry})" if c.registry else ""
            legal.append(f"{number} {c.registration_number}{registry}")
    if c.vat_number:
        legal.append(("TVA intracommunautaire " if lang == "fr" else "VAT ") + c.vat_number)
    bank = []
    if c.iban:
        bank.append(f"IBAN {_iban(c.iban)}")
    if c.bic:
        bank.append(f"BIC {c.bic}")
    return {
        "name": c.name,
        "address_lines": list(c.address_lines),
        "postcode": c.postcode,
        "city": c.city,
        "town_line": f"{c.postcode} {c.city}" if c.country != "GB" else c.city,
        "postcode_line": c.postcode if c.country == "GB" else None,
        "country": c.country,
        "phone": c.phone,
        "email": c.email,
        "website": c.website,
        "signatory": c.signatory.name,
        "signatory_title": c.signatory.title,
        "logo": c.logo.as_uri() if c.logo else None,
        "footer_lines": [" · ".join(legal), " · ".join(bank)] if bank else [" · ".join(legal)],
    }


def _iban(iban: str) -> str:
    """The IBAN in groups of four, as printed on a RIB."""
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _country_name(code: str, lang: str) -> str:
    return Locale.parse(LOCALES[lang]).territories.get(code, code)


def _debtor(d: Party, creditor: CreditorProfile, lang: str) -> dict:
    title, surname = _person(d.contact or (d.name if d.kind is PartyKind.CONSUMER else None))
    lines = [d.name]
    if d.contact and d.kind is not PartyKind.CONSUMER:
        lines.append(("À l'attention de " if lang == "fr" else "FAO ") + d.contact)
    lines += list(d.address_lines)
    if d.country == "GB":
        lines += [x for x in (d.city, d.postcode) if x]
    else:
        city = (d.city or "").upper() if lang == "fr" or d.country == "FR" else d.city or ""
        lines.append(" ".join(x for x in (d.postcode, city) if x))
    if d.country and d.country != creditor.country:
        lines.append(_country_name(d.country, lang).upper())
    if lang == "fr":
        salutation = {"M": "Monsieur", "Dr": "Madame, Monsieur", None: "Madame, Monsieur"}.get(
            title, "Madame"
        )
        dear, closing = salutation, None
    else:
        if title and surname:
            dear = f"Dear {_ENGLISH_TITLES[title]} {surname}"
            closing = "Yours sincerely"
        else:
            dear, closing = "Dear Sir or Madam", "Yours faithfully"
        salutation = dear
    return {
        "id": d.id,
        "name": d.name,
        "contact": d.contact,
        "address_lines": [x for x in lines if x],
        "salutation": salutation,
        "dear": dear,
        "closing": closing,
        "email": d.email,
        "phone": d.phone,
        "kind": d.kind.value if d.kind else None,
    }


def _person(contact: str | None) -> tuple[str | None, str | None]:
    """("M", "Dupont") from "M. Bernard Dupont"; ("Ms", "Fabre") from "Mme Hélène Fabre"."""
    if not contact:
        return None, None
    words = contact.replace(".", ". ").split()
    if not words:
        return None, None
    first = words[0].rstrip(".").lower()
    title = _TITLES.get(first)
    if title is None:
        return None, None
    return title, words[-1] if len(words) > 1 else None


# Honorific -> a key; English letters keep the debtor's own (Mrs stays Mrs).
_TITLES = {
    "m": "M", "mr": "M", "monsieur": "M", "mme": "Ms", "madame": "Ms", "mrs": "Mrs",
    "ms": "Ms", "miss": "Miss", "mlle": "Ms", "dr": "Dr",
}  # fmt: skip
_ENGLISH_TITLES = {"M": "Mr", "Mrs": "Mrs", "Ms": "Ms", "Miss": "Miss", "Dr": "Dr"}


def _invoice(item: InvoiceInterest, fm, lang: str, as_of: date) -> dict:
    inv = item.invoice
    reduced = sum((r.amount for r in item.reductions), ZERO)
    r = item.result
    return {
        "number": inv.number,
        "issue_date": short_date(inv.issue_date, lang),
        "due_date": short_date(inv.due_date, lang),
        "due_date_long": long_date(inv.due_date, lang),
        "description": inv.description or "",
        "amount": fm(inv.amount),
        "paid": fm(reduced) if reduced else "",
        "outstanding": fm(item.principal),
        "days_late": (as_of - inv.due_date).days,
        "interest": fm(r.interest),
        "fixed": _fixed_money(r, fm, lang),
        "source": f"{inv.source_file}:{inv.source_line}" if inv.source_file else "",
    }


def _open_item(inv, fm, lang: str) -> dict:
    return {
        "number": inv.number,
        "issue_date": short_date(inv.issue_date, lang),
        "due_date": short_date(inv.due_date, lang),
        "due_date_long": long_date(inv.due_date, lang),
        "description": inv.description or "",
        "amount": fm(inv.amount),
        "outstanding": fm(inv.outstanding),
    }


def _penalties(dc: DebtorClaim, lang: str, fm) -> dict:
    lines = []
    rates = []
    # The regime of the pair of parties (fr.l441_10, fr.taux_legal, gb.late_payment_act,
    # de.bgb_288, eu.directive_2011_7, or "none"): templates choose their wording by it.
    regime = dc.invoices[0].result.regime if dc.invoices else None
    for item in dc.invoices:
        r = item.result
        for line in r.lines:
            rates.append(line.rate)
            lines.append(
                {
                    "invoice": item.invoice.number,
                    "start": short_date(line.start, lang),
                    "end": short_date(line.end, lang),
                    "days": line.days,
                    "base": fm(line.base),
                    "rate": percent(line.rate, lang),
                    "amount": fm(line.amount),
                    "basis": line.basis,
                }
            )
    fixed_each = None
    for item in dc.invoices:
        if item.result.fixed_compensation:
            fixed_each = _fixed_money(item.result, fm, lang)
            break
    distinct = list(dict.fromkeys(rates))
    return {
        "applies": bool(lines) or dc.fixed_compensation > 0,
        "regime": regime,
        "lines": lines,
        "rates": [percent(x, lang) for x in distinct],
        "rate": percent(distinct[-1], lang) if distinct else None,
        "interest": fm(dc.interest),
        "fixed": _fixed_total(dc, fm, lang),
        "fixed_each": fixed_each,
        "fixed_count": sum(1 for i in dc.invoices if i.result.fixed_compensation),
        # True when every late invoice carries the same fixed sum (not so with the UK bands).
        "fixed_uniform": len({i.result.fixed_compensation for i in dc.invoices}) <= 1,
        "daily": fm(sum((i.result.daily_interest for i in dc.invoices), ZERO)),
    }


def _statement(dc: DebtorClaim, fm, lang: str) -> dict:
    """Every movement of the claim, in date order, with a running balance."""
    fr = lang == "fr"
    moves: list[tuple[date, int, str, Decimal, Decimal]] = []
    for item in dc.invoices:
        inv = item.invoice
        label = (f"Facture {inv.number}" if fr else f"Invoice {inv.number}") + (
            f" ({'échéance' if fr else 'due'} {short_date(inv.due_date, lang)})"
        )
        moves.append((inv.issue_date, 0, label, inv.amount, ZERO))
        for red in item.reductions:
            if red.kind == "credit_note":
                text = f"Avoir {red.reference}" if fr else f"Credit note {red.reference}"
                text += f" ({'sur' if fr else 'on'} {inv.number})"
            elif red.kind == "payment":
                text = ("Règlement reçu" if fr else "Payment received") + f" ({inv.number})"
            else:
                text = (
                    f"Règlement déjà reçu sur {inv.number}"
                    if fr
                    else f"Payment already received on {inv.number}"
                )
            moves.append((red.date, 1, text, ZERO, red.amount))
        what = _INTEREST_LABEL.get(item.result.regime, _INTEREST_LABEL[None])[0 if fr else 1]
        for line in item.result.lines:
            text = (
                f"{what} {inv.number}, du {short_date(line.start, lang)} au "
                f"{short_date(line.end, lang)} ({line.days} j à {percent(line.rate, lang)})"
                if fr
                else f"{what} {inv.number}, {short_date(line.start, lang)} to "
                f"{short_date(line.end, lang)} ({line.days} days at {percent(line.rate, lang)})"
            )
            moves.append((line.end, 2, text, line.amount, ZERO))
        if item.result.fixed_compensation and item.result.fixed_in_currency:
            if fr:
                text = f"Indemnité forfaitaire pour frais de recouvrement ({inv.number})"
            elif item.result.jurisdiction == "FR":
                text = f"Fixed recovery indemnity ({inv.number})"
            else:
                text = f"Fixed sum for recovery costs ({inv.number})"
            start = item.result.start or inv.due_date
            moves.append((start, 3, text, item.result.fixed_compensation, ZERO))
    moves.sort(key=lambda m: (m[0], m[1]))
    rows = []
    balance = ZERO
    debit_total = credit_total = ZERO
    for day, _, text, debit, credit in moves:
        balance += debit - credit
        debit_total += debit
        credit_total += credit
        rows.append(
            {
                "date": short_date(day, lang),
                "label": text,
                "debit": fm(debit) if debit else "",
                "credit": fm(credit) if credit else "",
                "balance": fm(balance),
            }
        )
    return {
        "rows": rows,
        "debit": fm(debit_total),
        "credit": fm(credit_total),
        "balance": fm(balance),
        "balance_raw": to_money(balance),
    }


# What the interest lines are called, by regime: (French, English).
_INTEREST_LABEL = {
    "fr.l441_10": ("Pénalités de retard", "Late payment penalties"),
    "fr.taux_legal": ("Intérêts au taux légal", "Interest at the legal rate"),
    "gb.late_payment_act": ("Intérêts légaux de retard", "Statutory interest"),
    "gb.judgment_interest": ("Intérêts sur jugement", "Judgment interest"),
    None: ("Intérêts de retard", "Late payment interest"),
}


def _fixed_money(result, fm, lang: str) -> str:
    """A fixed sum in its own currency: 40 EUR on a USD invoice stays 40 EUR (D441-5)."""
    if result.fixed_in_currency:
        return fm(result.fixed_compensation)
    return money(result.fixed_compensation, result.fixed_compensation_currency, lang)


def _fixed_total(dc: DebtorClaim, fm, lang: str) -> str:
    apart = dc.fixed_apart
    if apart and not dc.fixed_compensation:
        return money(apart[1], apart[0], lang)
    return fm(dc.fixed_compensation)


def _law(law: dict, lang: str, fm) -> dict:
    """The legal values a document may quote, formatted (see law/documents.py)."""
    fr, gb = law["fr"], law["gb"]
    apart = law["fixed_apart"]
    return {
        "pay_days": law["pay_days"],
        "time_barred": law["time_barred"],
        "l441_margin": fr["l441_margin"],
        "fixed_indemnity": money(fr["fixed_indemnity"], fr["fixed_indemnity_currency"], lang),
        "lawyer_threshold": money(fr["lawyer_threshold"], "EUR", lang),
        "reply_days": gb["reply_days"],
        "pre_action_days": gb["pre_action_days"],
        "notice_before_issue_days": gb["notice_before_issue_days"],
        "online_fee_note": gb["online_fee_note"],
        "interest_statement": law["interest_statement"],
        "interest_continues": law["interest_continues"],
        "fixed_apart": money(apart["amount"], apart["currency"], lang) if apart else None,
    }


def _deadline(request: DocumentRequest, days: int) -> date:
    debtor = request.claim.debtor
    if request.creditor.country == "GB":
        return gb_deadline(request.as_of, f"{days} days", nation=_gb_nation(debtor)).end
    subdivision = debtor.subdivision if debtor.country == "FR" else None
    return fr_deadline(request.as_of, f"{days} jours", subdivision=subdivision).end


def _gb_nation(debtor: Party) -> str:
    return debtor.subdivision if debtor.subdivision in {"ENG", "WLS", "SCT", "NIR"} else "ENG"


def _next_step(dc: DebtorClaim) -> dict | None:
    if dc.assessment is None:
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
