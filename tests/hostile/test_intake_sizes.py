"""Small files that would take gigabytes: each is refused with one line, in little memory.

Repros of issue 11: an XLSX declaring A1:XFD1048576 (5 KB, 5.9 GB used), an 820 KB XLSX
holding an 800 MB cell (9 GB), a 1 GB CSV line (10.5 GB), a YAML "billion laughs" (no
answer in 120 s) and a recursive alias (RecursionError).
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import openpyxl
import pytest

from relance_docs.errors import CreditorProfileError, MappingError
from relance_docs.intake import Limits, load_creditor, load_mapping, read_ledger

from ..conftest import SAMPLES, errors

HEADER = ["N° facture", "Client", "Date facture", "Échéance", "Montant TTC"]


def _peak(func):
    """Run ``func`` and return (its result, the peak of Python memory in MB)."""
    tracemalloc.start()
    try:
        result = func()
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(["F1", "Alpha SAS", "01/09/2026", "01/10/2026", 10])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rewrite(data: bytes, name: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == name:
                content = change(content)
            dst.writestr(info.filename, content)
    return out.getvalue()


def test_an_xlsx_declaring_the_whole_sheet_is_read_by_its_cells(write):
    data = _rewrite(
        _workbook(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:E2"/>', b'<dimension ref="A1:XFD1048576"/>'),
    )
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:XFD1048576"/>' in sheet
    path = write("wide.xlsx", data)
    result, peak = _peak(lambda: read_ledger(path))
    assert errors(result) == []
    assert len(result.ledger.invoices) == 1
    assert peak < 50, f"{peak:.0f} MB"


def test_a_cell_far_to_the_right_is_refused(write):
    data = _rewrite(
        _workbook(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</row></sheetData>",
            b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    result = read_ledger(write("far.xlsx", data))
    assert errors(result) == ["far.xlsx:2: cell XFD2 is past column IV, the limit"]


def test_an_xlsx_unpacking_to_800_mb_is_refused_before_unpacking(write):
    # A shared string of 800 MB compresses to about 800 KB: the zip says its real size.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        src = zipfile.ZipFile(io.BytesIO(_workbook()))
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info.filename))
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
            )
            chunk = b"A" * (1 << 20)
            for _ in range(800):
                fh.write(chunk)
            fh.write(b"</t></si></sst>")
    data = out.getvalue()
    assert len(data) < 2_000_000
    result, peak = _peak(lambda: read_ledger(write("bomb.xlsx", data)))
    assert errors(result) == [
        "bomb.xlsx: the workbook unpacks to 839 MB, over the limit of 500 MB (it grows with "
        "--max-rows)"
    ]
    assert peak < 20, f"{peak:.0f} MB"


def test_an_xlsx_cell_over_excels_own_limit(write):
    # openpyxl itself cuts at 32 767 characters: the cell is written by hand, as another
    # program could.
    data = _rewrite(
        _workbook(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<t>Alpha SAS</t>", b"<t>" + b"A" * 40_000 + b"</t>"),
    )
    result = read_ledger(write("long.xlsx", data))
    assert "long.xlsx:2: cell B2 holds 40 000 characters, over the limit of 32 767" in errors(
        result
    )


def test_rows_over_the_limit_stop_the_reading(write):
    text = "N° facture;Client;Date facture;Échéance;Montant TTC\n" + "".join(
        f"F{i};A;01/09/2026;01/10/2026;1,00\n" for i in range(30)
    )
    result = read_ledger(write("many.csv", text), limits=Limits(max_rows=20))
    assert errors(result) == [
        "many.csv:22: has more than 20 rows, the limit (raise it with --max-rows)"
    ]
    assert not read_ledger(write("many.csv", text), limits=Limits(max_rows=40)).has_errors


def test_a_huge_csv_line_costs_a_megabyte(tmp_path):
    path = tmp_path / "line.csv"
    with path.open("wb") as fh:
        fh.write(b"N\xc2\xb0 facture;Client;Date facture;\xc3\x89ch\xc3\xa9ance;Montant TTC\n")
        chunk = b"A;" * (1 << 19)
        for _ in range(64):  # a 64 MB line; a 1 GB one is read the same way
            fh.write(chunk)
        fh.write(b"\n")
    result, peak = _peak(lambda: read_ledger(path))
    assert errors(result) == [
        "line.csv:2: the line is longer than 1 000 000 characters: not a ledger line (is it "
        "the right file?)"
    ]
    assert peak < 30, f"{peak:.0f} MB"


def test_a_csv_cell_over_the_limit(write):
    text = (
        "N° facture;Client;Date facture;Échéance;Montant TTC\nF1;"
        + "A" * 40_000
        + ";01/09/2026;01/10/2026;1,00\n"
    )
    assert (
        "cell.csv:2: column 2 holds 40 000 characters, over the limit of 32 767 for a cell"
        in errors(read_ledger(write("cell.csv", text)))
    )


BILLION_LAUGHS = """\
name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (BILLION_LAUGHS, 2),
        ("columns: &x\n  invoice_number: *x\n", 2),  # a recursive alias
    ],
)
def test_yaml_aliases_are_refused(write, text, line):
    path = write("mapping.yaml", text)
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert str(caught.value).startswith(f"{path}:{line}: aliases (*")
    assert "are not allowed: write the value out" in str(caught.value)


def test_a_profile_with_an_alias_is_refused(write):
    text = (SAMPLES / "creditor-fr.yaml").read_text(encoding="utf-8")
    text = text.replace('name: "Ateliers', 'name: &n "Ateliers') + "bank: *n\n"
    with pytest.raises(CreditorProfileError, match=r"aliases \(\*n\) are not allowed"):
        load_creditor(write("creditor.yaml", text))


def test_deep_yaml_nesting_is_refused(write):
    path = write("mapping.yaml", "columns: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(MappingError, match="nested more than 40 levels deep"):
        load_mapping(path)


def test_a_big_yaml_file_is_refused(write):
    path = write("mapping.yaml", "# " + "x" * 3_000_000 + "\n")
    with pytest.raises(MappingError, match="a settings file is at most 2 MB"):
        load_mapping(path)


def test_deep_json_is_one_line(write):
    path = write("deep.json", "[" * 100_000 + "]" * 100_000)
    assert errors(read_ledger(path)) == ["deep.json: invalid JSON: nested too deep for a ledger"]


def test_json_rows_over_the_limit(write):
    item = '{"N° facture": "F", "Client": "A"}'
    path = write("many.json", "[" + ",\n".join([item] * 30) + "]")
    assert errors(read_ledger(path, limits=Limits(max_rows=20))) == [
        "many.json:21: invalid JSON: the list has more than 20 rows, the limit (raise it "
        "with --max-rows)"
    ]


def test_deep_xml_is_one_line(write):
    path = write("deep.xml", "<a>" * 10_000 + "</a>" * 10_000)
    (problem,) = read_ledger(path).errors
    assert problem.message.startswith("is not well-formed XML")
