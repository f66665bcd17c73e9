"""The figures of a document: invoices, penalties, the statement of account, the charges.

The statement of account is what the debtor can check against its own books: the
invoices, the credit notes and the payments, with a running balance. The penalties and
indemnities claimed are not in the debtor's books: they are a separate block under it
(``charges``), and the claim's total is the statement's balance plus the charges. A credit
note is shown as a credit note, never as a payment; one the tool set against an invoice
(the ledger names none) says so.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..law.claims import DebtorClaim, InvoiceInterest
from ..money import ZERO, to_money
from .formatting import long_date, money, percent, short_date

__all__ = [
    "charges_part",
    "fixed_money",
    "fixed_total",
    "invoice_row",
    "open_item",
    "penalties_part",
    "statement_part",
]


def fixed_money(result, fm, lang: str) -> str:
    """A fixed sum in its own currency: 40 EUR on a USD invoice stays 40 EUR (D441-5)."""
    if result.fixed_in_currency:
        return fm(result.fixed_compensation)
    return money(result.fixed_compensation, result.fixed_compensation_currency, lang)


def fixed_total(dc: DebtorClaim, fm, lang: str) -> str:
    """The fixed sums of the claim: in the claim's currency, or, when they are all in
    another one (40 EUR on a USD claim), in theirs (outside the total: ``law.fixed_apart``)."""
    apart = dc.fixed_apart
    if apart and not dc.fixed_compensation:
        return money(apart[1], apart[0], lang)
    return fm(dc.fixed_compensation)


def invoice_row(item: InvoiceInterest, fm, lang: str, as_of: date) -> dict:
    inv = item.invoice
    credited = sum((r.amount for r in item.reductions if r.kind == "credit_note"), ZERO)
    paid = sum((r.amount for r in item.reductions if r.kind != "credit_note"), ZERO)
    r = item.result
    return {
        "number": inv.number,
        "issue_date": short_date(inv.issue_date, lang),
        "due_date": short_date(inv.due_date, lang),
        "due_date_long": long_date(inv.due_date, lang),
        "description": inv.description or "",
        "amount": fm(inv.amount),
        "credited": fm(credited) if credited else "",
        "paid": fm(paid) if paid else "",
        "outstanding": fm(item.principal),
        "days_late": (as_of - inv.due_date).days,
        "interest": fm(r.interest),
        "fixed": fixed_money(r, fm, lang),
        "source": f"{inv.source_file}:{inv.source_line}" if inv.source_file else "",
    }


def open_item(inv, fm, lang: str) -> dict:
    return {
        "number": inv.number,
        "issue_date": short_date(inv.issue_date, lang),
        "due_date": short_date(inv.due_date, lang),
        "due_date_long": long_date(inv.due_date, lang),
        "description": inv.description or "",
        "amount": fm(inv.amount),
        "outstanding": fm(inv.outstanding),
    }


def credit_notes_set(dc: DebtorClaim, fm, lang: str) -> list[dict]:
    """Credit notes naming no invoice, set by the tool against the oldest overdue one."""
    return [
        {"number": r.reference, "invoice": item.invoice.number, "amount": fm(r.amount),
         "date": short_date(r.date, lang)}
        for item in dc.invoices
        for r in item.reductions
        if r.kind == "credit_note" and r.by_tool
    ]  # fmt: skip


def penalties_part(dc: DebtorClaim, lang: str, fm) -> dict:
    lines = []
    rates = []
    # The regime of the pair of parties (fr.l441_10, fr.taux_legal, gb.late_payment_act,
    # de.bgb_288, eu.directive_2011_7, or "none"): templates choose their wording by it.
    regime = dc.invoices[0].result.regime if dc.invoices else None
    for item in dc.invoices:
        for line in item.result.lines:
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
            fixed_each = fixed_money(item.result, fm, lang)
            break
    distinct = list(dict.fromkeys(rates))
    return {
        "applies": bool(lines) or dc.fixed_compensation > 0,
        "regime": regime,
        "lines": lines,
        "rates": [percent(x, lang) for x in distinct],
        "rate": percent(distinct[-1], lang) if distinct else None,
        "interest": fm(dc.interest),
        "fixed": fixed_total(dc, fm, lang),
        "fixed_each": fixed_each,
        "fixed_count": sum(1 for i in dc.invoices if i.result.fixed_compensation),
        # True when every late invoice carries the same fixed sum (not so with the UK bands).
        "fixed_uniform": len({i.result.fixed_compensation for i in dc.invoices}) <= 1,
        "daily": fm(sum((i.result.daily_interest for i in dc.invoices), ZERO)),
    }


def statement_part(dc: DebtorClaim, fm, lang: str) -> dict:
    """The debtor's books: invoices, credit notes, payments, in date order, with a
    running balance (the principal outstanding)."""
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
                if red.by_tool:
                    text += (
                        f" (ne désigne pas de facture : imputé par nos soins sur {inv.number})"
                        if fr
                        else f" (names no invoice: set by us against {inv.number})"
                    )
                else:
                    text += f" ({'sur' if fr else 'on'} {inv.number})"
            elif red.kind == "payment":
                text = ("Règlement reçu" if fr else "Payment received") + f" ({inv.number})"
                if red.reference:
                    text += f", {'réf.' if fr else 'ref.'} {red.reference}"
            else:
                text = (
                    f"Règlement reçu sur {inv.number} (date non indiquée dans nos livres)"
                    if fr
                    else f"Payment received on {inv.number} (date not shown in our books)"
                )
            moves.append((red.date, 1, text, ZERO, red.amount))
    moves.sort(key=lambda m: (m[0], m[1]))
    rows = []
    balance = debit_total = credit_total = ZERO
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


def charges_part(dc: DebtorClaim, fm, lang: str, statement: dict) -> dict:
    """What the claim adds to the debtor's books: the penalties or interest, line by line,
    and the fixed indemnities; the total claimed is the statement's balance plus these."""
    fr = lang == "fr"
    rows = []
    for item in dc.invoices:
        inv = item.invoice
        what = _INTEREST_LABEL.get(item.result.regime, _INTEREST_LABEL[None])[0 if fr else 1]
        for line in item.result.lines:
            rows.append(
                {
                    "label": f"{what}, {inv.number}",
                    "period": (
                        f"du {short_date(line.start, lang)} au {short_date(line.end, lang)}"
                        if fr
                        else f"{short_date(line.start, lang)} to {short_date(line.end, lang)}"
                    ),
                    "days": line.days,
                    "base": fm(line.base),
                    "rate": percent(line.rate, lang),
                    "amount": fm(line.amount),
                }
            )
        if item.result.fixed_compensation:
            if fr:
                text = f"Indemnité forfaitaire pour frais de recouvrement, {inv.number}"
            elif item.result.jurisdiction == "FR":
                text = f"Fixed recovery indemnity, {inv.number}"
            else:
                text = f"Fixed sum for recovery costs, {inv.number}"
            rows.append(
                {"label": text, "period": "", "days": "", "base": "", "rate": "",
                 "amount": fixed_money(item.result, fm, lang),
                 "apart": not item.result.fixed_in_currency}
            )  # fmt: skip
    total = dc.interest + dc.fixed_compensation
    return {
        "rows": rows,
        "total": fm(total),
        "grand_total": fm(dc.principal + total),
        "books_balance": statement["balance"],
    }
