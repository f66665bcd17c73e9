"""E-invoices: Factur-X / ZUGFeRD PDFs, CII and UBL 2.1 XML, one file per invoice.

Each file's XML is taken out and parsed safely by :mod:`.einvoice_xml`, which also lists
the EN 16931 paths (the business terms, BT, of the standard) each field is read from.

The amount chased is BT-115 (what is still due, prepaid amounts deducted); a credit note
(type 381, or a UBL ``CreditNote``) is a negative document. A due date is never invented:
an invoice without BT-9 is an error, unless the creditor's payment terms are given. The
buyer's identifier (BT-46, the creditor's customer code) is the debtor's code when
present, else its SIREN, VAT number or name. A Factur-X PDF is the invoice's exhibit; an
XML file's exhibit is the PDF of the same name beside it, if any. Every problem names the
file and the XML element.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from ..errors import BadValue
from ..identifiers import validate_registration, validate_vat
from ..model import DocumentKind, Invoice, Party, PartyKind, Problem, Severity
from ..money import check_size
from .assemble import assemble
from .cells import parse_country, parse_date
from .einvoice_xml import CREDIT_TYPES, EInvoiceDoc, open_einvoice
from .ledger import LedgerResult, SourceReport
from .limits import DEFAULT_LIMITS, Limits, too_many_rows
from .mapping import ColumnMapping
from .regions import subdivision_of
from .xmlsafe import find_all, find_one, local

__all__ = ["read_einvoices"]

_SUFFIXES = {".xml", ".pdf"}


def _files(path: Path, limits: Limits) -> tuple[list[Path], list[Problem]]:
    if not path.exists():
        return [], [Problem(str(path), None, "file or folder not found")]
    if path.is_file():
        return [path], []
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
    xml_stems = {p.stem for p in files if p.suffix.lower() == ".xml"}
    # The PDF of an XML invoice is its exhibit, not an invoice of its own.
    files = [p for p in files if not (p.suffix.lower() == ".pdf" and p.stem in xml_stems)]
    if not files:
        return [], [Problem(str(path), None, "holds no e-invoice (.xml or Factur-X .pdf)")]
    if len(files) > limits.max_rows:
        return [], [Problem(str(path), None, too_many_rows(limits))]
    return files, []


def _date(doc: EInvoiceDoc, key: str, *, required: bool = True):
    node = doc.node(key)
    raw = (node.text or "").strip() if node is not None else ""
    if not raw:
        if required:
            doc.error(None, f"no {doc.where(key)} (needed for {key.replace('_', ' ')})")
        return None
    text = raw
    if doc.flavor == "CII" and len(raw) == 8 and raw.isdigit():
        text = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    try:
        return parse_date(text)
    except BadValue as exc:
        doc.error(node, str(exc))
        return None


def _amount(doc: EInvoiceDoc, key: str, *, required: bool = True) -> Decimal | None:
    node = doc.node(key)
    raw = (node.text or "").strip() if node is not None else ""
    if not raw:
        if required:
            doc.error(None, f"no {doc.where(key)}")
        return None
    try:
        return check_size(Decimal(raw), raw)
    except (InvalidOperation, BadValue):
        doc.error(node, f'"{raw}" is not an amount')
        return None


def _buyer(doc: EInvoiceDoc, default_country: str | None) -> Party | None:
    node = doc.node("buyer")
    if node is None:
        doc.error(None, f"no buyer ({doc.where('buyer')})")
        return None
    cii = doc.flavor == "CII"
    name = _first(
        node, ["Name"] if cii else ["PartyLegalEntity/RegistrationName", "PartyName/Name"]
    )
    if not name:
        doc.error(node, "the buyer has no name")
        return None
    addr = find_one(node, "PostalTradeAddress" if cii else "PostalAddress")
    lines: list[str] = []
    postcode = city = country = None
    if addr is not None:
        keys = (
            ["LineOne", "LineTwo", "LineThree"]
            if cii
            else [
                "StreetName",
                "AdditionalStreetName",
                "AddressLine/Line",
            ]
        )
        lines = [t for k in keys if (t := _first(addr, [k]))]
        postcode = _first(addr, ["PostcodeCode" if cii else "PostalZone"])
        city = _first(addr, ["CityName"])
        raw_country = _first(addr, ["CountryID" if cii else "Country/IdentificationCode"])
        if raw_country:
            try:
                country = parse_country(raw_country)[0]
            except BadValue as exc:
                doc.error(addr, f"country {exc}")
    country = country or default_country
    siren = vat = None
    legal = find_one(
        node, "SpecifiedLegalOrganization/ID" if cii else "PartyLegalEntity/CompanyID"
    )
    if legal is not None and (legal.text or "").strip():
        try:
            siren = validate_registration(legal.text.strip(), country)
        except BadValue as exc:
            doc.error(legal, str(exc))
    vat_paths = ["SpecifiedTaxRegistration/ID"] if cii else ["PartyTaxScheme/CompanyID"]
    raw_vat = _first(node, vat_paths)
    if raw_vat:
        try:
            vat = validate_vat(raw_vat, country)
        except BadValue as exc:
            doc.error(find_one(node, vat_paths[0]), str(exc))
    code = _first(node, ["ID"] if cii else ["PartyIdentification/ID"])
    email = _first(
        node,
        ["DefinedTradeContact/EmailURIUniversalCommunication/URIID"]
        if cii
        else ["Contact/ElectronicMail"],
    ) or _endpoint_email(node, "URIUniversalCommunication/URIID" if cii else "EndpointID")
    contact = _first(node, ["DefinedTradeContact/PersonName"] if cii else ["Contact/Name"])
    return Party(
        id=code or siren or vat or name,
        name=name,
        registration_number=siren,
        vat_number=vat,
        address_lines=tuple(lines),
        postcode=postcode,
        city=city,
        country=country,
        subdivision=subdivision_of(country, postcode),
        email=email,
        contact=contact,
        source_file=doc.label,
        source_line=node.sourceline,
    )


def _endpoint_email(node: etree._Element, path: str) -> str | None:
    """BT-49, the buyer's electronic address, when its scheme is an e-mail (EM)."""
    for found in find_all(node, path):
        if found.get("schemeID") == "EM" and (found.text or "").strip():
            return found.text.strip()
    return None


