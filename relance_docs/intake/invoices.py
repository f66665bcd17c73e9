"""The invoices table of a ledger: each row checked and turned into an
:class:`~relance_docs.model.Invoice` (dates, amounts and their currency, credit notes,
disputes, the PDF) with its debtor, and the credit notes checked against the invoices
they apply to.

:class:`InvoiceBuilder` adds this to the :class:`~.debtors.PartyBuilder`;
:mod:`.ledger` reads the files and puts the tables together.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from babel.numbers import get_currency_precision

from ..model import DocumentKind, Invoice, Party
from ..money import ZERO, round_money
from .aliases import FIELD_LABELS
from .builder import Table, _shown, _text
from .cells import parse_bool, parse_currency, parse_date, parse_document_type, parse_money
from .checks import resolve_exhibit
from .columns import normalise
from .debtors import PARTY_FIELDS, PartyBuilder, party_key

__all__ = ["InvoiceBuilder", "check_credit_notes"]

_TOTAL_RE = re.compile(r"^(?:sous )?totaux?\b|^(?:sub ?|grand )?total\b")
_STEPS = {n: Decimal(1).scaleb(-n) for n in range(5)}


@functools.cache
def _precision(currency: str) -> int:
    return get_currency_precision(currency)


class InvoiceBuilder(PartyBuilder):
    """The builder, with the invoices."""

    def read_invoices(
        self, table: Table, debtors: dict[str, Party] | None, hint: str | None
    ) -> tuple[list[Invoice], dict[str, Party]]:
        label = table.raw.label
        own_parties: dict[str, tuple[Party, tuple, int]] = {}
        party_idx = [table.cols[f] for f in PARTY_FIELDS if f in table.cols]
        invoices: list[Invoice] = []
        seen_numbers: dict[str, int] = {}
        money = functools.partial(parse_money, decimal=hint)
        as_date = functools.partial(parse_date, date_format=self.mapping.date_format)
        for line, cells in table.raw.rows:
            if (table.raw.label, line) in self._unreadable:
                continue  # a formula without its value: already reported
            errors_before = self.error_count
            number = _text(table.cell(cells, "invoice_number"))
            if number is None or (number[0] in "TtSsGg" and _TOTAL_RE.match(normalise(number))):
                first = next((_text(c) for c in cells if _text(c)), "")
                if _TOTAL_RE.match(normalise(number or first)):
                    self.error(
                        label,
                        line,
                        "looks like a totals line: remove it (relance computes the totals itself)",
                    )
                else:
                    self.error(label, line, "the row has no invoice number")
                continue
            # The debtor: from this row (one-file layout) or from the debtors file.
            debtor_id: str | None = None
            if debtors is None:
                raw_party = tuple(cells[i] for i in party_idx)
                key = party_key(
                    _text(table.cell(cells, "debtor_id"))
                    or _text(table.cell(cells, "debtor_name"))
                    or ""
                )
                known = own_parties.get(key)
                if known is None:
                    party = self.party(table, line, cells)
                    if party is not None:
                        own_parties[party_key(party.id)] = (party, raw_party, line)
                        debtor_id = party.id
                else:
                    if known[1] != raw_party:
                        other = self.party(table, line, cells, first=False)
                        if other is not None:
                            self._compare_parties(table, known[0], other, known[2], line)
                    debtor_id = known[0].id
            else:
                ref = _text(table.cell(cells, "debtor_id")) or _text(
                    table.cell(cells, "debtor_name")
                )
                found = debtors.get(party_key(ref or ""))
                if found is None:
                    self.error(
                        label,
                        line,
                        f'debtor "{ref}" is not in the debtors file'
                        if ref
                        else "the row names no debtor",
                    )
                else:
                    debtor_id = found.id
            invoice = self._invoice(table, line, cells, number, debtor_id or "", money, as_date)
            if number in seen_numbers:
                self.error(
                    label,
                    line,
                    f"invoice number {number} appears twice "
                    f"(first at line {seen_numbers[number]})",
                )
            else:
                seen_numbers[number] = line
            if invoice is not None and self.error_count == errors_before:
                invoices.append(invoice)
        parties = {k: v[0] for k, v in own_parties.items()}
        if debtors is None:
            for party in parties.values():
                self.check_party(table, party)
            parties = self.settle_kinds(table, parties)
        return invoices, parties

    def _invoice(
        self,
        table: Table,
        line: int,
        cells: list[object],
        number: str,
        debtor_id: str,
        money: Callable[[object], tuple[Decimal, str | None]],
        as_date: Callable[[object], date],
    ) -> Invoice | None:
        """Parse and check one invoice row; every problem found is recorded."""
        label = table.raw.label
        errors_before = self.error_count

        def header(field: str) -> str:
            return table.header(field) if table.has(field) else FIELD_LABELS[field]

        def shown(field: str, value: object) -> str:
            """The cell as written in the file (or the computed value)."""
            raw = table.cell(cells, field)
            return f'"{_shown(raw)}"' if _text(raw) is not None else str(value)

        kind = self._parse(table, line, cells, "document_type", parse_document_type)
        typed = kind is not None
        kind = kind or DocumentKind.INVOICE
        issue = self._parse(table, line, cells, "issue_date", as_date, required=True)
        due = self._parse(table, line, cells, "due_date", as_date, required=True)
        amount_cell = (
            self._parse(table, line, cells, "amount", money, required=True)
            if table.has("amount")
            else None
        )
        outstanding_cell = self._parse(table, line, cells, "outstanding", money)
        paid_cell = self._parse(table, line, cells, "paid", money)
        excl_cell = self._parse(table, line, cells, "amount_excl_tax", money)
        currency = self._parse(table, line, cells, "currency", parse_currency)
        symbols = sorted(
            {c[1] for c in (amount_cell, outstanding_cell, paid_cell, excl_cell) if c and c[1]}
        )
        if len(symbols) > 1:
            self.error(label, line, f"amounts are in several currencies ({', '.join(symbols)})")
        symbol = symbols[0] if symbols else None
        if currency and symbol and currency != symbol:
            self.error(
                label, line, f"{header('currency')} says {currency} but the amount is in {symbol}"
            )
        currency = currency or symbol or self.default_currency or "EUR"
        if issue and due and due < issue:
            self.error(
                label,
                line,
                f"{header('due_date')} {_shown(table.cell(cells, 'due_date'))} is before "
                f"{header('issue_date')} {_shown(table.cell(cells, 'issue_date'))}",
            )
        amount = amount_cell[0] if amount_cell else None
        paid = paid_cell[0] if paid_cell else None
        outstanding = outstanding_cell[0] if outstanding_cell else None
        if amount is None and table.has("amount"):
            return None  # already reported
        if amount is None:
            if outstanding is None:
                self.error(label, line, f"{header('outstanding')} is empty")
                return None
            amount = outstanding + (paid or ZERO)
        elif outstanding is not None:
            implied = amount - outstanding
            if paid is not None and paid != implied:
                self.error(
                    label,
                    line,
                    f"{header('amount')} {shown('amount', amount)} minus {header('paid')} "
                    f"{shown('paid', paid)} is not {header('outstanding')} "
                    f"{shown('outstanding', outstanding)}",
                )
            paid = implied
        paid = paid if paid is not None else ZERO
        precision = _precision(currency)
        for field, value in (("amount", amount), ("paid", paid)):
            exponent = value.as_tuple().exponent
            if exponent == -precision:
                continue
            if -exponent <= precision:  # type: ignore[operator]
                # 1480 or 6487.5 from a spreadsheet: stored as 1480.00, 6487.50.
                if field == "amount":
                    amount = round_money(amount, _STEPS[precision])
                else:
                    paid = round_money(paid, _STEPS[precision])
                continue
            self.error(
                label,
                line,
                f"{header(field)} {shown(field, value)} has more than {precision} decimals",
            )
        if kind is DocumentKind.INVOICE and amount < 0 and not typed:
            # The usual export: "AV-2026-0007 ... -150,00" with no type column (or an
            # empty type cell). A negative document is a credit note; said aloud.
            kind = DocumentKind.CREDIT_NOTE
            target = _text(table.cell(cells, "applies_to"))
            self.warn(
                label,
                line,
                f"{number}: {header('amount')} {shown('amount', amount)} is negative and the "
                "row has no type: read as a credit note" + (f" on {target}" if target else ""),
            )
        if kind is DocumentKind.CREDIT_NOTE:
            amount, paid = -abs(amount), -abs(paid)
        elif amount < 0:
            where = (
                f"write Avoir in its {header('document_type')} column"
                if table.has("document_type")
                else "add a Type column saying Avoir"
            )
            self.error(
                label,
                line,
                f"{header('amount')} {shown('amount', amount)} is negative but the row is not "
                f"a credit note: {where}",
            )
        elif paid < 0:
            self.error(label, line, f"{header('paid')} {shown('paid', paid)} is negative")
        elif paid > amount:
            self.error(
                label,
                line,
                f"{header('paid')} {shown('paid', paid)} is more than {header('amount')} "
                f"{shown('amount', amount)}",
            )
        if amount == 0:
            self.warn(label, line, f"{number} has a zero amount")
        if excl_cell and amount > 0 and excl_cell[0] > amount:
            self.warn(
                label,
                line,
                f"{header('amount_excl_tax')} {shown('amount_excl_tax', excl_cell[0])} is more "
                f"than {header('amount')} {shown('amount', amount)}: are the columns swapped?",
            )
        disputed, reason = self._dispute(table, line, cells)
        pdf = _text(table.cell(cells, "pdf"))
        pdf_path = None
        if pdf:
            pdf_path = resolve_exhibit(
                pdf, self.exhibits_dir or table.raw.base_dir, header("pdf"), self, label, line
            )
        if self.error_count > errors_before or issue is None or due is None:
            return None
        excl = excl_cell[0] if excl_cell else None
        if excl is not None:
            if -excl.as_tuple().exponent <= precision:  # type: ignore[operator]
                excl = round_money(excl, _STEPS[precision])
            if kind is DocumentKind.CREDIT_NOTE:
                excl = -abs(excl)
        return Invoice(
            number=number,
            debtor_id=debtor_id,
            issue_date=issue,  # type: ignore[arg-type]
            due_date=due,  # type: ignore[arg-type]
            amount=amount,
            currency=currency,  # type: ignore[arg-type]
            amount_excl_tax=excl,
            paid=paid,
            disputed=disputed,
            dispute_reason=reason,
            pdf_path=pdf_path,
            description=_text(table.cell(cells, "description")),
            kind=kind,
            applies_to=_text(table.cell(cells, "applies_to")),
            source_file=label,
            source_line=line,
        )

    def _dispute(self, table: Table, line: int, cells: list[object]) -> tuple[bool, str | None]:
        flag_cell = table.cell(cells, "disputed")
        reason = _text(table.cell(cells, "dispute_reason"))
        flag = parse_bool(flag_cell)
        if flag is None:  # free text in the dispute column: the text is the reason
            return True, reason or _text(flag_cell)
        if not flag and reason and _text(flag_cell) is not None:
            self.warn(
                table.raw.label,
                line,
                f"{table.header('dispute_reason')} is filled but {table.header('disputed')} "
                "says no: the invoice is treated as not disputed",
            )
            return False, None
        return bool(flag or reason), reason


def check_credit_notes(builder: InvoiceBuilder, invoices: list[Invoice]) -> None:
    by_number = {inv.number: inv for inv in invoices}
    for inv in invoices:
        if not inv.applies_to:
            continue
        target = by_number.get(inv.applies_to)
        label, line = inv.source_file or "", inv.source_line
        if not inv.is_credit_note:
            builder.warn(
                label,
                line,
                f"{inv.number} is not a credit note but names an invoice it applies to",
            )
        elif target is None:
            builder.error(
                label,
                line,
                f"credit note {inv.number} applies to {inv.applies_to}, "
                "which is not in the ledger",
            )
        elif target.debtor_id != inv.debtor_id:
            builder.error(
                label,
                line,
                f"credit note {inv.number} applies to {inv.applies_to}, "
                "an invoice of another debtor",
            )
        elif target.currency != inv.currency:
            builder.error(
                label, line, f"credit note {inv.number} is not in the currency of {inv.applies_to}"
            )
