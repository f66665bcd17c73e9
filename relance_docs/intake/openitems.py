"""The ledger's open items, indexed for matching bank credits: what is still due on each
invoice (its credit notes deducted), and the invoice numbers and debtors that a bank
line's free text can name.

Numbers are compared on their letters and digits only (``FA 2026 0117`` is
``FA-2026-0117``); names on their words, without legal forms, titles and the bank's own
words (``VIR``, ``SEPA``...). :mod:`.matching` applies its rules over an :class:`OpenItems`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ..model import BankLine, Invoice, Ledger, Party
from ..money import ZERO
from ..text import fold
from .kinds import LEGAL_FORMS

__all__ = ["OpenItems", "number_key"]

_TOKEN_RE = re.compile(r"[A-Z0-9]+")
_STOP = {f.upper() for f in LEGAL_FORMS} | {
    "M",
    "MME",
    "MLLE",
    "MR",
    "MRS",
    "MS",
    "DR",
    "ET",
    "AND",
    "DE",
    "DU",
    "DES",
    "LA",
    "LE",
    "LES",
    "L",
    "D",
    "THE",
    "OF",
    "VIR",
    "VIREMENT",
    "SEPA",
    "RECU",
    "FROM",
    "PAYMENT",
}


def number_key(text: str) -> str:
    """An invoice number or a code as its letters and digits only, in capitals."""
    return "".join(_TOKEN_RE.findall(fold(text).upper()))


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _TOKEN_RE.findall(fold(text).upper()) if w not in _STOP)


class OpenItems:
    """The ledger's open items, as the matching consumes them."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.open: dict[str, Decimal] = {}
        self.by_number: dict[str, Invoice] = {}
        self.numbers: dict[str, str] = {}
        self.credits_on: dict[str, Decimal] = defaultdict(lambda: ZERO)
        self.by_amount: dict[Decimal, list[str]] = defaultdict(list)
        for inv in ledger.invoices:
            self.by_number[inv.number] = inv
            if inv.is_credit_note:
                if inv.applies_to and inv.outstanding < 0:
                    self.credits_on[inv.applies_to] += inv.outstanding
                continue
            self.open[inv.number] = inv.outstanding
            self.by_amount[inv.outstanding].append(inv.number)
            key = number_key(inv.number)
            if len(key) >= 4 and not (key.isdigit() and len(key) < 5):
                self.numbers[key] = inv.number
        self.codes: dict[str, Party] = {}
        self.word_index: dict[str, list[Party]] = defaultdict(list)
        self.names: dict[str, frozenset[str]] = {}
        for party in ledger.debtors:
            code = number_key(party.id)
            if len(code) >= 3 and any(c.isdigit() for c in code):
                self.codes[code] = party
            words = _words(party.name)
            if words:
                self.names[party.id] = words
                for word in words:
                    self.word_index[word].append(party)
        # Each debtor filed under its rarest word: a payer whose words hold all of a
        # debtor's words holds that one, and the buckets stay small.
        self.rare: dict[str, list[Party]] = defaultdict(list)
        for party in ledger.debtors:
            words = self.names.get(party.id)
            if words:
                self.rare[min(words, key=lambda w: (len(self.word_index[w]), w))].append(party)

    def due(self, number: str) -> Decimal:
        """What is still due on an invoice, its credit notes deducted."""
        return self.open.get(number, ZERO) + self.credits_on.get(number, ZERO)

    def open_invoices(self, debtor_id: str, currency: str) -> list[Invoice]:
        found = [
            inv
            for inv in self.ledger.invoices_of(debtor_id)
            if not inv.is_credit_note and inv.currency == currency and self.due(inv.number) > 0
        ]
        return sorted(found, key=lambda inv: (inv.due_date, inv.number))

    def find_numbers(self, text: str) -> list[str]:
        tokens = _TOKEN_RE.findall(fold(text).upper())
        found: list[str] = []
        for i in range(len(tokens)):
            joined = ""
            for token in tokens[i : i + 5]:
                joined += token
                number = self.numbers.get(joined)
                if number and number not in found:
                    found.append(number)
        return found

    def find_debtor(self, line: BankLine) -> tuple[list[Party], str]:
        """The debtors the line points to, and how (for the explanation)."""
        for token in _TOKEN_RE.findall(fold(line.text).upper()):
            if token in self.codes:
                return [self.codes[token]], f"its code {self.codes[token].id} is in the text"
        for source, what in ((line.payer, "payer"), (line.text, "text")):
            if not source:
                continue
            words = _words(source)
            found = {
                p.id: p for w in words for p in self.rare.get(w, ()) if self.names[p.id] <= words
            }
            if what == "payer" and len(words) >= 2:
                # A payer's name shortened by the bank: all its words in one debtor's name.
                rarest = min(words, key=lambda w: len(self.word_index.get(w, ())))
                bucket = self.word_index.get(rarest, ())
                if len(bucket) <= 1000:
                    found.update({p.id: p for p in bucket if words <= self.names[p.id]})
            hits = list(found.values())
            if hits:
                shown = source if len(source) <= 60 else source[:57] + "..."
                return hits, f'the {what} "{shown}" is its name'
        return [], ""
