"""Junk in, problems out: no reader may crash on what users really feed it.

Every input here must give problems (with a file and, where it makes sense, a line) or
a typed RelanceError: never an uncaught exception, never a silent empty success.
"""

import contextlib
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relance_docs.errors import RelanceError
from relance_docs.intake import read_ledger

HEADER = "N° facture;Client;Date facture;Échéance;Montant TTC\n"


def _xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["N° facture", "Client", "Date facture", "Échéance", "Montant TTC"])
    wb.active.append(["F1", "A", "01/09/2026", "01/10/2026", 10])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


JUNK: dict[str, bytes] = {
    "empty": b"",
    "blank lines": b"\n\n  \n",
    "header only": HEADER.encode(),
    "bom only": b"\xef\xbb\xbf",
    "bom and header": b"\xef\xbb\xbf" + HEADER.encode(),
    "wrong delimiter": HEADER.replace(";", "|").encode() + b"F1|A|01/09/2026|01/10/2026|10\n",
    "impossible date": (HEADER + "F1;A;31/02/2025;01/10/2026;10,00\n").encode(),
    "ambiguous amount": (HEADER + "F1;A;01/09/2026;01/10/2026;12,345\n").encode(),
    "text amount": (HEADER + "F1;A;01/09/2026;01/10/2026;douze euros\n").encode(),
    "binary garbage": bytes(range(256)) * 8,
    "unclosed quote": (HEADER + 'F1;"A;01/09/2026;01/10/2026;10\n').encode(),
    "only delimiters": b";;;;\n;;;;\n",
    "not utf8 nor cp1252": b"N\x81 facture;Client\n\x8d\x8f\x90\x9d\n",
    "truncated xlsx": _xlsx_bytes()[:700],
    "zip named csv": _xlsx_bytes(),
    "nul bytes": b"N\x00o\x00;\x00",
}

SUFFIXES = (".csv", ".xlsx", ".json", ".txt")


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("name", list(JUNK))
def test_junk_gives_problems_never_a_crash(tmp_path, name, suffix):
    if (name, suffix) == ("zip named csv", ".xlsx"):
        pytest.skip("a real workbook named .xlsx is not junk")
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(JUNK[name])
    try:
        result = read_ledger(path)
    except RelanceError:
        return
    assert result.has_errors, f"{name} as {suffix} was accepted: {result}"
    for problem in result.errors:
        assert problem.file == str(path)
        assert problem.message


def test_a_missing_file(tmp_path):
    result = read_ledger(tmp_path / "absent.csv")
    assert [str(p).split("/")[-1] for p in result.problems] == ["absent.csv: file not found"]


def test_old_excel_format_is_named(tmp_path):
    path = tmp_path / "ledger.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert [p.message for p in read_ledger(path).problems] == [
        ".xls files are not read: save the sheet as .xlsx or CSV"
    ]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path, data):
    for suffix in (".csv", ".json"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(RelanceError):
            read_ledger(path)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(_cell, min_size=5, max_size=5), max_size=5))
def test_random_cells_under_a_good_header(tmp_path, rows):
    text = HEADER + "".join(
        ";".join(c.replace(";", ",").replace("\n", " ") for c in r) + "\n" for r in rows
    )
    path = tmp_path / "cells.csv"
    path.write_text(text, encoding="utf-8")
    result = read_ledger(path)
    # Whatever was read is internally consistent: every invoice has a known debtor.
    ids = {d.id for d in result.ledger.debtors}
    assert all(inv.debtor_id in ids for inv in result.ledger.invoices)


def test_truncated_xlsx_message(tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(JUNK["truncated xlsx"])
    assert [p.message for p in read_ledger(path).problems] == [
        "is not a readable .xlsx workbook (damaged or truncated?)"
    ]


def test_zip_named_csv_message(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(JUNK["zip named csv"])
    assert zipfile.is_zipfile(path)
    assert [p.message for p in read_ledger(path).problems] == [
        "is a zip or Excel workbook, not CSV: name it .xlsx"
    ]


# --------------------------------------------------------------------------- new readers
# E-invoices, FEC and bank statements: every junk gives error problems naming the file,
# one line each, never an exception.

from pathlib import Path  # noqa: E402

from relance_docs.intake.bank import read_statement  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_CII = (SAMPLES / "einvoices-fr" / "FA-2026-0043.xml").read_bytes()
_CAMT = (SAMPLES / "bank" / "releve-fr.camt053.xml").read_bytes()
_FEC = (SAMPLES / "fec" / "336585906FEC20261116.txt").read_bytes()
_PDF = (SAMPLES / "einvoices-fr" / "FA-2026-0067.pdf").read_bytes()
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><x>&lol4;</x></Document>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><x>&x;</x></Document>
"""
NEW_JUNK: dict[str, bytes] = {
    "empty": b"",
    "blank": b"\n \n",
    "binary": bytes(range(256)) * 4,
    "truncated cii": _CII[: len(_CII) // 2],
    "truncated camt": _CAMT[: len(_CAMT) // 2],
    "truncated pdf": _PDF[: len(_PDF) // 3],
    "wrong encoding": _CII.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'),
    "xml bomb": BOMB,
    "xxe": XXE,
    "wrong namespace": _CAMT.replace(b"camt.053.001.08", b"pain.001.001.09"),
    "cii in a statement's place": _CII,
    "fec with 17 columns": b"\n".join(
        b"\t".join(line.split(b"\t")[:17]) for line in _FEC.splitlines()
    ),
    "fec cut in a line": _FEC[: len(_FEC) // 2],
    "camt in dollars": _CAMT.replace(b'Ccy="EUR"', b'Ccy="USD"'),
}
READERS = {
    "e-invoice .xml": ("invoice.xml", "ledger"),
    "e-invoice .pdf": ("invoice.pdf", "ledger"),
    "FEC": ("336585906FEC20261116.txt", "ledger"),
    "statement .xml": ("releve.xml", "bank"),
    "statement .cfonb": ("releve.cfonb", "bank"),
    "statement .ofx": ("releve.ofx", "bank"),
    "statement .csv": ("releve.csv", "bank"),
}
_ACCEPTED = {
    # A truncated FEC is still a FEC: the lines before the cut are read (no error is due).
    ("fec cut in a line", "FEC"),
    # A real CII invoice is what the e-invoice reader is for.
    ("cii in a statement's place", "e-invoice .xml"),
}


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("name", list(NEW_JUNK))
def test_new_readers_give_one_line_problems(tmp_path, name, reader):
    if (name, reader) in _ACCEPTED:
        pytest.skip("not junk for this reader")
    filename, kind = READERS[reader]
    path = tmp_path / filename
    path.write_bytes(NEW_JUNK[name])
    if kind == "ledger":
        result = read_ledger(path, payment_terms_days=30)
        found = result.errors
    else:
        ledger = tmp_path / "ledger.csv"
        ledger.write_text(HEADER + "F1;A;01/09/2026;01/10/2026;10,00\n", encoding="utf-8")
        result = read_ledger(ledger, bank=[path])
        found = result.errors
    assert found, f"{name} as {reader} was accepted"
    for problem in found:
        assert problem.message and "\n" not in problem.message
        assert Path(problem.file).name in {filename, "ledger.csv"}, problem


def test_xml_bombs_and_external_entities_are_named(tmp_path):
    for data in (BOMB, XXE):
        path = tmp_path / "releve.xml"
        path.write_bytes(data)
        (problem,) = read_statement(path).problems
        assert problem.message.startswith("declares a DTD or entities (<!DOCTYPE>, <!ENTITY>)")
