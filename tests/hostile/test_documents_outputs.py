"""Hostile data in the documents' outputs: a 300-character debtor code gives a shortened
file name (no "File name too long"), and a name that a spreadsheet would run as a formula
is neutralised in the manifest."""

import csv
import json

from click.testing import CliRunner

from relance_docs.cli import cli

from ..conftest import REFERENCE_DATE, SAMPLES

CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")
HEADER = (
    "Code client;Client;Type client;Adresse;Code postal;Ville;N° facture;Date facture;"
    "Échéance;Montant TTC\n"
)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_300_character_debtor_code_gives_short_file_names(tmp_path, write):
    code = "C" + "x" * 299
    ledger = write(
        "long.csv",
        HEADER + f"{code};Longue SARL;Société;1 rue Longue;69001;Lyon;F1;01/09/2026;"
        "30/09/2026;500,00\n",
    )
    out = tmp_path / "batch"
    result = run("letters", ledger, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE,
                 "--out", out, "--format", "pdf,docx")  # fmt: skip
    assert result.exit_code == 0, result.output
    names = [p.name for p in out.iterdir()]
    assert all(len(n.encode()) < 120 for n in names), names
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["letters"][0]["debtor_id"] == code  # the full code is kept where it is read
    single = tmp_path / "single"
    result = run("letter", ledger, "--creditor", CREDITOR_FR, "--debtor", code, "--as-of",
                 REFERENCE_DATE, "--out", single)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.name for p in single.iterdir()] == [data["letters"][0]["files"]["pdf"]]


def test_two_long_codes_sharing_their_start_keep_different_names(tmp_path, write):
    a, b = "D" + "y" * 200 + "A", "D" + "y" * 200 + "B"
    ledger = write(
        "two.csv",
        HEADER
        + f"{a};Alpha SARL;Société;1 rue A;69001;Lyon;F1;01/09/2026;30/09/2026;500,00\n"
        + f"{b};Alpha SARL;Société;1 rue B;69001;Lyon;F2;01/09/2026;30/09/2026;600,00\n",
    )
    out = tmp_path / "batch"
    result = run("letters", ledger, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE,
                 "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.name for p in out.glob("D*.pdf"))
    assert len(pdfs) == 2 and pdfs[0] != pdfs[1]


def test_a_formula_in_a_name_is_not_a_formula_in_the_manifest(tmp_path, write):
    ledger = write(
        "formula.csv",
        HEADER + '"=HYPERLINK(""http://x.invalid"")";"=1+1 Sàrl";Société;1 rue;69001;Lyon;'
        "+F1;01/09/2026;30/09/2026;500,00\n",
    )
    out = tmp_path / "batch"
    result = run("letters", ledger, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE,
                 "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "manifest.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["status"] == "written")
    assert row["debtor_id"].startswith("'=HYPERLINK")
    assert row["debtor_name"] == "'=1+1 Sàrl"
    # Amounts stay numbers.
    assert row["principal"] == "500.00" and float(row["asked"]) > 500
