"""The FEC (fichier des écritures comptables, art. A47 A-1 of the Livre des procédures
fiscales): every accounting software in France exports it.

The file's format (18 columns, tab or ``|``, decimal comma, dates ``AAAAMMJJ``) is read
by :mod:`.fec_lines`; here is what its lines mean.

What is read: the lines of the customer accounts (``411``, ``413``, ``416``), the debtor
being ``CompAuxNum``/``CompAuxLib`` (or the account itself when the software keeps no
auxiliary accounts). A debit is an invoice (``PieceRef`` its number, ``PieceDate`` its
date); a credit from a sales journal is a credit note; any other credit is a payment.
Lines lettered together (``EcritureLet``) are settled: their invoices are paid. A payment
that is not lettered is applied to the invoice its label or piece names; otherwise it is
reported, never spread over invoices by guess.

The FEC has no due date: it is the invoice date plus the creditor's payment terms
(``payment_terms_days`` of the profile, or per debtor in a ``--terms`` file:
``C002: 60``, ``C001: 45 fin de mois``), and ``check`` says which terms were used.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from ..model import DocumentKind, Invoice, Party, PartyKind, Payment
from ..money import ZERO
from .assemble import assemble
from .fec_lines import FEC_COLUMNS, FecLine, FecReader, read_lines
from .ledger import LedgerResult, SourceReport
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping
from .openitems import number_key
from .sources import _LineTooLong
from .terms import Terms, load_terms

__all__ = ["FEC_COLUMNS", "read_fec"]


def read_fec(
    path: Path,
    *,
    payment_terms_days: int | None = None,
    terms: Path | str | None = None,
    debtors: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    default_currency: str | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    label = str(path)
    reader = FecReader(label)
    per_debtor = load_terms(terms) if terms else {}
    try:
        lines = read_lines(path, reader, limits)
    except _LineTooLong as exc:
        reader.error(exc.line, f"the line is longer than {limits.max_line_chars} characters")
        lines = None
    except OSError as exc:
        reader.error(None, f"cannot be read ({exc.strerror})")
        lines = None
    sources = [
        SourceReport(
            label=label,
            kind="invoices",
            description=f"FEC (A47 A-1 LPF), {len(lines or ())} of its lines on customer accounts",
            rows=reader.total,
            columns=(),
            unused_columns=(),
        )
    ]
    if lines is None:
        return assemble(
            label=label, invoices=[], parties={}, problems=reader.problems, sources=sources
        )
    if not lines and not reader.problems:
        reader.error(None, "holds no line on a customer account (411, 413, 416)")
    default = (
        Terms(payment_terms_days, source="payment_terms_days")
        if payment_terms_days is not None
        else None
    )
    invoices, payments, parties, used = _build(
        lines, reader, label, default, per_debtor, default_currency or "EUR", default_country
    )
    notes = []
    for terms_used, debtors_ in sorted(used.items(), key=lambda kv: kv[0].source):
        where = (
            "the profile's payment_terms_days"
            if terms_used.source == "payment_terms_days"
            else terms_used.source
        )
        notes.append(
            f"Due dates (the FEC has none): invoice date + {terms_used} ({where}) for "
            f"{', '.join(sorted(debtors_))}"
        )
    return assemble(
        label=label,
        invoices=invoices,
        parties=parties,
        problems=reader.problems,
        sources=sources,
        payments=payments,
        debtors=debtors,
        mapping=mapping,
        default_country=default_country,
        default_debtor_kind=default_debtor_kind,
        limits=limits,
        notes=notes,
    )


def _build(lines, reader, label, default, per_debtor, currency, country):
    groups: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for x in lines:
        if x.letter:
            groups[(x.debtor, x.letter)] += x.amount
    for (debtor, letter), total in groups.items():
        if total != 0:
            reader.warn(
                None,
                f"lettering {letter} of {debtor} does not balance ({total}): its lines are "
                "treated as open",
            )
    settled = {k for k, total in groups.items() if total == 0}
    parties: dict[str, Party] = {}
    docs: dict[str, dict] = {}
    loose_payments: list[FecLine] = []
    used: dict[Terms, set[str]] = defaultdict(set)
    for x in lines:
        parties.setdefault(
            x.debtor,
            Party(
                id=x.debtor,
                name=x.name or x.debtor,
                country=country,
                source_file=label,
                source_line=x.line,
            ),
        )
        lettered = (x.debtor, x.letter) in settled
        if x.amount > 0 or x.sales:
            kind = DocumentKind.INVOICE if x.amount > 0 else DocumentKind.CREDIT_NOTE
            number = x.piece or f"{x.journal}-{x.line}"
            doc = docs.get(number)
            if doc is None:
                docs[number] = doc = {"line": x, "amount": ZERO, "paid": ZERO, "kind": kind}
            elif doc["line"].debtor != x.debtor:
                reader.error(x.line, f"piece {number} is also on {doc['line'].debtor}'s account")
                continue
            doc["amount"] += x.amount
            if lettered:
                doc["paid"] += x.amount
        elif not lettered:
            loose_payments.append(x)
    invoices: list[Invoice] = []
    by_number: dict[str, Invoice] = {}
    without_terms: dict[str, int] = {}
    for number, doc in docs.items():
        first: FecLine = doc["line"]
        terms = per_debtor.get(first.debtor) or default
        if doc["kind"] is DocumentKind.INVOICE and terms is None:
            without_terms.setdefault(first.debtor, first.line)
            continue
        due = (
            terms.due(first.day) if (terms and doc["kind"] is DocumentKind.INVOICE) else first.day
        )
        if doc["kind"] is DocumentKind.INVOICE:
            used[terms].add(first.debtor)
        inv = Invoice(
            number=number,
            debtor_id=first.debtor,
            issue_date=first.day,
            due_date=due,
            amount=doc["amount"],
            currency=currency,
            paid=doc["paid"],
            description=first.label or None,
            kind=doc["kind"],
            source_file=label,
            source_line=first.line,
        )
        invoices.append(inv)
        by_number[number] = inv
    if without_terms:
        shown = ", ".join(sorted(without_terms))
        reader.error(
            min(without_terms.values()),
            "the FEC has no due dates and no payment terms are given for "
            f"{shown}: set payment_terms_days in the creditor profile, or give a --terms "
            "file (C002: 60, C001: 45 fin de mois)",
        )
    payments = _apply_loose(loose_payments, invoices, by_number, reader, label)
    return invoices, payments, parties, used


def _apply_loose(loose, invoices, by_number, reader, label) -> list[Payment]:
    """Unlettered payments: applied to the invoice their label or piece names, else
    reported (never spread by guess)."""
    keys = {number_key(n): n for n in by_number}
    index = {inv.number: i for i, inv in enumerate(invoices)}
    payments = []
    for x in loose:
        named = None
        for token in (x.piece, *re.split(r"[\s:;,()]+", x.label)):
            found = keys.get(number_key(token)) if token else None
            if (
                found
                and by_number[found].debtor_id == x.debtor
                and not by_number[found].is_credit_note
            ):
                named = found
                break
        amount = -x.amount
        if named is None:
            reader.warn(
                x.line,
                f"payment of {amount} by {x.debtor} on {x.day:%d/%m/%Y} is not lettered and "
                "names no invoice: not applied (letter it in your accounts, or its debtor's "
                "balance stays overstated by this amount)",
            )
            continue
        i = index[named]
        inv = invoices[i]
        invoices[i] = inv = _with_paid(inv, inv.paid + amount)
        by_number[named] = inv
        if inv.paid > inv.amount:
            reader.error(x.line, f"payments on {named} come to more than its amount")
        payments.append(
            Payment(
                date=x.day,
                amount=amount,
                invoice_number=named,
                reference=x.piece or None,
                source_file=label,
                source_line=x.line,
            )
        )
    return payments


def _with_paid(inv: Invoice, paid: Decimal) -> Invoice:
    from dataclasses import replace

    return replace(inv, paid=paid)
