"""Building records from raw tables: typed cells, checked headers, and the debtors.

The :class:`Builder` collects every problem with its file and line; the invoices and
payments are read by :mod:`.ledger` on top of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.numbers import get_currency_precision

from ..errors import BadValue
from ..identifiers import validate_registration, validate_vat, vat_siren_mismatch
from ..model import Party, PartyKind, Problem, Severity
from ..money import decimal_evidence
from .cells import VAGUE_BUSINESS_WORDS, parse_country, parse_kind, parse_language
from .checks import party_problems
from .columns import FIELD_LABELS, INVOICE_FIELDS, ColumnMatch, match_columns, normalise
from .kinds import settle_kinds
from .mapping import ColumnMapping
from .regions import subdivision_of
from .result import SourceReport
from .sources import RawTable
from .workbook import NoSavedValue

__all__ = ["Builder", "Table"]

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


class Table:
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


class Builder:
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
        table: Table,
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

    def prepare(self, raw: RawTable) -> Table | None:
        match = match_columns(raw.headers, raw.kind, self.mapping.for_table(raw.kind))
        table = Table(raw, match)
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

    def decimal_hint(self, tables: list[Table]) -> str | None:
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
        self, table: Table, line: int, cells: list[object], *, first: bool = True
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

    def check_party(self, table: Table, party: Party) -> None:
        self.problems.extend(party_problems(party, table.raw.label))

    def read_debtors(self, table: Table) -> dict[str, Party]:
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

    def settle_kinds(self, table: Table, parties: dict[str, Party]) -> dict[str, Party]:
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

    def _compare_parties(
        self, table: Table, first: Party, other: Party, first_line: int, line: int
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
