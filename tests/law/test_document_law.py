"""What the rules layer hands to a document (relance_docs/law/documents.py, the ``law`` key
of the document context): every legal number a letter quotes, read from the packs."""

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.errors import RelanceError
from relance_docs.intake.creditor import load_creditor
from relance_docs.law.claims import debtor_claims
from relance_docs.model import Invoice, Ledger, Party, PartyKind
from relance_docs.render.context import DocumentRequest, build_context

FR = load_creditor("samples/creditor-fr.yaml")
UK = load_creditor("samples/creditor-uk.yaml")


def claim(creditor, kind, country, amount="1200.00", currency="EUR", due=date(2026, 8, 31)):
    party = Party(id="D1", name="Jane Smith", kind=kind, country=country, subdivision=None)
    inv = Invoice(
        number="F1", debtor_id="D1", issue_date=due.replace(day=1), due_date=due,
        amount=Decimal(amount), currency=currency,
    )  # fmt: skip
    ledger = Ledger(debtors=(party,), invoices=(inv,))
    (dc,) = debtor_claims(ledger, creditor, date(2026, 11, 16))
    return dc


def context(creditor, dc, template, language="en"):
    request = DocumentRequest(template, dc, creditor, date(2026, 11, 16), language)
    return build_context(request)


def test_a_french_notice_quotes_the_packs():
    ctx = context(FR, claim(FR, PartyKind.COMPANY, "FR"), "formal-notice", "fr")
    law = ctx["law"]
    # rules/FR letters.periods.formal_notice_payment (8 jours)
    assert law["pay_days"] == ctx["deadline"]["days"] == 8
    assert law["l441_margin"] == "10"  # ECB + 10 points, C. com. L441-10 II
    assert law["fixed_indemnity"] == "40,00\u00a0€"  # D441-5
    assert law["lawyer_threshold"].startswith("10\u202f000,00")  # CPC 760-761, 853


def test_a_second_reminder_gives_ten_days():
    ctx = context(FR, claim(FR, PartyKind.COMPANY, "FR"), "reminder-2", "fr")
    # rules/FR letters.periods.second_reminder_payment (10 jours)
    assert ctx["deadline"]["days"] == 10


def test_a_uk_consumer_letter_says_which_interest_applies():
    ctx = context(UK, claim(UK, PartyKind.CONSUMER, "GB", currency="GBP"), "letter-of-claim")
    law = ctx["law"]
    assert "applies only between businesses" in law["interest_statement"]
    assert "s.69" in law["interest_statement"]
    assert law["interest_continues"] is False  # no "interest continues", no "£0.00 a day"
    assert ctx["reply"]["days"] == law["reply_days"] == 30  # Pre-Action Protocol
    # Letter dated Mon 16 Nov 2026: day 30 is Wed 16 Dec; proceedings from Thu 17 Dec.
    assert ctx["reply"]["date"] == "16 December 2026"
    assert ctx["reply"]["earliest_action"] == "17 December 2026"


def test_a_uk_business_notice_gives_the_practice_direction_period():
    ctx = context(UK, claim(UK, PartyKind.COMPANY, "GB", currency="GBP"), "formal-notice")
    assert ctx["deadline"]["days"] == 14  # PD Pre-Action Conduct, rules/GB
    assert ctx["law"]["interest_continues"] is True
    assert ctx["law"]["interest_statement"] is None


def test_a_usd_invoice_keeps_its_40_eur_apart():
    ctx = context(FR, claim(FR, PartyKind.COMPANY, "FR", currency="USD"), "formal-notice", "fr")
    assert ctx["law"]["fixed_apart"] == "40,00\u00a0€"
    # Shown in euros, never "0,00 $US"; the USD total does not include it.
    assert ctx["totals"]["fixed"] == ctx["penalties"]["fixed"] == "40,00\u00a0€"
    # 1200 x 12.15 % x 77/365 = 30.756164 -> 30.76 (1 Sep..16 Nov 2026); 1200 + 30.76
    assert ctx["raw"]["total"] == "1230.76"
    assert ctx["invoices"][0]["fixed"] == "40,00\u00a0€"
    # The statement's balance is in USD only: no EUR row is added to it.
    assert all("Indemnité" not in row["label"] for row in ctx["statement"]["rows"])


def test_a_time_barred_debt_gets_no_formal_notice_but_a_statement():
    dc = claim(FR, PartyKind.CONSUMER, "FR", due=date(2024, 3, 15))  # L218-2: 2 years
    with pytest.raises(RelanceError, match="time-barred since 2026-03-16"):
        context(FR, dc, "formal-notice", "fr")
    assert context(FR, dc, "statement", "fr")["law"]["time_barred"] is True


# ---- the same facts in the rendered documents (their text, not only their context) ----


def _text(creditor, dc, template, language):
    import io
    import re

    from pypdf import PdfReader

    from relance_docs.render.documents import render_document

    request = DocumentRequest(template, dc, creditor, date(2026, 11, 16), language)
    pdf = PdfReader(io.BytesIO(render_document(request).files["pdf"]))
    text = " ".join(page.extract_text() for page in pdf.pages)
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", text).split())


def test_a_usd_notice_states_the_40_eur_apart_from_its_total():
    dc = claim(FR, PartyKind.COMPANY, "FR", currency="USD")
    text = _text(FR, dc, "formal-notice", "fr")
    # 1200.00 + 30.76 (1200 x 12.15 % x 77/365) = 1230.76 USD; the 40 EUR of D441-5 apart
    assert "1 230,76 $US" in text
    assert "(en euros, hors total)" in text
    assert "s'ajoute à ce total : 40,00 €" in text


def test_a_uk_consumer_letter_of_claim_says_which_interest_applies_and_no_daily_rate():
    dc = claim(UK, PartyKind.CONSUMER, "GB", currency="GBP")
    text = _text(UK, dc, "letter-of-claim", "en")
    assert "s.69" in text and "applies only between businesses" in text
    assert "a day" not in text  # no daily rate (the statement may show £0.00 of credits)
    assert "continuing to be added" not in text and "continues to accrue" not in text
