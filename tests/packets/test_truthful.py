"""Packets and dossiers say only what is known, in one language, and keep the project's
own doubts off the pages meant for a court."""

import json
import re
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from relance_docs.cli import cli

from ..conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def pages(path: Path) -> list[str]:
    return [
        " ".join(re.sub(r"[\u00a0\u202f]", " ", p.extract_text()).split())
        for p in PdfReader(path).pages
    ]


def _invoice_pdf(tmp_path: Path) -> Path:
    pdf = tmp_path / "FA-2026-0043.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    c.drawString(72, 760, "Facture FA-2026-0043")
    c.showPage()
    c.save()
    return pdf


def _packet(tmp_path, *extra):
    return run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--procedure",
        "fr.injonction_de_payer", "--as-of", REFERENCE_DATE, *extra,
    )  # fmt: skip


def test_a_request_without_exhibits_is_refused_unless_a_draft(tmp_path):
    out = tmp_path / "p"
    result = _packet(tmp_path, "--out", out)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: no exhibit")
    assert "--draft" in result.output and not out.exists()
    result = _packet(tmp_path, "--out", out, "--draft")
    assert result.exit_code == 0, result.output
    text = pages(out / "packet.pdf")
    assert all("PROJET" in page for page in text)  # every page
    # Never an empty bordereau: a draft without exhibits has none.
    assert not (out / "03-bordereau.pdf").exists()
    assert "Bordereau" not in " ".join(text)


def test_a_bordereau_lists_the_exhibits_and_no_page_says_draft(tmp_path):
    out = tmp_path / "p"
    result = _packet(tmp_path, "--out", out, "--exhibit", _invoice_pdf(tmp_path))
    assert result.exit_code == 0, result.output
    bordereau = " ".join(pages(out / "03-bordereau.pdf"))
    assert "FA-2026-0043" in bordereau
    assert not any("PROJET" in page for page in pages(out / "packet.pdf"))


def test_internal_notes_go_to_the_review_list_not_onto_the_pages(tmp_path):
    out = tmp_path / "p"
    result = _packet(tmp_path, "--out", out, "--draft")
    assert result.exit_code == 0, result.output
    text = " ".join(pages(out / "packet.pdf"))
    for note in ("n'a pas été vérifiée", "from memory", "transcription"):
        assert note not in text, note
    assert "n'a pas été vérifiée" in " ".join(result.output.split())  # on screen, for review
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert any("12946*01" in line for line in data["review"])


def test_the_request_names_the_legal_representative_not_the_contact(tmp_path):
    out = tmp_path / "p"
    assert _packet(tmp_path, "--out", out, "--draft").exit_code == 0
    request = " ".join(pages(out / "01-request.pdf"))
    # samples/creditor-fr.yaml: legal_representative Bertrand Lacombe, Président; the
    # reminders' signatory is Sophie Garnier, Responsable du recouvrement.
    assert "représentant légal, Bertrand Lacombe, président" in request
    assert "Sophie Garnier" not in request and "Responsable du recouvrement" not in request


def test_the_request_speaks_of_the_formal_notice_only_when_known(tmp_path):
    out = tmp_path / "plain"
    assert _packet(tmp_path, "--out", out, "--draft").exit_code == 0
    request = " ".join(pages(out / "01-request.pdf"))
    assert "mis en demeure" not in request and "relance" not in request
    out = tmp_path / "stated"
    result = _packet(
        tmp_path, "--out", out, "--draft", "--stated", "reminder-1:2026-09-22",
        "--stated", "formal-notice:20/10/2026",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    request = " ".join(pages(out / "01-request.pdf"))
    assert "malgré la relance du 22 septembre 2026" in request
    assert "mis en demeure de les régler par lettre du 20 octobre 2026" in request


def test_a_french_dossier_is_french_end_to_end(tmp_path):
    out = tmp_path / "d"
    result = run("dossier", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--as-of",
                 REFERENCE_DATE, "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(pages(out / "dossier.pdf"))
    for leak in ("not_required", "running", "needs_review", "2026-07-12", "12480.00",
                 "s'ajouteront ici", "Courrier reminder"):  # fmt: skip
        assert leak not in text, leak
    assert "non requis" in text and "en cours" in text
    assert "12 480,00 €" in text and "12/07/2026" in text


def test_packet_strict_writes_nothing_while_a_warning_stands(tmp_path):
    out = tmp_path / "p"
    result = _packet(tmp_path, "--out", out, "--draft", "--strict")
    assert result.exit_code == 1 and "--strict" in result.output
    assert not out.exists()
