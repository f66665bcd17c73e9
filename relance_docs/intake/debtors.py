"""The debtors' columns of a ledger: a row's debtor read and checked (type, country,
identifiers, address), a debtors table, and the warnings when two rows of one debtor
disagree.

:class:`PartyBuilder` adds this to the :class:`~.builder.Builder`; the invoices are read
on top of it by :mod:`.invoices`.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from ..errors import BadValue
from ..identifiers import validate_registration, validate_vat, vat_siren_mismatch
from ..model import Party
from .aliases import FIELD_LABELS
from .builder import Builder, Table, _text
from .cells import VAGUE_BUSINESS_WORDS, parse_country, parse_kind, parse_language
from .checks import party_problems
from .columns import normalise
from .kinds import settle_kinds
from .regions import subdivision_of

__all__ = ["PARTY_FIELDS", "PartyBuilder", "party_key"]

# The fields that describe a debtor (a row's debtor is read again only if they differ).
PARTY_FIELDS = (
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


class PartyBuilder(Builder):
    """The builder, with the debtors."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._told: set[tuple[str, str]] = set()
        self._kind_failed: set[str] = set()  # a type was written but not understood

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
            key = party_key(party.id)
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


def party_key(ref: str) -> str:
    """How debtors are matched across files: their code (or name), folded."""
    return normalise(ref)
