"""Matching bank credits to open invoices, each match with the reason it was made.

The rules, in order, for each credit of the statement:

1. **Assigned by the user**: the assignment file (``--assign``) names the line (by the
   bank's reference or ``file:line``) and the invoices, or a debtor, it pays, or
   ``ignore`` for money that is not a customer's payment.
2. **Invoice number**: an open invoice's number appears in the remittance information
   (separators ignored: ``FA 2026 0117`` is ``FA-2026-0117``). The credit is spread over
   the invoices named, oldest due first; what is left over is said.
3. **Debtor and exact amount**: the payer is one debtor of the ledger (its name, or its
   code in the text), and the credit is exactly the amount still due on one of its
   invoices, or on one set of its invoices (up to four). Two candidates: not matched.
4. Otherwise the credit is **unmatched**, and listed with the reason, for the user to
   assign. An amount alone never matches, whoever paid: 576,00 from an unknown payer is
   not the 576,00 invoice of some debtor.

A credit for an invoice that the ledger already counts as paid is not counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from ..model import BankLine, Invoice, Ledger, Payment
from ..money import ZERO
from .openitems import OpenItems

__all__ = ["Assignment", "Match", "MatchReport", "Unmatched", "match_lines"]

_MAX_SET = 4
_MAX_SET_INVOICES = 20


@dataclass(frozen=True)
class Assignment:
    """What the user's assignment file says of one bank line."""

    targets: tuple[str, ...]
    """Invoice numbers, or one debtor code; empty to ignore the line."""
    where: str
    """``assign.yaml:7``, for the explanation."""


@dataclass(frozen=True)
class Match:
    line: BankLine
    applied: tuple[tuple[str, Decimal], ...]
    """(invoice number, amount applied), in order."""
    rule: str
    """``assigned``, ``invoice number``, ``debtor and amount`` or ``debtor and invoices``."""
    reason: str
    left: Decimal = ZERO
    """What the credit holds beyond the invoices it pays (left for the user to assign)."""


@dataclass(frozen=True)
class Unmatched:
    line: BankLine
    reason: str


