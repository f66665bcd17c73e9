"""``relance packet`` and ``relance dossier``: what a legal assistant files and what a
lawyer opens, checked by their text, their outline and their figures."""

import hashlib
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from relance_docs.cli import cli
from relance_docs.intake import load_creditor, read_ledger
from relance_docs.law.claims import debtor_claims

from ..conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")
UK = str(SAMPLES / "ledger-uk.xlsx")
CREDITOR_UK = str(SAMPLES / "creditor-uk.yaml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def text_of(path: Path, pages=None) -> str:
    reader = PdfReader(path)
    chosen = reader.pages if pages is None else [reader.pages[i] for i in pages]
    return re.sub(
        r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", " ".join(p.extract_text() for p in chosen))
    )


def outline(path: Path) -> list[tuple[int, str, int]]:
    reader = PdfReader(path)
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


@pytest.fixture
def exhibits(tmp_path):
    scan = tmp_path / "accuse-reception.png"
    Image.new("RGB", (600, 850), "white").save(scan)
    pdf = tmp_path / "mise-en-demeure.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    c.drawString(72, 760, "Mise en demeure du 2 octobre 2026")
    c.showPage()
    c.drawString(72, 760, "page 2")
    c.showPage()
    c.save()
    return pdf, scan


def rules_figures(debtor: str):
    creditor = load_creditor(SAMPLES / "creditor-fr.yaml")
    ledger = read_ledger(SAMPLES / "ledger-fr.csv", default_currency="EUR", default_country="FR")
    claims = {c.debtor.id: c for c in debtor_claims(ledger.ledger, creditor, date(2026, 11, 16))}
    return claims[debtor]


def test_injonction_de_payer_packet_for_a_commercial_debtor(tmp_path, exhibits):
    pdf, scan = exhibits
    out = tmp_path / "packet"
    result = run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--procedure",
        "fr.injonction_de_payer", "--as-of", REFERENCE_DATE, "--exhibit", pdf, "--exhibit",
        scan, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    combined = out / "packet.pdf"
    assert [(d, t) for d, t, _ in outline(combined)] == [
        (0, "Requête en injonction de payer"),
        (0, "Fiche de saisie du formulaire"),
        (0, "Bordereau des pièces"),
        (0, "Pièces"),
        (1, "Pièce n° 1 - mise-en-demeure"),
        (1, "Pièce n° 2 - accuse-reception"),
    ]
    pages = {t: p for _, t, p in outline(combined)}
    reader = PdfReader(combined)
    # 2 exhibit pages + 1 scan page after the request, sheet and bordereau.
    assert len(reader.pages) == pages["Pièce n° 2 - accuse-reception"] + 1
    request = text_of(out / "01-request.pdf")
    # Every figure is the rules layer's (C. com. L441-10, D441-5), formatted, and checked
    # by hand: principal 12 480,00 (FA-2026-0043) + 4 095,00 (FA-2026-0088) = 16 575,00;
    # penalties at 12,15 % (ECB 2,15 + 10): 12 480 x 12,15 % x 128/365 = 531,75 and
    # 4 095 x 12,15 % x 59/365 = 80,42, total 612,17; 2 x 40,00 indemnities;
    # 16 575,00 + 612,17 + 80,00 = 17 267,17.
    dc = rules_figures("C002")
    assert f"{dc.principal:.2f}" == "16575.00" and f"{dc.interest:.2f}" == "612.17"
    for figure in ("16 575,00 €", "612,17 €", "80,00 €", "17 267,17 €", "12,15 %"):
        assert figure in request, figure
    for mention in (
        "Chaudronnerie Bérard SAS",
        "SIREN 398 685 842",
        "Ateliers Mécaniques du Rhône SAS",
        "tribunal de commerce dont relève Vénissieux",
        "CERFA 12946*02",
        "1405",
        "1407",
        "1408",
        "Fait à Lyon, le 16 novembre 2026",
        "Pièce n° 1 : mise-en-demeure",
    ):
        assert mention in request, mention
    # Each exhibit page is stamped.
    start = pages["Pièce n° 1 - mise-en-demeure"]
    assert "Pièce n° 1 - page 1/2" in reader.pages[start].extract_text()
    assert "Pièce n° 1 - page 2/2" in reader.pages[start + 1].extract_text()
    assert "Pièce n° 2 - page 1/1" in reader.pages[start + 2].extract_text()
    assert sorted(p.name for p in (out / "exhibits").iterdir()) == [
        "01-mise-en-demeure.pdf",
        "02-accuse-reception.pdf",
    ]
    data = json.loads((out / "data.json").read_text())
    assert data["claim"]["total"] == "17267.17"


def test_an_ineligible_route_is_refused_with_its_reasons(tmp_path):
    out = tmp_path / "packet"
    result = run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--procedure",
        "fr.petites_creances", "--as-of", REFERENCE_DATE, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 1
    # 16 575,00 + 612,17 > 5 000 (CPCE L125-1, R125-1)
    assert "not eligible" in result.output and "exceed 5000.00 EUR" in result.output
    assert not out.exists()


def test_a_missing_exhibit_stops_everything_before_writing(tmp_path):
    out = tmp_path / "packet"
    result = run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--procedure",
        "fr.injonction_de_payer", "--as-of", REFERENCE_DATE, "--exhibit",
        tmp_path / "nowhere.pdf", "--out", out,
    )  # fmt: skip
    assert result.exit_code != 0
    assert "nowhere.pdf" in result.output and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".packet*"))


