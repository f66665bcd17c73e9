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
