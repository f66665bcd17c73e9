"""Ledger: from raw tables to checked records (debtors, invoices, payments) and problems.

Three layouts are accepted:

* one table, one row per invoice, with the debtor's columns repeated on each row;
* an invoices table and a debtors table joined by the debtor's code (or name);
* either of those plus a payments table (otherwise a "paid" column on the invoices).

Every bad cell or row becomes a :class:`~relance_docs.model.Problem` with its file and
line; nothing is skipped silently. A ledger with any error-level problem must not be used
to write documents (:meth:`LedgerResult.raise_for_errors`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.numbers import get_currency_precision

from ..errors import BadValue, LedgerHasErrors
from ..identifiers import validate_registration, validate_vat, vat_siren_mismatch
from ..model import (
    DocumentKind,
    Invoice,
    Ledger,
    Party,
    PartyKind,
    Payment,
    Problem,
    Severity,
)
from ..money import ZERO, decimal_evidence, round_money
from .cells import (
    VAGUE_BUSINESS_WORDS,
    parse_bool,
    parse_country,
    parse_currency,
    parse_date,
    parse_document_type,
    parse_kind,
    parse_language,
    parse_money,
)
from .checks import party_problems, resolve_exhibit
from .columns import FIELD_LABELS, INVOICE_FIELDS, ColumnMatch, match_columns, normalise
from .kinds import settle_kinds
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping
from .matching import MatchReport
from .regions import subdivision_of
from .sources import NoSavedValue, RawTable, ReadOptions, read_tables

__all__ = ["LedgerResult", "SourceReport", "read_spreadsheet"]

_TOTAL_RE = re.compile(r"^(?:sous )?totaux?\b|^(?:sub ?|grand )?total\b")
_AMOUNT_FIELDS = ("amount", "amount_excl_tax", "paid", "outstanding", "payment_amount")
_PARTY_FIELDS = (
    "debtor_id",
    "debtor_name",
    "debtor_kind",
    "registration_number",
    "vat_number",
    "address1",
    "address2",
    "address3",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "language",
    "contact",
)


# Party attribute -> the ledger field it comes from (for messages about a debtor).
_PARTY_LABELS = {
    attr: FIELD_LABELS[field]
    for attr, field in {
        "name": "debtor_name",
        "kind": "debtor_kind",
        "registration_number": "registration_number",
        "vat_number": "vat_number",
        "address_lines": "address1",
        "postcode": "postcode",
        "city": "city",
        "country": "country",
        "email": "email",
        "phone": "phone",
        "language": "language",
        "contact": "contact",
    }.items()
}


@dataclass(frozen=True)
class SourceReport:
    """What was read from one table: for the user to see that the file was understood."""

    label: str
    kind: str
    description: str
    rows: int
    columns: tuple[tuple[str, str], ...]
    """(header, field) pairs that were used."""
    unused_columns: tuple[str, ...]


@dataclass(frozen=True)
class LedgerResult:
    ledger: Ledger
    problems: tuple[Problem, ...]
    sources: tuple[SourceReport, ...]
    matching: MatchReport | None = None
    """How the bank statements' credits were matched (with ``bank=``), else None."""
    notes: tuple[str, ...] = ()
    """What the reader decided and the user must know (due dates from payment terms...)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def raise_for_errors(self) -> Ledger:
        """The ledger, or :class:`LedgerHasErrors` if any problem is an error."""
        if self.has_errors:
            raise LedgerHasErrors(self.problems)
        return self.ledger


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(value: object) -> str:
    """A cell as the user typed it, for messages."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


class _Table:
    """A raw table with its matched columns, and typed access to a row's cells."""

    def __init__(self, raw: RawTable, match: ColumnMatch) -> None:
        self.raw = raw
        self.match = match
        self.cols = match.fields

    def header(self, field: str) -> str:
        return self.raw.headers[self.cols[field]]

    def cell(self, cells: list[object], field: str) -> object:
        index = self.cols.get(field)
        return None if index is None else cells[index]

    def has(self, field: str) -> bool:
        return field in self.cols


