"""Column names: the French and English headers that relance-docs recognises.

Matching ignores case, accents, punctuation and spacing: "N° facture", "n° Facture",
"No. facture" and "N°FACTURE" are the same header. Each field lists its aliases from the
most to the least specific; when several columns match one field, the most specific wins
and the other is reported as unused. Anything else can be named in a ``--mapping`` file
(see :mod:`relance_docs.intake.mapping`).

The README's table of aliases is checked against this module by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold

__all__ = [
    "DEBTOR_FIELDS",
    "FIELD_LABELS",
    "INVOICE_FIELDS",
    "PAYMENT_FIELDS",
    "ColumnMatch",
    "match_columns",
    "normalise",
]

# Field -> aliases, most specific first. Order of fields is the order of the README table.
INVOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "invoice_number": (
        "N° facture",
        "Numéro de facture",
        "Numéro facture",
        "N° de facture",
        "Num facture",
        "Référence facture",
        "Réf facture",
        "N° pièce",
        "Numéro de pièce",
        "Pièce",
        "Facture",
        "Invoice No",
        "Invoice number",
        "Invoice ref",
        "Invoice reference",
        "Document number",
        "Invoice",
    ),
    "document_type": (
        "Type de pièce",
        "Type pièce",
        "Type de document",
        "Nature pièce",
        "Nature",
        "Document type",
        "Doc type",
        "Type",
    ),
    "issue_date": (
        "Date facture",
        "Date de facture",
        "Date d'émission",
        "Date émission",
        "Date de la facture",
        "Date pièce",
        "Invoice date",
        "Issue date",
        "Date issued",
        "Document date",
        "Date",
    ),
    "due_date": (
        "Date d'échéance",
        "Date échéance",
        "Échéance",
        "Date limite de paiement",
        "Due date",
        "Date due",
        "Payment due",
        "Due",
    ),
    "amount": (
        "Montant TTC",
        "Total TTC",
        "Montant facture TTC",
        "Montant facture",
        "TTC",
        "Montant",
        "Amount incl VAT",
        "Amount inc VAT",
        "Total incl VAT",
        "Gross amount",
        "Invoice amount",
        "Invoice total",
        "Total amount",
        "Amount",
        "Total",
        "Gross",
    ),
    "amount_excl_tax": (
        "Montant HT",
        "Total HT",
        "HT",
        "Amount excl VAT",
        "Amount ex VAT",
        "Net amount",
        "Total excl VAT",
        "Net",
    ),
    "paid": (
        "Réglé",
        "Montant réglé",
        "Déjà réglé",
        "Payé",
        "Montant payé",
        "Déjà payé",
        "Encaissé",
        "Acompte",
        "Paid",
        "Amount paid",
        "Paid amount",
        "Paid to date",
        "Payments",
    ),
    "outstanding": (
        "Reste dû",
        "Reste à payer",
        "Restant dû",
        "Solde dû",
        "Solde",
        "Outstanding",
        "Amount outstanding",
        "Balance due",
        "Amount due",
        "Open amount",
        "Balance",
    ),
    "currency": ("Devise", "Monnaie", "Currency", "Ccy"),
    "disputed": (
        "Litige",
        "En litige",
        "Contesté",
        "Contestation",
        "Disputed",
        "In dispute",
        "Dispute",
        "Query",
    ),
    "dispute_reason": (
        "Motif du litige",
        "Motif litige",
        "Raison du litige",
        "Objet du litige",
        "Dispute reason",
        "Reason for dispute",
        "Query reason",
    ),
    "pdf": (
        "Fichier PDF",
        "Chemin PDF",
        "PDF facture",
        "PDF",
        "Fichier",
        "Invoice PDF",
        "PDF path",
        "PDF file",
        "File",
    ),
    "description": (
        "Libellé",
        "Désignation",
        "Objet",
        "Description",
        "Details",
        "Narrative",
    ),
    "applies_to": (
        "Facture d'origine",
        "Facture liée",
        "Facture concernée",
        "Avoir sur facture",
        "Applies to",
        "Original invoice",
        "Related invoice",
    ),
}

DEBTOR_FIELDS: dict[str, tuple[str, ...]] = {
    "debtor_id": (
        "Code client",
        "N° client",
        "Numéro client",
        "Numéro de client",
        "Compte client",
        "Réf client",
        "Référence client",
        "Identifiant client",
        "Code tiers",
        "Customer ID",
        "Customer code",
        "Customer No",
        "Customer number",
        "Client ID",
        "Client code",
        "Debtor ID",
        "Debtor code",
        "Account code",
        "Account No",
        "Account",
        "ID",
    ),
    "debtor_name": (
        "Raison sociale",
        "Nom client",
        "Nom du client",
        "Client",
        "Débiteur",
        "Société",
        "Dénomination",
        "Nom",
        "Customer name",
        "Customer",
        "Debtor name",
        "Debtor",
        "Company name",
        "Company",
        "Name",
    ),
    "debtor_kind": (
        "Type client",
        "Type de client",
        "Catégorie client",
        "Nature client",
        "Type de débiteur",
        "Type tiers",
        "Customer type",
        "Client type",
        "Debtor type",
        "Kind",
        "Category",
        "Catégorie",
        "Type",
    ),
    "registration_number": (
        "SIREN",
        "SIRET",
        "SIREN/SIRET",
        "N° SIREN",
        "N° SIRET",
        "Immatriculation",
        "Company number",
        "Company No",
        "Companies House number",
        "Registration number",
        "Reg No",
    ),
    "vat_number": (
        "N° TVA intracommunautaire",
        "TVA intracommunautaire",
        "N° TVA",
        "Numéro de TVA",
        "TVA intra",
        "VAT number",
        "VAT No",
        "VAT reg no",
        "VAT",
    ),
    "address1": (
        "Adresse",
        "Adresse 1",
        "Adresse ligne 1",
        "Rue",
        "Address",
        "Address 1",
        "Address line 1",
        "Street",
    ),
    "address2": (
        "Adresse 2",
        "Complément d'adresse",
        "Adresse ligne 2",
        "Complément",
        "Address 2",
        "Address line 2",
    ),
    "address3": ("Adresse 3", "Adresse ligne 3", "Address 3", "Address line 3"),
    "postcode": (
        "Code postal",
        "CP",
        "Postcode",
        "Post code",
        "Postal code",
        "ZIP code",
        "ZIP",
    ),
    "city": ("Ville", "Commune", "Localité", "City", "Town", "Town/City"),
    "country": ("Pays", "Code pays", "Country", "Country code"),
    "email": (
        "Email",
        "E-mail",
        "Courriel",
        "Adresse email",
        "Adresse e-mail",
        "Email address",
        "Mail",
    ),
    "phone": ("Téléphone", "Tél", "Phone", "Telephone", "Phone number", "Mobile", "Portable"),
    "language": ("Langue", "Language", "Lang"),
    "contact": (
        "Contact",
        "Interlocuteur",
        "Nom du contact",
        "À l'attention de",
        "Contact name",
        "Attention",
        "FAO",
    ),
}

PAYMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "invoice_number": INVOICE_FIELDS["invoice_number"],
    "payment_date": (
        "Date de règlement",
        "Date règlement",
        "Date de paiement",
        "Date paiement",
        "Date d'encaissement",
        "Payment date",
        "Date paid",
        "Date received",
        "Date",
    ),
    "payment_amount": (
        "Montant réglé",
        "Montant du règlement",
        "Montant payé",
        "Montant",
        "Amount paid",
        "Payment amount",
        "Amount",
        "Paid",
    ),
    "payment_reference": (
        "Référence règlement",
        "Référence",
        "Réf",
        "Payment reference",
        "Reference",
        "Ref",
    ),
}

FIELD_LABELS: dict[str, str] = {
    "invoice_number": "the invoice number",
    "document_type": "the document type (invoice or credit note)",
    "issue_date": "the invoice date",
    "due_date": "the due date",
    "amount": "the amount including tax",
    "amount_excl_tax": "the amount excluding tax",
    "paid": "the amount already paid",
    "outstanding": "the amount outstanding",
    "currency": "the currency",
    "disputed": "the dispute flag",
    "dispute_reason": "the dispute reason",
    "pdf": "the invoice PDF",
    "description": "the description",
    "applies_to": "the invoice a credit note applies to",
    "debtor_id": "the debtor's code",
    "debtor_name": "the debtor's name",
    "debtor_kind": "the debtor's type",
    "registration_number": "the SIREN/SIRET or company number",
    "vat_number": "the VAT number",
    "address1": "the address",
    "address2": "the second address line",
    "address3": "the third address line",
    "postcode": "the postcode",
    "city": "the city",
    "country": "the country",
    "email": "the email",
    "phone": "the phone number",
    "language": "the language",
    "contact": "the contact person",
    "payment_date": "the payment date",
    "payment_amount": "the payment amount",
    "payment_reference": "the payment reference",
}

_NUMERO_RE = re.compile(r"\bn\s*[°o]\s*(?=\W|\d|$)|#")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def normalise(header: str) -> str:
    """Fold a header for matching: no accents, no case, "N°"/"No."/"#" read as "no".

    >>> normalise("  N° Facture "), normalise("Date d'échéance"), normalise("Invoice #")
    ('no facture', 'date d echeance', 'invoice no')
    """
    text = _NUMERO_RE.sub(" no ", fold(str(header)))
    return " ".join(_NON_ALNUM_RE.sub(" ", text).split())


def _alias_index(fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for field, aliases in fields.items():
        for rank, alias in enumerate(aliases):
            index.setdefault(normalise(alias), (field, rank))
    return index


TABLE_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoices": {**INVOICE_FIELDS, **DEBTOR_FIELDS},
    "debtors": DEBTOR_FIELDS,
    "payments": PAYMENT_FIELDS,
}
_INDEXES = {kind: _alias_index(fields) for kind, fields in TABLE_FIELDS.items()}


@dataclass(frozen=True)
class ColumnMatch:
    """Which column of a table feeds which field."""

    fields: dict[str, int]
    """field -> index of the column in the header."""
    unused: tuple[str, ...]
    """Headers that feed no field, as written in the file."""
    missing_mapped: tuple[tuple[str, str], ...] = ()
    """(field, header) pairs named by the mapping but absent from the file."""


def match_columns(
    headers: list[str], table: str, explicit: dict[str, str] | None = None
) -> ColumnMatch:
    """Match a table's headers to fields: explicit mapping first, then aliases."""
    index = _INDEXES[table]
    normalised = [normalise(h) for h in headers]
    chosen: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    taken: set[int] = set()
    missing: list[tuple[str, str]] = []
    for field, header in (explicit or {}).items():
        target = normalise(header)
        for col, norm in enumerate(normalised):
            if norm == target and col not in taken:
                chosen[field] = (-1, col)
                taken.add(col)
                break
        else:
            missing.append((field, header))
    for col, norm in enumerate(normalised):
        if col in taken or norm not in index:
            continue
        field, rank = index[norm]
        if field in chosen and chosen[field][0] <= rank:
            continue
        if field in chosen:
            taken.discard(chosen[field][1])
        chosen[field] = (rank, col)
        taken.add(col)
    fields = {field: col for field, (_, col) in chosen.items()}
    unused = tuple(h for col, h in enumerate(headers) if col not in taken and h.strip())
    return ColumnMatch(fields=fields, unused=unused, missing_mapped=tuple(missing))


def known_header_count(headers: list[str]) -> int:
    """How many headers match some alias of any table (used to detect the delimiter)."""
    return sum(1 for h in headers if any(normalise(h) in index for index in _INDEXES.values()))


def aliases_markdown() -> str:
    """The README's table of recognised headers (kept in sync by a test)."""
    rows = ["| table | field | headers recognised |", "| --- | --- | --- |"]
    tables = (
        ("invoices", INVOICE_FIELDS),
        ("debtors", DEBTOR_FIELDS),
        ("payments", {k: v for k, v in PAYMENT_FIELDS.items() if k != "invoice_number"}),
    )
    for table, fields in tables:
        for field, aliases in fields.items():
            shown = ", ".join(f"`{a}`" for a in aliases)
            rows.append(f"| {table} | `{field}`: {FIELD_LABELS[field]} | {shown} |")
    return "\n".join(rows) + "\n"
