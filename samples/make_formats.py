# ruff: noqa: E501 - the XML templates below keep one element per line, as read in the files
"""Regenerate the samples of every other format from samples/ledger-fr.csv.

    python samples/make_formats.py

Each file mirrors the French CSV sample (Ateliers Mécaniques du Rhône SAS, the same 12
debtors, 30 invoices and 1 credit note), so that each gives the same balances:

* ``einvoices-fr/``: the 31 documents as e-invoices (Factur-X PDFs for C001 and C004,
  made here with WeasyPrint as PDF/A-3b and the ``factur-x`` package; UBL 2.1 for C002;
  CII for the others). They are the invoices as issued: the two payments of the CSV are
  not in them, they come from the bank statements.
* ``bank/releve-fr.*``: one statement in four formats (CAMT.053, CFONB 120, OFX, CSV)
  with the two payments of the CSV (3 000,00 naming FA-2026-0078; 576,00 from the
  Garage du Pilat naming no invoice), two credits that must not match (a rent, and
  705,00 from a stranger, the amount of an open invoice of C012) and two debits.
  ``bank/assign-fr.yaml`` sets the rent aside.
* ``fec/336585906FEC20261116.txt``: the FEC of the year so far (ISO 8859-15, tab
  separated): the same 31 documents, earlier invoices paid and lettered, the opening
  entry of the 2025 invoice, and the two payments.
* ``clients-fr.csv`` and ``terms-fr.yaml``: the debtors' details and payment terms that
  a FEC or e-invoices lack.

Everything is deterministic (fixed dates, no clock): running the script again gives the
same bytes.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "ledger-fr.csv"
OUT = HERE  # python samples/make_formats.py --out DIR writes elsewhere (the tests do)
CREDITOR = {
    "name": "Ateliers Mécaniques du Rhône SAS",
    "siren": "336585906",
    "vat": "FR49336585906",
    "street": "48 rue Pré-Gaudry",
    "postcode": "69007",
    "city": "Lyon",
    "iban": "FR7630004008250001048271917",
}
FACTURX = {"C001", "C004"}
UBL = {"C002"}
COUNTRY_CODES = {"France": "FR", "Allemagne": "DE", "": "FR"}
FIXED = datetime(2026, 11, 16, 9, 0, 0, tzinfo=UTC)


def _rows() -> list[dict[str, str]]:
    text = SOURCE.read_bytes().decode("cp1252")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", ".") or "0")


def _day(text: str) -> date:
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def _eom(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


# --------------------------------------------------------------------------- e-invoices


def _doc(row: dict[str, str]) -> dict:
    credit = row["Type"] == "Avoir"
    ttc, ht = abs(_amount(row["Montant TTC"])), abs(_amount(row["Montant HT"]))
    return {
        "number": row["N° facture"],
        "credit": credit,
        "issue": _day(row["Date facture"]),
        "due": _day(row["Échéance"]),
        "ttc": ttc,
        "ht": ht,
        "vat": ttc - ht,
        "rate": Decimal("0.00") if ttc == ht else Decimal("20.00"),
        "label": row["Libellé"],
        "applies_to": row["Libellé"].split("sur ")[-1].split(" ")[0] if credit else None,
        "code": row["Code client"],
        "name": row["Client"],
        "siren": row["SIREN"],
        "vatno": row["N° TVA"],
        "street": row["Adresse"],
        "street2": row["Complément d'adresse"],
        "postcode": row["Code postal"],
        "city": row["Ville"],
        "country": COUNTRY_CODES.get(row["Pays"], "FR"),
        "email": row["Email"],
    }


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


def write_einvoices(rows: list[dict[str, str]]) -> None:
    from facturx import xml_check_xsd

    out = OUT / "einvoices-fr"
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


# --------------------------------------------------------------------------- debtors, terms

CLIENT_COLUMNS = (
    "Code client",
    "Client",
    "Type client",
    "SIREN",
    "N° TVA",
    "Adresse",
    "Complément d'adresse",
    "Code postal",
    "Ville",
    "Pays",
    "Email",
    "Téléphone",
    "Langue",
    "Contact",
)


def write_clients(rows: list[dict[str, str]]) -> None:
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        seen.setdefault(row["Code client"], row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CLIENT_COLUMNS)
    for row in seen.values():
        writer.writerow([row[c] for c in CLIENT_COLUMNS])
    (OUT / "clients-fr.csv").write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())


def _terms_of(issue: date, due: date) -> str | None:
    for days in (30, 60):
        if issue + timedelta(days=days) == due:
            return str(days)
    if _eom(issue + timedelta(days=45)) == due:
        return "45 fin de mois"
    return None


def write_terms(rows: list[dict[str, str]]) -> dict[str, str]:
    found: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row["Type"] == "Avoir":
            continue
        terms = _terms_of(_day(row["Date facture"]), _day(row["Échéance"]))
        if terms:
            found[row["Code client"]][terms] += 1
    chosen = {code: counts.most_common(1)[0][0] for code, counts in sorted(found.items())}
    lines = [
        "# Payment terms per debtor, for sources with no due date (the FEC).",
        "# Days after the invoice date, or N fin de mois (then to the end of that month).",
        *(f"{code}: {terms}" for code, terms in chosen.items()),
    ]
    (OUT / "terms-fr.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chosen


# --------------------------------------------------------------------------- FEC

FEC_HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)


def _fec_amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") if value else "0,00"


def write_fec(rows: list[dict[str, str]], terms: dict[str, str]) -> None:
    entries: list[tuple] = []  # (date, journal, lines)
    letters = iter(
        f"{a}{b}{c}" for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "A"
    )
    used = {row["N° facture"] for row in rows}
    names = {row["Code client"]: row["Client"].replace("–", "-") for row in rows}

    def sale(d: dict, day: date, letter: str = "", date_let: str = "") -> list[tuple]:
        sign = -1 if d["credit"] else 1
        label = f"{'Avoir' if d['credit'] else 'Facture'} {d['number']} {names[d['code']]}"
        out = [
            (
                "411000",
                "Clients",
                d["code"],
                names[d["code"]],
                d["number"],
                label,
                d["ttc"] if sign > 0 else 0,
                d["ttc"] if sign < 0 else 0,
                letter,
                date_let,
            ),
            (
                "706000",
                "Prestations de services",
                "",
                "",
                d["number"],
                label,
                d["ht"] if sign < 0 else 0,
                d["ht"] if sign > 0 else 0,
                "",
                "",
            ),
        ]
        if d["vat"]:
            out.append(
                (
                    "445710",
                    "TVA collectée",
                    "",
                    "",
                    d["number"],
                    label,
                    d["vat"] if sign < 0 else 0,
                    d["vat"] if sign > 0 else 0,
                    "",
                    "",
                )
            )
        return out

    def bank(code: str, amount: Decimal, piece: str, label: str, letter="", date_let=""):
        return [
            ("512000", "Banque BNP Paribas", "", "", piece, label, amount, 0, "", ""),
            ("411000", "Clients", code, names[code], piece, label, 0, amount, letter, date_let),
        ]

    # Earlier invoices of the year, paid on time and lettered: the history a FEC holds.
    pool = [n for n in range(1, 60) if f"FA-2026-{n:04d}" not in used]
    codes = sorted(names)
    for i, n in enumerate(pool[:40]):
        code = codes[i % len(codes)]
        issued = date(2026, 1, 5) + timedelta(days=3 * i)
        ht = Decimal(400 + 37 * (i % 9) * 5)
        vat = Decimal("0") if code == "C010" else (ht * Decimal("0.2")).quantize(Decimal("0.01"))
        d = {
            "number": f"FA-2026-{n:04d}",
            "credit": False,
            "ttc": ht + vat,
            "ht": ht,
            "vat": vat,
            "code": code,
        }
        letter = next(letters)
        paid_on = issued + timedelta(days=28)
        entries.append((issued, "VT", sale(d, issued, letter, f"{paid_on:%Y%m%d}")))
        entries.append(
            (
                paid_on,
                "BQ",
                bank(
                    code,
                    d["ttc"],
                    f"VIR{paid_on:%m%d}{i:02d}",
                    f"Virement reçu {names[code]} {d['number']}",
                    letter,
                    f"{paid_on:%Y%m%d}",
                ),
            )
        )
    # The 31 documents of ledger-fr.csv.
    for row in rows:
        d = _doc(row)
        letter = date_let = ""
        if d["number"] == "FA-2026-0029":  # paid in full: lettered with its payment
            letter, date_let = next(letters), "20260407"
            entries.append(
                (
                    date(2026, 4, 7),
                    "BQ",
                    bank(
                        d["code"],
                        d["ttc"],
                        "VIR040701",
                        "Virement reçu GARAGE DU PILAT",
                        letter,
                        date_let,
                    ),
                )
            )
        journal = "AN" if d["issue"].year < 2026 else "VT"
        entries.append(
            (
                d["issue"] if journal == "VT" else date(2026, 1, 1),
                journal,
                sale(d, d["issue"], letter, date_let),
            )
        )
    # The part payment of FA-2026-0078: not lettered, its label names the invoice.
    entries.append(
        (
            date(2026, 9, 15),
            "BQ",
            bank("C003", Decimal("3000.00"), "VIR091501", "Virement reçu acompte FA-2026-0078"),
        )
    )
    journals = {"AN": "A nouveaux", "VT": "Ventes", "BQ": "Banque BNP Paribas"}
    order = {"AN": 0, "VT": 1, "BQ": 2}
    entries.sort(key=lambda x: (x[0], order[x[1]]))
    lines = [FEC_HEADER]
    for num, (day, journal, items) in enumerate(entries, start=1):
        piece_date = day
        for (
            account,
            account_label,
            aux,
            aux_label,
            piece,
            label,
            debit,
            credit,
            let,
            dlet,
        ) in items:
            if journal in {"VT", "AN"}:
                piece_date = next(
                    (_day(r["Date facture"]) for r in rows if r["N° facture"] == piece), day
                )
            lines.append(
                "\t".join(
                    (
                        journal,
                        journals[journal],
                        f"{journal}{num:05d}",
                        f"{day:%Y%m%d}",
                        account,
                        account_label,
                        aux,
                        aux_label,
                        piece,
                        f"{piece_date:%Y%m%d}",
                        label,
                        _fec_amount(Decimal(debit)),
                        _fec_amount(Decimal(credit)),
                        let,
                        dlet,
                        f"{day:%Y%m%d}",
                        "",
                        "",
                    )
                )
            )
    out = OUT / "fec"
    out.mkdir(exist_ok=True)
    text = "\r\n".join(lines) + "\r\n"
    (out / "336585906FEC20261116.txt").write_bytes(text.encode("iso-8859-15"))


# --------------------------------------------------------------------------- bank

STATEMENT = (
    # day, amount, payer, remittance, reference
    (
        date(2026, 4, 7),
        Decimal("576.00"),
        "GARAGE DU PILAT THIERRY ROUSSEL",
        "REGLEMENT FACTURE MARS",
        "2026-04-07/0000011",
    ),
    (
        date(2026, 9, 15),
        Decimal("3000.00"),
        "PLASTURGIE DE L AIN SA",
        "ACOMPTE FA-2026-0078",
        "2026-09-15/0000027",
    ),
    (
        date(2026, 10, 20),
        Decimal("1250.00"),
        "SCI LES TILLEULS",
        "LOYER PARKING OCTOBRE 2026",
        "2026-10-20/0000031",
    ),
    (date(2026, 10, 31), Decimal("-18.50"), None, "FRAIS TENUE DE COMPTE", "2026-10-31/0000035"),
    (date(2026, 11, 2), Decimal("705.00"), "M MARC DUPUIS", "VIREMENT", "2026-11-02/0000038"),
    (
        date(2026, 11, 5),
        Decimal("-1840.00"),
        None,
        "PRLV URSSAF RHONE ALPES",
        "2026-11-05/0000041",
    ),
)
OPENING = Decimal("48210.35")


def _camt() -> bytes:
    entries = []
    for day, amount, payer, text, ref in STATEMENT:
        sign = "CRDT" if amount > 0 else "DBIT"
        party = f"<RltdPties><Dbtr><Nm>{escape(payer)}</Nm></Dbtr></RltdPties>" if payer else ""
        entries.append(f"""      <Ntry>
        <Amt Ccy="EUR">{abs(amount):.2f}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{day:%Y-%m-%d}</Dt></BookgDt>
        <ValDt><Dt>{day:%Y-%m-%d}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{"RCDT" if sign == "CRDT" else "CCRD"}</Cd><SubFmlyCd>{"ESCT" if sign == "CRDT" else "OTHR"}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <Amt Ccy="EUR">{abs(amount):.2f}</Amt>
          {party}
          <RmtInf><Ustrd>{escape(text)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>""")
    closing = OPENING + sum(x[1] for x in STATEMENT)
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2026-11-16-0001</MsgId><CreDtTm>2026-11-16T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-11-16-0001</Id>
      <CreDtTm>2026-11-16T06:00:00</CreDtTm>
      <FrToDt><FrDtTm>2026-04-01T00:00:00</FrDtTm><ToDtTm>2026-11-15T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>{CREDITOR["iban"]}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>{escape(CREDITOR["name"])}</Nm></Ownr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{OPENING:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-04-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-15</Dt></Dt></Bal>
{body}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def _cfonb_amount(value: Decimal) -> str:
    units = int(abs(value) * 100)
    digits, last = f"{units // 10:013d}", units % 10
    sign = ("{ABCDEFGHI" if value >= 0 else "}JKLMNOPQR")[last]
    return digits + sign


def _cfonb() -> bytes:
    bank, desk, account = "30004", "00825", "00010482719"
    lines = []

    def record(code: str, middle: str) -> str:
        line = f"{code}{bank}    {desk}EUR2 {account}{middle}"
        assert len(line) <= 120, line
        return line.ljust(120)

    start = date(2026, 4, 1)
    lines.append(record("01", f"  {start:%d%m%y}{' ' * 50}{_cfonb_amount(OPENING)}"))
    for day, amount, payer, text, ref in STATEMENT:
        op = "05" if amount > 0 else "11"
        label = (f"VIR SEPA {payer}" if payer else text)[:31].ljust(31)
        number = ref.rsplit("/", 1)[1]
        lines.append(
            f"04{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}  {day:%d%m%y}{label}  "
            f"{number}  {_cfonb_amount(amount)}".ljust(120)
        )
        if payer:
            lines.append(
                f"05{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}     NPY"
                f"{payer[:70].ljust(70)}".ljust(120)
            )
            lines.append(
                f"05{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}     LCC"
                f"{text[:70].ljust(70)}".ljust(120)
            )
    closing = OPENING + sum(x[1] for x in STATEMENT)
    end = date(2026, 11, 15)
    lines.append(record("07", f"  {end:%d%m%y}{' ' * 50}{_cfonb_amount(closing)}"))
    for line in lines:
        assert len(line) == 120, (len(line), line)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _ofx() -> bytes:
    items = []
    for day, amount, payer, text, ref in STATEMENT:
        kind = "CREDIT" if amount > 0 else "DEBIT"
        name = f"<NAME>{escape(payer)}\n" if payer else ""
        items.append(
            f"<STMTTRN>\n<TRNTYPE>{kind}\n<DTPOSTED>{day:%Y%m%d}\n<TRNAMT>{amount:.2f}\n"
            f"<FITID>{ref}\n{name}<MEMO>{escape(text)}\n</STMTTRN>"
        )
    body = "\n".join(items)
    closing = OPENING + sum(x[1] for x in STATEMENT)
    return f"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261116060000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR
<BANKACCTFROM><BANKID>30004<BRANCHID>00825<ACCTID>00010482719<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260401<DTEND>20261115
{body}
</BANKTRANLIST>
<LEDGERBAL><BALAMT>{closing:.2f}<DTASOF>20261115</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
""".replace("\n", "\r\n").encode("ascii")


def _bank_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ("Date opération", "Libellé", "Donneur d'ordre", "Référence", "Débit", "Crédit")
    )
    for day, amount, payer, text, ref in STATEMENT:
        money = f"{abs(amount):.2f}".replace(".", ",")
        writer.writerow(
            (
                f"{day:%d/%m/%Y}",
                text,
                payer or "",
                ref,
                money if amount < 0 else "",
                money if amount > 0 else "",
            )
        )
    return buffer.getvalue().encode("cp1252")


def write_bank() -> None:
    out = OUT / "bank"
    out.mkdir(exist_ok=True)
    (out / "releve-fr.camt053.xml").write_bytes(_camt())
    (out / "releve-fr.cfonb").write_bytes(_cfonb())
    (out / "releve-fr.ofx").write_bytes(_ofx())
    (out / "releve-fr.csv").write_bytes(_bank_csv())
    (out / "assign-fr.yaml").write_text(
        "# Credits that relance match could not place, and what they pay.\n"
        "# KEY (the bank's reference, or file:line): an invoice, a list, a debtor code,\n"
        "# or ignore (money that is not a customer's payment).\n"
        '"2026-10-20/0000031": ignore   # rent of a parking space, not a customer\n',
        encoding="utf-8",
    )


def main() -> None:
    import argparse

    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: samples/)")
    OUT = parser.parse_args().out
    OUT.mkdir(parents=True, exist_ok=True)
    rows = _rows()
    write_clients(rows)
    terms = write_terms(rows)
    write_fec(rows, terms)
    write_bank()
    write_einvoices(rows)
    print(f"wrote clients-fr.csv, terms-fr.yaml, fec/, bank/, einvoices-fr/ in {OUT}")


if __name__ == "__main__":
    main()
