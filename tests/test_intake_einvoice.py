"""E-invoices: the samples (Factur-X PDFs, UBL, CII) and what each field becomes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.intake import read_ledger
from relance_docs.model import DocumentKind, PartyKind

from .conftest import SAMPLES, errors

EINVOICES = SAMPLES / "einvoices-fr"


@pytest.fixture(scope="module")
def sample():
    return read_ledger(EINVOICES, default_currency="EUR", default_country="FR")


def test_the_sample_folder_reads_without_error(sample):
    assert errors(sample) == []
    assert sample.sources[0].description == "e-invoices: 21 CII, 7 Factur-X PDF, 3 UBL"
    invoices = sample.ledger.invoices
    assert len(invoices) == 31
    assert [i.number for i in invoices if i.is_credit_note] == ["AV-2026-0012"]
    assert len(sample.ledger.debtors) == 12


def test_the_sample_owes_the_csv_total_before_the_two_payments(sample):
    # 101 219,20 (ledger-fr.csv) + 3 000,00 (FA-2026-0078) + 576,00 (FA-2026-0029): the
    # e-invoices are the invoices as issued; the payments come from the bank statement.
    assert sample.ledger.outstanding_by_currency() == {"EUR": Decimal("104795.20")}


def test_a_factur_x_invoice_becomes_its_own_exhibit(sample):
    inv = next(i for i in sample.ledger.invoices if i.number == "FA-2026-0117")
    assert inv.pdf_path == EINVOICES / "FA-2026-0117.pdf"
    assert (inv.issue_date, inv.due_date) == (date(2026, 8, 10), date(2026, 9, 30))
    assert (inv.amount, inv.amount_excl_tax, inv.paid) == (
        Decimal("1480.20"),
        Decimal("1233.50"),
        Decimal("0.00"),
    )


def test_a_credit_note_is_negative_and_names_its_invoice(sample):
    note = next(i for i in sample.ledger.invoices if i.number == "AV-2026-0012")
    assert note.kind is DocumentKind.CREDIT_NOTE
    assert note.amount == Decimal("-240.00")
    assert note.applies_to == "FA-2026-0117"


def test_the_buyer_of_a_ubl_invoice(sample):
    party = sample.ledger.debtor("C002")
    assert party.name == "Chaudronnerie Bérard SAS"
    assert party.registration_number == "398685842"
    assert party.vat_number == "FR08398685842"
    assert party.address_lines == ("128 boulevard Irène-Joliot-Curie", "ZI Vénissieux Nord")
    assert (party.postcode, party.city, party.country) == ("69200", "Vénissieux", "FR")
    assert party.email == "comptabilite@chaudronnerie-berard.example"
    assert party.kind is PartyKind.COMPANY  # from "SAS" in its name, with a warning


def test_the_debtors_file_gives_the_types_the_e_invoices_lack():
    result = read_ledger(EINVOICES, debtors=SAMPLES / "clients-fr.csv", default_country="FR")
    assert errors(result) == []
    kinds = {d.id: d.kind for d in result.ledger.debtors}
    assert kinds["C005"] is PartyKind.CONSUMER
    assert kinds["C006"] is PartyKind.PUBLIC
    assert kinds["C007"] is PartyKind.PROFESSIONAL


CII = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocument>
    <ram:ID>F-9</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20260901</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerTradeParty><ram:Name>Alpha SAS</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>69001</ram:PostcodeCode><ram:LineOne>1 rue A</ram:LineOne><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      {terms}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{due}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
TERMS = (
    "<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>"
    '<udt:DateTimeString format="102">20261001</udt:DateTimeString>'
    "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"
)


def _cii(write, terms=TERMS, total="1200.00", due="1200.00", name="f.xml"):
    return write(name, CII.format(terms=terms, total=total, due=due))


def test_a_prepaid_part_counts_as_paid(write):
    result = read_ledger(_cii(write, total="1200.00", due="1000.00"))
    assert errors(result) == []
    inv = result.ledger.invoices[0]
    # BT-112 1 200,00 - BT-115 1 000,00 = 200,00 prepaid (BT-113)
    assert (inv.amount, inv.paid, inv.outstanding) == (
        Decimal("1200.00"),
        Decimal("200.00"),
        Decimal("1000.00"),
    )


def test_no_due_date_is_never_invented(write):
    path = _cii(write, terms="")
    assert errors(read_ledger(path)) == [
        "f.xml: F-9 has no due date (BT-9 DueDateDateTime); its payment terms are only text: give "
        "payment_terms_days in the creditor profile, or list it in a ledger"
    ]
    result = read_ledger(path, payment_terms_days=30)
    assert errors(result) == []
    # 01/09/2026 + 30 days = 01/10/2026
    assert result.ledger.invoices[0].due_date == date(2026, 10, 1)


def test_a_bad_amount_names_the_element_and_its_line(write):
    path = _cii(write, total="12O0.00")
    assert errors(read_ledger(path)) == ['f.xml:18: <GrandTotalAmount> "12O0.00" is not an amount']


def test_an_amount_due_above_the_total_is_refused(write):
    assert errors(read_ledger(_cii(write, total="100.00", due="200.00"))) == [
        "f.xml:19: <DuePayableAmount> amount due 200.00 is more than the total 100.00"
    ]


def test_a_plain_pdf_is_named(write):
    from weasyprint import HTML

    path = write("plain.pdf", HTML(string="<p>Facture F-1</p>").write_pdf())
    assert errors(read_ledger(path)) == [
        "plain.pdf: is a PDF with no Factur-X or ZUGFeRD XML inside: a plain PDF invoice "
        "cannot be read (ask for the Factur-X version, or list it in a ledger)"
    ]


def test_the_same_number_twice_in_a_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.xml", "b.xml"):
        (folder / name).write_text(CII.format(terms=TERMS, total="1.00", due="1.00"))
    assert [e.split("/")[-1] for e in errors(read_ledger(folder))] == [
        "b.xml:4: invoice number F-9 is also in a.xml"
    ]


def test_an_xml_invoice_takes_the_pdf_beside_it_as_exhibit(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "F-9.xml").write_text(CII.format(terms=TERMS, total="1.00", due="1.00"))
    (folder / "F-9.pdf").write_bytes(b"%PDF-1.7\n")
    result = read_ledger(folder)
    assert errors(result) == []
    assert result.ledger.invoices[0].pdf_path == folder / "F-9.pdf"


def test_the_factur_x_pdfs_are_the_packets_exhibits(tmp_path):
    from click.testing import CliRunner

    from relance_docs.cli import cli

    run = CliRunner().invoke(
        cli,
        [
            "packet",
            str(EINVOICES),
            "--creditor",
            str(SAMPLES / "creditor-fr.yaml"),
            "--debtors",
            str(SAMPLES / "clients-fr.csv"),
            "--debtor",
            "C001",
            "--procedure",
            "fr.injonction_de_payer",
            "--as-of",
            "2026-11-16",
            "--out",
            str(tmp_path / "packet"),
        ],
    )
    assert run.exit_code == 0, run.output
    assert "Pièce n° 1 - Facture FA-2026-0067 du 22/06/2026" in run.output
    assert "Pièce n° 2 - Facture FA-2026-0117 du 10/08/2026" in run.output
