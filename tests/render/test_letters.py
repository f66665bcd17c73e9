"""Documents checked by their content: the PDF's text (pypdf), the DOCX's text, where the
address sits, what is never printed, and that the same inputs give the same bytes."""

import html
import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from relance_docs.intake import load_creditor, read_ledger
from relance_docs.law.claims import debtor_claims
from relance_docs.render.context import DocumentRequest, build_context
from relance_docs.render.documents import render_document
from relance_docs.render.pdf import SafeFetcher, render_pdf
from relance_docs.resources import templates_dir

from ..conftest import REFERENCE_DATE as REFERENCE
from ..conftest import SAMPLES

REFERENCE_DATE = date.fromisoformat(REFERENCE)

MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def fr():
    creditor = load_creditor(SAMPLES / "creditor-fr.yaml")
    ledger = read_ledger(SAMPLES / "ledger-fr.csv", default_currency="EUR", default_country="FR")
    claims = {c.debtor.id: c for c in debtor_claims(ledger.ledger, creditor, REFERENCE_DATE)}
    return creditor, claims


@pytest.fixture(scope="module")
def uk():
    creditor = load_creditor(SAMPLES / "creditor-uk.yaml")
    ledger = read_ledger(SAMPLES / "ledger-uk.xlsx", default_currency="GBP", default_country="GB")
    claims = {c.debtor.id: c for c in debtor_claims(ledger.ledger, creditor, REFERENCE_DATE)}
    return creditor, claims


def request(sample, debtor, template, language=None):
    creditor, claims = sample
    return DocumentRequest(
        template, claims[debtor], creditor, REFERENCE_DATE, language or creditor.language
    )


