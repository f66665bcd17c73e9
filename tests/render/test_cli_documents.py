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


# --------------------------------------------------------------------------- warnings


def _assess_warnings(debtor: str) -> list[str]:
    """The warnings ``relance assess`` gives for one debtor, from the same library call."""
    from datetime import date

    from relance_docs.intake import load_creditor, read_ledger
    from relance_docs.law.claims import debtor_claims

    creditor = load_creditor(Path(CREDITOR_FR))
    ledger = read_ledger(Path(FR), default_currency="EUR", default_country="FR").ledger
    dc = next(
        c
        for c in debtor_claims(ledger, creditor, date.fromisoformat(REFERENCE_DATE))
        if c.debtor.id == debtor
    )
    found = [str(w) for w in dc.warnings] + [str(w) for w in dc.assessment.warnings]
    assert found, "the sample debtor has warnings to carry"
    return list(dict.fromkeys(found))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_warning_of_assess_reaches_the_letter_output(tmp_path):
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C001", "--as-of",
        REFERENCE_DATE, "--out", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = _flat(result.output)
    for warning in _assess_warnings("C001"):
        # the ECB rate past its verified date; the credit note set by the tool; the term
        assert _flat(warning) in shown, warning
    assert shown.count("Credit note AV-2026-0012 names no invoice") == 1  # no repeat


def test_the_manifest_has_each_documents_warnings(tmp_path):
    import csv
    import json

    out = tmp_path / "batch"
    result = run("letters", FR, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = {row["debtor_id"]: row for row in data["letters"]}
    assert rows["C001"]["warnings"] == _assess_warnings("C001")
    with (out / "manifest.csv").open(encoding="utf-8") as fh:
        csv_rows = {
            row["debtor_id"]: row for row in csv.DictReader(fh) if row["status"] == "written"
        }
    assert csv_rows["C003"]["warnings"] == " | ".join(_assess_warnings("C003"))
    # Each warning once on screen, with the debtors it stands for.
    ecb = [line for line in result.output.splitlines() if "ECB main refinancing" in line]
    assert len(ecb) == 1


def test_strict_writes_nothing_while_a_warning_stands(tmp_path):
    out = tmp_path / "batch"
    result = run(
        "letters", FR, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE, "--out", out,
        "--strict",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: --strict: ")
    assert "nothing was written" in result.output
    assert not out.exists() and not list(tmp_path.iterdir())
    single = tmp_path / "single"
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C001", "--as-of",
        REFERENCE_DATE, "--out", single, "--strict",
    )  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not single.exists()


def test_manifest_amount_is_what_the_letter_asks(tmp_path):
    import json

    out = tmp_path / "batch"
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C001", "--template",
        "reminder-1", "--as-of", REFERENCE_DATE, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 460,20 €" in pdf_text(out / "C001-dupont-fils-sarl-reminder-1.pdf")
    result = run("letters", FR, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE,
                 "--out", tmp_path / "b")  # fmt: skip
    rows = {
        r["debtor_id"]: r
        for r in json.loads((tmp_path / "b" / "manifest.json").read_text())["letters"]
    }
    # C001's formal notice asks 3 460,20 + 74,23 + 80,00 = 3 614,43 (the claim, charges
    # included); the manifest records that, the amount printed on the letter.
    assert rows["C001"]["asked"] == "3614.43"
    assert "3 614,43 €" in pdf_text(tmp_path / "b" / rows["C001"]["files"]["pdf"])


# --------------------------------------------------------------------------- the past


def test_without_history_the_wording_is_neutral(tmp_path):
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--template",
        "reminder-3", "--as-of", REFERENCE_DATE, "--out", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _flat(pdf_text(next(tmp_path.glob("*.pdf"))))
    assert "précédentes relances" not in text and "relance du" not in text
    assert "Sauf erreur de notre part, les factures suivantes demeurent impayées" in text


def test_a_stated_reminder_is_mentioned_and_recorded(tmp_path):
    import json

    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--template",
        "reminder-3", "--as-of", REFERENCE_DATE, "--out", tmp_path / "one",
        "--stated", "reminder-1:2026-10-02", "--stated", "reminder-2:16/10/2026",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _flat(pdf_text(next((tmp_path / "one").glob("*.pdf"))))
    assert "Malgré nos relances des 2 octobre 2026 et 16 octobre 2026" in text
    out = tmp_path / "batch"
    result = run(
        "letters", FR, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE, "--out", out,
        "--stated", "C002:formal-notice:2026-10-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["debtor_id"]: r for r in json.loads((out / "manifest.json").read_text())["letters"]}
    assert rows["C002"]["history"] == [
        {"kind": "formal_notice", "day": "2026-10-20", "step": "formal-notice",
         "channel": None, "source": "stated"}
    ]  # fmt: skip
    assert rows["C001"]["history"] == []


def test_a_stated_date_after_the_letter_is_one_line(tmp_path):
    result = run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--as-of",
        REFERENCE_DATE, "--out", tmp_path, "--stated", "reminder-1:2026-12-01",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "not before the letter's date" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())