class _Builder:
    def __init__(
        self,
        mapping: ColumnMapping,
        default_currency: str | None,
        default_country: str | None,
        default_kind: PartyKind | None = None,
        exhibits_dir: Path | None = None,
    ) -> None:
        self.mapping = mapping
        self.default_kind = default_kind
        self.exhibits_dir = exhibits_dir
        self.default_currency = mapping.currency or default_currency
        self.default_country = mapping.country or default_country
        self.problems: list[Problem] = []
        self.sources: list[SourceReport] = []
        self.error_count = 0
        self._told: set[tuple[str, str]] = set()
        self._kind_failed: set[str] = set()  # a type was written but not understood
        self._unreadable: set[tuple[str, int]] = set()

    # -- problems

    def error(self, label: str, line: int | None, message: str, column: str | None = None):
        self.problems.append(Problem(label, line, message, column))
        self.error_count += 1

    def warn(self, label: str, line: int | None, message: str, column: str | None = None):
        self.problems.append(Problem(label, line, message, column, Severity.WARNING))

    def _parse(
        self,
        table: _Table,
        line: int,
        cells: list[object],
        field: str,
        parser: Callable[[object], object],
        *,
        required: bool = False,
    ) -> object:
        """Parse one cell; on failure record the problem and return None."""
        index = table.cols.get(field)
        if index is None:  # optional column absent (required ones were checked in prepare)
            return None
        value = cells[index]
        if value is None or (value.__class__ is str and not value.strip()):
            if required:
                self.error(
                    table.raw.label, line, f"{table.header(field)} is empty", table.header(field)
                )
            return None
        try:
            return parser(value)
        except BadValue as exc:
            header = table.header(field)
            self.error(table.raw.label, line, f"{header} {exc}", header)
            return None

    # -- tables

    def prepare(self, raw: RawTable) -> _Table | None:
        match = match_columns(raw.headers, raw.kind, self.mapping.for_table(raw.kind))
        table = _Table(raw, match)
        self._duplicate_headers(raw, match)
        self._unsaved_formulas(raw, match)
        for field, header in match.missing_mapped:
            self.error(
                raw.label,
                raw.header_line,
                f'the mapping names column "{header}" for {field}, but the file has no '
                "such column",
            )
        required = {
            "invoices": ("invoice_number", "issue_date", "due_date"),
            "debtors": (),
            "payments": ("invoice_number", "payment_date", "payment_amount"),
        }[raw.kind]
        missing = [f for f in required if f not in match.fields]
        if raw.kind == "invoices" and not ({"amount", "outstanding"} & match.fields.keys()):
            missing.append("amount")
        if raw.kind in {"invoices", "debtors"} and not (
            {"debtor_id", "debtor_name"} & match.fields.keys()
        ):
            missing.append("debtor_name")
        if not raw.rows and not raw.rejected_rows and not missing:
            if raw.kind == "invoices":
                self.error(raw.label, raw.header_line, "has a header but no invoice rows")
            else:
                self.warn(raw.label, raw.header_line, f"has a header but no {raw.kind}")
        for field in missing:
            aliases = _aliases(raw.kind, field)
            self.error(
                raw.label,
                raw.header_line,
                f"no column for {FIELD_LABELS[field]} (expected a header such as "
                f"{aliases}; or name yours in a --mapping file)",
            )
        if not match.fields and raw.fmt == "CSV":
            self.error(
                raw.label,
                raw.header_line,
                "found none of the expected column headers: is the file separated by "
                "; , or tabs, with the headers on the first line?",
            )
        self.sources.append(
            SourceReport(
                label=raw.label,
                kind=raw.kind,
                description=raw.describe(),
                rows=len(raw.rows),
                columns=tuple(
                    (raw.headers[i], f)
                    for f, i in sorted(match.fields.items(), key=lambda x: x[1])
                ),
                unused_columns=match.unused,
            )
        )
        return None if missing else table

    def _duplicate_headers(self, raw: RawTable, match: ColumnMatch) -> None:
        """Two columns with one header: which one holds the figure is a guess, so none."""
        folded = [normalise(h) for h in raw.headers]
        for field, col in match.fields.items():
            twins = [i for i, f in enumerate(folded) if f == folded[col] and f]
            if len(twins) > 1:
                where = " and ".join(_cell_name(raw, i) for i in twins)
                self.error(
                    raw.label,
                    raw.header_line,
                    f'"{raw.headers[col]}" heads {len(twins)} columns ({where}): rename or '
                    f"delete one, so that {FIELD_LABELS[field]} is not a guess",
                    raw.headers[col],
                )

    def _unsaved_formulas(self, raw: RawTable, match: ColumnMatch) -> None:
        if not raw.fmt.startswith("XLSX"):
            return  # only a workbook holds formulas
        used = set(match.fields.values())
        for line, cells in raw.rows:
            for i, cell in enumerate(cells):
                if isinstance(cell, NoSavedValue):
                    cells[i] = None
                    if i in used:
                        self._unreadable.add((raw.label, line))
                        self.error(
                            raw.label,
                            line,
                            f"cell {cell.coordinate} ({raw.headers[i]}) is a formula "
                            f"(={cell.formula}) saved without its value: open the workbook in "
                            "Excel or LibreOffice and save it, or paste the values",
                            raw.headers[i],
                        )

    def decimal_hint(self, tables: list[_Table]) -> str | None:
        if self.mapping.decimal_separator:
            return self.mapping.decimal_separator
        seen: set[str] = set()
        for table in tables:
            idx = [table.cols[f] for f in _AMOUNT_FIELDS if f in table.cols]
            for _, cells in table.raw.rows:
                for i in idx:
                    value = cells[i]
                    if isinstance(value, str) and ("," in value or "." in value):
                        evidence = decimal_evidence(value)
                        if evidence:
                            seen.add(evidence)
                if len(seen) > 1:
                    return None
        return seen.pop() if len(seen) == 1 else None

    # -- parties

    def party(
        self, table: _Table, line: int, cells: list[object], *, first: bool = True
    ) -> Party | None:
        """Read the debtor's columns of a row; ``first`` is False when re-reading a
        debtor already seen (its warnings were given the first time)."""
        label = table.raw.label
        name = _text(table.cell(cells, "debtor_name"))
        code = _text(table.cell(cells, "debtor_id"))
        if not name and not code:
            self.error(label, line, "the row names no debtor")
            return None
        if not name:
            # Separate debtors file: invoices may carry the code only.
            name = code
        kind = None
        raw_kind = _text(table.cell(cells, "debtor_kind"))
        if raw_kind is not None:
            kind = self._parse(
                table,
                line,
                cells,
                "debtor_kind",
                lambda v: parse_kind(v, self.mapping.debtor_types),
            )
            folded = normalise(raw_kind)
            if (
                first
                and kind is not None
                and folded in VAGUE_BUSINESS_WORDS
                and folded not in self.mapping.debtor_types
            ):
                self.warn(
                    label,
                    line,
                    f'{table.header("debtor_kind")} "{raw_kind}" read as a commercial company; '
                    "write profession libérale or association if it is not one",
                )
        country, subdivision = None, None
        parsed_country = self._parse(table, line, cells, "country", parse_country)
        if parsed_country:
            country, subdivision = parsed_country
        country = country or self.default_country
        language = self._parse(table, line, cells, "language", parse_language)
        lines = []
        for f in ("address1", "address2", "address3"):
            text = _text(table.cell(cells, f))
            if text:
                lines.extend(part.strip() for part in text.splitlines() if part.strip())
        postcode = _text(table.cell(cells, "postcode"))
        if (
            postcode
            and isinstance(table.cell(cells, "postcode"), Decimal)
            and country in (None, "FR")
            and len(postcode) == 4
        ):
            postcode = postcode.zfill(5)  # 01000 typed as a number in Excel
        registration = _text(table.cell(cells, "registration_number"))
        if registration:
            try:
                registration = validate_registration(registration, country)
            except BadValue as exc:
                self.error(label, line, str(exc), table.header("registration_number"))
        vat = _text(table.cell(cells, "vat_number"))
        if vat:
            try:
                vat = validate_vat(vat, country)
                if registration and vat_siren_mismatch(vat, registration):
                    self.warn(
                        label,
                        line,
                        f"VAT number {vat} does not contain the SIREN {registration[:9]}",
                    )
            except BadValue as exc:
                self.error(label, line, str(exc), table.header("vat_number"))
        if raw_kind is not None and kind is None:
            self._kind_failed.add(code or name)
        return Party(
            id=code or name,
            name=name,
            kind=kind,  # type: ignore[arg-type]
            registration_number=registration,
            vat_number=vat,
            address_lines=tuple(lines),
            postcode=postcode,
            city=_text(table.cell(cells, "city")),
            country=country,
            subdivision=subdivision or subdivision_of(country, postcode),
            email=_text(table.cell(cells, "email")),
            phone=_text(table.cell(cells, "phone")),
            language=language,  # type: ignore[arg-type]
            contact=_text(table.cell(cells, "contact")),
            source_file=label,
            source_line=line,
        )

    def check_party(self, table: _Table, party: Party) -> None:
        self.problems.extend(party_problems(party, table.raw.label))

    def read_debtors(self, table: _Table) -> dict[str, Party]:
        parties: dict[str, Party] = {}
        first_line: dict[str, int] = {}
        for line, cells in table.raw.rows:
            if (table.raw.label, line) in self._unreadable:
                continue  # a formula without its value: already reported
            party = self.party(table, line, cells)
            if party is None:
                continue
            key = _party_key(party.id)
            if key in parties:
                self.error(
                    table.raw.label,
                    line,
                    f'debtor "{party.id}" appears twice (first at line {first_line[key]})',
                )
                continue
            parties[key] = party
            first_line[key] = line
            self.check_party(table, party)
        return self.settle_kinds(table, parties)

    def settle_kinds(self, table: _Table, parties: dict[str, Party]) -> dict[str, Party]:
        """Give a kind to debtors whose row says none (:func:`.kinds.settle_kinds`)."""
        column = table.header("debtor_kind") if table.has("debtor_kind") else None
        out, problems = settle_kinds(
            parties,
            self.default_kind,
            skip=self._kind_failed,
            where=f"an empty {column}" if column else "no debtor-type column (Type client)",
            label=table.raw.label,
            line=table.raw.header_line,
        )
        self.problems.extend(problems)
        return out

    # -- invoices

    def read_invoices(
        self, table: _Table, debtors: dict[str, Party] | None, hint: str | None
    ) -> tuple[list[Invoice], dict[str, Party]]:
        label = table.raw.label
        own_parties: dict[str, tuple[Party, tuple, int]] = {}
        party_idx = [table.cols[f] for f in _PARTY_FIELDS if f in table.cols]
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
                key = _party_key(
                    _text(table.cell(cells, "debtor_id"))
                    or _text(table.cell(cells, "debtor_name"))
                    or ""
                )
                known = own_parties.get(key)
                if known is None:
                    party = self.party(table, line, cells)
                    if party is not None:
                        own_parties[_party_key(party.id)] = (party, raw_party, line)
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
                found = debtors.get(_party_key(ref or ""))
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
        table: _Table,
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

    def _dispute(self, table: _Table, line: int, cells: list[object]) -> tuple[bool, str | None]:
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

    def _compare_parties(
        self, table: _Table, first: Party, other: Party, first_line: int, line: int
    ) -> None:
        for f in fields(Party):
            label = _PARTY_LABELS.get(f.name)
            if label is None:
                continue
            a, b = getattr(first, f.name), getattr(other, f.name)
            if b not in (None, ()) and a != b and (first.id, f.name) not in self._told:
                self._told.add((first.id, f.name))  # once per debtor and detail
                self.warn(
                    table.raw.label,
                    line,
                    f"{first.name}: {label} differs from line {first_line} "
                    f"(line {first_line}'s is used)",
                )

    # -- payments

    def read_payments(
        self, table: _Table, invoices: dict[str, Invoice], hint: str | None
    ) -> list[Payment]:
        label = table.raw.label
        payments: list[Payment] = []
        seen: dict[tuple, int] = {}
        as_date = lambda v: parse_date(v, self.mapping.date_format)  # noqa: E731
        for line, cells in table.raw.rows:
            if (table.raw.label, line) in self._unreadable:
                continue  # a formula without its value: already reported
            before = self.error_count
            number = self._parse(table, line, cells, "invoice_number", _text, required=True)
            when = self._parse(table, line, cells, "payment_date", as_date, required=True)
            amount = self._parse(
                table,
                line,
                cells,
                "payment_amount",
                lambda v: parse_money(v, hint),
                required=True,
            )
            if self.error_count > before:
                continue
            invoice = invoices.get(str(number))
            if invoice is None:
                self.error(
                    label, line, f"payment for invoice {number}, which is not in the ledger"
                )
                continue
            value, symbol = amount  # type: ignore[misc]
            if symbol and symbol != invoice.currency:
                self.error(
                    label, line, f"payment in {symbol} for invoice {number} in {invoice.currency}"
                )
                continue
            if value <= 0:
                self.error(
                    label,
                    line,
                    f"{table.header('payment_amount')} {value} is not a positive payment",
                )
                continue
            reference = _text(table.cell(cells, "payment_reference"))
            key = (number, when, value, reference)
            if key in seen:
                self.warn(label, line, f"same payment as line {seen[key]}: counted twice")
            seen[key] = line
            payments.append(
                Payment(
                    date=when,  # type: ignore[arg-type]
                    amount=value,
                    invoice_number=str(number),
                    reference=reference,
                    source_file=label,
                    source_line=line,
                )
            )
        return payments


