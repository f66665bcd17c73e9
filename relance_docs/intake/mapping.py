"""Mapping: the user's ``--mapping mapping.yaml`` for ledgers whose headers we don't know.

Example::

    # mapping.yaml
    columns:                 # the invoices file (or the one-file ledger)
      invoice_number: "Pièce"
      debtor_name: "Tiers"
      amount: "Solde TTC"
    debtor_columns:          # a separate debtors file, if any
      debtor_id: "Compte"
    payment_columns:         # a separate payments file, if any
      payment_amount: "Crédit"
    decimal_separator: ","   # settles values such as 1,234
    date_format: "%d/%m/%Y"  # strftime codes, when dates are unusual
    currency: EUR            # when the ledger has no currency column
    country: FR              # debtors' country when the ledger has none
    encoding: cp1252         # CSV only; otherwise detected
    delimiter: ";"           # CSV only; otherwise detected
    debtor_types:            # your own words for debtor types
      PRO: company
      PART: consumer
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadValue, MappingError
from ..model import PartyKind
from ..yamlio import load_yaml
from .cells import parse_country, parse_currency
from .columns import TABLE_FIELDS, normalise

__all__ = ["ColumnMapping", "load_mapping"]

_SECTIONS = {"columns": "invoices", "debtor_columns": "debtors", "payment_columns": "payments"}
_OPTIONS = {
    "decimal_separator",
    "date_format",
    "currency",
    "country",
    "encoding",
    "delimiter",
    "debtor_types",
}


@dataclass(frozen=True)
class ColumnMapping:
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    """table kind -> {field: header}."""
    decimal_separator: str | None = None
    date_format: str | None = None
    currency: str | None = None
    country: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    debtor_types: dict[str, PartyKind] = field(default_factory=dict)
    """Folded word -> kind."""

    def for_table(self, kind: str) -> dict[str, str]:
        return self.columns.get(kind, {})


def load_mapping(path: Path) -> ColumnMapping:
    doc = load_yaml(path, MappingError)
    columns: dict[str, dict[str, str]] = {}
    options: dict[str, object] = {}
    for key, value in doc.data.items():
        where = doc.where(key)
        if key in _SECTIONS:
            table = _SECTIONS[key]
            if not isinstance(value, dict):
                raise MappingError(f"'{key}' must list 'field: header' lines", location=where)
            allowed = TABLE_FIELDS[table]
            for fld, header in value.items():
                if fld not in allowed:
                    raise MappingError(
                        f"'{fld}' is not a field of {table} (fields: {', '.join(allowed)})",
                        location=doc.where(key, fld),
                    )
                if not isinstance(header, str) or not header.strip():
                    raise MappingError(
                        f"'{fld}' must name a column header", location=doc.where(key, fld)
                    )
            columns[table] = dict(value)
        elif key in _OPTIONS:
            options[key] = value
        else:
            known = ", ".join([*_SECTIONS, *sorted(_OPTIONS)])
            raise MappingError(f"unknown setting '{key}' (settings: {known})", location=where)

    decimal = options.get("decimal_separator")
    if decimal not in (None, ",", "."):
        raise MappingError(
            'decimal_separator must be "," or "."', location=doc.where("decimal_separator")
        )
    delimiter = options.get("delimiter")
    if delimiter in ("tab", "\\t"):
        delimiter = "\t"
    if delimiter not in (None, ";", ",", "\t", "|"):
        raise MappingError(
            'delimiter must be ";", ",", "|" or tab', location=doc.where("delimiter")
        )
    encoding = options.get("encoding")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(str(encoding))
        except LookupError:
            raise MappingError(
                f"unknown encoding '{encoding}'", location=doc.where("encoding")
            ) from None
    try:
        currency = parse_currency(options["currency"]) if options.get("currency") else None
        country = parse_country(options["country"])[0] if options.get("country") else None
    except BadValue as exc:
        bad = "currency" if "currency" in str(exc) else "country"
        raise MappingError(str(exc), location=doc.where(bad)) from None
    kinds: dict[str, PartyKind] = {}
    raw_kinds = options.get("debtor_types") or {}
    if not isinstance(raw_kinds, dict):
        raise MappingError(
            "debtor_types must list 'word: kind' lines", location=doc.where("debtor_types")
        )
    for word, kind in raw_kinds.items():
        try:
            kinds[normalise(word)] = PartyKind(str(kind))
        except ValueError:
            raise MappingError(
                f"'{kind}' is not a kind (company, trader, professional, consumer, public)",
                location=doc.where("debtor_types", word),
            ) from None
    return ColumnMapping(
        columns=columns,
        decimal_separator=decimal,  # type: ignore[arg-type]
        date_format=str(options["date_format"]) if options.get("date_format") else None,
        currency=currency,
        country=country,
        encoding=str(encoding) if encoding else None,
        delimiter=delimiter,  # type: ignore[arg-type]
        debtor_types=kinds,
    )
