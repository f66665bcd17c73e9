"""One wording source: every template, rendered for a set of claims, gives the same
paragraphs in its HTML (the PDF's source) and in its DOCX twin; the DOCX opens in
python-docx as Word would, in the letter's language, with the creditor's properties."""

import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal

import docx
import pytest
from lxml import html as lxml_html

from relance_docs.intake import load_creditor, read_ledger
from relance_docs.law.claims import debtor_claims
from relance_docs.model import HistoryEntry
from relance_docs.render.context import LETTER_TEMPLATES, DocumentRequest
from relance_docs.render.documents import docx_info, render_document, render_fragment
from relance_docs.render.docx import html_to_docx, paragraphs_of_docx

from ..conftest import REFERENCE_DATE as REFERENCE
from ..conftest import SAMPLES

AS_OF = date.fromisoformat(REFERENCE)
BLOCKS = {
    "section", "div", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "blockquote",
}  # fmt: skip


def _sample(creditor, ledger, currency, country):
    profile = load_creditor(SAMPLES / creditor)
    read = read_ledger(SAMPLES / ledger, default_currency=currency, default_country=country)
    claims = {c.debtor.id: c for c in debtor_claims(read.ledger, profile, AS_OF)}
    return profile, claims


@pytest.fixture(scope="module")
def samples():
    return {
        "fr": _sample("creditor-fr.yaml", "ledger-fr.csv", "EUR", "FR"),
        "uk": _sample("creditor-uk.yaml", "ledger-uk.xlsx", "GBP", "GB"),
    }


HISTORY = (
    HistoryEntry("reminder", date(2026, 10, 2), step="reminder-1", source="stated"),
    HistoryEntry("reminder", date(2026, 10, 16), step="reminder-2", source="stated"),
)
CALL = {"day": date(2026, 11, 12), "note": "Paiement promis", "amount": Decimal("1000.00"),
        "by": date(2026, 11, 30)}  # fmt: skip


def requests(samples):
    """Every template, in each language it exists in, for debtors that exercise its
    branches (B2B with penalties, a consumer, a public body, a foreign debtor; with and
    without a history)."""
    out = []
    cases = [
        ("fr", "C001", "fr"), ("fr", "C005", "fr"), ("fr", "C006", "fr"),
        ("fr", "C010", "en"), ("uk", "WESS001", "en"), ("uk", "PRIC001", "en"),
    ]  # fmt: skip
    for sample, debtor, language in cases:
        creditor, claims = samples[sample]
        dc = claims[debtor]
        for template in LETTER_TEMPLATES:
            if template == "letter-of-claim" and language == "fr":
                continue  # an English procedure
            claim = replace(dc, invoices=()) if template == "reminder-0" else dc
            if template == "reminder-0" and not dc.not_due:
                continue
            for history in ((), HISTORY):
                out.append(
                    DocumentRequest(
                        template, claim, creditor, AS_OF, language, history=history,
                        call=CALL if template == "call-recap" else None,
                    )
                )  # fmt: skip
    return out


def html_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of the HTML as a reader sees them: the inline content of each block
    element, between its block children; the page footer's lines left out."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    out: list[str] = []

    def block(el) -> None:
        if set((el.get("class") or "").split()) & {"legal1", "legal2"}:
            return
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str) and child.tag in BLOCKS:
                out.append("".join(parts))
                parts = []
                block(child)
            elif isinstance(child.tag, str):
                parts.append(_inline(child))
            parts.append(child.tail or "")
        out.append("".join(parts))

    block(root)
    return [p for p in (_norm(x) for x in out) if p]


def _inline(el) -> str:
    if el.tag == "br":
        return " "
    return (el.text or "") + "".join(
        _inline(c) + (c.tail or "") for c in el if isinstance(c.tag, str)
    )


def _norm(text: str) -> str:
    text = text.replace("\u25a1", " ").replace("•\t", " ")
    text = re.sub(r"_{5,}", " ", text)
    return " ".join(text.split())


def test_every_template_has_the_same_paragraphs_in_html_and_docx(samples):
    checked = 0
    for req in requests(samples):
        fragment, _ = render_fragment(req)
        data = html_to_docx(fragment, docx_info(req))
        expected = html_paragraphs(fragment)
        got = [p for p in (_norm(x) for x in paragraphs_of_docx(data)) if p]
        assert got == expected, (req.template, req.language, req.claim.debtor.id)
        checked += 1
    assert checked >= 90  # 9 templates x 6 debtors x 2 histories, less the ones skipped


def test_the_docx_opens_in_the_letters_language_with_the_creditors_properties(samples):
    creditor, claims = samples["fr"]
    rendered = render_document(
        DocumentRequest("formal-notice", claims["C001"], creditor, AS_OF, "fr"), ("docx",)
    )
    document = docx.Document(io.BytesIO(rendered.files["docx"]))
    props = document.core_properties
    assert props.author == "Ateliers Mécaniques du Rhône SAS"
    assert props.language == "fr-FR"
    assert props.created.date() == AS_OF and props.modified.date() == AS_OF
    assert "python-docx" not in (props.comments or "") and props.created.year != 2013
    with zipfile.ZipFile(io.BytesIO(rendered.files["docx"])) as z:
        styles = z.read("word/styles.xml").decode()
        app = z.read("docProps/app.xml").decode()
    assert 'w:ascii="Arial"' in styles and 'w:lang w:val="fr-FR"' in styles
    assert "<Application>relance-docs</Application>" in app
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "SIREN 336 585 906 RCS Lyon" in footer


def test_an_english_twin_is_british_english(samples):
    creditor, claims = samples["uk"]
    rendered = render_document(
        DocumentRequest("reminder-1", claims["WESS001"], creditor, AS_OF, "en"), ("docx",)
    )
    with zipfile.ZipFile(io.BytesIO(rendered.files["docx"])) as z:
        assert 'w:lang w:val="en-GB"' in z.read("word/styles.xml").decode()


def test_the_same_letter_gives_the_same_docx_bytes(samples):
    creditor, claims = samples["fr"]
    req = DocumentRequest("statement", claims["C002"], creditor, AS_OF, "fr")
    a = render_document(req, ("docx",)).files["docx"]
    b = render_document(req, ("docx",)).files["docx"]
    assert a == b


def test_every_word_of_the_docx_is_in_the_pdf(samples):
    """The DOCX says nothing the PDF does not (one language each, every template)."""
    from pypdf import PdfReader

    for sample, debtor, language in (("fr", "C001", "fr"), ("uk", "PRIC001", "en")):
        creditor, claims = samples[sample]
        for template in LETTER_TEMPLATES:
            if (template == "letter-of-claim" and language == "fr") or template == "reminder-0":
                continue
            req = DocumentRequest(template, claims[debtor], creditor, AS_OF, language)
            files = render_document(req, ("pdf", "docx")).files
            pdf = PdfReader(io.BytesIO(files["pdf"]))
            pdf_words = set(_words(" ".join(p.extract_text() for p in pdf.pages)))
            docx_words = set(_words(" ".join(paragraphs_of_docx(files["docx"]))))
            assert docx_words - pdf_words == set(), (template, language)


def _words(text: str) -> list[str]:
    # Lower case: the PDF prints some lines in capitals (text-transform), the DOCX too
    # (small caps), from the same text.
    # Blanks to fill in by hand are underscores in the DOCX, lines in the PDF.
    text = re.sub(r"_{5,}", " ", text.replace("\u202f", " ").replace("\xa0", " "))
    return re.findall(r"\w+", text.lower())