def text_of(pdf: bytes) -> str:
    """The PDF's text with no-break spaces as plain spaces, lines joined."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\u00a0\u202f]", " ", text)


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"[\u00a0\u202f]", " ", re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n")))


class TestReminder:
    def test_the_debtor_its_invoices_and_the_exact_amounts(self, fr):
        pdf = render_document(request(fr, "C001", "reminder-1")).files["pdf"]
        text = text_of(pdf)
        assert "Dupont & Fils SARL" in text
        assert "À l'attention de M. Bernard Dupont" in text
        assert "42000 SAINT-ÉTIENNE" in text
        # FA-2026-0067: 2 220,00 less the credit note AV-2026-0012 (240,00) = 1 980,00;
        # FA-2026-0117: 1 480,20; total 3 460,20 (samples/README.md).
        for figure in ("FA-2026-0067", "FA-2026-0117", "1 980,00 €", "1 480,20 €", "3 460,20 €"):
            assert figure in text
        assert "FA-2026-0178" not in text  # not yet due
        assert "Lyon, le 16 novembre 2026" in text
        assert "Madame, Monsieur" not in text and "Monsieur," in text  # M. Bernard Dupont
        # The creditor's legal mentions in the footer.
        assert "SIREN 336 585 906 RCS Lyon" in text
        assert "IBAN FR76 3000 4008 2500 0104 8271 917" in text

    def test_a_disputed_invoice_is_never_in_a_reminder(self, fr):
        text = text_of(render_document(request(fr, "C009", "reminder-1")).files["pdf"])
        assert "Fonderie Hoffmann SA" in text
        assert "FA-2026-0063" not in text

    def test_the_address_sits_in_the_right_hand_window_of_a_french_envelope(self, fr):
        pdf = render_document(request(fr, "C001", "reminder-1")).files["pdf"]
        x, y = _position(pdf, "Dupont & Fils SARL")
        # DL window on the right: about 100-210 mm from the left edge, 45-90 mm from the top.
        assert 100 * MM < x < 120 * MM
        assert 45 * MM < 297 * MM - y < 90 * MM

    def test_two_renders_give_identical_bytes(self, fr):
        a = render_document(request(fr, "C002", "reminder-1")).files["pdf"]
        b = render_document(request(fr, "C002", "reminder-1")).files["pdf"]
        assert a == b


def _position(pdf: bytes, needle: str) -> tuple[float, float]:
    found = []

    def visit(text, cm, tm, font, size):
        if needle in text:
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert found, f"{needle!r} not found on page 1"
    return found[0]


class TestHostileNames:
    def test_markup_and_template_syntax_in_a_name_are_printed_literally(self, fr):
        creditor, claims = fr
        hostile = '<img src="file:///etc/passwd"> {{ 7*7 }} & Cie'
        dc = claims["C001"]
        dc = replace(dc, debtor=replace(dc.debtor, name=hostile))
        rendered = render_document(
            DocumentRequest("reminder-1", dc, creditor, REFERENCE_DATE, "fr")
        )
        text = text_of(rendered.files["pdf"])
        assert '<img src="file:///etc/passwd"> {{ 7*7 }} & Cie' in text
        assert rendered.refused_urls == ()  # escaped: no image element, nothing to fetch

    def test_the_fetcher_reads_nothing_outside_the_template_folders(self, tmp_path, monkeypatch):
        # Any attempt to open a connection fails the test: the refusal must come first.
        # The URL's host is in the reserved .invalid domain (RFC 6761): it never resolves.
        import socket

        def no_network(*args, **kwargs):
            raise AssertionError(f"a connection was attempted: {args!r}")

        monkeypatch.setattr(socket, "create_connection", no_network)
        monkeypatch.setattr(socket.socket, "connect", no_network)
        secret = tmp_path / "secret.png"
        secret.write_bytes(b"not an image")
        fetcher = SafeFetcher((templates_dir(),))
        html = (
            f'<p>x</p><img src="{secret.as_uri()}"><img src="file:///etc/passwd">'
            '<img src="http://relance.invalid/x.png">'
        )
        render_pdf(
            html,
            base_dir=templates_dir(),
            roots=(templates_dir(),),
            stylesheets=(templates_dir() / "print.css",),
            as_of=REFERENCE_DATE,
            fetcher=fetcher,
        )
        assert secret.as_uri() in fetcher.refused
        assert "file:///etc/passwd" in fetcher.refused
        assert "http://relance.invalid/x.png" in fetcher.refused


class TestContext:
    def test_the_statement_adds_up(self, fr):
        creditor, claims = fr
        for dc in claims.values():
            if not dc.invoices:
                continue
            ctx = build_context(DocumentRequest("statement", dc, creditor, REFERENCE_DATE, "fr"))
            rows = ctx["statement"]["rows"]
            debit = sum(_amount(r["debit"]) for r in rows)
            credit = sum(_amount(r["credit"]) for r in rows)
            # The statement is the debtor's books: its balance is the principal outstanding.
            assert (
                debit - credit
                == _amount(ctx["statement"]["balance"])
                == _amount(ctx["totals"]["principal"])
            )
            assert _amount(rows[-1]["balance"]) == _amount(ctx["statement"]["balance"])
            # The charges (penalties, indemnities) come under it; together, the claim.
            charges = sum(_amount(r["amount"]) for r in ctx["charges"]["rows"])
            assert charges == _amount(ctx["charges"]["total"])
            assert debit - credit + charges == _amount(ctx["totals"]["total"])
            assert _amount(ctx["charges"]["grand_total"]) == _amount(ctx["totals"]["total"])

    def test_the_statement_lists_only_what_the_debtors_books_hold(self, fr):
        creditor, claims = fr
        ctx = build_context(
            DocumentRequest("statement", claims["C001"], creditor, REFERENCE_DATE, "fr")
        )
        labels = [r["label"] for r in ctx["statement"]["rows"]]
        # FA-2026-0067, FA-2026-0117, and the credit note AV-2026-0012, which names no
        # invoice in the ledger: set by the tool against the oldest, and said so.
        assert labels == [
            "Facture FA-2026-0067 (échéance 31/08/2026)",
            "Facture FA-2026-0117 (échéance 30/09/2026)",
            "Avoir AV-2026-0012 (ne désigne pas de facture : imputé par nos soins sur "
            "FA-2026-0067)",
        ]
        assert not any("Pénalités" in label or "Indemnité" in label for label in labels)
        # 2 220,00 + 1 480,20 - 240,00 = 3 460,20
        assert ctx["statement"]["balance"].replace("\u202f", " ") == "3 460,20\xa0€"
        invoice = ctx["invoices"][0]
        assert invoice["credited"] == "240,00\xa0€" and invoice["paid"] == ""

    def test_the_formal_notice_deadline_runs_from_receipt(self, fr):
        creditor, claims = fr
        ctx = build_context(
            DocumentRequest("formal-notice", claims["C001"], creditor, REFERENCE_DATE, "fr")
        )
        # Posted Mon 16 Nov 2026; the earliest receipt is Tue 17 Nov (the next day the post
        # delivers); + 8 days (rules/FR/pack.yaml, letters.periods) = Wed 25 Nov 2026, a
        # working day (CPC 641, 642).
        deadline = ctx["deadline"]
        assert (deadline["days"], deadline["date"], deadline["iso"]) == (
            8, "25 novembre 2026", "2026-11-25",
        )  # fmt: skip
        assert deadline["from_receipt"] and deadline["receipt"] == "17 novembre 2026"
        assert ctx["totals"]["total"].replace("\u202f", " ").replace("\u00a0", " ") == "3 614,43 €"
        assert ctx["totals"]["total_words"] == (
            "trois mille six cent quatorze euros et quarante-trois centimes"
        )

    def test_a_saturday_letter_is_received_on_monday_at_the_earliest(self, fr):
        creditor, claims = fr
        ctx = build_context(
            DocumentRequest("formal-notice", claims["C001"], creditor, date(2026, 11, 21), "fr")
        )
        # Sat 21 Nov 2026: no delivery on Sunday 22, so receipt Mon 23 Nov; + 8 days =
        # Tue 1 Dec 2026.
        assert ctx["deadline"]["receipt"] == "23 novembre 2026"
        assert ctx["deadline"]["date"] == "1er décembre 2026"

    def test_english_letters_for_an_english_speaking_debtor_of_a_french_creditor(self, fr):
        creditor, claims = fr
        ctx = build_context(
            DocumentRequest("reminder-1", claims["C010"], creditor, REFERENCE_DATE, "en")
        )
        assert ctx["letter"]["date"] == "16 November 2026"
        assert ctx["debtor"]["address_lines"][-1] == "GERMANY"
        assert ctx["totals"]["principal"] == "€9,130.00"

    def test_uk_salutations(self, uk):
        creditor, claims = uk
        ctx = build_context(
            DocumentRequest("reminder-1", claims["WESS001"], creditor, REFERENCE_DATE, "en")
        )
        assert ctx["debtor"]["closing"] in {"Yours sincerely", "Yours faithfully"}
        assert ctx["letter"]["date"] == "16 November 2026"


def _amount(text: str) -> Decimal:
    if not text:
        return Decimal(0)
    digits = re.sub(r"[^\d,.-]", "", text).replace(".", "").replace(",", ".")
    return Decimal(digits)


def test_an_unknown_template_is_one_clear_error(fr):
    from relance_docs.render.env import TemplateMissing

    with pytest.raises(TemplateMissing, match=r"no template 'nope\.html'"):
        render_document(request(fr, "C001", "nope"))


def test_the_letter_date_is_the_as_of_date_not_the_clock(fr):
    creditor, claims = fr
    ctx = build_context(
        DocumentRequest("reminder-1", claims["C001"], creditor, date(2026, 12, 1), "fr")
    )
    assert ctx["letter"]["date"] == "1er décembre 2026"


class TestFormalNotice:
    def test_b2b_formal_notice(self, fr):
        text = text_of(render_document(request(fr, "C001", "formal-notice")).files["pdf"])
        assert "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION" in text.upper()
        assert "Mise en demeure de payer" in text
        assert "article 1344 du Code civil" in text
        # Penalties: 2,96 + 48,11 + 23,16 = 74,23 at 12,15 % (ECB 2,15 + 10, L441-10);
        # indemnity 2 x 40,00 (D441-5); total 3 460,20 + 74,23 + 80,00 = 3 614,43.
        for figure in ("12,15 %", "74,23 €", "80,00 €", "3 614,43 €", "L441-10", "D441-5"):
            assert figure in text, figure
        assert "trois mille six cent quatorze euros et quarante-trois centimes" in " ".join(
            text.split()
        )
        # Earliest receipt Tue 17 Nov 2026 + 8 days (CPC 641): Wed 25 Nov 2026, labelled.
        assert "à compter de la réception de la présente lettre" in " ".join(text.split())
        assert (
            "soit, pour une réception le 17 novembre 2026 (au plus tôt), au plus tard le "
            "25 novembre 2026" in " ".join(text.split())
        )
        # The statement annex ends on the same balance.
        assert "Annexe" in text and text.count("3 614,43 €") >= 3

    def test_consumer_formal_notice_has_no_penalties_or_indemnity(self, fr):
        text = " ".join(
            text_of(render_document(request(fr, "C005", "formal-notice")).files["pdf"]).split()
        )
        assert "Madame," in text  # Mme Hélène Fabre
        assert "156,00 €" in text
        assert "D441-5" not in text and "indemnité forfaitaire" not in text.lower()
        assert "1231-6" in text  # legal interest runs from the notice (C. civ. 1231-6, 1344-1)

    def test_a_disputed_invoice_stays_out_of_the_formal_notice(self, fr):
        text = text_of(render_document(request(fr, "C009", "formal-notice")).files["pdf"])
        assert "FA-2026-0063" not in text


class TestEnglish:
    def test_letter_of_claim(self, uk):
        pdf = render_document(request(uk, "PRIC001", "letter-of-claim", "en")).files["pdf"]
        text = " ".join(text_of(pdf).split())
        assert "Dear Mrs Price" in text
        assert "£1,890.00" in text
        # 30 days from the date of the letter, Mon 16 Nov 2026: Wed 16 Dec 2026.
        assert "16 December 2026" in text
        for annex in ("Information Sheet", "Reply Form", "Financial Statement"):
            assert annex in text
        # The British window is on the left.
        x, _ = _position(pdf, "Mrs Eleanor Price")
        assert x < 40 * MM

    def test_english_letter_of_a_french_creditor(self, fr):
        text = " ".join(
            text_of(
                render_document(request(fr, "C010", "formal-notice", "en")).files["pdf"]
            ).split()
        )
        assert "Schäfer Antriebstechnik GmbH" in text and "GERMANY" in text
        assert "Article L441-10" in text and "€9,825.53" in text
        assert "1344" in text


def test_every_template_has_its_docx_twin_and_renders_in_both_languages(fr, uk):
    from relance_docs.render.context import LETTER_TEMPLATES

    for sample, debtor, language in ((fr, "C001", "fr"), (uk, "WESS001", "en")):
        for template in LETTER_TEMPLATES:
            if template == "letter-of-claim" and language == "fr":
                continue  # an English procedure
            if template == "reminder-0":
                continue  # needs invoices not yet due: see the next test
            rendered = render_document(
                request(sample, debtor, template, language), ("pdf", "docx")
            )
            name = sample[1][debtor].debtor.name
            assert name in text_of(rendered.files["pdf"]), template
            assert name in html.unescape(docx_text(rendered.files["docx"])), template


def test_courtesy_reminder_lists_the_invoices_not_yet_due(fr):
    creditor, claims = fr
    dc = claims["C001"]
    dc = replace(dc, invoices=())  # as if nothing were late yet
    rendered = render_document(
        DocumentRequest("reminder-0", dc, creditor, REFERENCE_DATE, "fr"), ("pdf", "docx")
    )
    text = text_of(rendered.files["pdf"])
    assert "FA-2026-0178" in text and "30/11/2026" in text and "870,00 €" in text
    assert "FA-2026-0067" not in text
    assert "FA-2026-0178" in docx_text(rendered.files["docx"])
