"""Values and files that used to give a traceback, a silent guess or a notice "envers None".

Each is now one line naming the file and the line (or the cell), and nothing is written.
"""

from __future__ import annotations

import io
import os

import openpyxl
import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.errors import CreditorProfileError
from relance_docs.intake import load_creditor, read_ledger

from ..conftest import SAMPLES, errors, messages

HEADER = "N° facture;Client;Date facture;Échéance;Montant TTC\n"


def test_an_amount_of_30_digits_is_a_one_line_error(read):
    result = read(HEADER + "F1;A;01/09/2026;01/10/2026;123456789012345678901234567890\n")
    assert errors(result) == [
        'ledger.csv:2: Montant TTC "123456789012345678901234567890" is too large (more than '
        "15 digits)"
    ]


def test_a_typed_xlsx_amount_of_30_digits(write):
    wb = openpyxl.Workbook()
    wb.active.append(["N° facture", "Client", "Date facture", "Échéance", "Montant TTC"])
    wb.active.append(["F1", "A", "01/09/2026", "01/10/2026", 10**30])
    out = io.BytesIO()
    wb.save(out)
    result = read_ledger(write("big.xlsx", out.getvalue()))
    assert len(result.errors) == 1
    assert "is too large (more than 15 digits)" in errors(result)[0]


def test_year_9999_in_a_ledger(read):
    result = read(HEADER + "F1;A;01/09/2026;01/12/9999;10,00\n")
    assert errors(result) == [
        'ledger.csv:2: Échéance "01/12/9999" is out of range (years 1900 to 2199)'
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["interest", "--due", "9999-12-01", "--amount", "100", "--until", "2026-01-01"],
            "Invalid value for '--due': \"9999-12-01\" is out of range (years 1900 to 2199)",
        ),
        (
            ["interest", "--due", "2026-01-01", "--amount", "1" * 30, "--until", "2026-03-01"],
            "is too large (more than 15 digits)",
        ),
    ],
)
def test_the_command_line_refuses_them_in_one_line(args, expected):
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 2
    assert expected in run.output
    assert "Traceback" not in run.output


def test_a_duplicated_header_names_both_columns(read):
    result = read(
        "N° facture;Client;Date facture;Échéance;Montant TTC;Montant TTC\n"
        "F1;A;01/09/2026;01/10/2026;10,00;12,00\n"
    )
    assert errors(result) == [
        'ledger.csv:1: "Montant TTC" heads 2 columns (column 5 and column 6): rename or '
        "delete one, so that the amount including tax is not a guess"
    ]


def test_a_duplicated_xlsx_header_names_the_cells(write):
    wb = openpyxl.Workbook()
    wb.active.append(
        ["N° facture", "Client", "Montant TTC", "Date facture", "Échéance", "Montant TTC"]
    )
    wb.active.append(["F1", "A", 10, "01/09/2026", "01/10/2026", 12])
    out = io.BytesIO()
    wb.save(out)
    assert errors(read_ledger(write("dup.xlsx", out.getvalue()))) == [
        'dup.xlsx:1: "Montant TTC" heads 2 columns (C1 and F1): rename or delete one, so '
        "that the amount including tax is not a guess"
    ]


