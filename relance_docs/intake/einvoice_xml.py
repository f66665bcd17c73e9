"""The XML of an e-invoice: taken out of its file and addressed by business term.

The XML of a Factur-X PDF is taken out by the ``factur-x`` package; every XML is then
parsed by :mod:`.xmlsafe` (no DTD, no entity, no network) and read with the EN 16931
paths (the business terms, BT, of the standard):

======  ==================================  ==============================================
BT      CII (``rsm:CrossIndustryInvoice``)   UBL (``Invoice`` / ``CreditNote``)
======  ==================================  ==============================================
BT-1    ExchangedDocument/ID                 ID
BT-2    ExchangedDocument/IssueDateTime      IssueDate
BT-3    ExchangedDocument/TypeCode           InvoiceTypeCode / CreditNoteTypeCode
BT-5    ...Settlement/InvoiceCurrencyCode    DocumentCurrencyCode
BT-9    ...PaymentTerms/DueDateDateTime      DueDate (credit note: PaymentMeans/PaymentDueDate)
BT-25   ...InvoiceReferencedDocument         BillingReference/InvoiceDocumentReference/ID
BT-109  ...TaxBasisTotalAmount               LegalMonetaryTotal/TaxExclusiveAmount
BT-112  ...GrandTotalAmount                  LegalMonetaryTotal/TaxInclusiveAmount
BT-115  ...DuePayableAmount                  LegalMonetaryTotal/PayableAmount
BG-7    ...Agreement/BuyerTradeParty         AccountingCustomerParty/Party
======  ==================================  ==============================================

:func:`open_einvoice` tells CII from UBL and gives an :class:`EInvoiceDoc`, whose fields
are read by key (``number``, ``due``...) and whose problems name the XML element and its
line. What the fields mean for an invoice is :mod:`.einvoice`'s business.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..model import Problem
from .limits import Limits
from .xmlsafe import XmlRefused, find_one, local, parse_xml

__all__ = ["CREDIT_TYPES", "EInvoiceDoc", "open_einvoice"]

# BT-3 type codes (UNTDID 1001) that make the document a credit note.
CREDIT_TYPES = {"381", "261", "262", "396", "532"}
_CII = {
    "number": "ExchangedDocument/ID",
    "issue": "ExchangedDocument/IssueDateTime/DateTimeString",
    "type": "ExchangedDocument/TypeCode",
    "currency": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/InvoiceCurrencyCode",
    "due": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString",
    "applies_to": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    "InvoiceReferencedDocument/IssuerAssignedID",
    "excl": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    "SpecifiedTradeSettlementHeaderMonetarySummation/TaxBasisTotalAmount",
    "total": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    "SpecifiedTradeSettlementHeaderMonetarySummation/GrandTotalAmount",
    "payable": "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    "SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount",
    "buyer": "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/BuyerTradeParty",
}
_UBL = {
    "number": "ID",
    "issue": "IssueDate",
    "currency": "DocumentCurrencyCode",
    "applies_to": "BillingReference/InvoiceDocumentReference/ID",
    "excl": "LegalMonetaryTotal/TaxExclusiveAmount",
    "total": "LegalMonetaryTotal/TaxInclusiveAmount",
    "payable": "LegalMonetaryTotal/PayableAmount",
    "buyer": "AccountingCustomerParty/Party",
}
_UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:"
_TERMS = {
    "number": "BT-1",
    "issue": "BT-2",
    "currency": "BT-5",
    "due": "BT-9",
    "total": "BT-112",
    "payable": "BT-115",
    "buyer": "BG-7",
}


@dataclass
class EInvoiceDoc:
    """One e-invoice's XML, its flavour (CII or UBL), and the problems found in it."""

    file: Path
    label: str
    root: etree._Element
    flavor: str  # "CII" or "UBL"
    paths: dict[str, str]
    problems: list[Problem]
    pdf: Path | None

    def node(self, key: str) -> etree._Element | None:
        return find_one(self.root, self.paths[key]) if key in self.paths else None

    def text(self, key: str) -> str | None:
        node = self.node(key)
        return (node.text or "").strip() or None if node is not None else None

    def error(self, key_or_node: str | etree._Element | None, message: str) -> None:
        node = self.node(key_or_node) if isinstance(key_or_node, str) else key_or_node
        element = f"<{local(node)}> " if node is not None else ""
        line = node.sourceline if node is not None else None
        self.problems.append(Problem(self.label, line, f"{element}{message}"))

    def where(self, key: str) -> str:
        """``BT-9 DueDateDateTime``: the business term and the element it is read from."""
        steps = [s for s in self.paths.get(key, key).split("/") if s != "DateTimeString"]
        return f"{_TERMS.get(key, '')} {steps[-1]}".strip()


