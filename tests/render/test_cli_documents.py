"""``relance letter`` and ``relance letters`` as a user meets them."""

import html
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from relance_docs.cli import cli

from ..conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def pdf_text(path: Path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    return re.sub(r"[\u00a0\u202f]", " ", text)


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    xml = xml.replace("</w:p>", "\n").replace("<w:br/>", "\n")
    return re.sub(r"[\u00a0\u202f]", " ", html.unescape(re.sub(r"<[^>]+>", "", xml)))


def test_one_letter_as_pdf_and_docx(tmp_path):
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "Dupont & Fils", "--template",
        "reminder-1", "--format", "pdf,docx", "--as-of", REFERENCE_DATE, "--out", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "C001-dupont-fils-sarl-reminder-1.pdf"
    docx = tmp_path / "C001-dupont-fils-sarl-reminder-1.docx"
    assert f"Wrote {pdf}" in result.output and f"Wrote {docx}" in result.output
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Dupont & Fils SARL" in text
        assert "FA-2026-0067" in text and "FA-2026-0117" in text
        assert "3 460,20 €" in text  # 1 980,00 + 1 480,20 (samples/README.md)
    # A DOCX is a valid ZIP with the parts Word needs.
    with zipfile.ZipFile(docx) as z:
        assert {"[Content_Types].xml", "word/document.xml"} <= set(z.namelist())
    assert not list(tmp_path.glob(".*partial"))


def test_a_debtor_with_only_disputed_invoices_gets_no_letter(tmp_path, write):
    ledger = write(
        "disputed.csv",
        "Code client;Client;Type client;N° facture;Date facture;Échéance;Montant TTC;Litige;"
        "Motif du litige\n"
        "D1;Litige SARL;Société;F1;01/09/2026;30/09/2026;500,00;oui;Marchandise abîmée\n",
    )
    out = tmp_path / "out"
    result = run(
        "letter", ledger, "--creditor", CREDITOR_FR, "--debtor", "D1", "--as-of",
        REFERENCE_DATE, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "invoice F1 is disputed: Marchandise abîmée" in result.output
    assert not out.exists()


def test_an_unknown_debtor_is_one_line(tmp_path):
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "Nobody", "--as-of",
        REFERENCE_DATE, "--out", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: no debtor 'Nobody'")
    assert "Traceback" not in result.output


def test_letters_need_a_creditor(tmp_path):
    result = run("letters", FR, "--as-of", REFERENCE_DATE, "--out", tmp_path / "b")
    assert result.exit_code == 2 and "--creditor" in result.output
