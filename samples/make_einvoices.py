# ruff: noqa: E501 - the XML templates keep one element per line, as read in the files
"""The e-invoices of samples/einvoices-fr/: CII and UBL 2.1 XML, and Factur-X PDFs made with
WeasyPrint (PDF/A-3b) and the factur-x package. Run by make_formats.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from sample_common import CREDITOR, FACTURX, FIXED, UBL, _doc


def _cii(d: dict) -> bytes:
    def dt(day: date) -> str:
        return f'<udt:DateTimeString format="102">{day:%Y%m%d}</udt:DateTimeString>'

    e = escape
    legal = (
        f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{d["siren"]}</ram:ID>'
        "</ram:SpecifiedLegalOrganization>"
        if d["siren"]
        else ""
    )
    lines = "".join(
        f"<ram:{tag}>{e(v)}</ram:{tag}>"
        for tag, v in (("LineOne", d["street"]), ("LineTwo", d["street2"]))
        if v
    )
    category = "S" if d["rate"] else "AE"
    reason = (
        "<ram:ExemptionReason>Autoliquidation</ram:ExemptionReason>" if category == "AE" else ""
    )
    reference = (
        "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>"
        f"{d['applies_to']}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>"
        if d["applies_to"]
        else ""
    )
    terms = (
        ""
        if d["credit"]
        else f"<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>{dt(d['due'])}"
        "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"
    )
    c = CREDITOR
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:factur-x.eu:1p0:basicwl</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{d["number"]}</ram:ID>
    <ram:TypeCode>{"381" if d["credit"] else "380"}</ram:TypeCode>
    <ram:IssueDateTime>{dt(d["issue"])}</ram:IssueDateTime>
    <ram:IncludedNote><ram:Content>{e(d["label"])}</ram:Content></ram:IncludedNote>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>{e(c["name"])}</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{c["siren"]}</ram:ID></ram:SpecifiedLegalOrganization>
        <ram:PostalTradeAddress><ram:PostcodeCode>{c["postcode"]}</ram:PostcodeCode><ram:LineOne>{e(c["street"])}</ram:LineOne><ram:CityName>{c["city"]}</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{c["vat"]}</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:ID>{d["code"]}</ram:ID>
        <ram:Name>{e(d["name"])}</ram:Name>
        {legal}
        <ram:PostalTradeAddress><ram:PostcodeCode>{d["postcode"]}</ram:PostcodeCode>{lines}<ram:CityName>{e(d["city"])}</ram:CityName><ram:CountryID>{d["country"]}</ram:CountryID></ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="EM">{e(d["email"])}</ram:URIID></ram:URIUniversalCommunication>
        {f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{d["vatno"]}</ram:ID></ram:SpecifiedTaxRegistration>' if d["vatno"] else ""}
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>{dt(d["issue"])}</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{c["iban"]}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>{d["vat"]:.2f}</ram:CalculatedAmount>
        <ram:TypeCode>VAT</ram:TypeCode>
        {reason}
        <ram:BasisAmount>{d["ht"]:.2f}</ram:BasisAmount>
        <ram:CategoryCode>{category}</ram:CategoryCode>
        <ram:RateApplicablePercent>{d["rate"]:.2f}</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      {terms}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{d["ht"]:.2f}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>{d["ht"]:.2f}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">{d["vat"]:.2f}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{d["ttc"]:.2f}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{d["ttc"]:.2f}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
      {reference}
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return "\n".join(line for line in xml.splitlines() if line.strip()).encode() + b"\n"


def _ubl(d: dict) -> bytes:
    e = escape
    root = "CreditNote" if d["credit"] else "Invoice"
    legal = f'<cbc:CompanyID schemeID="0002">{d["siren"]}</cbc:CompanyID>' if d["siren"] else ""
    due = "" if d["credit"] else f"<cbc:DueDate>{d['due']:%Y-%m-%d}</cbc:DueDate>"
    street2 = (
        f"<cbc:AdditionalStreetName>{e(d['street2'])}</cbc:AdditionalStreetName>"
        if d["street2"]
        else ""
    )
    c = CREDITOR
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>{d["number"]}</cbc:ID>
  <cbc:IssueDate>{d["issue"]:%Y-%m-%d}</cbc:IssueDate>
  {due}
  <cbc:{root}TypeCode>{"381" if d["credit"] else "380"}</cbc:{root}TypeCode>
  <cbc:Note>{e(d["label"])}</cbc:Note>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PostalAddress><cbc:StreetName>{e(c["street"])}</cbc:StreetName><cbc:CityName>{c["city"]}</cbc:CityName><cbc:PostalZone>{c["postcode"]}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{c["vat"]}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{e(c["name"])}</cbc:RegistrationName><cbc:CompanyID schemeID="0002">{c["siren"]}</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="EM">{e(d["email"])}</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID>{d["code"]}</cbc:ID></cac:PartyIdentification>
    <cac:PostalAddress><cbc:StreetName>{e(d["street"])}</cbc:StreetName>{street2}<cbc:CityName>{e(d["city"])}</cbc:CityName><cbc:PostalZone>{d["postcode"]}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{d["country"]}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{d["vatno"]}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{e(d["name"])}</cbc:RegistrationName>{legal}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>{c["iban"]}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">{d["vat"]:.2f}</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{d["ht"]:.2f}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{d["ht"]:.2f}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{d["ttc"]:.2f}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{d["ttc"]:.2f}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:{root}Line>
    <cbc:ID>1</cbc:ID>
    <cbc:{"CreditedQuantity" if d["credit"] else "InvoicedQuantity"} unitCode="C62">1</cbc:{"CreditedQuantity" if d["credit"] else "InvoicedQuantity"}>
    <cbc:LineExtensionAmount currencyID="EUR">{d["ht"]:.2f}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>{e(d["label"])}</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{d["ht"]:.2f}</cbc:PriceAmount></cac:Price>
  </cac:{root}Line>
</{root}>
"""
    return "\n".join(line for line in xml.splitlines() if line.strip()).encode() + b"\n"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",") + "\u00a0€"