@dataclass(frozen=True)
class MatchReport:
    matches: tuple[Match, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
    ignored: tuple[Unmatched, ...] = ()
    """Lines set aside on purpose (assigned ``ignore``); debits are only counted."""
    debits: int = 0
    statements: tuple[tuple[str, str, int], ...] = ()
    """(file, format, lines) of each statement read."""

    @property
    def payments(self) -> tuple[Payment, ...]:
        return tuple(
            Payment(
                date=m.line.day,
                amount=amount,
                invoice_number=number,
                reference=f"bank {m.line.key}: {m.rule}",
                source_file=m.line.source_file,
                source_line=m.line.source_line,
            )
            for m in self.matches
            for number, amount in m.applied
        )


def _fmt(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",")


def _spread(book: OpenItems, amount: Decimal, numbers: Iterable[str]) -> tuple[list, Decimal]:
    applied = []
    left = amount
    for number in numbers:
        due = book.due(number)
        if left <= 0 or due <= 0:
            continue
        part = min(left, due)
        applied.append((number, part))
        book.open[number] -= part
        left -= part
    return applied, left


def _by_due(book: OpenItems, numbers: Iterable[str]) -> list[str]:
    return sorted(numbers, key=lambda n: (book.by_number[n].due_date, n))


def match_lines(
    ledger: Ledger,
    lines: Iterable[BankLine],
    assignments: Mapping[str, Assignment] | None = None,
) -> MatchReport:
    """Match the credits of ``lines`` to the open invoices of ``ledger``."""
    book = OpenItems(ledger)
    assignments = assignments or {}
    matches: list[Match] = []
    unmatched: list[Unmatched] = []
    ignored: list[Unmatched] = []
    debits = 0
    ordered = sorted(lines, key=lambda x: (x.day, x.source_file or "", x.source_line or 0))
    for line in ordered:
        if line.amount <= 0:
            debits += 1
            continue
        assigned = assignments.get(line.key)
        if assigned is not None:
            result = _assigned(book, line, assigned)
        else:
            result = _by_number(book, line) or _by_debtor(book, line)
        if isinstance(result, Match):
            matches.append(result)
        elif result.reason.startswith("ignored"):
            ignored.append(result)
        else:
            unmatched.append(result)
    return MatchReport(
        matches=tuple(matches), unmatched=tuple(unmatched), ignored=tuple(ignored), debits=debits
    )


def _already_counted(book: OpenItems, line: BankLine, numbers: list[str]) -> Unmatched | None:
    for number in numbers:
        inv = book.by_number[number]
        if inv.paid > 0 and inv.paid == line.amount:
            return Unmatched(
                line,
                f"names {number}, and the ledger already counts a payment of "
                f"{_fmt(inv.paid)} on it: not counted twice",
            )
    if all(book.due(n) <= 0 for n in numbers):
        return Unmatched(
            line,
            f"names {', '.join(numbers)}, which the ledger shows as paid: not counted twice",
        )
    return None


def _by_number(book: OpenItems, line: BankLine) -> Match | Unmatched | None:
    numbers = book.find_numbers(line.text)
    if not numbers:
        return None
    other = [n for n in numbers if book.by_number[n].currency != line.currency]
    if other:
        return Unmatched(
            line, f"names {', '.join(other)}, an invoice in another currency than {line.currency}"
        )
    counted = _already_counted(book, line, numbers)
    if counted is not None:
        return counted
    applied, left = _spread(book, line.amount, _by_due(book, numbers))
    named = ", ".join(numbers)
    reason = f"the invoice number{'s' if len(numbers) > 1 else ''} {named} in the remittance"
    if left > 0:
        reason += f"; {_fmt(left)} more than still due, left to assign"
    return Match(line, tuple(applied), "invoice number", reason, left)


def _by_debtor(book: OpenItems, line: BankLine) -> Match | Unmatched:
    parties, how = book.find_debtor(line)
    who = line.payer or (line.text[:40] if line.text else "unknown")
    if not parties:
        same = [
            inv
            for inv in (book.by_number[n] for n in book.by_amount.get(line.amount, ()))
            if inv.currency == line.currency and book.due(inv.number) == line.amount
        ][:3]
        also = (
            f" ({_fmt(line.amount)} is due on {', '.join(i.number for i in same)} of "
            f"{', '.join(sorted({i.debtor_id for i in same}))}, but an amount alone never "
            "matches)"
            if same
            else ""
        )
        return Unmatched(
            line,
            f'no invoice number in the remittance and the payer "{who}" is no debtor of the '
            f"ledger{also}",
        )
    if len(parties) > 1:
        return Unmatched(
            line, "the payer could be " + " or ".join(f"{p.id} {p.name}" for p in parties)
        )
    party = parties[0]
    invoices = book.open_invoices(party.id, line.currency)
    same = [inv for inv in invoices if book.due(inv.number) == line.amount]
    if len(same) == 1:
        inv = same[0]
        counted = _already_counted(book, line, [inv.number])
        if counted is not None:
            return counted
        applied, _ = _spread(book, line.amount, [inv.number])
        return Match(
            line,
            tuple(applied),
            "debtor and amount",
            f"debtor {party.id} ({how}) and {_fmt(line.amount)} is what is due on its "
            f"invoice {inv.number}",
        )
    if len(same) > 1:
        return Unmatched(
            line,
            f"debtor {party.id} ({how}) has {len(same)} invoices of {_fmt(line.amount)} "
            f"({', '.join(i.number for i in same)}): assign it",
        )
    sets = _sets(book, invoices[:_MAX_SET_INVOICES], line.amount)
    if len(sets) == 1:
        numbers = [inv.number for inv in sets[0]]
        applied, _ = _spread(book, line.amount, numbers)
        return Match(
            line,
            tuple(applied),
            "debtor and invoices",
            f"debtor {party.id} ({how}) and {_fmt(line.amount)} is what is due on its "
            f"invoices {', '.join(numbers)} together",
        )
    if len(sets) > 1:
        return Unmatched(
            line,
            f"debtor {party.id} ({how}): {len(sets)} sets of its invoices come to "
            f"{_fmt(line.amount)}: assign it",
        )
    paid = [
        inv.number
        for inv in book.ledger.invoices_of(party.id)
        if not inv.is_credit_note and inv.paid == line.amount
    ]
    if paid:
        return Unmatched(
            line,
            f"debtor {party.id} ({how}); the ledger already counts a payment of "
            f"{_fmt(line.amount)} on {', '.join(paid)}: not counted twice",
        )
    return Unmatched(
        line,
        f"debtor {party.id} ({how}), but no invoice or set of its invoices comes to "
        f"{_fmt(line.amount)}: assign it",
    )


def _sets(book: OpenItems, invoices: list[Invoice], amount: Decimal) -> list[tuple[Invoice, ...]]:
    found: list[tuple[Invoice, ...]] = []
    for size in range(2, min(_MAX_SET, len(invoices)) + 1):
        for combo in combinations(invoices, size):
            if sum((book.due(i.number) for i in combo), ZERO) == amount:
                found.append(combo)
                if len(found) > 1:
                    return found
    return found


def _assigned(book: OpenItems, line: BankLine, assigned: Assignment) -> Match | Unmatched:
    if not assigned.targets:
        return Unmatched(line, f"ignored, as {assigned.where} says")
    numbers = [t for t in assigned.targets if t in book.by_number]
    if not numbers and len(assigned.targets) == 1:
        code = assigned.targets[0]
        party = next((p for p in book.ledger.debtors if p.id == code), None)
        if party is None:
            return Unmatched(
                line, f"{assigned.where} names {code}, neither an invoice nor a debtor"
            )
        numbers = [inv.number for inv in book.open_invoices(party.id, line.currency)]
        if not numbers:
            return Unmatched(line, f"{assigned.where} names {code}, which owes nothing")
    missing = [t for t in assigned.targets if t not in book.by_number]
    if missing and numbers != [] and len(assigned.targets) > 1:
        return Unmatched(line, f"{assigned.where} names {', '.join(missing)}, not in the ledger")
    applied, left = _spread(book, line.amount, _by_due(book, numbers))
    if not applied:
        return Unmatched(
            line, f"{assigned.where} names {', '.join(numbers)}, which owe nothing: not counted"
        )
    reason = f"assigned in {assigned.where}"
    if left > 0:
        reason += f"; {_fmt(left)} more than still due, left to assign"
    return Match(line, tuple(applied), "assigned", reason, left)