_STEPS = {n: Decimal(1).scaleb(-n) for n in range(5)}


@functools.cache
def _precision(currency: str) -> int:
    return get_currency_precision(currency)


def _cell_name(raw: RawTable, index: int) -> str:
    if raw.fmt.startswith("XLSX"):
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(index + 1)}{raw.header_line}"
    return f"column {index + 1}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _party_key(ref: str) -> str:
    return normalise(ref)


def _aliases(kind: str, field: str) -> str:
    from .columns import TABLE_FIELDS

    names = TABLE_FIELDS[kind].get(field) or INVOICE_FIELDS.get(field, ())
    shown = [f'"{a}"' for a in names[:3]]
    return ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]


def _apply_payments(
    builder: _Builder,
    invoices: list[Invoice],
    payments: list[Payment],
    *,
    paid_column: bool,
) -> list[Invoice]:
    totals: dict[str, Decimal] = {}
    last_line: dict[str, tuple[str, int | None]] = {}
    for p in payments:
        totals[p.invoice_number] = totals.get(p.invoice_number, ZERO) + p.amount
        last_line[p.invoice_number] = (p.source_file or "", p.source_line)
    out = []
    for inv in invoices:
        total = totals.get(inv.number)
        if total is None:
            out.append(inv)
            continue
        label, line = last_line[inv.number]
        if inv.is_credit_note:
            builder.error(
                label, line, f"{inv.number} is a credit note: it cannot receive payments"
            )
            out.append(inv)
            continue
        if total > inv.amount:
            builder.error(
                label,
                line,
                f"payments for invoice {inv.number} total {total}, more than its amount "
                f"{inv.amount}",
            )
        if paid_column and inv.paid not in (ZERO, total):
            builder.warn(
                inv.source_file or "",
                inv.source_line,
                f"invoice {inv.number}: the paid column says {inv.paid} but the payments "
                f"file totals {total}; the payments file is used",
            )
        out.append(replace(inv, paid=total))
    return out


