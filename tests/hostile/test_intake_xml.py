"""Hostile XML in e-invoices and statements: refused with one line, nothing read."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfWriter

from relance_docs.intake import read_ledger

from ..conftest import errors

CII_ROOT = '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">'
LAUGHS = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 9))
BOMB = (
    f'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY l0 "lol">{LAUGHS}]>\n'
    f"{CII_ROOT}<x>&l8;</x></rsm:CrossIndustryInvoice>"
).encode()
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f"{CII_ROOT}<x>&x;</x></rsm:CrossIndustryInvoice>"
).encode()
REFUSED = (
    "declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which invoices and statements "
    "never need: refused (it could be an XML bomb or read local files)"
)


def _pdf_with(xml: bytes) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("factur-x.xml", xml)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["bomb", "xxe"])
@pytest.mark.parametrize("container", ["xml", "pdf"])
def test_entities_are_refused_in_xml_and_inside_a_pdf(write, name, container):
    xml = BOMB if name == "bomb" else XXE
    data = xml if container == "xml" else _pdf_with(xml)
    path = write(f"invoice.{container}", data)
    started = time.perf_counter()
    result = read_ledger(path)
    assert time.perf_counter() - started < 5  # a guard, not a benchmark
    assert errors(result) == [f"invoice.{container}: {REFUSED}"]
    assert result.ledger.invoices == ()


def test_a_statement_with_an_external_entity_reads_nothing(write):
    ledger = write(
        "ledger.csv",
        "N° facture;Client;Date facture;Échéance;Montant TTC\nF1;A;01/09/2026;01/10/2026;10,00\n",
    )
    statement = write("releve.xml", XXE.replace(b"rsm:CrossIndustryInvoice", b"Document"))
    result = read_ledger(ledger, bank=[statement])
    assert errors(result) == [f"releve.xml: {REFUSED}"]
    assert result.ledger.payments == ()


def test_the_wrong_namespace_names_the_root(write):
    path = write("invoice.xml", b'<Invoice xmlns="urn:example:not-ubl"><ID>F1</ID></Invoice>')
    assert errors(read_ledger(path)) == [
        "invoice.xml:1: <Invoice> in namespace 'urn:example:not-ubl' is not an e-invoice "
        "(expected a CII CrossIndustryInvoice, or a UBL 2.1 Invoice or CreditNote)"
    ]