def test_needs_review_reasons_come_first(tmp_path):
    # C010 (Karlsruhe) for the French injonction de payer: the debtor lives abroad.
    result = run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C010", "--procedure",
        "fr.injonction_de_payer", "--as-of", REFERENCE_DATE, "--out", tmp_path / "p", "--draft",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert " ".join(result.output.split()).startswith(
        "Review: The debtor lives outside France (DE)"
    )


def test_the_official_form_is_filled_when_given(tmp_path):
    blank = tmp_path / "cerfa.pdf"
    c = canvas.Canvas(str(blank), pagesize=A4, invariant=1)
    c.acroForm.textfield(name="debiteur", x=50, y=700, width=300, height=20)
    c.acroForm.textfield(name="total", x=50, y=650, width=300, height=20)
    c.showPage()
    c.save()
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        'form: "12946"\nversion: "12946*02"\nblank_sha256: '
        + hashlib.sha256(blank.read_bytes()).hexdigest()
        + "\nfields:\n  debiteur: identity.debtor.name\n  total: totals.total\n",
        encoding="utf-8",
    )
    out = tmp_path / "packet"
    result = run(
        "packet", FR, "--creditor", CREDITOR_FR, "--debtor", "C002", "--procedure",
        "fr.injonction_de_payer", "--as-of", REFERENCE_DATE, "--form", blank,
        "--form-mapping", mapping, "--out", out, "--draft",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    fields = PdfReader(out / "02b-official-form-filled.pdf").get_fields()
    assert fields["debiteur"]["/V"] == "Chaudronnerie Bérard SAS"
    # The form's font has no narrow no-break space: a plain one ("16?575" before).
    assert fields["total"]["/V"] == "17 267,17 €"
    assert "Formulaire officiel rempli" in [t for _, t, _ in outline(out / "packet.pdf")]


def test_money_claim_online_checks_the_letter_of_claim(tmp_path):
    out = tmp_path / "mcol"
    result = run(
        "packet", UK, "--creditor", CREDITOR_UK, "--debtor", "PRIC001", "--procedure",
        "gb.money_claim_online", "--as-of", REFERENCE_DATE, "--out", out, "--draft",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "No letter of claim is recorded" in " ".join(result.output.split())
    out2 = tmp_path / "mcol2"
    result = run(
        "packet", UK, "--creditor", CREDITOR_UK, "--debtor", "WESS001", "--procedure",
        "gb.money_claim_online", "--as-of", REFERENCE_DATE, "--out", out2, "--draft",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = text_of(out2 / "01-request.pdf")
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in text
    assert "a day" in text and "Court issue fee" in text
    data = json.loads((out2 / "data.json").read_text())
    assert data["procedure"]["fee"]  # from the fee bands (5 % above £10,000)


def test_dossier_has_a_bookmark_for_every_part_and_exhibit(tmp_path, exhibits):
    pdf, scan = exhibits
    out = tmp_path / "dossier"
    result = run(
        "dossier", FR, "--creditor", CREDITOR_FR, "--debtor", "C008", "--as-of",
        REFERENCE_DATE, "--exhibit", pdf, "--exhibit", scan, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    marks = outline(out / "dossier.pdf")
    titles = [t for _, t, _ in marks]
    assert titles == [
        "Page de garde",
        "Synthèse de la créance",
        "Chronologie",
        "Voies de recouvrement",
        "Calcul des intérêts",
        "Relevé de compte",
        "Documents envoyés",
        "Pièces",
        "Pièce n° 1 - mise-en-demeure",
        "Pièce n° 2 - accuse-reception",
    ]
    reader = PdfReader(out / "dossier.pdf")
    exhibit_page = {t: p for _, t, p in marks}["Pièce n° 2 - accuse-reception"]
    assert "Pièce n° 2 - page 1/1" in reader.pages[exhibit_page].extract_text()
    summary = text_of(out / "dossier.pdf", pages=[1])
    # 3 528,00 + 4 926,00 = 8 454,00; penalties 3 528 x 12,15 % x 108/365 = 126,83 and
    # 4 926 x 12,15 % x 16/365 = 26,24, total 153,07; 2 x 40,00: 8 687,07.
    assert "8 687,07 €" in summary
    routes = text_of(out / "dossier.pdf")
    assert "chambre commerciale du tribunal judiciaire" in routes  # Strasbourg
    index = json.loads((out / "index.json").read_text())
    with zipfile.ZipFile(out / "dossier.zip") as z:
        for name, digest in index["files"].items():
            assert hashlib.sha256(z.read(name)).hexdigest() == digest