def _first(node: etree._Element, paths: list[str]) -> str | None:
    for path in paths:
        for found in find_all(node, path):
            if (found.text or "").strip():
                return found.text.strip()
    return None


def _invoice(
    doc: EInvoiceDoc, debtor_id: str, terms: int | None, default_currency: str | None
) -> Invoice | None:
    number = doc.text("number")
    if not number:
        doc.error(None, f"no invoice number ({doc.where('number')})")
        return None
    type_code = doc.text("type") or "380"
    kind = DocumentKind.CREDIT_NOTE if type_code in CREDIT_TYPES else DocumentKind.INVOICE
    if local(doc.root) == "CreditNote":
        kind = DocumentKind.CREDIT_NOTE
    issue = _date(doc, "issue")
    due = _date(doc, "due", required=False)
    if due is None and issue is not None:
        if kind is DocumentKind.CREDIT_NOTE:
            due = issue
        elif terms is not None:
            due = issue + timedelta(days=terms)
            doc.problems.append(
                Problem(
                    doc.label,
                    None,
                    f"{number} has no due date ({doc.where('due')}): invoice date + {terms} "
                    "days (payment_terms_days) used",
                    severity=Severity.WARNING,
                )
            )
        else:
            doc.error(
                None,
                f"{number} has no due date ({doc.where('due')}); its payment terms are only "
                "text: give payment_terms_days in the creditor profile, or list it in a ledger",
            )
    currency = doc.text("currency") or default_currency
    if not currency:
        doc.error(None, f"no currency ({doc.where('currency')})")
    total = _amount(doc, "total")
    payable = _amount(doc, "payable", required=False)
    excl = _amount(doc, "excl", required=False)
    if issue and due and due < issue:
        doc.error("due", f"the due date {due:%d/%m/%Y} is before the issue date")
    if total is None or issue is None or due is None or not currency:
        return None
    payable = total if payable is None else payable
    if payable > total:
        doc.error("payable", f"amount due {payable} is more than the total {total}")
        return None
    sign = -1 if kind is DocumentKind.CREDIT_NOTE else 1
    return Invoice(
        number=number,
        debtor_id=debtor_id,
        issue_date=issue,
        due_date=due,
        amount=sign * abs(total),
        currency=currency.upper(),
        amount_excl_tax=None if excl is None else sign * abs(excl),
        paid=sign * abs(total - payable),
        pdf_path=doc.pdf,
        kind=kind,
        applies_to=doc.text("applies_to") if kind is DocumentKind.CREDIT_NOTE else None,
        source_file=doc.label,
        source_line=(doc.node("number").sourceline if doc.node("number") is not None else None),
    )


def read_einvoices(
    path: Path,
    *,
    debtors: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    default_currency: str | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    payment_terms_days: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    files, problems = _files(path, limits)
    invoices: list[Invoice] = []
    parties: dict[str, Party] = {}
    seen: dict[str, str] = {}
    counts: dict[str, int] = {}
    for file in files:
        opened = open_einvoice(file, limits)
        if isinstance(opened, Problem):
            problems.append(opened)
            continue
        doc = opened
        kind = "Factur-X PDF" if file.suffix.lower() == ".pdf" else doc.flavor
        counts[kind] = counts.get(kind, 0) + 1
        party = _buyer(doc, default_country)
        invoice = None
        if party is not None:
            parties.setdefault(party.id, party)
            invoice = _invoice(doc, party.id, payment_terms_days, default_currency)
        problems.extend(doc.problems)
        if invoice is None or any(p.is_error for p in doc.problems):
            continue
        if invoice.number in seen:
            problems.append(
                Problem(
                    doc.label,
                    invoice.source_line,
                    f"invoice number {invoice.number} is also in {seen[invoice.number]}",
                )
            )
            continue
        seen[invoice.number] = doc.file.name
        invoices.append(invoice)
    described = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    sources = [
        SourceReport(
            label=str(path),
            kind="invoices",
            description=f"e-invoices: {described or 'none read'}",
            rows=len(files),
            columns=(),
            unused_columns=(),
        )
    ]
    return assemble(
        label=str(path),
        invoices=invoices,
        parties=parties,
        problems=problems,
        sources=sources,
        debtors=debtors,
        mapping=mapping,
        default_country=default_country,
        default_debtor_kind=default_debtor_kind,
        limits=limits,
    )