def _invoice_html(d: dict) -> str:
    e = escape
    title = "Avoir" if d["credit"] else "Facture"
    c = CREDITOR
    due = "" if d["credit"] else f"<p>Échéance : {d['due']:%d/%m/%Y}</p>"
    ref = f"<p>Avoir sur la facture {d['applies_to']}</p>" if d["applies_to"] else ""
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{title} {d["number"]}</title>
<style>@page {{ size: A4; margin: 20mm }} body {{ font-family: "DejaVu Sans"; font-size: 10pt }}
table {{ width: 100%; border-collapse: collapse }} td, th {{ border-bottom: 1px solid #999; padding: 4px }}
.r {{ text-align: right }}</style></head><body>
<p><strong>{e(c["name"])}</strong><br>{e(c["street"])}<br>{c["postcode"]} {c["city"]}<br>
SIREN {c["siren"]} – TVA {c["vat"]}</p>
<p style="margin-left: 90mm">{e(d["name"])}<br>{e(d["street"])}<br>
{e(d["street2"]) + "<br>" if d["street2"] else ""}{d["postcode"]} {e(d["city"])}</p>
<h1>{title} {d["number"]}</h1>
<p>Date : {d["issue"]:%d/%m/%Y} – Client : {d["code"]}</p>{due}{ref}
<table><tr><th>Désignation</th><th class="r">Montant HT</th></tr>
<tr><td>{e(d["label"])}</td><td class="r">{_money(d["ht"])}</td></tr></table>
<p class="r">Total HT : {_money(d["ht"])}<br>TVA {d["rate"]:.0f} % : {_money(d["vat"])}<br>
<strong>Total TTC : {_money(d["ttc"])}</strong></p>
<p>Règlement par virement : IBAN {c["iban"]}</p></body></html>"""


def _facturx(d: dict, xml: bytes) -> bytes:
    import facturx.facturx as fx
    from weasyprint import HTML

    pdf = HTML(string=_invoice_html(d)).write_pdf(pdf_variant="pdf/a-3b", pdf_identifier=False)
    # The package stamps the time of generation; the samples are dated like all others.
    fx._get_metadata_timestamp = lambda: FIXED.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    fx._get_pdf_timestamp = lambda date=None: FIXED.strftime("D:%Y%m%d%H%M%S+00'00'")
    return fx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level="basicwl",
        check_xsd=True,
        lang="fr-FR",
        pdf_metadata={
            "author": CREDITOR["name"],
            "keywords": "Factur-X",
            "title": f"{'Avoir' if d['credit'] else 'Facture'} {d['number']}",
            "subject": f"{d['number']} – {d['name']}",
        },
    )


def write_einvoices(rows: list[dict[str, str]], base: Path) -> None:
    from facturx import xml_check_xsd

    out = base / "einvoices-fr"
    out.mkdir(exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    for row in rows:
        d = _doc(row)
        if d["code"] in UBL:
            xml = _ubl(d)
            xml_check_xsd(xml, flavor="ubl", level="en16931")
            (out / f"{d['number']}.xml").write_bytes(xml)
            continue
        xml = _cii(d)
        xml_check_xsd(xml, flavor="factur-x", level="basicwl")
        if d["code"] in FACTURX:
            (out / f"{d['number']}.pdf").write_bytes(_facturx(d, xml))
        else:
            (out / f"{d['number']}.xml").write_bytes(xml)