def _xml_of(file: Path, label: str, limits: Limits) -> tuple[bytes | None, str | None]:
    """(XML bytes, None) or (None, problem message)."""
    size = file.stat().st_size
    if size > limits.max_unpacked_bytes:
        return None, f"is {size / 1e6:.0f} MB: too large for an invoice"
    data = file.read_bytes()
    if file.suffix.lower() != ".pdf":
        return data, None
    if not data.startswith(b"%PDF"):
        return None, "is not a PDF"
    from facturx import get_facturx_xml_from_pdf

    logger = logging.getLogger("factur-x")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # its warnings become our one-line problems
    try:
        _name, xml = get_facturx_xml_from_pdf(data, check_xsd=False)
    except Exception as exc:  # pypdf on a damaged file: any of its exceptions
        return None, f"is not a readable PDF ({exc.__class__.__name__})"
    finally:
        logger.setLevel(level)
    if not xml:
        # The package skips an attachment it cannot parse (an XML bomb, say): ours is
        # given to the safe parser, which says what is wrong with it.
        xml = _embedded_invoice(data)
    if not xml:
        return None, (
            "is a PDF with no Factur-X or ZUGFeRD XML inside: a plain PDF invoice cannot be "
            "read (ask for the Factur-X version, or list it in a ledger)"
        )
    return xml, None


_EMBEDDED_NAMES = {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"}


def _embedded_invoice(data: bytes) -> bytes | None:
    import io

    from pypdf import PdfReader

    try:
        for name, contents in PdfReader(io.BytesIO(data)).attachments.items():
            if name.lower() in _EMBEDDED_NAMES and contents:
                return contents[0]
    except Exception:  # a damaged PDF: reported as having no XML
        return None
    return None


def open_einvoice(file: Path, limits: Limits) -> EInvoiceDoc | Problem:
    """The e-invoice in ``file`` (XML, or a Factur-X PDF), or the problem that stops it."""
    label = str(file)
    data, why = _xml_of(file, label, limits)
    if data is None:
        return Problem(label, None, why or "cannot be read")
    try:
        root = parse_xml(data, limits)
    except XmlRefused as exc:
        return Problem(label, None, str(exc))
    name = local(root)
    namespace = etree.QName(root).namespace or ""
    if name == "CrossIndustryInvoice":
        flavor, paths = "CII", _CII
    elif name in {"Invoice", "CreditNote"} and namespace == f"{_UBL_NS}{name}-2":
        flavor = "UBL"
        paths = {
            **_UBL,
            "type": f"{name}TypeCode",
            "due": "DueDate" if name == "Invoice" else "PaymentMeans/PaymentDueDate",
        }
    elif name == "CrossIndustryDocument":
        return Problem(label, root.sourceline, "<CrossIndustryDocument> is ZUGFeRD 1.0, not read")
    else:
        return Problem(
            label,
            root.sourceline,
            f"<{name}> in namespace '{namespace or 'none'}' is not an e-invoice (expected a "
            "CII CrossIndustryInvoice, or a UBL 2.1 Invoice or CreditNote)",
        )
    pdf = file if file.suffix.lower() == ".pdf" else file.with_suffix(".pdf")
    return EInvoiceDoc(file, label, root, flavor, paths, [], pdf if pdf.is_file() else None)