def test_an_xlsx_formula_with_no_saved_value_names_the_cell(write):
    wb = openpyxl.Workbook()  # openpyxl saves formulas without their values
    wb.active.append(["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Note"])
    wb.active.append(
        ["F1", "=VLOOKUP(A2,Clients!A:B,2,0)", "01/09/2026", "01/10/2026", 10, "=1+1"]
    )
    out = io.BytesIO()
    wb.save(out)
    result = read_ledger(write("formula.xlsx", out.getvalue()))
    # The unused column's formula is not an error; the name's is.
    assert errors(result) == [
        "formula.xlsx:2: cell B2 (Client) is a formula (=VLOOKUP(A2,Clients!A:B,2,0)) saved "
        "without its value: open the workbook in Excel or LibreOffice and save it, or paste "
        "the values"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('name: "   "', "'name' is blank"),
        ("name:\n  - Ateliers\n  - SAS", "'name' must be text"),
        ("city: yes", "'city' must be text"),
        ('postcode: ""', "'postcode' is blank"),
        ("city: {a: b}", "'city' must be text"),
    ],
)
def test_a_profile_with_a_blank_or_non_text_name_town_or_postcode(write, line, expected):
    text = (SAMPLES / "creditor-fr.yaml").read_text(encoding="utf-8")
    key = line.split(":")[0]
    kept = [x for x in text.splitlines() if not x.startswith(f"{key}:")]
    path = write("creditor.yaml", "\n".join([*kept, line]) + "\n")
    with pytest.raises(CreditorProfileError) as caught:
        load_creditor(path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{path}:")  # with its line


def test_a_bad_email_is_a_warning_naming_the_line(read):
    result = read(
        "N° facture;Client;Email;Adresse;Code postal;Ville;Date facture;Échéance;Montant TTC\n"
        "F1;Alpha SAS;compta@@alpha;1 rue A;69001;Lyon;01/09/2026;01/10/2026;10,00\n"
    )
    assert errors(result) == []
    assert any(
        m.startswith('ledger.csv:2: warning: Alpha SAS: "compta@@alpha" is not a valid email')
        for m in messages(result)
    )


PDF_HEADER = "N° facture;Client;Date facture;Échéance;Montant TTC;PDF facture\n"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("../../etc/passwd", "leads outside"),
        ("pdf/../../secret.pdf", "leads outside"),
    ],
)
def test_an_exhibit_outside_the_ledger_folder_is_refused(write, name, why):
    path = write("ledger.csv", PDF_HEADER + f"F1;A;01/09/2026;01/10/2026;10,00;{name}\n")
    found = errors(read_ledger(path))
    assert len(found) == 1
    assert found[0].startswith(f'ledger.csv:2: PDF facture "{name}" {why}')


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.7\n")
    os.symlink(tmp_path / "secret.pdf", folder / "F1.pdf")
    path = folder / "ledger.csv"
    path.write_text(PDF_HEADER + "F1;A;01/09/2026;01/10/2026;10,00;F1.pdf\n", encoding="utf-8")
    assert "leads outside" in errors(read_ledger(path))[0]


def test_exhibits_inside_the_ledger_folder_or_the_folder_given(tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "F1.pdf").write_bytes(b"%PDF-1.7\n")
    path = tmp_path / "ledger.csv"
    path.write_text(PDF_HEADER + "F1;A;01/09/2026;01/10/2026;10,00;pdf/F1.pdf\n", encoding="utf-8")
    result = read_ledger(path)
    assert errors(result) == []
    assert result.ledger.invoices[0].pdf_path == (tmp_path / "pdf" / "F1.pdf").resolve()
    path.write_text(PDF_HEADER + "F1;A;01/09/2026;01/10/2026;10,00;F1.pdf\n", encoding="utf-8")
    result = read_ledger(path, exhibits=tmp_path / "pdf")
    assert errors(result) == []
    assert result.ledger.invoices[0].pdf_path == (tmp_path / "pdf" / "F1.pdf").resolve()


def test_check_writes_nothing_and_shows_no_traceback(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text(
        PDF_HEADER + "F1;A;01/09/2026;01/10/2026;10,00;/etc/passwd\n", encoding="utf-8"
    )
    before = set(tmp_path.iterdir())
    run = CliRunner().invoke(
        cli,
        [
            "letters",
            str(path),
            "--creditor",
            str(SAMPLES / "creditor-fr.yaml"),
            "--as-of",
            "2026-11-16",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert run.exit_code == 3
    assert "Traceback" not in run.output
    assert set(tmp_path.iterdir()) == before
