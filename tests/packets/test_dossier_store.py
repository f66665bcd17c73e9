"""The dossier with a store: the real events in the chronology, in words, the documents
sent with their full sha256, attached as exhibits while unchanged."""

import hashlib
import json
import re
import zipfile

from click.testing import CliRunner
from pypdf import PdfReader

from relance_docs.cli import cli

from ..conftest import SAMPLES

CREDITOR = SAMPLES / "creditor-fr.yaml"
LEDGER = SAMPLES / "ledger-fr.csv"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _text(path) -> str:
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", text).split())


def _store(tmp_path):
    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert run("import", LEDGER, "--creditor", CREDITOR, "--db", db).exit_code == 0
    result = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out)
    assert result.exit_code == 0, result.output
    assert run("call", "C002", "--outcome", "reached", "--note", "Rappel le 10", "--db", db,
               "--as-of", "2026-09-07").exit_code == 0  # fmt: skip
    return db, out


def test_the_chronology_holds_the_stores_events_in_words(tmp_path):
    db, _ = _store(tmp_path)
    dossier = tmp_path / "dossier"
    result = run("dossier", LEDGER, "--creditor", CREDITOR, "--debtor", "C002", "--as-of",
                 "2026-09-08", "--db", db, "--out", dossier)  # fmt: skip
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(dossier / "dossier.zip") as z:
        part = dossier / "chronology.pdf"
        part.write_bytes(z.read("03-chronology.pdf"))
    text = _text(part)
    assert "05/09/2026 Document établi : Première relance" in text
    assert "07/09/2026 Appel : interlocuteur joint — Rappel le 10" in text
    assert "reminder" not in text  # a label, not an id
    assert "s'ajouteront ici" not in text and "Sans registre" not in text


def test_documents_sent_are_listed_with_their_full_sha256_and_attached(tmp_path):
    db, out = _store(tmp_path)
    letter = out / "2026-09-05" / "C002-chaudronnerie-berard-sas-reminder-1.pdf"
    digest = hashlib.sha256(letter.read_bytes()).hexdigest()
    dossier = tmp_path / "dossier"
    result = run("dossier", LEDGER, "--creditor", CREDITOR, "--debtor", "C002", "--as-of",
                 "2026-09-08", "--db", db, "--out", dossier)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _text(dossier / "dossier.pdf")
    assert digest in text.replace(" ", "")  # the full value, not 16 characters
    index = json.loads((dossier / "index.json").read_text(encoding="utf-8"))
    assert index["documents_sent"][0]["sha256"] == digest
    assert [e["kind"] for e in index["exhibits"]] == ["sent"]
    assert "Pièce n° 1 - Première relance du 05/09/2026" in result.output


def test_a_document_changed_since_it_was_sent_is_not_attached(tmp_path):
    db, out = _store(tmp_path)
    letter = out / "2026-09-05" / "C002-chaudronnerie-berard-sas-reminder-1.pdf"
    letter.write_bytes(letter.read_bytes() + b"\n% edited")
    dossier = tmp_path / "dossier"
    result = run("dossier", LEDGER, "--creditor", CREDITOR, "--debtor", "C002", "--as-of",
                 "2026-09-08", "--db", db, "--out", dossier)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "a changé depuis son envoi" in " ".join(result.output.split())
    index = json.loads((dossier / "index.json").read_text(encoding="utf-8"))
    assert index["exhibits"] == []
