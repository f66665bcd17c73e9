"""The batch path: chunked rendering, per-letter split, duplex print file, manifest, safety."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from relance_docs.errors import RelanceError
from relance_docs.intake import load_creditor, read_ledger
from relance_docs.law.claims import debtor_claims
from relance_docs.render.batch import (
    OutputExists,
    RenderFailed,
    render_batch,
    write_manifest,
)
from relance_docs.render.context import DocumentRequest

from ..conftest import SAMPLES

AS_OF = date(2026, 11, 16)


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def requests() -> list[DocumentRequest]:
    ledger = read_ledger(SAMPLES / "ledger-fr.csv").ledger
    creditor = load_creditor(SAMPLES / "creditor-fr.yaml")
    claims = debtor_claims(ledger, creditor, AS_OF)
    assert len(claims) == 12
    return [DocumentRequest("reminder-1", c, creditor, AS_OF, "fr") for c in claims]


@pytest.fixture(scope="module")
def batch(requests, tmp_path_factory):
    """One batch of the 12 sample debtors (chunks of 5, in this process), and its folder."""
    out = tmp_path_factory.mktemp("batch") / "letters"
    seen = []
    held = [{"debtor": "C099", "reason": "disputed in full"}]
    result = render_batch(
        requests, out, jobs=1, chunk=5, held=held, progress=lambda d, t: seen.append((d, t))
    )
    return result, out, seen


def test_one_pdf_per_debtor_with_its_own_name_and_invoices(batch, requests):
    result, out, _ = batch
    names = [r.claim.debtor.name for r in requests]
    assert [item.request for item in result.items] == requests
    for item in result.items:
        path = item.files["pdf"]
        assert path.parent == out
        assert path.is_file()
        debtor = item.request.claim.debtor
        assert path.name.startswith(f"{debtor.id}-") and path.name.endswith("-reminder-1.pdf")
        assert re.fullmatch(r"[A-Za-z0-9-]+\.pdf", path.name)
        text = _text(path)
        assert debtor.name in text
        for line in item.request.claim.invoices:
            assert line.invoice.number in text
        for other in names:
            if other != debtor.name:
                assert other not in text, (debtor.id, other)
        assert len(PdfReader(path).pages) == item.pages


def test_letters_spanning_several_pages_are_cut_at_the_right_page(requests, tmp_path):
    """Annex pages (1 for C002, 2 for C005) stay with their letter, whatever the chunk."""
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    (user / "fr" / "long.html").write_text(
        '{% extends "reminder-1.html" %}{% block annexes %}'
        '{% for n in range({"C002": 1, "C005": 2}.get(debtor.id, 0)) %}'
        '<div class="annex">Annexe {{ n + 1 }} pour {{ debtor.id }}</div>{% endfor %}'
        "{% endblock %}",
        encoding="utf-8",
    )
    long = [replace(r, template="long") for r in requests[:6]]
    result = render_batch(long, tmp_path / "letters", jobs=1, chunk=4, user_dir=user)
    extra = {"C002": 1, "C005": 2}
    for item in result.items:
        debtor = item.request.claim.debtor
        text = _text(item.files["pdf"])
        assert debtor.name in text
        for n in range(extra.get(debtor.id, 0)):
            assert f"Annexe {n + 1} pour {debtor.id}" in text
        assert ("Annexe" in text) == (debtor.id in extra)
        for other in long:
            if other.claim.debtor.id != debtor.id:
                assert other.claim.debtor.name not in text
    pages = {item.request.claim.debtor.id: item.pages for item in result.items}
    assert pages["C002"] == pages["C001"] + 1 and pages["C005"] == pages["C001"] + 2
    reader = PdfReader(result.print_pdf)
    starts = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert all(start % 2 == 0 for start in starts)
    annex = " ".join(reader.pages[starts[4] + pages["C005"] - 1].extract_text().split())
    assert "Annexe 2 pour C005" in annex


def test_print_pdf_starts_each_letter_on_an_odd_page_with_a_bookmark(batch, requests):
    result, out, _ = batch
    assert result.print_pdf == out / "print.pdf"
    reader = PdfReader(result.print_pdf)
    outline = reader.outline
    assert len(outline) == len(requests)
    starts = [reader.get_destination_page_number(entry) for entry in outline]
    assert all(start % 2 == 0 for start in starts)  # an even count of pages before each
    assert starts == sorted(starts)
    for entry, req in zip(outline, requests, strict=True):
        assert req.claim.debtor.name in entry.title
    # Each letter's pages, in request order, then a blank page when its count is odd.
    expected = 0
    for n, item in enumerate(result.items):
        assert starts[n] == expected
        expected += item.pages + (item.pages % 2 if n < len(result.items) - 1 else 0)
    assert len(reader.pages) == expected
    first = " ".join(reader.pages[starts[1]].extract_text().split())
    assert requests[1].claim.debtor.name in first
    blank = starts[0] + result.items[0].pages
    if result.items[0].pages % 2:
        assert reader.pages[blank].extract_text().strip() == ""


def test_manifest_lists_every_letter_with_matching_hashes(batch, requests):
    result, out, _ = batch
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [row["debtor_id"] for row in data["letters"]] == [r.claim.debtor.id for r in requests]
    assert data["held"] == [{"debtor": "C099", "name": "", "reason": "disputed in full"}]
    for row, item in zip(data["letters"], result.items, strict=True):
        assert row["template"] == "reminder-1"
        assert row["language"] == "fr" and row["currency"] == "EUR"
        assert row["pages"] == item.pages
        assert row["sha256"]["pdf"] == _sha(out / row["files"]["pdf"]) == item.sha256["pdf"]
        raw = item.raw
        assert row["total"] == str(raw["total"])
        assert float(row["principal"]) + float(row["interest"]) + float(row["fixed"]) == (
            pytest.approx(float(row["total"]))
        )
    with open(out / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    letters = [r for r in rows if r["status"] == "written"]
    assert [r["debtor_id"] for r in letters] == [r.claim.debtor.id for r in requests]
    for row in letters:
        assert row["pdf_sha256"] == _sha(out / row["pdf"])
        assert row["debtor_name"] in {r.claim.debtor.name for r in requests}
    assert [(r["debtor_id"], r["reason"]) for r in rows if r["status"] == "held"] == [
        ("C099", "disputed in full")
    ]


def test_progress_reaches_the_total(batch, requests):
    _, _, seen = batch
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_two_runs_give_the_same_bytes_with_two_workers(batch, requests, tmp_path):
    result, out, _ = batch
    again = render_batch(requests, tmp_path / "again", jobs=2, chunk=5)
    for first, second in zip(result.items, again.items, strict=True):
        assert first.files["pdf"].read_bytes() == second.files["pdf"].read_bytes()
    assert result.print_pdf.read_bytes() == again.print_pdf.read_bytes()
    # The manifest can be written afterwards too, and says the same.
    write_manifest(again, [{"debtor": "C099", "reason": "disputed in full"}], tmp_path / "again")
    assert (tmp_path / "again" / "manifest.json").read_bytes() == (
        out / "manifest.json"
    ).read_bytes()
    assert not list(tmp_path.glob(".again.*"))


def test_an_existing_folder_is_refused_and_left_untouched(requests, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(OutputExists) as caught:
        render_batch(requests[:2], out, jobs=1)
    assert isinstance(caught.value, RelanceError)
    assert "\n" not in str(caught.value)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters"]


def test_replace_swaps_the_new_folder_in(requests, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    (out / "old.txt").write_text("old")
    (out / "manifest.json").write_text("{}")  # an earlier batch
    result = render_batch(requests[:2], out, jobs=1, replace=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(item.files["pdf"].name for item in result.items), "print.pdf"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters"]


def test_replace_never_takes_a_folder_that_is_not_a_batch(requests, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "contract.pdf").write_text("precious")
    with pytest.raises(OutputExists, match="does not hold a batch"):
        render_batch(requests[:1], out, jobs=1, replace=True)
    assert (out / "contract.pdf").read_text() == "precious"


def test_an_empty_existing_folder_is_used(requests, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    render_batch(requests[:1], out, jobs=1)
    assert (out / "print.pdf").is_file()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_template_leaves_nothing(requests, tmp_path, jobs):
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    (user / "fr" / "broken.html").write_text(
        '{% extends "reminder-1.html" %}{% block subject %}'
        '{% if debtor.id == "C007" %}{{ no_such_value }}{% endif %}Rappel{% endblock %}',
        encoding="utf-8",
    )
    broken = [replace(r, template="broken") for r in requests]
    out = tmp_path / "out" / "letters"
    with pytest.raises(RenderFailed) as caught:
        render_batch(broken, out, jobs=jobs, chunk=3, user_dir=user)
    message = str(caught.value)
    assert "\n" not in message
    assert "C007" in message and "broken" in message and "no_such_value" in message
    assert not out.exists()
    assert list((tmp_path / "out").iterdir()) == []


def test_a_missing_template_is_refused_before_any_work(requests, tmp_path):
    missing = [replace(r, template="no-such-letter") for r in requests[:2]]
    with pytest.raises(RenderFailed, match=r"C001.*no-such-letter"):
        render_batch(missing, tmp_path / "letters", jobs=1)
    assert list(tmp_path.iterdir()) == []


def test_same_debtor_twice_gets_two_files(requests, tmp_path):
    twice = [requests[0], requests[1], requests[0]]
    result = render_batch(twice, tmp_path / "letters", jobs=1, chunk=25)
    names = [item.files["pdf"].name for item in result.items]
    assert len(set(names)) == 3
    assert names[2] == names[0].removesuffix(".pdf") + "-eur.pdf"
    assert requests[0].claim.debtor.name in _text(result.items[2].files["pdf"])
    assert len(PdfReader(result.print_pdf).outline) == 3


def test_docx_twins_are_written_and_hashed(requests, tmp_path):
    docx = pytest.importorskip("docx")
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("{{ debtor.name }} doit {{ totals.total }}")
    document.save(user / "fr" / "reminder-1.docx")
    out = tmp_path / "letters"
    result = render_batch(
        requests[:3], out, formats=("pdf", "docx"), jobs=1, user_dir=user, held=[]
    )
    import zipfile

    for item in result.items:
        assert set(item.files) == {"pdf", "docx"}
        path = item.files["docx"]
        assert path.suffix == ".docx" and path.is_file()
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        assert item.request.claim.debtor.name.replace("&", "&amp;") in xml
        assert item.sha256["docx"] == _sha(path)
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["held"] == []
    assert all(set(row["files"]) == {"pdf", "docx"} for row in data["letters"])


def _minimal(user: Path, name: str, language: str, anchor: bool = True) -> None:
    (user / language).mkdir(parents=True, exist_ok=True)
    section = (
        '<section class="letter" id="letter-{{ debtor.id }}">'
        if anchor
        else ('<section class="letter">')
    )
    (user / language / f"{name}.html").write_text(
        section + "<p>{{ debtor.name }} ({{ lang }})</p></section>", encoding="utf-8"
    )


def test_languages_interleaved_keep_the_request_order(requests, tmp_path):
    user = tmp_path / "templates"
    _minimal(user, "mini", "fr")
    _minimal(user, "mini", "en")
    mixed = [
        replace(r, template="mini", language="en" if n % 3 == 1 else "fr")
        for n, r in enumerate(requests)
    ]
    result = render_batch(mixed, tmp_path / "letters", jobs=2, chunk=3, user_dir=user)
    reader = PdfReader(result.print_pdf)
    starts = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert starts == [2 * n for n in range(len(mixed))]
    for start, req in zip(starts, mixed, strict=True):
        text = " ".join(reader.pages[start].extract_text().split())
        assert text == f"{req.claim.debtor.name} ({req.language})"


def test_a_template_without_the_letter_anchor_is_rendered_letter_by_letter(requests, tmp_path):
    user = tmp_path / "templates"
    _minimal(user, "plain", "fr", anchor=False)
    plain = [replace(r, template="plain") for r in requests[:4]]
    result = render_batch(plain, tmp_path / "letters", jobs=1, chunk=4, user_dir=user)
    for item in result.items:
        assert item.pages == 1
        assert _text(item.files["pdf"]) == f"{item.request.claim.debtor.name} (fr)"
    assert len(PdfReader(result.print_pdf).pages) == 7


def test_every_letter_of_a_batch_puts_the_address_in_the_creditors_window(tmp_path):
    """The French creditor's envelopes have their window on the right: its English letters
    (C010, C011) too, at 110 mm from the left edge; a creditor with left-window envelopes
    gets every address at 20 mm, French letters included."""
    from relance_docs.render.context import letter_language

    creditor = load_creditor(SAMPLES / "creditor-fr.yaml")
    ledger = read_ledger(SAMPLES / "ledger-fr.csv", default_currency="EUR", default_country="FR")
    claims = [c for c in debtor_claims(ledger.ledger, creditor, AS_OF) if c.invoices]
    mm = 72 / 25.4
    for window, low, high in (("right", 105, 115), ("left", 15, 25)):
        profile = replace(creditor, address_window=window)
        reqs = [
            DocumentRequest("reminder-1", c, profile, AS_OF, letter_language(c.debtor, profile))
            for c in claims
        ]
        assert {r.language for r in reqs} == {"fr", "en"}
        result = render_batch(reqs, tmp_path / window, jobs=1)
        for item in result.items:
            x = _x_of(item.files["pdf"], item.request.claim.debtor.name)
            assert low * mm < x < high * mm, (window, item.request.claim.debtor.id, x / mm)


def _x_of(path, needle: str) -> float:
    found = []

    def visit(text, cm, tm, font, size):
        if needle in text:
            found.append(tm[4] * cm[0] + cm[4])

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    assert found, needle
    return found[0]