def _check_credit_notes(builder: _Builder, invoices: list[Invoice]) -> None:
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


def read_spreadsheet(
    path: Path | str,
    *,
    debtors: Path | str | None = None,
    payments: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    default_currency: str | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    exhibits: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    """Read and check a ledger.

    Args:
        path: the invoices file (CSV, XLSX or JSON). An XLSX workbook may also hold
            debtors and payments sheets (named Clients/Débiteurs/Debtors/Customers and
            Règlements/Paiements/Payments); a JSON object may hold ``invoices``,
            ``debtors`` and ``payments`` lists.
        debtors: a separate debtors file, joined on the debtor's code (or name).
        payments: a separate payments file, keyed by invoice number.
        mapping: the user's column mapping.
        sheet: the invoices sheet of an XLSX workbook.
        default_currency, default_country: from the creditor profile, for ledgers that
            do not say.

    Returns:
        The ledger, every problem found (sorted by file and line), and what was read.
    """
    mapping = mapping or ColumnMapping()
    builder = _Builder(mapping, default_currency, default_country, default_debtor_kind, exhibits)
    options = ReadOptions(
        encoding=mapping.encoding, delimiter=mapping.delimiter, sheet=sheet, limits=limits
    )
    raw_tables: dict[str, RawTable] = {}
    for file, kind in ((path, "invoices"), (debtors, "debtors"), (payments, "payments")):
        if file is None:
            continue
        file = Path(file)
        tables, problems = read_tables(
            file, kind, str(file), options if kind == "invoices" else replace(options, sheet=None)
        )
        builder.problems.extend(problems)
        builder.error_count += sum(p.is_error for p in problems)
        for table in tables:
            if table.kind in raw_tables:
                builder.warn(
                    table.label,
                    None,
                    f"{table.kind} already read from {raw_tables[table.kind].label}; ignored",
                )
                continue
            raw_tables[table.kind] = table
    prepared = {kind: builder.prepare(raw) for kind, raw in raw_tables.items()}
    ready = [t for t in prepared.values() if t is not None]
    hint = builder.decimal_hint(ready)
    debtor_map = None
    if prepared.get("debtors") is not None:
        debtor_map = builder.read_debtors(prepared["debtors"])  # type: ignore[arg-type]
    invoices: list[Invoice] = []
    parties: dict[str, Party] = {}
    if prepared.get("invoices") is not None:
        invoices, parties = builder.read_invoices(
            prepared["invoices"],
            debtor_map,
            hint,  # type: ignore[arg-type]
        )
    if debtor_map is not None:
        used = {inv.debtor_id for inv in invoices}
        parties = {k: p for k, p in debtor_map.items() if p.id in used}
    payment_list: list[Payment] = []
    if prepared.get("payments") is not None and invoices:
        payment_list = builder.read_payments(
            prepared["payments"],  # type: ignore[arg-type]
            {inv.number: inv for inv in invoices},
            hint,
        )
        invoices = _apply_payments(
            builder,
            invoices,
            payment_list,
            paid_column=prepared["invoices"] is not None and prepared["invoices"].has("paid"),
        )
    _check_credit_notes(builder, invoices)
    if "invoices" not in raw_tables and not any(p.is_error for p in builder.problems):
        builder.error(str(path), None, "holds no invoices table")
    ledger = Ledger(
        debtors=tuple(parties.values()),
        invoices=tuple(invoices),
        payments=tuple(payment_list),
    )
    problems = sorted(builder.problems, key=Problem.sort_key)
    return LedgerResult(ledger=ledger, problems=tuple(problems), sources=tuple(builder.sources))


def read_debtors_file(
    path: Path | str,
    *,
    mapping: ColumnMapping | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[dict[str, Party], list[Problem], list[SourceReport]]:
    """A debtors file on its own (for a FEC or e-invoices, which lack addresses and
    types): parties keyed by their folded code or name, problems, and what was read."""
    mapping = mapping or ColumnMapping()
    builder = _Builder(mapping, None, default_country, default_debtor_kind)
    options = ReadOptions(encoding=mapping.encoding, delimiter=mapping.delimiter, limits=limits)
    tables, problems = read_tables(Path(path), "debtors", str(path), options)
    builder.problems.extend(problems)
    parties: dict[str, Party] = {}
    for table in tables[:1]:
        table.kind = "debtors"
        prepared = builder.prepare(table)
        if prepared is not None:
            parties = builder.read_debtors(prepared)
    return parties, builder.problems, builder.sources


def party_key(ref: str) -> str:
    """How debtors are matched across files: their code (or name), folded."""
    return _party_key(ref)
